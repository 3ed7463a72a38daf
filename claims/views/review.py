"""The review queue, the extractor quality view, and the queue's confirm/reject form."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role
from actors.lookup import find_actor
from articles.models import Article
from claimtrack.errors import EditError, VersionConflict
from history.selectors import latest_change

from ..models import Claim, ReviewStatus
from ..selectors.review import ReviewCursor, ReviewFilters, extractor_quality, review_counts, review_queue
from ..services.editing import claim_confirm, claim_reject


def _int_param(value: str) -> int | None:
    return int(value) if value.isdigit() else None


class ReviewQueueView(RoleRequiredMixin, TemplateView):
    required_role = Role.EDITOR
    template_name = "claims/review_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        kind = get.get("kind", "")
        # The actor may be typed as a name or alias as well as an id.
        actor = find_actor(get.get("actor", "")[:300])
        filters = ReviewFilters(
            article=_int_param(get.get("article", "")),
            actor=actor.pk if actor else None,
            kind=kind if kind in Claim.Kind.values else "",
        )
        page = review_queue(filters=filters, after=ReviewCursor.decode(get.get("after", "")))
        counts = review_counts(filters=filters)
        keep = [
            (k, v)
            for k, v in (("article", filters.article), ("actor", filters.actor), ("kind", filters.kind))
            if v
        ]
        context.update(
            page=page,
            filters=filters,
            counts=[(label, counts[value], value) for value, label in ReviewStatus.choices],
            kinds=Claim.Kind.choices,
            article=Article.objects.filter(pk=filters.article).only("id", "title").first()
            if filters.article
            else None,
            actor=actor,
            actor_query=get.get("actor", "")[:300],
            next_query=urlencode([*keep, ("after", page.next_cursor)]) if page.next_cursor else "",
            here=self.request.get_full_path(),
        )
        return context


class ExtractorQualityView(RoleRequiredMixin, TemplateView):
    required_role = Role.EDITOR
    template_name = "claims/review_quality.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = extractor_quality()
        return context


class ReviewDecideView(RoleRequiredMixin, View):
    """Confirm or reject one statement from the queue (a plain form: the queue works without script)."""

    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        claim = get_object_or_404(Claim, pk=pk)
        action = request.POST.get("action")
        service = {"confirm": claim_confirm, "reject": claim_reject}.get(action)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("review-queue")
        if service is None:
            messages.error(request, "Choose confirm or reject.")
            return HttpResponseRedirect(back)
        try:
            service(user=request.user, claim=claim, expected_version=request.POST.get("version"))
        except PermissionDenied:
            raise
        except VersionConflict as exc:
            change = latest_change(obj=exc.current)
            who = change.user.get_username() if change and change.user else "someone"
            messages.error(
                request,
                f"Not saved: {who} changed statement {pk} since you loaded the queue "
                f"(it is now {exc.current.get_review_status_display().lower()}). Look again before deciding.",
            )
        except EditError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Statement {pk} {'confirmed' if action == 'confirm' else 'rejected'}.")
        return HttpResponseRedirect(back)
