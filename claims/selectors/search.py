"""Reads on claims shared by pages and the API: the full-text filter, and how a page of a search
is found (claim_search_page)."""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db.models import Max, Min, Q, QuerySet

from claimtrack.keyset import Keyset

from ..models import Claim

# The newest slice of a search and how fast the slices widen (see claim_search_page). The first
# slice is wide enough that a common word's page lies inside it and PostgreSQL expects enough
# matches there to walk the timeline index and stop at the page's end; a narrow first slice makes
# every word look rare within it, and a rare word's plan reads the word's whole GIN entry.
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
        return queryset.filter(quote_text__icontains=text)
    return queryset.filter(search_vector=SearchQuery(text, config="english", search_type="websearch"))


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
    filter needs it); ``rows`` is how the page shows a claim (article, actors, prefetches). The
    page's ids are found first, then its rows by id, for two ways PostgreSQL misjudges a search:

    - It estimates a phrase as if its words were independent ("artillery shells": 700 rows
      expected, 14,750 found at 1M claims), takes the GIN index, reads every match and sorts
      them, where walking the timeline would have stopped at the page's end. Under the timeline
      order a search is therefore run newest first in date slices (90 days, then four times
      wider each time) until the page is full: a slice's matches all come before the next
      slice's, so a slice that fills the page holds exactly the page, whatever plan found it,
      and no plan reads more than one slice's matches beyond what the page needs.
    - Joined with its article and actors, every match the plan reads is joined before the sort
      (three quarters of the phrase's time); the ids need the claims table only.

    Queries: 1 under other orderings; under the timeline's, 1 for the dates' bounds and 1 per
    slice read (the first page begins with the undated claims); then ``rows``' own.
    """
    ordering = keyset.order_by()
    ordered = matches.order_by(*ordering)
    if after is not None:
        ordered = ordered.filter(keyset.after(after))
    ids = ordered.values_list("pk", flat=True)
    name, descending, _ = keyset.ordering.parts(keyset.model)[0]
    if name != "published_at":
        page = list(ids[:limit])
    else:
        page = []
        for part in _date_slices(after=after, descending=descending):
            page += ids.filter(part)[: limit - len(page)]
            if len(page) == limit:
                break
    if not page:
        return []
    return list(rows.filter(pk__in=page).order_by(*ordering))


def _date_slices(*, after: list | None, descending: bool) -> Iterator[Q]:
    """Conditions on published_at that cut the rows after the cursor into runs of the timeline,
    in its order: undated claims first (descending: PostgreSQL places NULL highest) or last,
    and between them ever wider date ranges from the cursor's date (or the newest, or oldest,
    claim's), the last one open-ended. Together they hold every row once."""
    cursor_date: datetime | None = after[0] if after is not None else None
    in_undated = after is not None and cursor_date is None
    if descending and (after is None or in_undated):
        yield Q(published_at__isnull=True)  # the partial GIN index claim_undated_search_idx
    if not (in_undated and not descending):
        # Bounds for any search's slices whatever its filters: two probes of claim_timeline_idx.
        dates = Claim.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
        first, last = dates["first"], dates["last"]
        edge = cursor_date or (last if descending else first)
        width, done = FIRST_SLICE, None
        while edge is not None and first is not None:
            bound = edge - width if descending else edge + width
            open_end = bound <= first if descending else bound >= last
            part = Q()
            if done is not None:  # the end of the slices read before this one
                part &= Q(published_at__lt=done) if descending else Q(published_at__gte=done)
            if not open_end:
                part &= Q(published_at__gte=bound) if descending else Q(published_at__lt=bound)
            yield part or Q(published_at__isnull=False)
            if open_end:
                break
            done = edge = bound
            width *= SLICE_GROWTH
    if not descending:
        yield Q(published_at__isnull=True)
