"""Exports: streamed, filtered like the list, and faithful to each format."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

BODY = (
    '🇰🇵 Pyongyang 😀 denied that it sent shells. =HYPERLINK("x") Washington said it did, and criticised it.'
)


@pytest.fixture
def claims():
    prk = ActorFactory(name="North Korea", code="PRK")
    usa = ActorFactory(name="United States", code="USA")
    envoy = ActorFactory(name="Foreign ministry spokesman", kind="person", affiliation=prk)
    article = ArticleFactory(
        body=BODY, url="https://news.example/nk", outlet="Wire", published_at=datetime(2026, 3, 2, tzinfo=UTC)
    )

    def at(text, **kwargs):
        start = BODY.index(text)
        return ClaimFactory(
            article=article, content_start=start, content_end=start + len(text), quote_text=text, **kwargs
        )

    made = {
        "denial": at("it sent shells", kind=Claim.Kind.DENIAL, speaker=envoy, target=usa),
        "claim": at("it did", kind=Claim.Kind.CLAIM, speaker=usa, target=prk),
        "criticism": at("criticised it", kind=Claim.Kind.CRITICISM, speaker=usa, target=prk),
        "accusation": at('=HYPERLINK("x")', kind=Claim.Kind.ACCUSATION, speaker=usa, target=prk),
    }
    ClaimLinkFactory(source=made["denial"], target=made["claim"])
    return made


def _body(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_has_a_row_per_claim_and_defuses_formulas(as_analyst, claims):
    rows = list(csv.DictReader(io.StringIO(_body(as_analyst.get("/api/v1/claims/export/csv/")))))
    assert {int(r["id"]) for r in rows} == {c.id for c in claims.values()}
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["denial"]["speaker_name"] == "Foreign ministry spokesman"
    assert by_kind["denial"]["content"] == "it sent shells"
    assert by_kind["accusation"]["content"] == '\'=HYPERLINK("x")'


def test_jsonl_lines_are_the_api_representation(as_analyst, claims):
    lines = _body(as_analyst.get("/api/v1/claims/export/jsonl/", {"kind": "denial"})).splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    assert line == as_analyst.get(f"/api/v1/claims/{claims['denial'].id}/").json()


def test_web_annotations_select_the_exact_text_by_quote_and_code_point_position(as_analyst, claims):
    document = json.loads(_body(as_analyst.get("/api/v1/claims/export/annotations/")))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    items = {item["id"].rstrip("/").rsplit("/", 1)[1]: item for item in document["first"]["items"]}
    denial = items[str(claims["denial"].id)]
    quote, position = denial["target"]["selector"]
    assert denial["target"]["source"] == "https://news.example/nk"
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    assert BODY[position["start"] : position["end"]] == quote["exact"] == "it sent shells"
    assert BODY[: position["start"]].endswith(quote["prefix"]) and quote["prefix"].endswith("denied that ")
    assert BODY[position["end"] :].startswith(quote["suffix"]) and quote["suffix"].startswith(". =HYPER")
    assert {"type": "TextualBody", "purpose": "classifying", "value": "denial"} in denial["body"]


def test_schema_org_claims_have_author_date_and_appearance(as_analyst, claims):
    document = json.loads(_body(as_analyst.get("/api/v1/claims/export/schema-org/", {"kind": "denial"})))
    assert document["@context"] == "https://schema.org"
    (claim,) = document["@graph"]
    assert claim["@type"] == "Claim" and claim["text"] == "it sent shells"
    assert claim["author"] == {
        "@type": "Person",
        "name": "Foreign ministry spokesman",
        "affiliation": {"@type": "Country", "name": "North Korea"},
    }
    assert claim["datePublished"] == "2026-03-02T00:00:00Z"
    assert claim["appearance"]["url"] == "https://news.example/nk"
    assert claim["appearance"]["publisher"] == {"@type": "Organization", "name": "Wire"}


def test_cameo_rows_code_actors_and_events_like_gdelt(as_analyst, claims):
    rows = list(
        csv.DictReader(io.StringIO(_body(as_analyst.get("/api/v1/claims/export/cameo/"))), delimiter="\t")
    )
    by_id = {int(r["GLOBALEVENTID"]): r for r in rows}
    expected = {"claim": "010", "denial": "016", "criticism": "111", "accusation": "112"}
    for kind, code in expected.items():
        row = by_id[claims[kind].id]
        assert (row["EventCode"], row["EventRootCode"], row["SQLDATE"]) == (code, code[:2], "20260302")
        assert row["SOURCEURL"] == "https://news.example/nk"
    # The spokesman has no code of his own: he speaks for his state.
    denial = by_id[claims["denial"].id]
    assert (denial["Actor1Code"], denial["Actor1CountryCode"], denial["Actor2Code"]) == ("PRK", "PRK", "USA")


def test_exports_take_the_list_filters_and_refuse_bad_ones(as_analyst, claims):
    rows = list(
        csv.DictReader(io.StringIO(_body(as_analyst.get("/api/v1/claims/export/csv/", {"kind": "claim"}))))
    )
    assert [int(r["id"]) for r in rows] == [claims["claim"].id]
    assert as_analyst.get("/api/v1/claims/export/csv/", {"speaker": "x"}).status_code == 400
    assert as_analyst.get("/api/v1/claims/export/csv/", {"ordering": "kind"}).status_code == 400


def test_exports_read_in_chunks_with_a_server_side_cursor(
    as_analyst, claims, monkeypatch, django_assert_max_num_queries
):
    from claims.api import exports

    # Two chunks of two rows for four claims: links (and the claims at their other ends) are read
    # per chunk, not for everything at once.
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    with django_assert_max_num_queries(8) as captured:
        rows = _body(as_analyst.get("/api/v1/claims/export/jsonl/")).splitlines()
    assert len(rows) == 4
    link_queries = [q for q in captured.captured_queries if "claims_claimlink" in q["sql"]]
    assert len(link_queries) == 2
