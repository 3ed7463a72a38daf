"""Claims list and detail: representation, filters, keyset pages, query counts, conditional GET."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from actors.models import Actor
from claims.models import Claim, ClaimLink, ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

EMOJI_BODY = "🇰🇵 North Korea 😀 denied claims that it sent shells to Russia."


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_claim_representation_has_article_actors_spans_cue_and_links(as_analyst):
    prk = ActorFactory(name="North Korea", code="PRK")
    usa = ActorFactory(name="United States", code="USA")
    envoy = ActorFactory(name="KCNA envoy", kind=Actor.Kind.PERSON, affiliation=prk)
    article = ArticleFactory(body=EMOJI_BODY, url="https://news.example/nk", outlet="Wire")
    # Offsets are code points: the flag is two, the face one (UTF-16 would count four and two).
    assert EMOJI_BODY[17:23] == "denied"
    denial = ClaimFactory(
        article=article,
        kind=Claim.Kind.DENIAL,
        speaker=envoy,
        target=usa,
        speaker_start=3,
        speaker_end=14,
        cue_start=17,
        cue_end=23,
        content_start=36,
        content_end=61,
        quote_text=EMOJI_BODY[36:61],
        extractor_version="2026.11.1",
    )
    claim = ClaimFactory(article=article, speaker=usa, content_start=36, content_end=61)
    ClaimLinkFactory(source=denial, target=claim, relation=ClaimLink.Relation.REBUTS)
    ClaimLinkFactory(
        source=denial, target=claim, relation=ClaimLink.Relation.SUPPORTS, review_status=ReviewStatus.REJECTED
    )

    data = as_analyst.get(f"/api/v1/claims/{denial.id}/").json()

    assert data["article"] == {
        "id": article.id,
        "title": article.title,
        "url": "https://news.example/nk",
        "outlet": "Wire",
        "published_at": article.published_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    assert data["kind"] == "denial"
    assert data["speaker"] == {
        "id": envoy.id,
        "name": "KCNA envoy",
        "kind": "person",
        "code": "",
        "affiliation": {"id": prk.id, "name": "North Korea", "kind": "state", "code": "PRK"},
    }
    assert data["target"]["code"] == "USA"
    assert data["cue"] == "denied"
    assert data["speaker_text"] == "North Korea"
    assert data["content"] == "it sent shells to Russia." == EMOJI_BODY[36:61]
    assert data["spans"] == {"content": [[36, 61]], "speaker": [3, 14], "cue": [17, 23]}
    # The rejected "supports" link is an editor's tombstone, not a link.
    assert data["links"] == {
        "rebuts": [claim.id],
        "rebutted_by": [],
        "supports": [],
        "supported_by": [],
        "repeats": [],
    }
    assert (data["extractor_version"], data["version"], data["status"], data["origin"]) == (
        "2026.11.1",
        1,
        "proposed",
        "machine",
    )
    assert as_analyst.get(f"/api/v1/claims/{claim.id}/").json()["links"]["rebutted_by"] == [denial.id]


@pytest.fixture
def corpus():
    """Claims that differ in one attribute each, for the filter table."""
    prk, usa, rus = ActorFactory(code="PRK"), ActorFactory(code="USA"), ActorFactory(code="RUS")
    day = datetime(2026, 3, 1, tzinfo=UTC)
    wire = ArticleFactory(outlet="Wire", published_at=day, body="Seoul said the shells were shipped by sea.")
    daily = ArticleFactory(
        outlet="Daily", published_at=day + timedelta(days=10), body="Moscow denied buying ammunition abroad."
    )
    c = {
        "us_claim": ClaimFactory(article=wire, speaker=usa, target=prk, quote_text="the shells were shipped"),
        "prk_denial": ClaimFactory(
            article=daily,
            speaker=prk,
            target=usa,
            kind=Claim.Kind.DENIAL,
            quote_text="denied buying ammunition",
        ),
        "rus_criticism": ClaimFactory(
            article=daily,
            speaker=rus,
            target=None,
            kind=Claim.Kind.CRITICISM,
            review_status=ReviewStatus.CONFIRMED,
            quote_text="condemned the sanctions",
        ),
        "rejected": ClaimFactory(
            article=wire, speaker=usa, review_status=ReviewStatus.REJECTED, quote_text="a rejected reading"
        ),
    }
    return {
        "claims": c,
        "actors": {"prk": prk, "usa": usa, "rus": rus},
        "articles": {"wire": wire, "daily": daily},
    }


FILTERS = [
    (lambda w: {}, {"us_claim", "prk_denial", "rus_criticism"}),
    (lambda w: {"speaker": w["actors"]["prk"].id}, {"prk_denial"}),
    (lambda w: {"target": w["actors"]["prk"].id}, {"us_claim"}),
    (lambda w: {"actor": w["actors"]["prk"].id}, {"us_claim", "prk_denial"}),
    (lambda w: {"kind": "denial"}, {"prk_denial"}),
    (lambda w: {"kind": ["denial", "criticism"]}, {"prk_denial", "rus_criticism"}),
    (lambda w: {"status": "confirmed"}, {"rus_criticism"}),
    (lambda w: {"status": "rejected"}, {"rejected"}),
    (lambda w: {"outlet": "Daily"}, {"prk_denial", "rus_criticism"}),
    (lambda w: {"published_after": "2026-03-05T00:00:00Z"}, {"prk_denial", "rus_criticism"}),
    (lambda w: {"published_before": "2026-03-05T00:00:00Z"}, {"us_claim"}),
    (lambda w: {"article": w["articles"]["wire"].id}, {"us_claim"}),
    (lambda w: {"q": "ship"}, {"us_claim"}),
    (lambda w: {"q": '"buying ammunition"'}, {"prk_denial"}),
    (lambda w: {"speaker": w["actors"]["usa"].id, "kind": "claim"}, {"us_claim"}),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_claim_filters(as_analyst, corpus, params, expected):
    names = {claim.id: name for name, claim in corpus["claims"].items()}
    got = _ids(as_analyst.get("/api/v1/claims/", params(corpus)))
    assert {names[i] for i in got} == expected


def test_updated_since_returns_claims_changed_after_a_time(as_analyst, corpus):
    cutoff = timezone.now()
    Claim.objects.filter(pk=corpus["claims"]["prk_denial"].pk).update(
        updated_at=cutoff + timedelta(seconds=5)
    )
    Claim.objects.exclude(pk=corpus["claims"]["prk_denial"].pk).update(updated_at=cutoff - timedelta(days=1))
    got = _ids(
        as_analyst.get("/api/v1/claims/", {"updated_since": cutoff.isoformat(), "ordering": "updated_at"})
    )
    assert got == [corpus["claims"]["prk_denial"].id]


@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "abc"},
        {"speaker": str(2**64)},
        {"kind": "rumour"},
        {"status": "deleted"},
        {"published_after": "yesterday"},
        {"ordering": "speaker"},
        {"page_size": "0"},
        {"page_size": "201"},
        {"page_size": "²"},
        {"cursor": "not-a-cursor"},
        {"q": "x" * 501},
    ],
)
def test_bad_query_parameters_are_a_400_naming_the_parameter(as_analyst, params):
    response = as_analyst.get("/api/v1/claims/", params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def _all_pages(client, params) -> list[int]:
    ids, url, pages = [], "/api/v1/claims/", 0
    while url:
        response = client.get(url, params if pages == 0 else None)
        ids += _ids(response)
        url = response.json()["next"]
        pages += 1
        assert pages < 100
    return ids


@pytest.mark.parametrize(
    "ordering", ["-published_at", "published_at", "updated_at", "-updated_at", "id", "-id"]
)
def test_cursor_pages_visit_every_claim_once_in_order(as_analyst, ordering):
    same_day = datetime(2026, 1, 1, tzinfo=UTC)
    articles = [ArticleFactory(published_at=same_day), ArticleFactory(published_at=None), ArticleFactory()]
    for article in articles:
        for start in (0, 5, 5, 9):  # ties on every ordering column but the id
            ClaimFactory(article=article, content_start=start, content_end=start + 4)
    Claim.objects.filter(pk__in=Claim.objects.order_by("id").values("id")[:4]).update(updated_at=same_day)
    expected = list(Claim.objects.order_by(*_model_ordering(ordering)).values_list("id", flat=True))

    assert _all_pages(as_analyst, {"ordering": ordering, "page_size": 5}) == expected


def _model_ordering(name: str):
    from django.db.models import F

    from claims.api.claims import CLAIM_ORDERINGS

    out = []
    for spec in CLAIM_ORDERINGS[name].fields:
        field = spec.lstrip("-")
        nullable = Claim._meta.get_field(field).null
        if spec.startswith("-"):
            out.append(F(field).desc(nulls_first=True) if nullable else F(field).desc())
        else:
            out.append(F(field).asc(nulls_last=True) if nullable else F(field).asc())
    return out


def test_claims_added_while_paging_do_not_shift_the_pages_not_yet_read(as_analyst):
    old = [
        ClaimFactory(article=ArticleFactory(published_at=datetime(2020, 1, d, tzinfo=UTC)))
        for d in range(1, 7)
    ]
    first = as_analyst.get("/api/v1/claims/", {"page_size": 3}).json()
    # A newer claim lands at the top of the timeline between two page reads.
    ClaimFactory(article=ArticleFactory(published_at=datetime(2026, 1, 1, tzinfo=UTC)))
    second = as_analyst.get(first["next"]).json()
    seen = [row["id"] for row in first["results"] + second["results"]]
    assert seen == [c.id for c in reversed(old)]
    assert second["next"] is None


def test_a_cursor_from_another_ordering_is_refused(as_analyst):
    for _ in range(3):
        ClaimFactory()
    cursor = as_analyst.get("/api/v1/claims/", {"page_size": 1}).json()["next"].split("cursor=")[1]
    response = as_analyst.get("/api/v1/claims/", {"cursor": cursor, "ordering": "id"})
    assert response.status_code == 400 and "cursor" in response.json()


@pytest.mark.parametrize("count", [2, 30])
def test_claim_list_takes_a_fixed_number_of_queries(as_analyst, django_assert_num_queries, count):
    for _ in range(count):
        claim = ClaimFactory(target=ActorFactory(affiliation=ActorFactory()))
        # The far end is not on the page (confirmed), so its ref is read too: the worst case.
        ClaimLinkFactory(source=claim, target=ClaimFactory(review_status="confirmed"))
    # token + user, role groups, claims, their links, the claims at the links' other ends
    with django_assert_num_queries(5) as captured:
        response = as_analyst.get(
            "/api/v1/claims/", {"page_size": 50, "kind": ["claim", "denial"], "status": "proposed"}
        )
    results = response.json()["results"]
    assert len(results) == min(50, count)
    assert all(len(claim["linked"]) == 1 for claim in results)
    # A DISTINCT would make the database sort every match before the LIMIT.
    assert not any("DISTINCT" in query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize(
    ("path", "queries"),
    [("/api/v1/articles/", 3), ("/api/v1/actors/", 3), ("/api/v1/links/", 3), ("/api/v1/jobs/", 3)],
)
def test_other_lists_take_a_fixed_number_of_queries(as_analyst, django_assert_num_queries, path, queries):
    from claims.models import AnalysisJob

    for _ in range(12):
        ClaimLinkFactory(source__speaker=ActorFactory(affiliation=ActorFactory()))
        AnalysisJob.objects.create(scope={"all": True})
    with django_assert_num_queries(queries):
        response = as_analyst.get(path)
    assert response.status_code == 200 and len(response.json()["results"]) >= 12


def test_detail_etag_and_conditional_get(as_analyst, as_editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.id}/"
    first = as_analyst.get(url)
    etag = first.headers["ETag"]

    unchanged = as_analyst.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert as_analyst.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    assert as_editor.patch(url, {"version": 1, "note": "checked"}, format="json").status_code == 200
    changed = as_analyst.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_unknown_and_malformed_ids_are_json_404s(as_analyst):
    for key in ("999999", "0.5", "x", "9" * 30, "%C2%84"):
        response = as_analyst.get(f"/api/v1/claims/{key}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
