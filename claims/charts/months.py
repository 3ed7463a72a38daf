"""A small bar chart of statements per month, drawn by the server as SVG."""

from __future__ import annotations

from dataclasses import dataclass

from ..selectors.actor_page import MonthCount

WIDTH = 480
HEIGHT = 120
BASELINE = 100


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    show_label: bool


def month_bars(months: list[MonthCount]) -> list[Bar]:
    if not months:
        return []
    top = max(m.count for m in months) or 1
    step = WIDTH / len(months)
    bars = []
    for i, month in enumerate(months):
        height = round((BASELINE - 8) * month.count / top, 1)
        bars.append(
            Bar(
                x=round(i * step + 1, 1),
                y=round(BASELINE - height, 1),
                width=round(step - 2, 1),
                height=height,
                label=month.month.strftime("%Y-%m"),
                count=month.count,
                # Label every sixth month: two dozen labels would overlap at this width.
                show_label=i % 6 == 0,
            )
        )
    return bars
