"""One actor's page: what it said, who attacked it, statements per month."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin

from ..charts.months import month_bars
from ..models import Claim
from ..selectors.actor_page import actor_page


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
