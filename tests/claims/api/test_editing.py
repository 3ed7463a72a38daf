"""What the editing panel does, over /api/v1/ with the browser's session: each role against each
write, the one claim shape with its linked claims, the 409 body, searches, bad input.

(Ported from the /edit/ JSON endpoints' tests when the panel moved to the REST API.)
"""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from actors.models import Actor
from claims.models import Claim, ClaimLink
from claims.services.editing import claim_update
from history.models import ChangeRecord
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimLinkFactory,
)

pytestmark = pytest.mark.django_db

EMOJI_BODY = "Leaders 🇺🇳 met. Pyongyang 🚀 denied the report that it shipped shells 💥 to Moscow."


def _session(request, role: str) -> APIClient:
    """A client logged in through the session, as the browser is (anonymous stays anonymous)."""
    client = APIClient()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


# Each write the panel makes: how to call it, and the status when the role allows it.
def _update(client, w):
    return client.patch(f"/api/v1/claims/{w['claim'].pk}/", {"version": 1, "kind": "denial"}, format="json")


def _confirm(client, w):
    return client.post(f"/api/v1/claims/{w['claim'].pk}/confirm/", {"version": 1}, format="json")


def _reject(client, w):
    return client.post(f"/api/v1/claims/{w['claim'].pk}/reject/", {"version": 1}, format="json")


def _create(client, w):
    return client.post(
        "/api/v1/claims/",
        {
            "article": w["claim"].article_id,
            "kind": "claim",
            "content_spans": [[0, 5]],
            "speaker": w["actor"].pk,
        },
        format="json",
    )


def _link(client, w):
    return client.post(
        "/api/v1/links/",
        {"source": w["claim"].pk, "target": w["other"].pk, "relation": "rebuts"},
        format="json",
    )


def _unlink(client, w):
    return client.delete(f"/api/v1/links/{w['link'].pk}/")


def _actor(client, w):
    return client.post(
        "/api/v1/actors/", {"name": "Ministry of Truth", "kind": "organisation"}, format="json"
    )


WRITES = {
    "update": (_update, 200),
    "confirm": (_confirm, 200),
    "reject": (_reject, 200),
    "create": (_create, 201),
    "link_create": (_link, 201),
    "link_delete": (_unlink, 204),
    "actor_create": (_actor, 201),
}
ROLES = {"anonymous": 401, "outsider": 403, "analyst": 403, "editor": None, "admin_user": None}


@pytest.fixture
def world(db):
    claim = ClaimFactory(kind="claim")
    other = ClaimFactory()
    return {
        "claim": claim,
        "other": other,
        "actor": ActorFactory(),
        "link": ClaimLinkFactory(source=ClaimFactory(article=claim.article), target=other),
    }


@pytest.mark.parametrize("endpoint", sorted(WRITES))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_against_each_write_the_panel_makes(request, world, role, endpoint):
    call, allowed_status = WRITES[endpoint]
    response = call(_session(request, role), world)
    expected = ROLES[role] or allowed_status
    assert response.status_code == expected, response.content
    assert ChangeRecord.objects.exists() is (ROLES[role] is None)
    if ROLES[role] is not None:
        world["claim"].refresh_from_db()
        assert (world["claim"].kind, world["claim"].review_status, world["claim"].version) == (
            "claim",
            "proposed",
            1,
        )
        assert not Actor.objects.filter(name="Ministry of Truth").exists()
        assert ClaimLink.objects.filter(pk=world["link"].pk, review_status="proposed").exists()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("outsider", 403), ("analyst", 200), ("editor", 200)]
)
def test_the_reads_the_panel_makes_need_a_role(request, world, role, status):
    client = _session(request, role)
    for url in (
        f"/api/v1/claims/{world['claim'].pk}/",
        "/api/v1/actors/?q=Actor&merged=false",
        "/api/v1/claims/?q=ministry",
        f"/api/v1/claims/?said_by={world['actor'].pk}",
    ):
        assert client.get(url).status_code == status, url


