"""A full-text page found newest first in date slices is the page of the plain query: the same
rows in the same order, the same cursors, across slice boundaries, undated claims and ties."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from claims.api.claims import CLAIM_ORDERINGS
from claims.models import Claim, ReviewStatus
from claims.selectors.search import FIRST_SLICE, SLICE_GROWTH, claim_filter_text, claim_search_page
from claims.selectors.timeline import TIMELINE_ORDER
from claimtrack.keyset import Keyset
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

NEWEST = datetime(2026, 6, 1, 12, tzinfo=UTC)
SECOND = timedelta(seconds=1)
# Where the slices of a first page end, counted back from the newest claim: 90 days, then 360
# and 1,440 more; claims sit on each edge and a second either side of it.
EDGES = [FIRST_SLICE * sum(SLICE_GROWTH**i for i in range(n)) for n in (1, 2, 3)]
AGES = [
    timedelta(0),
    timedelta(days=1),
    *(edge + d for edge in EDGES for d in (-SECOND, timedelta(0), SECOND)),
]
OLDEST = timedelta(days=9000)
# The same edges counted forward from the oldest claim, where an oldest-first search starts.
AGES += [
    timedelta(days=3000),
    OLDEST,
    *(OLDEST - edge + d for edge in EDGES for d in (-SECOND, timedelta(0), SECOND)),
]

KEYSETS = [
    TIMELINE_ORDER,
    Keyset("published_at", Claim, CLAIM_ORDERINGS["published_at"]),
    Keyset("id", Claim, CLAIM_ORDERINGS["id"]),
]


@pytest.fixture
def archive():
    """Matching claims at every age above and undated, each article holding two that tie on
    the position in the article, beside claims that do not match or that an editor rejected."""
    dates = [NEWEST - age for age in AGES] + [None, None]
    for n, published_at in enumerate(dates):
        article = ArticleFactory(
            published_at=published_at, body=f"Report {n}: artillery shells were shipped. Talks failed."
        )
        for start in (0, 0, 12):
            ClaimFactory(
                article=article, content_start=start, quote_text=f"artillery shells were shipped {n}"
            )
        ClaimFactory(article=article, content_start=5, quote_text="talks failed")
        ClaimFactory(
            article=article,
            content_start=7,
            quote_text="artillery shells again",
            review_status=ReviewStatus.REJECTED,
        )


def _plain(keyset: Keyset, text: str) -> list[int]:
    """Today's page order: the search's rows, ordered, in one query."""
    matches = claim_filter_text(Claim.objects.visible(), text)
    return list(matches.order_by(*keyset.order_by()).values_list("id", flat=True))


def _walk(keyset: Keyset, text: str, size: int) -> list[int]:
    """Every page of the sliced search, each from the previous page's last row."""
    ids, after = [], None
    while True:
        page = claim_search_page(
            matches=claim_filter_text(Claim.objects.visible(), text),
            rows=Claim.objects.select_related("article"),
            keyset=keyset,
            after=after,
            limit=size + 1,  # one more, as the pages ask: is there a next page?
        )
        ids += [claim.id for claim in page[:size]]
        if len(page) <= size:
            return ids
        after = keyset.values_of(page[size - 1])
        assert len(ids) < 1000


@pytest.mark.parametrize("keyset", KEYSETS, ids=lambda k: k.name)
@pytest.mark.parametrize(
    ("text", "size"), [("shells", 1), ("shells", 5), ("shells", 200), ('"artillery shells"', 2)]
)
def test_pages_of_a_sliced_search_are_the_plain_query_s_pages(archive, keyset, text, size):
    expected = _plain(keyset, text)
    assert len(expected) == 3 * (len(AGES) + 2)
    assert _walk(keyset, text, size) == expected


@pytest.mark.parametrize("keyset", KEYSETS[:2], ids=lambda k: k.name)
def test_a_page_after_any_row_is_the_plain_query_s_next_rows(archive, keyset):
    by_id = Claim.objects.in_bulk()
    expected = _plain(keyset, "shells")
    for position in [None, *range(len(expected))]:
        after = None if position is None else keyset.values_of(by_id[expected[position]])
        rest = expected if position is None else expected[position + 1 :]
        for limit in (3, 8, 20):
            page = claim_search_page(
                matches=claim_filter_text(Claim.objects.visible(), "shells"),
                rows=Claim.objects.all(),
                keyset=keyset,
                after=after,
                limit=limit,
            )
            assert [claim.id for claim in page] == rest[:limit], (position, limit)


def _searched_inside(sql: str) -> bool:
    """The search and its LIMIT sit in the id subqueries, which join nothing."""
    subqueries = [part[: part.index("LIMIT")] for part in sql.split("(SELECT")[1:]]
    return bool(subqueries) and all("@@" in part and "JOIN" not in part for part in subqueries)


def test_a_page_in_the_newest_slice_is_one_query_undated_claims_and_all(django_assert_num_queries):
    now = timezone.now()
    for n in range(6):
        ClaimFactory(article=ArticleFactory(published_at=now - timedelta(hours=n)), quote_text="shells")
    ClaimFactory(article=ArticleFactory(published_at=None), quote_text="shells")
    with django_assert_num_queries(1) as captured:
        page = claim_search_page(
            matches=claim_filter_text(Claim.objects.visible(), "shells"),
            rows=Claim.objects.select_related("article", "speaker"),
            keyset=TIMELINE_ORDER,
            after=None,
            limit=4,
        )
    assert [claim.published_at for claim in page] == [None] + [now - timedelta(hours=n) for n in range(3)]
    # Only the page's rows are joined with their article and speaker.
    assert all(_searched_inside(query["sql"]) for query in captured.captured_queries)
    with django_assert_num_queries(1):  # the next page: its slice only
        claim_search_page(
            matches=claim_filter_text(Claim.objects.visible(), "shells"),
            rows=Claim.objects.all(),
            keyset=TIMELINE_ORDER,
            after=TIMELINE_ORDER.values_of(page[-1]),
            limit=2,
        )


def test_each_older_slice_a_page_needs_is_one_more_query(django_assert_num_queries):
    now = timezone.now()
    for age in (timedelta(days=1), EDGES[0] + timedelta(days=1), timedelta(days=3000)):
        ClaimFactory(article=ArticleFactory(published_at=now - age), quote_text="shells")
    # the undated with the newest 90 days, the oldest date, the 360 days before, the 1,440
    # before, the rest (the next slice, 5,760 days, would reach past the oldest claim)
    with django_assert_num_queries(5):
        page = claim_search_page(
            matches=claim_filter_text(Claim.objects.visible(), "shells"),
            rows=Claim.objects.all(),
            keyset=TIMELINE_ORDER,
            after=None,
            limit=51,
        )
    assert len(page) == 3


def test_an_empty_table_and_a_search_without_matches_give_empty_pages(archive):
    for keyset in KEYSETS:
        assert _walk(keyset, "ceasefire", 3) == []
    Claim.objects.all().delete()
    for keyset in KEYSETS:
        assert _walk(keyset, "shells", 3) == []
