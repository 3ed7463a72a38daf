"""The review queue, the history pages and the reader's edit panel over HTTP, per role.

What the panel does is the REST API's: tests/claims/api/test_editing.py."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.services.editing import claim_update
from history.models import ChangeRecord
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _client(request, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


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