def test_a_claim_embeds_its_linked_claims_so_the_panel_needs_no_request_per_link(
    client, analyst, django_assert_num_queries
):
    link = ClaimLinkFactory(target__speaker=ActorFactory(affiliation=ActorFactory(name="Affiliated")))
    ClaimLinkFactory(source=link.source, review_status="rejected")  # a tombstone: not a link
    api = APIClient()
    api.force_login(analyst)
    # session, user, role groups, the claim, its links, the claims at their other ends
    with django_assert_num_queries(6):
        data = api.get(f"/api/v1/claims/{link.source_id}/").json()
    target = link.target
    assert data["links"]["rebuts"] == [target.id]
    assert data["linked"] == [
        {
            "id": link.pk,
            "relation": "rebuts",
            "direction": "out",
            "origin": "machine",
            "status": "proposed",
            "claim": {
                "id": target.id,
                "kind": "claim",
                "speaker": {
                    "id": target.speaker_id,
                    "name": target.speaker.name,
                    "kind": "state",
                    "code": "",
                    "affiliation": {
                        "id": target.speaker.affiliation_id,
                        "name": "Affiliated",
                        "kind": "state",
                        "code": "",
                    },
                },
                "content": target.quote_text,
                "status": "proposed",
                "article": data["linked"][0]["claim"]["article"],
            },
        }
    ]
    assert data["linked"][0]["claim"]["article"]["id"] == target.article_id
    # Seen from the other end, the same link points the other way.
    back = api.get(f"/api/v1/claims/{target.id}/").json()["linked"]
    assert [(end["id"], end["direction"], end["claim"]["id"]) for end in back] == [
        (link.pk, "in", link.source_id)
    ]


def test_the_claim_shape_is_the_same_in_the_list_the_detail_and_a_write(as_session_editor):
    claim = ClaimLinkFactory().source
    listed = as_session_editor.get("/api/v1/claims/", {"article": claim.article_id}).json()["results"]
    detail = as_session_editor.get(f"/api/v1/claims/{claim.id}/").json()
    written = as_session_editor.patch(
        f"/api/v1/claims/{claim.id}/", {"version": 1, "note": "checked"}, format="json"
    ).json()
    assert [c for c in listed if c["id"] == claim.id] == [detail]
    assert set(written) == set(detail)
    assert written["linked"] == detail["linked"] and written["note"] == "checked"


@pytest.fixture
def as_session_editor(editor):
    client = APIClient()
    client.force_login(editor)
    return client


def test_a_stale_save_is_a_409_with_the_current_claim_and_the_change_that_won(as_session_editor, admin_user):
    claim = ClaimFactory(kind="claim")
    ClaimLinkFactory(source=claim)
    claim_update(user=admin_user, claim=claim, expected_version=1, kind="accusation", note="theirs")
    response = as_session_editor.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "kind": "denial"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert admin_user.username in body["detail"] and "Nothing was saved" in body["detail"]
    assert body["current_version"] == 2
    # `current` is the one claim shape, exactly what a GET returns now.
    assert body["current"] == as_session_editor.get(f"/api/v1/claims/{claim.pk}/").json()
    assert (body["current"]["kind"], body["current"]["note"], body["current"]["version"]) == (
        "accusation",
        "theirs",
        2,
    )
    change = body["change"]
    assert (change["user"], change["action"]) == (admin_user.username, "update")
    assert change["before"]["kind"] == "claim" and change["after"]["kind"] == "accusation"
    assert change["at"].endswith("Z")
    claim.refresh_from_db()
    assert claim.kind == "accusation"


