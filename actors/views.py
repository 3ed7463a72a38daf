"""The actor list with search (one actor's page, with its statements, is claims.views.actors)."""

from __future__ import annotations

from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin

from .models import Actor
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
