"""The actor list with search, and the actor edit page with its alias and affiliation forms.

One actor's page, with its statements, and the merge forms (a merge rewrites claims) are in
claims.views.actors. The forms post to small views that call a service and redirect back to
the edit page with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from accounts.roles import Role, can_administer
from claimtrack.errors import EditError

from .editing import actor_set_affiliation, alias_add
from .lookup import find_actor, unknown_actor_message
from .models import Actor, ActorMerge
from .selectors import actor_list


class ActorListView(RoleRequiredMixin, TemplateView):
    template_name = "actors/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "")[:200]
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in Actor.Kind.values else ""
        context.update(
            actors=actor_list(search=search, kind=kind), search=search, kind=kind, kinds=Actor.Kind.choices
        )
        return context


def messages_from(request: HttpRequest, exc: EditError) -> None:
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


class ActorFormView(RoleRequiredMixin, View):
    """A form of the actor edit page: editors only; a refusal becomes messages on that page."""

    required_role = Role.EDITOR

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        actor = get_object_or_404(Actor, pk=pk)
        try:
            target = self.act(request, actor)
        except PermissionDenied:
            raise
        except EditError as exc:
            messages_from(request, exc)
            target = actor
        return redirect("actor-edit", pk=target.pk)

    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        raise NotImplementedError


class AliasAddView(ActorFormView):
    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        alias = alias_add(user=request.user, actor=actor, alias=request.POST.get("alias", ""))
        messages.success(request, f"“{alias.alias}” now names {alias.actor.name}.")
        return alias.actor


class AffiliationSetView(ActorFormView):
    def act(self, request: HttpRequest, actor: Actor) -> Actor:
        text = request.POST.get("affiliation", "")
        affiliation = find_actor(text)
        if text.strip() and affiliation is None:
            raise EditError({"affiliation": [unknown_actor_message(text)]})
        actor = actor_set_affiliation(user=request.user, actor=actor, affiliation=affiliation)
        messages.success(
            request,
            f"{actor.name} now speaks for {affiliation.name}."
            if affiliation
            else f"{actor.name} has no affiliation now.",
        )
        return actor
