"""Editor pages for actors: add an alias, set the affiliation, merge a duplicate; admins undo merges.

Plain forms posting to small views that call the services and redirect back with a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role, can_administer
from claims.services.actor_merging import actor_merge, actor_merge_undo
from claimtrack.errors import EditError

from .editing import actor_set_affiliation, alias_add
from .lookup import find_actor
from .models import Actor, ActorMerge


def _messages_from(request: HttpRequest, exc: EditError) -> None:
    for field_messages in exc.field_errors.values():
        for message in field_messages:
            messages.error(request, message)


class ActorEditView(RoleRequiredMixin, TemplateView):
    required_role = Role.EDITOR
    template_name = "actors/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = get_object_or_404(Actor.objects.select_related("affiliation", "merged_into"), pk=kwargs["pk"])
        merges = (
            ActorMerge.objects.filter(source=actor) | ActorMerge.objects.filter(into=actor)
        ).select_related("source", "into", "merged_by", "undone_by")
        context.update(
            actor=actor,
            aliases=list(actor.aliases.order_by("alias")),
            merges=list(merges.order_by("-merged_at", "-id")),
            can_undo=can_administer(self.request.user),
        )
        return context


class _ActorPost(RoleRequiredMixin, View):
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        actor = get_object_or_404(Actor, pk=pk)
        try:
            target = self.act(request, actor)
        except PermissionDenied:
            raise
        except EditError as exc:
            _messages_from(request, exc)
            target = actor
        return redirect("actor-edit", pk=target.pk)

    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        raise NotImplementedError


class AliasAddView(_ActorPost):
    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        alias = alias_add(user=request.user, actor=actor, alias=request.POST.get("alias", ""))
        messages.success(request, f"“{alias.alias}” now names {alias.actor.name}.")
        return alias.actor


class AffiliationSetView(_ActorPost):
    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        text = request.POST.get("affiliation", "")
        affiliation = find_actor(text)
        if text.strip() and affiliation is None:
            raise EditError({"affiliation": [f"No actor is known as “{text.strip()}”."]})
        actor = actor_set_affiliation(user=request.user, actor=actor, affiliation=affiliation)
        messages.success(
            request,
            f"{actor.name} now speaks for {affiliation.name}."
            if affiliation
            else f"{actor.name} has no affiliation now.",
        )
        return actor


class MergeView(_ActorPost):
    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        text = request.POST.get("into", "")
        into = find_actor(text)
        if into is None:
            raise EditError({"into": [f"No actor is known as “{text.strip()}”."]})
        merge = actor_merge(user=request.user, source=actor, into=into)
        messages.success(request, f"{actor.name} was merged into {merge.into.name}.")
        return merge.into


class MergeUndoView(RoleRequiredMixin, View):
    # Editors reach the view; the service lets only admins through (403 otherwise).
    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        merge = get_object_or_404(ActorMerge, pk=pk)
        try:
            actor_merge_undo(user=request.user, merge=merge)
        except PermissionDenied:
            raise
        except EditError as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, f"The merge of {merge.source.name} into {merge.into.name} was undone.")
        return HttpResponseRedirect(reverse("actor-edit", kwargs={"pk": merge.source_id}))
