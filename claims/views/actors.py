"""One actor's page (what it said, who attacked it, statements per month) and the actor edit
page's merge forms: a merge moves the actor's statements, so it is a claims write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role
from actors.lookup import find_actor, unknown_actor_message
from actors.models import Actor, ActorMerge
from actors.views import ActorFormView, messages_from
from claimtrack.errors import EditError

from ..charts.months import month_bars
from ..models import Claim
from ..selectors.actor_page import actor_page
from ..selectors.thread_pages import actor_thread_rows
from ..services.actor_merging import actor_merge, actor_merge_undo


class ActorDetailView(RoleRequiredMixin, TemplateView):
    template_name = "actors/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = actor_page(actor_id=kwargs["pk"])
        if page is None:
            raise Http404("No such actor.")
        said = [
            (label, page.said[kind], page.said_counts.get(kind, 0), kind)
            for kind, label in Claim.Kind.choices
        ]
        context.update(
            page=page,
            actor=page.actor,
            said=said,
            bars=month_bars(page.months),
            threads=actor_thread_rows(actor=page.actor, voices=page.voices),
        )
        return context


class ActorMergeView(ActorFormView):
    """Merge the actor into the one typed (a name, an alias or an id)."""

    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        text = request.POST.get("into", "")
        into = find_actor(text)
        if into is None:
            raise EditError({"into": [unknown_actor_message(text)]})
        merge = actor_merge(user=request.user, source=actor, into=into)
        messages.success(request, f"{actor.name} was merged into {merge.into.name}.")
        return merge.into


class ActorMergeUndoView(RoleRequiredMixin, View):
    # Editors reach the view; the service lets only admins through (403 otherwise).
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        merge = get_object_or_404(ActorMerge, pk=pk)
        try:
            actor_merge_undo(user=request.user, merge=merge)
        except PermissionDenied:
            raise
        except EditError as exc:
            messages_from(request, exc)
        else:
            messages.success(request, f"The merge of {merge.source.name} into {merge.into.name} was undone.")
        return HttpResponseRedirect(reverse("actor-edit", kwargs={"pk": merge.source_id}))
