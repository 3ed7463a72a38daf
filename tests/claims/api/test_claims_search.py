"""The claims list's full-text search (found newest first in date slices, ids before rows): the
same rows, order, representation and cursors as the plain query, with every other filter."""

from datetime import UTC, datetime, timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from actors.models import Actor
from claims.api.filters import ClaimFilter
from claims.models import Claim, ReviewStatus
from claims.selectors.search import FIRST_SLICE, SLICE_GROWTH
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

from .test_claims_read import _all_pages, _model_ordering

pytestmark = pytest.mark.django_db

NEWEST = datetime(2026, 6, 1, 12, tzinfo=UTC)
SECOND = timedelta(seconds=1)
EDGE = FIRST_SLICE
NEXT_EDGE = FIRST_SLICE * (1 + SLICE_GROWTH)
AGES = [timedelta(0), timedelta(days=1), EDGE - SECOND, EDGE, EDGE + SECOND, NEXT_EDGE, NEXT_EDGE + SECOND]
AGES += [timedelta(days=2000), timedelta(days=3000)]


@pytest.fixture
def world():
    prk, usa = ActorFactory(code="PRK"), ActorFactory(code="USA")
    envoy = ActorFactory(kind=Actor.Kind.PERSON, affiliation=prk)
    dates = [NEWEST - age for age in AGES] + [None]
    for n, published_at in enumerate(dates):
        article = ArticleFactory(
            published_at=published_at,
            outlet="Wire" if n % 2 else "Daily",
            body=f"Report {n}: artillery shells were shipped, officials said. Talks failed.",
        )
        for start, speaker, kind in ((0, prk, "denial"), (0, usa, "claim"), (9, envoy, "denial")):
            ClaimFactory(
                article=article,
                content_start=start,
                speaker=speaker,
                target=usa if speaker != usa else prk,
                kind=kind,
                quote_text=f"artillery shells were shipped {n}",
            )
        ClaimFactory(article=article, content_start=3, speaker=prk, quote_text="talks failed")
        ClaimFactory(
            article=article,
            content_start=5,
            speaker=usa,
            quote_text="artillery shells, again",
            review_status=ReviewStatus.REJECTED,
        )
    return {"prk": prk, "usa": usa}


def _expected(params: dict, ordering: str) -> list[int]:
    """What the list returned before searches were sliced: the filters, ordered, one query."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [str(value)])
    matches = ClaimFilter(query, queryset=Claim.objects.all()).qs
    return list(matches.order_by(*_model_ordering(ordering)).values_list("id", flat=True))


SEARCHES = [
    lambda w: {"q": "shells"},
    lambda w: {"q": '"artillery shells"'},
    lambda w: {"q": "shells", "speaker": w["prk"].id},
    lambda w: {"q": "shells", "said_by": w["prk"].id},
    lambda w: {"q": "shells", "actor": w["usa"].id, "kind": ["denial"]},
    lambda w: {"q": "shells", "outlet": "Wire"},
    lambda w: {"q": "shells", "published_after": (NEWEST - NEXT_EDGE).isoformat()},
    lambda w: {"q": "shells", "published_before": (NEWEST - EDGE).isoformat()},
    lambda w: {"q": "shells", "status": ["rejected", "proposed"]},
    lambda w: {"q": "shells -talks"},
]


@pytest.mark.parametrize("ordering", ["-published_at", "published_at", "id"])
@pytest.mark.parametrize("search", SEARCHES)
def test_search_pages_are_the_plain_query_s_pages_with_every_filter(as_analyst, world, search, ordering):
    params = search(world)
    expected = _expected(params, ordering)
    assert expected  # every search here finds something
    assert _all_pages(as_analyst, {**params, "ordering": ordering, "page_size": 2}) == expected
    assert _all_pages(as_analyst, {**params, "ordering": ordering, "page_size": 200}) == expected


def test_a_search_page_shows_each_claim_as_its_detail_does(as_analyst, world):
    ClaimLinkFactory(
        source=Claim.objects.filter(quote_text__contains="shells").first(), target=ClaimFactory()
    )
    rows = as_analyst.get("/api/v1/claims/", {"q": "shells", "page_size": 5}).json()["results"]
    assert len(rows) == 5
    for row in rows:
        assert row == as_analyst.get(f"/api/v1/claims/{row['id']}/").json()


def test_a_search_page_takes_a_fixed_number_of_queries_and_joins_only_the_page(
    as_analyst, django_assert_num_queries
):
    now = timezone.now()
    for n in range(45):
        claim = ClaimFactory(
            article=ArticleFactory(published_at=now - timedelta(hours=n)),
            target=ActorFactory(affiliation=ActorFactory()),
            quote_text=f"shells were shipped {n}",
        )
        ClaimLinkFactory(source=claim, target=ClaimFactory(review_status="confirmed"))
    # token + user, role groups; the undated and the newest 90 days' claims (ids chosen in a
    # subquery, rows joined); their links, the claims at the links' other ends: as without q
    with django_assert_num_queries(5) as captured:
        response = as_analyst.get("/api/v1/claims/", {"q": "shells", "page_size": 20, "kind": "claim"})
    assert len(response.json()["results"]) == 20
    searches = [query["sql"] for query in captured.captured_queries if "@@" in query["sql"]]
    assert len(searches) == 1
    # The ids come from the claims table alone, in subqueries (the undated, the newest 90 days).
    subqueries = [part[: part.index("LIMIT")] for part in searches[0].split("(SELECT")[1:]]
    assert len(subqueries) == 2 and not any("JOIN" in part for part in subqueries)
    # The next page (full too) starts inside the dated claims: its slice only.
    with django_assert_num_queries(5):
        as_analyst.get(response.json()["next"])
