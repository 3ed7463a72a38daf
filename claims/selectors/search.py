"""Reads on claims shared by pages and the API: the full-text filter, and how a page of a search
is found (claim_search_page)."""

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from claimtrack.keyset import Keyset

from ..models import Claim

# The newest slice of a search and how fast the slices widen (see claim_search_page). The first
# slice is wide enough that a common word's page lies inside it and PostgreSQL expects enough
# matches there to walk the timeline index and stop at the page's end; a narrow first slice makes
# every word look rare within it, and the plan for a rare word (a GIN bitmap) reads all of the
# word's entries, from every year (at 1M claims: a 7-day slice made five of the benchmark's
# seven words bitmaps of 4-23 ms; in 90 days all seven walked the timeline, 0.5-2 ms).
FIRST_SLICE = timedelta(days=90)
SLICE_GROWTH = 4


def claim_filter_text(queryset: QuerySet[Claim], text: str) -> QuerySet[Claim]:
    """Full-text match on the statement text: the stored, GIN-indexed vector on PostgreSQL
    (claims/0007), a substring scan on SQLite.

    websearch syntax ("quoted phrases", -exclusions, or) is what analysts already type into search boxes.
    """
    text = text.strip()
    if not text:
        return queryset
    if not settings.USING_POSTGRES:
        return queryset.filter(websearch_substrings(text))
    return queryset.filter(search_vector=SearchQuery(text, config="english", search_type="websearch"))


# A quoted phrase or a word, either one perhaps excluded by a leading minus.
_WEBSEARCH_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def websearch_substrings(text: str) -> Q:
    """The websearch syntax (words, "a phrase", -excluded, or) as substring matches on the
    statement text: SQLite's stand-in for PostgreSQL's full-text search, without stemming. The
    whole text as one substring found nothing for `"a phrase"` or `words -excluded`."""
    alternatives, current = [], Q()
    for minus, phrase, word_minus, word in _WEBSEARCH_TERM.findall(text):
        if not phrase and word.lower() == "or" and not word_minus:
            alternatives.append(current)
            current = Q()
            continue
        term = (phrase if phrase else word).strip()
        if not term or term == "-":
            continue
        match = Q(quote_text__icontains=term)
        current &= ~match if (minus or word_minus) else match
    alternatives.append(current)
    found, *others = alternatives
    for alternative in others:
        found |= alternative
    return found


def claim_search_page(
    *,
    matches: QuerySet[Claim],
    rows: QuerySet[Claim],
    keyset: Keyset,
    after: list | None,
    limit: int,
) -> list[Claim]:
    """The first ``limit`` claims of a full-text search after the cursor ``after``, in the
    keyset's order: exactly ``rows.filter(matches' filters, after).order_by(keyset)[:limit]``.

    ``matches`` is the search with all its filters on the claims table alone (joined only where a
    filter needs it); ``rows`` is how the page shows a claim (article, actors; no prefetches,
    which would run once per slice: the caller prefetches for the page). Two ways PostgreSQL
    misjudges a search are taken out of its hands:

    - It estimates a phrase as if its words were independent ("artillery shells": 700 rows
      expected, 14,750 found at 1M claims), takes the GIN index, reads every match and sorts
      them, where walking the timeline would have stopped at the page's end. Under the timeline
      order a search is therefore run newest first in date slices (90 days from the cursor, or
      from now, then four times wider each time) until the page is full: a slice's matches all
      come before the next slice's, so a slice that fills the page holds exactly the page,
      whatever plan found it, and no plan reads more than one slice's matches.
    - Joined with its article and actors, every match a plan reads was joined before the sort
      (three quarters of the phrase's time): a slice picks its ids on the claims table alone, in
      a subquery, and only those rows are joined.

    Queries: one per slice read (undated claims are read with the slice beside them), and one for
    the oldest date once a page needs a second slice (or for the oldest-first order's first page):
    one for most pages, as without slices.
    """
    ordering = keyset.order_by()
    ordered = matches.order_by(*ordering)
    if after is not None:
        ordered = ordered.filter(keyset.after(after))

    def fetch(parts: list[Q], count: int) -> list[Claim]:
        """The first ``count`` rows of these consecutive slices: one query."""
        if len(parts) > 1 and not connection.features.supports_slicing_ordering_in_compound:
            found: list[Claim] = []  # SQLite: no LIMIT inside a UNION, a query per slice
            for part in parts:
                found += fetch([part], count - len(found))
            return found[:count]
        first, *more = (ordered.filter(part).values("pk")[:count] for part in parts)
        ids = first.union(*more, all=True) if more else first
        return list(rows.filter(pk__in=ids).order_by(*ordering)[:count])

    name, descending, _ = keyset.ordering.parts(keyset.model)[0]
    if name != "published_at":
        return fetch([Q()], limit)
    page: list[Claim] = []
    for parts in _date_slices(after=after, descending=descending):
        page += fetch(parts, limit - len(page))
        if len(page) == limit:
            break
    return page


def _date_slices(*, after: list | None, descending: bool) -> Iterator[list[Q]]:
    """Conditions on published_at that cut the rows after the cursor into runs of the timeline,
    in its order: undated claims first (descending: PostgreSQL places NULL highest) or last,
    and between them ever wider date ranges from the cursor's date, the last one open-ended.
    Together they hold every row once, whatever the dates they start from and end at: those
    bounds only decide how many slices a search takes. The undated claims come with the dated
    slice beside them (one query for both: they are seldom there, and their own query would
    cost a first page what its slice costs)."""
    undated = Q(published_at__isnull=True)  # the partial GIN index claim_undated_search_idx
    cursor_date: datetime | None = after[0] if after is not None else None
    if after is not None and cursor_date is None and not descending:
        yield [undated]  # the cursor is among the undated claims, after every dated one
        return
    dated = _dated_slices(cursor_date, descending=descending)
    if descending:
        first = next(dated, None)
        lead = [undated] if after is None or cursor_date is None else []
        if group := lead + ([] if first is None else [first]):
            yield group
        yield from ([part] for part in dated)
    else:
        held = None
        for part in dated:
            if held is not None:
                yield [held]
            held = part
        yield ([] if held is None else [held]) + [undated]


def _dated_slices(cursor_date: datetime | None, *, descending: bool) -> Iterator[Q]:
    oldest = _UNREAD
    if descending:
        edge = cursor_date or timezone.now()
    else:
        edge = cursor_date or _oldest_date()
        if edge is None:
            return  # no dated claims
    width, done = FIRST_SLICE, None
    while True:
        bound = edge - width if descending else edge + width
        if not descending:
            open_end = bound > timezone.now()  # what is newer still (dated ahead) is read with it
        elif done is None:
            open_end = False
        else:
            # Read only once a page needs a second slice: most pages end in the first.
            oldest = _oldest_date() if oldest is _UNREAD else oldest
            if oldest is None or oldest >= done:
                return  # nothing older than the slices read
            open_end = bound <= oldest
        part = Q()
        if done is not None:  # the end of the slices read before this one
            part &= Q(published_at__lt=done) if descending else Q(published_at__gte=done)
        if not open_end:
            part &= Q(published_at__gte=bound) if descending else Q(published_at__lt=bound)
        yield part or Q(published_at__isnull=False)
        if open_end:
            return
        done = edge = bound
        width *= SLICE_GROWTH


_UNREAD = object()


def _oldest_date() -> datetime | None:
    # One probe of claim_timeline_idx, for any search whatever its filters.
    return Claim.objects.aggregate(first=Min("published_at"))["first"]
