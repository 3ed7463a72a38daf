"""Claim and link writes: versioned (no lost update), strict input, a message per field, never a 500."""

import json

import pytest

from claims.models import Claim, ClaimLink, Origin, ReviewStatus
from history.models import ChangeRecord
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

BODY = "The ministry denied that it had shipped shells. Officials said talks failed."


@pytest.fixture
def claim():
    return ClaimFactory(
        article=ArticleFactory(body=BODY), content_start=4, content_end=46, quote_text=BODY[4:46]
    )


def _unchanged(claim: Claim) -> None:
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.version, fresh.kind, fresh.review_status, fresh.note) == (
        1,
        claim.kind,
        claim.review_status,
        "",
    )
    assert not ChangeRecord.objects.exists()


def test_update_with_the_version_read_bumps_it_and_records_the_change(as_editor, claim):
    response = as_editor.patch(
        f"/api/v1/claims/{claim.id}/",
        {"version": 1, "kind": "denial", "content_spans": [[48, 76]]},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["version"], data["status"], data["content"]) == (
        "denial",
        2,
        "edited",
        BODY[48:76],
    )
    assert response.headers["ETag"] == as_editor.get(f"/api/v1/claims/{claim.id}/").headers["ETag"]
    assert ChangeRecord.objects.filter(object_id=claim.id).count() == 1


