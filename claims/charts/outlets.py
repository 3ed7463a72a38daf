"""Geometry of the thread page's chart: one lane per outlet, a thread's statements over time,
asserting ones above the lane's line and denying ones below it.

Same scales as the timeline's lane chart (claims.charts.lanes), drawn as plain SVG by the
template: the dots are links to the statements in their articles, with no script needed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..models import Claim
from ..selectors.threads import ASSERTING, side_of
from .lanes import LABEL_WIDTH, LANE_HEIGHT, MAX_LANES, TOP, WIDTH, Tick, lane_y, time_ticks, x_scale

OTHER = "Other outlets"
UNKNOWN = "Unknown outlet"
# Asserting dots sit this far above the lane's line, denying ones as far below: one lane reads
# as the outlet's two sides of the story.
SIDE_OFFSET = 6


@dataclass(frozen=True)
class OutletLane:
    label: str
    outlet: str  # the filter value for the thread list ("" for the unknown and other lanes)
    y: float


@dataclass(frozen=True)
class SideDot:
    claim: Claim
    side: str
    x: float
    y: float


@dataclass(frozen=True)
class OutletChart:
    lanes: list[OutletLane]
    dots: list[SideDot]
    ticks: list[Tick]
    width: int
    height: int
    plot_left: int


def _outlet(claim: Claim) -> str:
    return claim.article.outlet or UNKNOWN


def outlet_chart(members: list[Claim]) -> OutletChart | None:
    """Lay out a thread's statements (earliest first, with their article). None when empty."""
    if not members:
        return None
    ranked = [outlet for outlet, _ in Counter(map(_outlet, members)).most_common()]
    keys = ranked if len(ranked) <= MAX_LANES else [*ranked[: MAX_LANES - 1], OTHER]
    row = {key: i for i, key in enumerate(keys)}
    lanes = [
        OutletLane(label=key, outlet="" if key in (OTHER, UNKNOWN) else key, y=lane_y(i))
        for i, key in enumerate(keys)
    ]
    # The timeline's scales take statements newest first.
    newest_first = list(reversed(members))
    x_of = x_scale(newest_first)
    dots, taken = [], Counter()
    for claim in members:
        lane = row.get(_outlet(claim), row.get(OTHER, 0))
        side = side_of(claim.kind)
        x = x_of(claim)
        # Statements of one article share a date; fan them out instead of stacking them.
        slot = (lane, side, round(x))
        x = min(x + 7 * taken[slot], WIDTH - 8)
        taken[slot] += 1
        y = lane_y(lane) + (-SIDE_OFFSET if side == ASSERTING else SIDE_OFFSET)
        dots.append(SideDot(claim=claim, side=side, x=round(x, 1), y=y))
    height = TOP + LANE_HEIGHT * len(lanes) + 6
    return OutletChart(lanes, dots, time_ticks(newest_first), WIDTH, height, LABEL_WIDTH)
