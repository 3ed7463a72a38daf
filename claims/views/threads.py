"""The thread pages: the list of threads (filters in the URL) and one thread: its proposition,
sides, chart of statements by outlet and side, statements and links.

Editors' actions on the thread page (confirm or reject a link, move, merge, split) go to the
REST API (/api/v1/) from static/js/thread.js, with the session and its CSRF token; the API's
permissions and the thread-editing services refuse analysts (403)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from actors.models import Actor

from ..charts.outlets import outlet_chart
from ..models import Claim
from ..selectors.thread_pages import thread_list_page, thread_page, thread_query
from ..selectors.threads import SIDES

LIST_SIZE = 50


class ThreadListView(RoleRequiredMixin, TemplateView):
    template_name = "claims/thread_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = thread_query(self.request.GET)
        actor = Actor.objects.filter(pk=query.actor).first() if query.actor else None
        after = self.request.GET.get("after", "")
        page = thread_list_page(filters=query.filters, after=after, limit=LIST_SIZE)
        next_query = urlencode([*query.as_query(), ("after", page.next_cursor)]) if page.next_cursor else None
        context.update(
            query=query,
            actor=actor,
            threads=page.threads,
            next_query=next_query,
            first_page=not after,
            kinds=Claim.Kind.choices,
            sides=SIDES,
        )
        return context


class ThreadDetailView(RoleRequiredMixin, TemplateView):
    template_name = "claims/thread.html"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        page = thread_page(thread_id=kwargs["pk"])
        if page is None:
            raise Http404("No such thread.")
        # A merged thread's address keeps working: it leads to the thread that took its statements.
        if page.thread.merged_into_id is not None:
            return redirect("thread-detail", pk=page.thread.merged_into_id)
        self.page = page
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, thread=self.page.thread, chart=outlet_chart(self.page.members))
        return context
