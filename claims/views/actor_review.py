"""The actor review queue (editors): confirm, reject, or merge into an existing actor the actors
the extractor proposed. Merging moves statements, hence a claims page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role
from actors.editing import actor_review
from actors.lookup import find_actor, unknown_actor_message
from actors.models import Actor
from claimtrack.errors import EditError

from ..selectors.actor_review import actor_review_queue
from ..services.actor_merging import actor_merge


class ActorReviewQueueView(RoleRequiredMixin, TemplateView):
    required_role = Role.EDITOR
    template_name = "claims/actor_review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        after = self.request.GET.get("after", "")
        context["page"] = actor_review_queue(after=int(after) if after.isdigit() else None)
        return context


class ActorReviewDecideView(RoleRequiredMixin, View):
    """One answer from the queue (a plain form): confirm, reject, or merge into the actor typed."""

    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        actor = get_object_or_404(Actor, pk=pk)
        decision = request.POST.get("decision", "")
        try:
            if decision == "merge":
                text = request.POST.get("into", "")[:300]
                into = find_actor(text)
                if into is None:
                    raise EditError({"into": [unknown_actor_message(text)]})
                merge = actor_merge(user=request.user, source=actor, into=into)
                messages.success(request, f"{actor.name} was merged into {merge.into.name}.")
            else:
                actor_review(user=request.user, actor=actor, decision=decision)
                messages.success(
                    request, f"{actor.name} {'confirmed' if decision == 'confirm' else 'rejected'}."
                )
        except EditError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("actor-review"))
