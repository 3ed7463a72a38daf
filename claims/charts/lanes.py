"""Geometry of the timeline's lane chart: one lane per speaker, one dot per statement.

The server computes coordinates and the template draws plain SVG: no chart library, nothing
for the Content-Security-Policy to allow, and the dots are links that work without scripts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..models import Claim

WIDTH = 960
LANE_HEIGHT = 26
LABEL_WIDTH = 190
TOP = 22
MAX_LANES = 12
OTHER = "Other speakers"


@dataclass(frozen=True)
class Dot:
    claim: Claim
    x: float
    y: float


@dataclass(frozen=True)
class Lane:
    label: str
    y: float
    actor_id: int | None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Thread:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class LaneChart:
    lanes: list[Lane]
    dots: list[Dot]
    ticks: list[Tick]
    threads: list[Thread]
    width: int
    height: int
    plot_left: int


def lane_chart(claims: list[Claim]) -> LaneChart | None:
    """Lay out the statements of one timeline page. None when there is nothing to draw."""
    if not claims:
        return None
    counts = Counter(_lane_key(c) for c in claims)
    ranked = [key for key, _ in counts.most_common()]
    keys = ranked[:MAX_LANES]
    if len(ranked) > MAX_LANES:
        keys = [*ranked[: MAX_LANES - 1], (None, OTHER)]
    row = {key: i for i, key in enumerate(keys)}
    lanes = [Lane(label=label, y=lane_y(i), actor_id=actor_id) for i, (actor_id, label) in enumerate(keys)]

    x_of = x_scale(claims)
    dots, taken, where = [], Counter(), {}
    for claim in claims:
        key = _lane_key(claim)
        lane = row.get(key, row.get((None, OTHER), 0))
        x = x_of(claim)
        # Statements of one article share a date; fan them out instead of stacking them.
        slot = (lane, round(x))
        x += 7 * taken[slot]
        taken[slot] += 1
        x = min(x, WIDTH - 8)
        dot = Dot(claim=claim, x=round(x, 1), y=lane_y(lane))
        dots.append(dot)
        where[claim.id] = dot
    threads = [
        Thread(x1=where[c.id].x, y1=where[c.id].y, x2=where[link.target_id].x, y2=where[link.target_id].y)
        for c in claims
        for link in getattr(c, "answers", ())
        if link.target_id in where
    ]
    height = TOP + LANE_HEIGHT * len(lanes) + 6
    return LaneChart(lanes, dots, time_ticks(claims), threads, WIDTH, height, LABEL_WIDTH)


def _lane_key(claim: Claim) -> tuple[int | None, str]:
    if claim.speaker is None:
        return (None, "Unknown speaker")
    return (claim.speaker.id, claim.speaker.name)


def lane_y(index: int) -> float:
    """The y of the middle of lane `index` (the thread chart shares the lane geometry)."""
    return TOP + LANE_HEIGHT * index + LANE_HEIGHT / 2


def _stamp(claim: Claim) -> float | None:
    return claim.published_at.timestamp() if claim.published_at else None


def x_scale(claims: list[Claim]):
    """x of each statement by date; `claims` newest first, as the timeline lists them."""
    stamps = [s for s in map(_stamp, claims) if s is not None]
    left, right = LABEL_WIDTH + 10, WIDTH - 40
    if not stamps or max(stamps) == min(stamps):
        # One date (or none): place statements in reading order instead.
        order = {c.id: i for i, c in enumerate(reversed(claims))}
        step = (right - left) / max(1, len(claims) - 1)
        return lambda c: left + step * order[c.id]
    low, high = min(stamps), max(stamps)

    def x(claim: Claim) -> float:
        stamp = _stamp(claim)
        # Undated statements sit at the right edge: the page lists them first, as newest.
        return right if stamp is None else left + (right - left) * (stamp - low) / (high - low)

    return x


def time_ticks(claims: list[Claim]) -> list[Tick]:
    """Five date labels under the x_scale of the same statements."""
    dated = [c.published_at for c in claims if c.published_at]
    if len(dated) < 2 or min(dated) == max(dated):
        return []
    low, high = min(dated), max(dated)
    left, right = LABEL_WIDTH + 10, WIDTH - 40
    fmt = "%Y-%m-%d %H:%M" if (high - low).days < 2 else "%Y-%m-%d"
    return [
        Tick(x=round(left + (right - left) * i / 4, 1), label=_at(low, high, i / 4).strftime(fmt))
        for i in range(5)
    ]


def _at(low: datetime, high: datetime, fraction: float) -> datetime:
    return low + (high - low) * fraction