@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_a_stale_review_action_is_a_409_with_the_same_body(as_session_editor, admin_user, action):
    claim = ClaimFactory()
    claim_update(user=admin_user, claim=claim, expected_version=1, note="theirs")
    response = as_session_editor.post(f"/api/v1/claims/{claim.pk}/{action}/", {"version": 1}, format="json")
    assert response.status_code == 409
    assert set(response.json()) == {"detail", "current_version", "current", "change"}
    assert Claim.objects.get(pk=claim.pk).review_status == "edited"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"version": 1, "content_spans": [[10, 5]]}, "content_spans"),
        ({"version": 1, "content_spans": [[0, 10_000]]}, "content_spans"),  # past the end of the text
        ({"version": 1, "speaker_span": [0, 10_000]}, "speaker_span"),
        ({"version": 1, "kind": "gossip"}, "kind"),
        ({"version": 1, "speaker": 999999}, "speaker"),  # no such actor
        ({"version": 1, "target": 999999}, "target"),
        ({"version": 1, "confidence": 0.2}, "confidence"),  # not the editor's to set
        ({"kind": "denial"}, "version"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(as_session_editor, payload, field):
    claim = ClaimFactory()
    response = as_session_editor.patch(f"/api/v1/claims/{claim.pk}/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.version, fresh.kind, fresh.content_spans) == (1, claim.kind, claim.content_spans)
    assert not ChangeRecord.objects.exists()


def test_a_body_that_is_not_json_is_a_400_and_a_missing_claim_a_404(as_session_editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/confirm/"
    bad = as_session_editor.generic("POST", url, "{nope", content_type="application/json")
    assert bad.status_code == 400 and "detail" in bad.json()
    missing = as_session_editor.post("/api/v1/claims/999999/confirm/", {"version": 1}, format="json")
    assert missing.status_code == 404
    assert Claim.objects.get(pk=claim.pk).review_status == "proposed"


def test_session_writes_need_the_csrf_token(editor):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = f"/api/v1/claims/{claim.pk}/confirm/"
    refused = client.post(url, json.dumps({"version": 1}), content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).review_status == "proposed"
    client.get(f"/articles/{claim.article_id}/")  # the reader carries the panel's token
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, json.dumps({"version": 1}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200 and response.json()["status"] == "confirmed"


def test_creating_a_claim_takes_code_point_offsets(as_session_editor):
    article = ArticleFactory(body=EMOJI_BODY)
    start, end = EMOJI_BODY.index("shells"), EMOJI_BODY.index(" to Moscow")
    response = as_session_editor.post(
        "/api/v1/claims/",
        {"article": article.pk, "kind": "claim", "content_spans": [[start, end]]},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["content"] == "shells 💥"


def test_creating_a_claim_past_the_end_of_the_text_is_a_400(as_session_editor):
    article = ArticleFactory(body=EMOJI_BODY)
    length = len(EMOJI_BODY)  # code points
    response = as_session_editor.post(
        "/api/v1/claims/",
        {"article": article.pk, "kind": "claim", "content_spans": [[length - 3, length + 1]]},
        format="json",
    )
    assert response.status_code == 400 and "content_spans" in response.json()
    assert not Claim.objects.exists()


def test_link_then_unlink_and_the_claim_shows_both(as_session_editor):
    denial, claim = ClaimFactory(kind="denial"), ClaimFactory()
    created = as_session_editor.post(
        "/api/v1/links/", {"source": denial.pk, "target": claim.pk, "relation": "rebuts"}, format="json"
    )
    assert created.status_code == 201
    link_id = created.json()["id"]
    linked = as_session_editor.get(f"/api/v1/claims/{denial.pk}/").json()["linked"]
    assert [(end["id"], end["claim"]["id"], end["origin"]) for end in linked] == [
        (link_id, claim.pk, "editor")
    ]
    again = as_session_editor.post(
        "/api/v1/links/", {"source": denial.pk, "target": claim.pk, "relation": "rebuts"}, format="json"
    )
    assert again.status_code == 400
    assert as_session_editor.delete(f"/api/v1/links/{link_id}/").status_code == 204
    assert not ClaimLink.objects.exists()
    assert as_session_editor.get(f"/api/v1/claims/{denial.pk}/").json()["linked"] == []


def test_linking_to_an_unknown_claim_is_a_400_and_links_nothing(as_session_editor):
    denial = ClaimFactory(kind="denial")
    response = as_session_editor.post(
        "/api/v1/links/", {"source": denial.pk, "target": 999999, "relation": "rebuts"}, format="json"
    )
    assert response.status_code == 400 and "target" in response.json()
    assert not ClaimLink.objects.exists() and not ChangeRecord.objects.exists()


def test_claims_are_found_by_their_words_or_by_who_said_them(as_session_editor):
    state = ActorFactory(name="North Korea")
    envoy = ActorFactory(name="Envoy", kind="person", affiliation=state)
    hit = ClaimFactory(speaker=state, quote_text="artillery shells shipped")
    through_envoy = ClaimFactory(speaker=envoy, quote_text="nothing relevant")
    ClaimFactory(quote_text="nothing else relevant either")
    by_text = as_session_editor.get("/api/v1/claims/", {"q": "shells"}).json()["results"]
    assert [c["id"] for c in by_text] == [hit.pk]
    by_voice = as_session_editor.get("/api/v1/claims/", {"said_by": state.pk}).json()["results"]
    assert {c["id"] for c in by_voice} == {hit.pk, through_envoy.pk}
    assert as_session_editor.get("/api/v1/claims/", {"said_by": "x"}).status_code == 400


@pytest.mark.parametrize("typed", ["north", "DPRK", "dpr", "prk", "PRK"])
def test_actors_are_found_by_part_of_a_name_or_alias_or_by_their_code(as_session_editor, typed):
    actor = ActorFactory(name="North Korea", code="PRK")
    ActorAliasFactory(actor=actor, alias="DPRK", normalised="dprk")
    merged = ActorFactory(name="North Korea (dup)", merged_into=actor)
    ActorFactory(name="South Korea", code="KOR")
    found = as_session_editor.get("/api/v1/actors/", {"q": typed, "merged": "false"}).json()["results"]
    assert [a["id"] for a in found] == [actor.pk]
    assert found[0]["affiliation"] is None and merged.pk not in [a["id"] for a in found]


def test_an_editor_creates_an_actor_and_can_make_it_the_speaker(as_session_editor):
    claim = ClaimFactory()
    response = as_session_editor.post(
        "/api/v1/actors/",
        {"name": "  Ministry   of Truth ", "kind": "organisation", "code": "mot"},
        format="json",
    )
    assert response.status_code == 201, response.content
    actor = response.json()
    assert (actor["name"], actor["kind"], actor["code"], actor["status"]) == (
        "Ministry of Truth",
        "organisation",
        "MOT",
        "confirmed",
    )
    # Its name is an alias now: the search finds it, and a second actor of that name is refused.
    assert [a["id"] for a in as_session_editor.get("/api/v1/actors/", {"q": "truth"}).json()["results"]] == [
        actor["id"]
    ]
    again = as_session_editor.post(
        "/api/v1/actors/", {"name": "ministry of truth", "kind": "organisation"}, format="json"
    )
    assert again.status_code == 400 and "already known" in again.json()["name"][0]
    saved = as_session_editor.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "speaker": actor["id"]}, format="json"
    ).json()
    assert saved["speaker"]["id"] == actor["id"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "organisation"}, "name"),
        ({"name": "   ", "kind": "organisation"}, "name"),
        ({"name": "!!!", "kind": "organisation"}, "name"),
        ({"name": "Someone", "kind": "alien"}, "kind"),
        ({"name": 5, "kind": "state"}, "name"),
        ({"name": "Someone", "kind": "state", "affiliation": 1}, "affiliation"),  # not settable here
    ],
)
def test_bad_actor_creates_are_a_400_and_create_nothing(as_session_editor, payload, field):
    before = Actor.objects.count()
    response = as_session_editor.post("/api/v1/actors/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Actor.objects.count() == before and not ChangeRecord.objects.exists()


def test_a_removed_machine_link_disappears_from_the_reader(client, editor):
    link = ClaimLinkFactory(origin="machine")
    link.target.article = link.source.article
    link.target.save()
    client.force_login(editor)
    url = f"/articles/{link.source.article_id}/"
    assert "rebutted by" in client.get(url).content.decode()
    api = APIClient()
    api.force_login(editor)
    assert api.delete(f"/api/v1/links/{link.pk}/").status_code == 204
    page = client.get(url).content.decode()
    assert "rebutted by" not in page and 'class="rel">rebuts' not in page
    assert ClaimLink.objects.get(pk=link.pk).review_status == "rejected"  # the tombstone stays


@pytest.mark.parametrize(
    "path", ["/edit/claims/1/", "/edit/claims/1/update/", "/edit/links/", "/edit/actors/search/?q=x"]
)
def test_the_old_edit_endpoints_are_gone(as_session_editor, path):
    assert as_session_editor.get(path).status_code == 404
    assert as_session_editor.post(path, {}, format="json").status_code == 404
