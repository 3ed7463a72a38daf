"""The editing endpoints, review queue and history pages over HTTP: each role against each one."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import ClaimLink
from claims.services.editing import claim_update
from history.models import ChangeRecord
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

EMOJI_BODY = "Leaders 🇺🇳 met. Pyongyang 🚀 denied the report that it shipped shells 💥 to Moscow."


def _client(request, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _post(client: Client, url: str, data: dict | None = None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


# Each write endpoint: (name, how to call it, status when allowed).
def _update(client, w):
    return _post(client, reverse("edit-claim-update", args=[w["claim"].pk]), {"version": 1, "kind": "denial"})


def _confirm(client, w):
    return _post(client, reverse("edit-claim-confirm", args=[w["claim"].pk]), {"version": 1})


def _reject(client, w):
    return _post(client, reverse("edit-claim-reject", args=[w["claim"].pk]), {"version": 1})


def _create(client, w):
    return _post(
        client,
        reverse("edit-claim-create", args=[w["claim"].article_id]),
        {"kind": "claim", "content_spans": [[0, 5]], "speaker": w["actor"].pk},
    )


def _link(client, w):
    return _post(
        client,
        reverse("edit-link-create"),
        {"source": w["claim"].pk, "target": w["other"].pk, "relation": "rebuts"},
    )


def _unlink(client, w):
    return _post(client, reverse("edit-link-delete", args=[w["link"].pk]))


def _actor(client, w):
    return _post(client, reverse("edit-actor-create"), {"name": "Ministry of Truth", "kind": "organisation"})


WRITES = {
    "update": (_update, 200),
    "confirm": (_confirm, 200),
    "reject": (_reject, 200),
    "create": (_create, 201),
    "link_create": (_link, 201),
    "link_delete": (_unlink, 200),
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
def test_each_role_against_each_edit_endpoint(request, world, role, endpoint):
    call, allowed_status = WRITES[endpoint]
    response = call(_client(request, role), world)
    expected = ROLES[role] or allowed_status
    assert response.status_code == expected, response.content
    assert response["Content-Type"] == "application/json"
    assert ChangeRecord.objects.exists() is (ROLES[role] is None)
    if ROLES[role] is not None:
        world["claim"].refresh_from_db()
        assert (world["claim"].kind, world["claim"].review_status, world["claim"].version) == (
            "claim",
            "proposed",
            1,
        )


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("outsider", 403), ("analyst", 200), ("editor", 200)]
)
def test_reading_endpoints_need_a_role(request, world, role, status):
    client = _client(request, role)
    for url in (
        reverse("edit-claim", args=[world["claim"].pk]),
        reverse("edit-actor-search") + "?q=Actor",
        reverse("edit-claim-search") + "?q=ministry",
    ):
        assert client.get(url).status_code == status


def test_the_claim_endpoint_returns_the_statement_with_its_links(client, editor):
    link = ClaimLinkFactory()
    client.force_login(editor)
    data = client.get(reverse("edit-claim", args=[link.source_id])).json()
    assert data["version"] == 1 and data["content_spans"] == [[0, 20]]
    assert data["links"] == [
        {
            "id": link.pk,
            "relation": "rebuts",
            "direction": "out",
            "origin": "machine",
            "review_status": "proposed",
            "other": {
                "id": link.target_id,
                "kind": "claim",
                "speaker": {
                    "id": link.target.speaker_id,
                    "name": link.target.speaker.name,
                    "kind": "state",
                    "code": "",
                },
                "quote_text": link.target.quote_text,
                "article": {"id": link.target.article_id, "title": link.target.article.title},
                "review_status": "proposed",
            },
        }
    ]


def test_a_stale_save_gets_409_with_the_current_statement_and_the_other_persons_change(
    client, editor, admin_user
):
    claim = ClaimFactory(kind="claim")
    claim_update(user=admin_user, claim=claim, expected_version=1, kind="accusation", note="theirs")
    client.force_login(editor)
    response = _post(client, reverse("edit-claim-update", args=[claim.pk]), {"version": 1, "kind": "denial"})
    assert response.status_code == 409
    body = response.json()
    assert admin_user.username in body["error"] and "Nothing was saved" in body["error"]
    assert body["current"]["kind"] == "accusation" and body["current"]["version"] == 2
    assert body["change"]["user"] == admin_user.username
    assert body["change"]["after"]["kind"] == "accusation" and body["change"]["before"]["kind"] == "claim"
    claim.refresh_from_db()
    assert claim.kind == "accusation"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"version": 1, "content_spans": [[10, 5]]}, "content_spans"),
        ({"version": 1, "kind": "gossip"}, "kind"),
        ({"version": 1, "speaker": 999999}, "speaker"),
        ({"version": 1, "confidence": 0.2}, "confidence"),
        ({"kind": "denial"}, "version"),
    ],
)
def test_bad_input_is_a_400_with_field_errors(client, editor, payload, field):
    claim = ClaimFactory()
    client.force_login(editor)
    response = _post(client, reverse("edit-claim-update", args=[claim.pk]), payload)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_body_that_is_not_json_is_a_400_and_a_missing_statement_a_404(client, editor):
    client.force_login(editor)
    claim = ClaimFactory()
    url = reverse("edit-claim-confirm", args=[claim.pk])
    assert client.post(url, "{nope", content_type="application/json").status_code == 400
    assert _post(client, reverse("edit-claim-confirm", args=[999999]), {"version": 1}).status_code == 404


def test_edit_posts_need_the_csrf_token(editor):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("edit-claim-confirm", args=[claim.pk])
    assert _post(client, url, {"version": 1}).status_code == 403
    client.get(reverse("review-queue"))  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, json.dumps({"version": 1}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200 and response.json()["review_status"] == "confirmed"


def test_creating_a_statement_over_http_takes_code_point_offsets(client, editor):
    article = ArticleFactory(body=EMOJI_BODY)
    start, end = EMOJI_BODY.index("shells"), EMOJI_BODY.index(" to Moscow")
    client.force_login(editor)
    response = _post(
        client,
        reverse("edit-claim-create", args=[article.pk]),
        {"kind": "claim", "content_spans": [[start, end]]},
    )
    assert response.status_code == 201
    assert response.json()["quote_text"] == "shells 💥"


def test_link_and_unlink_over_http(client, editor):
    denial, claim = ClaimFactory(kind="denial"), ClaimFactory()
    client.force_login(editor)
    response = _post(client, reverse("edit-link-create"), {"source": denial.pk, "target": claim.pk})
    assert response.status_code == 201
    link_id = response.json()["id"]
    assert [link["other"]["id"] for link in response.json()["source"]["links"]] == [claim.pk]
    again = _post(client, reverse("edit-link-create"), {"source": denial.pk, "target": claim.pk})
    assert again.status_code == 400
    assert _post(client, reverse("edit-link-delete", args=[link_id])).status_code == 200
    assert not ClaimLink.objects.exists()


def test_searches_find_statements_by_text_or_speaker_and_actors_by_alias(client, analyst):
    speaker = ActorFactory(name="North Korea")
    hit = ClaimFactory(speaker=speaker, quote_text="artillery shells shipped")
    ClaimFactory(quote_text="nothing relevant")
    client.force_login(analyst)
    by_text = client.get(reverse("edit-claim-search"), {"q": "shells"}).json()["results"]
    by_actor = client.get(reverse("edit-claim-search"), {"actor": speaker.pk}).json()["results"]
    assert [c["id"] for c in by_text] == [c["id"] for c in by_actor] == [hit.pk]
    actors = client.get(reverse("edit-actor-search"), {"q": "north"}).json()["results"]
    assert [a["id"] for a in actors] == [speaker.pk]


# --- review queue ---------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("editor", 200), ("admin_user", 200)])
def test_review_pages_are_for_editors(request, role, status):
    client = _client(request, role)
    assert client.get(reverse("review-queue")).status_code == status
    assert client.get(reverse("review-quality")).status_code == status


def test_the_queue_lists_proposed_statements_least_confident_first_with_filters_and_counts(client, editor):
    article = ArticleFactory()
    sure = ClaimFactory(article=article, confidence=0.9, quote_text="confident one")
    unsure = ClaimFactory(article=article, confidence=0.2, quote_text="doubtful one", kind="denial")
    ClaimFactory(article=article, confidence=0.1, review_status="confirmed", quote_text="already confirmed")
    ClaimFactory(confidence=0.05, quote_text="other article")
    client.force_login(editor)
    page = client.get(reverse("review-queue"), {"article": article.pk}).content.decode()
    assert page.index("doubtful one") < page.index("confident one")
    assert "already confirmed" not in page and "other article" not in page
    assert "<strong>2</strong> proposed" in page and "<strong>1</strong> confirmed" in page
    denials = client.get(reverse("review-queue"), {"article": article.pk, "kind": "denial"}).content.decode()
    assert "doubtful one" in denials and "confident one" not in denials
    by_actor = client.get(reverse("review-queue"), {"actor": sure.speaker_id}).content.decode()
    assert "confident one" in by_actor and "doubtful one" not in by_actor
    assert unsure.speaker_id != sure.speaker_id


def test_deciding_from_the_queue_confirms_and_refuses_a_stale_decision(client, editor, admin_user):
    claim = ClaimFactory()
    client.force_login(editor)
    url = reverse("review-decide", args=[claim.pk])
    response = client.post(url, {"action": "confirm", "version": 1, "next": "/review/"}, follow=True)
    assert "confirmed" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_status == "confirmed"
    response = client.post(url, {"action": "reject", "version": 1}, follow=True)
    assert "Not saved" in response.content.decode() and editor.username in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_status == "confirmed"


def test_the_quality_view_shows_shares_per_extractor_version(client, editor):
    for status in ("confirmed", "confirmed", "edited", "rejected", "proposed"):
        ClaimFactory(extractor_version="2026.11.1", review_status=status)
    ClaimFactory(extractor_version="", origin="editor", review_status="confirmed")
    client.force_login(editor)
    page = client.get(reverse("review-quality")).content.decode()
    row = page[page.index("2026.11.1") :]
    assert "<td>5</td>" in row and "<td>4</td>" in row  # total, reviewed
    assert '2 <span class="share">(50%)</span>' in row and '1 <span class="share">(25%)</span>' in row


# --- history --------------------------------------------------------------------------------


def test_history_pages_show_who_changed_what_and_admins_revert(client, editor, admin_user):
    claim = ClaimFactory(kind="claim")
    claim_update(user=editor, claim=claim, expected_version=1, kind="denial")
    change = ChangeRecord.objects.get()
    client.force_login(editor)
    for url in (
        reverse("history-claim", args=[claim.pk]),
        reverse("history-article", args=[claim.article_id]),
    ):
        page = client.get(url).content.decode()
        assert editor.username in page and '<td class="before">claim</td>' in page and "Revert" not in page
    revert_url = reverse("history-revert", args=[change.pk])
    assert client.post(revert_url).status_code == 403
    client.force_login(admin_user)
    assert "Revert this change" in client.get(reverse("history-claim", args=[claim.pk])).content.decode()
    response = client.post(revert_url, {"next": reverse("history-claim", args=[claim.pk])}, follow=True)
    assert "reverted" in response.content.decode()
    claim.refresh_from_db()
    assert claim.kind == "claim"


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("editor", 200)])
def test_history_pages_are_for_editors(request, role, status):
    claim = ClaimFactory()
    client = _client(request, role)
    assert client.get(reverse("history-claim", args=[claim.pk])).status_code == status
    assert client.get(reverse("history-recent")).status_code == status


@pytest.mark.parametrize(("role", "panel"), [("analyst", False), ("editor", True), ("admin_user", True)])
def test_the_reader_carries_the_edit_panel_for_editors_only(request, role, panel):
    claim = ClaimFactory()
    page = _client(request, role).get(reverse("article-detail", args=[claim.article_id])).content.decode()
    assert ('id="edit-panel"' in page) is panel
    assert ("js/editor.js" in page) is panel
    assert ('href="/review/"' in page) is panel


def test_a_removed_machine_link_disappears_from_the_reader(client, editor):
    link = ClaimLinkFactory(origin="machine")
    link.target.article = link.source.article
    link.target.save()
    client.force_login(editor)
    url = reverse("article-detail", args=[link.source.article_id])
    assert "rebutted by" in client.get(url).content.decode()
    assert _post(client, reverse("edit-link-delete", args=[link.pk])).status_code == 200
    page = client.get(url).content.decode()
    assert "rebutted by" not in page and 'class="rel">rebuts' not in page
    assert ClaimLink.objects.get(pk=link.pk).review_status == "rejected"  # the tombstone stays


def test_the_queue_filters_by_an_actor_typed_as_a_name(client, editor):
    from tests.factories import ActorAliasFactory

    speaker = ActorAliasFactory(alias="DPRK", normalised="dprk").actor
    ClaimFactory(speaker=speaker, quote_text="said by the dprk")
    ClaimFactory(quote_text="said by someone else")
    client.force_login(editor)
    page = client.get(reverse("review-queue"), {"actor": "the DPRK"}).content.decode()
    assert "said by the dprk" in page and "said by someone else" not in page
    page = client.get(reverse("review-queue"), {"actor": "Atlantis"}).content.decode()
    assert "No actor is known as “Atlantis”" in page