def test_stale_version_is_a_409_and_writes_nothing(as_editor, claim):
    assert (
        as_editor.patch(
            f"/api/v1/claims/{claim.id}/", {"version": 1, "note": "first"}, format="json"
        ).status_code
        == 200
    )
    response = as_editor.patch(f"/api/v1/claims/{claim.id}/", {"version": 1, "note": "second"}, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert Claim.objects.get(pk=claim.pk).note == "first"


def test_a_version_the_claim_never_had_is_refused_without_blaming_the_last_editor(as_editor, claim):
    as_editor.patch(f"/api/v1/claims/{claim.id}/", {"version": 1, "note": "first"}, format="json")
    # The client sends the version it expects to create instead of the one it read.
    response = as_editor.patch(f"/api/v1/claims/{claim.id}/", {"version": 3, "note": "second"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("This statement has no version 3; it is at version 2.")
    assert "changed this statement" not in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).note == "first"


def test_if_match_with_the_current_etag_writes_and_a_stale_one_is_a_412(as_editor, claim):
    url = f"/api/v1/claims/{claim.id}/"
    etag = as_editor.get(url).headers["ETag"]
    assert as_editor.patch(url, {"note": "mine"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = as_editor.patch(url, {"note": "theirs"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Claim.objects.get(pk=claim.pk).note == "mine"
    assert as_editor.post(f"{url}confirm/", {}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_a_write_that_loses_the_race_after_if_match_matched_is_a_412(as_editor, claim, monkeypatch):
    url = f"/api/v1/claims/{claim.id}/"
    etag = as_editor.get(url).headers["ETag"]
    from claims.api import claims as claims_api

    real_update = claims_api.claim_update

    def other_editor_wins_first(**kwargs):
        # Someone else's write commits between our ETag check and our locked update.
        Claim.objects.filter(pk=claim.pk).update(version=2, note="other editor")
        return real_update(**kwargs)

    monkeypatch.setattr(claims_api, "claim_update", other_editor_wins_first)
    response = as_editor.patch(url, {"note": "mine"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert Claim.objects.get(pk=claim.pk).note == "other editor"


def test_confirm_and_reject_need_the_version_and_change_the_status(as_editor, as_analyst, claim):
    url = f"/api/v1/claims/{claim.id}/"
    missing = as_editor.post(f"{url}confirm/", {}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    confirmed = as_editor.post(f"{url}confirm/", {"version": 1}, format="json").json()
    assert (confirmed["status"], confirmed["version"]) == ("confirmed", 2)
    assert as_editor.post(f"{url}reject/", {"version": 2}, format="json").json()["status"] == "rejected"
    # Rejected claims leave the default list but stay reachable.
    assert as_analyst.get("/api/v1/claims/").json()["results"] == []
    assert [c["id"] for c in as_analyst.get("/api/v1/claims/", {"status": "rejected"}).json()["results"]] == [
        claim.id
    ]


def test_create_claim_is_an_editor_statement_born_confirmed(as_editor, claim):
    speaker, target = ActorFactory(), ActorFactory()
    response = as_editor.post(
        "/api/v1/claims/",
        {
            "article": claim.article_id,
            "kind": "claim",
            "content_spans": [[48, 76]],
            "speaker": speaker.id,
            "target": target.id,
            "cue_span": [58, 62],
            "direct_quote": False,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["origin"], data["status"], data["cue"], data["speaker"]["id"]) == (
        "editor",
        "confirmed",
        "said",
        speaker.id,
    )
    assert Claim.objects.get(pk=data["id"]).origin == Origin.EDITOR


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 1, "content_spans": [[70, 900]]}, "content_spans"),  # beyond the text
        ({"version": 1, "content_spans": [[40, 10]]}, "content_spans"),  # reversed
        ({"version": 1, "content_spans": [[4]]}, "content_spans"),
        ({"version": 1, "cue_span": [4, 4]}, "cue_span"),  # empty
        ({"version": 1, "speaker": 987654321}, "speaker"),  # unknown id
        ({"version": 1, "speaker": str(10**30)}, "speaker"),
        ({"version": 1, "speaker": 10**30}, "speaker"),
        ({"version": 1, "speaker": "5"}, "speaker"),  # wrong type
        ({"version": 1, "direct_quote": "true"}, "direct_quote"),
        ({"version": 1, "note": 5}, "note"),
        ({"version": 1, "kind": "rumour"}, "kind"),
        ({"version": "1", "note": "x"}, "version"),
        ({"version": True, "note": "x"}, "version"),
        ({"version": 1, "colour": "red"}, "colour"),  # unknown field
        ({"note": "no version"}, "version"),
        ({"version": 1}, "non_field_errors"),  # nothing to change
    ],
)
def test_bad_updates_are_a_400_per_field_and_write_nothing(as_editor, claim, body, field):
    response = as_editor.patch(f"/api/v1/claims/{claim.id}/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    _unchanged(claim)


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"version": 1, "note": ', "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b"\xff\xfe not utf-8", "application/json", 400),
        (b'{"version": 1, "note": "nul \\u0000 byte"}', "application/json", 400),
        (b"version=1&note=x", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_bodies_are_refused_before_any_write(as_editor, claim, content, content_type, status):
    response = as_editor.generic("PATCH", f"/api/v1/claims/{claim.id}/", content, content_type=content_type)
    assert response.status_code == status, response.content
    _unchanged(claim)


def test_a_body_over_the_limit_is_a_413(as_editor, claim, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"version": 1, "note": "x" * 2000}).encode()
    response = as_editor.generic(
        "PATCH", f"/api/v1/claims/{claim.id}/", body, content_type="application/json"
    )
    assert response.status_code == 413
    _unchanged(claim)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "claim", "content_spans": [[0, 10]]}, "article"),
        ({"article": 10**6, "kind": "claim", "content_spans": [[0, 10]]}, "article"),
        ({"article": "ARTICLE", "kind": "claim", "content_spans": [[0, 10]]}, "content_spans"),
        ("ARTICLE", "content_spans"),
    ],
)
def test_bad_creates_are_a_400_per_field(as_editor, claim, body, field):
    if body == "ARTICLE":
        body = {"article": claim.article_id, "kind": "claim", "content_spans": [[0, len(BODY) + 1]]}
    elif body.get("article") == "ARTICLE":
        body = {**body, "article": claim.article_id, "content_spans": []}
    response = as_editor.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Claim.objects.count() == 1


def test_links_create_list_and_delete(as_editor, as_analyst, claim):
    other = ClaimFactory(article=claim.article, content_start=48, content_end=76)
    created = as_editor.post(
        "/api/v1/links/", {"source": claim.id, "target": other.id, "relation": "rebuts"}, format="json"
    )
    assert created.status_code == 201, created.content
    link_id = created.json()["id"]
    again = as_editor.post(
        "/api/v1/links/", {"source": claim.id, "target": other.id, "relation": "rebuts"}, format="json"
    )
    assert again.status_code == 400 and "target" in again.json()
    to_self = as_editor.post(
        "/api/v1/links/", {"source": claim.id, "target": claim.id, "relation": "rebuts"}, format="json"
    )
    assert to_self.status_code == 400
    listed = as_analyst.get("/api/v1/links/", {"claim": other.id}).json()["results"]
    assert [link["id"] for link in listed] == [link_id]

    assert as_editor.delete(f"/api/v1/links/{link_id}/").status_code == 204
    assert not ClaimLink.objects.filter(pk=link_id).exists()  # an editor's own link goes entirely
    assert as_editor.delete(f"/api/v1/links/{link_id}/").status_code == 404


def test_deleting_a_machine_link_rejects_it_and_hides_it(as_editor, as_analyst, claim):
    link = ClaimLinkFactory(source=claim)
    assert as_editor.delete(f"/api/v1/links/{link.id}/").status_code == 204
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.REJECTED
    assert as_analyst.get("/api/v1/links/").json()["results"] == []
    assert as_analyst.get(f"/api/v1/claims/{claim.id}/").json()["links"]["rebuts"] == []
