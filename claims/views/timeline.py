"""The timeline page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin
from actors.lookup import find_actor

from ..charts.lanes import lane_chart
from ..models import Claim, ReviewStatus
from ..selectors.timeline import ACTOR_ROLES, TimelineCursor, TimelineFilters, claim_timeline


class TimelineView(RoleRequiredMixin, TemplateView):
    template_name = "claims/timeline.html"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        # The form sends the box (`who`) beside the actor's id it was filtering by: when the box
        # no longer names that actor (another name typed, or emptied), the box wins; without
        # this the old actor stayed and the change was silently ignored.
        if "who" in request.GET and (actor_id := request.GET.get("actor")):
            name = " ".join(request.GET["who"].split())
            current = find_actor(f"#{actor_id}") if actor_id.isdigit() else None
            if current is None or current.name.casefold() != name.casefold():
                query = request.GET.copy()
                query.pop("actor")
                if not name:
                    query.pop("who")
                return redirect(f"{reverse('timeline')}?{query.urlencode()}")
        # The filter form takes a name; the shareable URL keeps the actor's id.
        if (name := request.GET.get("who", "").strip()) and not request.GET.get("actor"):
            actor = find_actor(name)
            if actor is not None:
                query = request.GET.copy()
                query.pop("who")
                query["actor"] = str(actor.id)
                return redirect(f"{reverse('timeline')}?{query.urlencode()}")
            self.unknown_actor = name
        return super().get(request, *args, **kwargs)

    def get_template_names(self) -> list[str]:
        # "Load more" asks for the rows only (htmx sends this header).
        if self.request.headers.get("HX-Request"):
            return ["claims/_timeline_rows.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = TimelineFilters.from_query(self.request.GET)
        after = TimelineCursor.decode(self.request.GET.get("after", ""))
        page = claim_timeline(filters=filters, after=after)
        next_query = None
        if page.next_cursor is not None:
            next_query = urlencode([*filters.as_query(), ("after", page.next_cursor.encode())])
        errors = list(filters.errors)
        if name := getattr(self, "unknown_actor", ""):
            errors.append(f"No actor is called “{name}”.")
        context.update(
            filters=filters,
            page=page,
            chart=lane_chart(page.claims),
            next_query=next_query,
            first_page=after is None,
            errors=errors,
            kinds=Claim.Kind.choices,
            statuses=ReviewStatus.choices,
            actor_roles=ACTOR_ROLES,
            who=getattr(self, "unknown_actor", "") or (page.actor.name if page.actor else ""),
        )
        return context
