"""The actor page: what an actor and its officials said, who attacked it, statements per month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.utils import timezone

from actors.models import Actor

from ..models import Claim

RECENT_PER_KIND = 8
CHART_MONTHS = 24


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
    # One pass over the actor's statements, by kind and month, gives both the totals per kind
    # and the chart: an index-only scan of claim_speaker_idx, which includes kind and status.
    by_kind_month = list(
        Claim.objects.visible()
        .filter(speaker_id__in=voices)
        .annotate(month=TruncMonth("published_at"))
        .values_list("kind", "month")
        .annotate(n=Count("*"))
        .order_by()
    )
    said_counts: dict[str, int] = {}
    for kind, _, n in by_kind_month:
        said_counts[kind] = said_counts.get(kind, 0) + n
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
        .annotate(n=Count("*"))
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
        months=_months(by_kind_month, today or timezone.now().date()),
    )


def _months(by_kind_month: list[tuple[str, datetime | None, int]], today: date) -> list[MonthCount]:
    counted: dict[date, int] = {}
    for _, month, n in by_kind_month:
        if month is not None:
            day = month.date() if isinstance(month, datetime) else month
            counted[day] = counted.get(day, 0) + n
    if not counted:
        # Nothing dated (or nothing at all): no months to draw. Two years of empty months "up to
        # the latest statement" would claim statements in a span where there are none.
        return []
    # The chart ends at the actor's latest statement: an actor quiet for years still shows the
    # months when it spoke.
    last = min(today, max(counted))
    first = _month_start(last, back=CHART_MONTHS - 1)
    months, month = [], first
    while month <= last:
        months.append(MonthCount(month=month, count=counted.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _month_start(day: date, *, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)
