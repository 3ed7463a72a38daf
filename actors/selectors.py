"""Reads on actors: lookups by name, the actor page, the actor list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from claims.models import Claim
from extraction.knowledge.base import normalise_alias

from .models import Actor, ActorAlias

RECENT_PER_KIND = 8
CHART_MONTHS = 24


def actor_find_by_name(text: str) -> Actor | None:
    """The actor an analyst means by a name they typed: its name first, then any alias."""
    text = text.strip()
    if not text:
        return None
    exact = Actor.objects.filter(name__iexact=text, merged_into__isnull=True).order_by("id").first()
    if exact is not None:
        return exact
    alias = ActorAlias.objects.filter(normalised=normalise_alias(text)).select_related("actor").first()
    return alias.actor if alias else None


def actor_list(*, search: str = "", kind: str = "", limit: int = 100) -> list[Actor]:
    """Actors by name, with their affiliation; `search` matches names and aliases."""
    qs = Actor.objects.filter(merged_into__isnull=True).select_related("affiliation")
    if kind:
        qs = qs.filter(kind=kind)
    if search := search.strip():
        by_alias = ActorAlias.objects.filter(alias__icontains=search).values("actor_id")
        qs = qs.filter(Q(name__icontains=search) | Q(id__in=by_alias))
    return list(qs.order_by("name", "id")[:limit])


@dataclass
class MonthCount:
    month: date
    count: int


@dataclass
class ActorPage:
    actor: Actor
    voices: tuple[int, ...]
    said: dict[str, list[Claim]]
    said_counts: dict[str, int]
    against: list[Claim]
    accusers: list[tuple[Actor, int]]
    months: list[MonthCount]


def actor_page(*, actor_id: int, today: date | None = None) -> ActorPage | None:
    """Everything the actor page shows, in a fixed number of queries (11)."""
    actor = (
        Actor.objects.select_related("affiliation", "merged_into")
        .prefetch_related(
            "aliases",
            Prefetch("members", queryset=Actor.objects.order_by("name", "id")),
        )
        .filter(id=actor_id)
        .first()
    )
    if actor is None:
        return None
    # What the officials of a state say, the state says: their statements count as its own.
    voices = (actor.id, *(m.id for m in actor.members.all()))
    rows = Claim.objects.visible().select_related("speaker", "target", "article").defer("article__body")
    said = {
        kind: list(
            rows.filter(speaker_id__in=voices, kind=kind).order_by("-published_at", "-id")[:RECENT_PER_KIND]
        )
        for kind in Claim.Kind.values
    }
    said_counts = dict(
        Claim.objects.visible()
        .filter(speaker_id__in=voices)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    hostile = (Claim.Kind.ACCUSATION, Claim.Kind.CRITICISM)
    against = list(
        rows.filter(target_id__in=voices, kind__in=hostile).order_by("-published_at", "-id")[
            : RECENT_PER_KIND * 2
        ]
    )
    accuser_counts = list(
        Claim.objects.visible()
        .filter(target_id__in=voices, kind__in=hostile, speaker__isnull=False)
        .values("speaker_id")
        .annotate(n=Count("id"))
        .order_by("-n", "speaker_id")[:10]
    )
    names = Actor.objects.in_bulk([row["speaker_id"] for row in accuser_counts])
    accusers = [(names[row["speaker_id"]], row["n"]) for row in accuser_counts if row["speaker_id"] in names]
    return ActorPage(
        actor=actor,
        voices=voices,
        said=said,
        said_counts=said_counts,
        against=against,
        accusers=accusers,
        months=_months(voices, _chart_end(said, today or timezone.now().date())),
    )


def _chart_end(said: dict[str, list[Claim]], today: date) -> date:
    # The chart ends at the actor's latest statement, which the newest-first lists above
    # already hold: an actor quiet for years still shows the months when it spoke.
    stamps = [c.published_at for claims in said.values() for c in claims if c.published_at]
    return min(today, max(stamps).date()) if stamps else today


def _months(voices: tuple[int, ...], last: date) -> list[MonthCount]:
    first = _month_start(last, back=CHART_MONTHS - 1)
    since = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    counted = {
        row["month"].date() if isinstance(row["month"], datetime) else row["month"]: row["n"]
        for row in Claim.objects.visible()
        .filter(speaker_id__in=voices, published_at__gte=since, published_at__lt=_next_month(last))
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    }
    months, month = [], first
    while month <= last:
        months.append(MonthCount(month=month, count=counted.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _next_month(day: date) -> datetime:
    start = _month_start(day, back=-1)
    return timezone.make_aware(datetime.combine(start, datetime.min.time()))


def _month_start(day: date, *, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)
