"""Actor pages: the list with search, and one actor's statements."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from claims.models import Claim

from .charts import month_bars
from .models import Actor
from .selectors import actor_list, actor_page


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
        context.update(page=page, actor=page.actor, said=said, bars=month_bars(page.months))
        return context
