"""Reading a page's filter parameters from the query string: bad values become messages for
the page to show, never errors (the timeline and the thread list read dates the same way)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def date_param(value: str, name: str, errors: list[str]) -> date | None:
    """The date a parameter names, or None (with a message in ``errors`` when it names none)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors.append(f"{name} must be a date like 2026-03-01.")
        return None
    if day == date.max:
        # "until" reads as "before the next day", which does not exist (it was a 500).
        errors.append(f"{name} must be before {date.max.isoformat()}.")
        return None
    return day


def date_range(query, errors: list[str]) -> tuple[date | None, date | None]:
    """`since` and `until` (both inclusive days) from a page's query string; a range that ends
    before it starts gets a message, since it would only ever show "nothing matches"."""
    since = date_param(query.get("since", ""), "since", errors)
    until = date_param(query.get("until", ""), "until", errors)
    if since and until and since > until:
        errors.append(f"since ({since.isoformat()}) is after until ({until.isoformat()}): nothing can match.")
    return since, until


def start_of(day: date) -> datetime:
    """Midnight at the start of the day, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())
