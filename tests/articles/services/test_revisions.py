"""An updated story at the same URL becomes a new revision: its new statements are extracted,
the editor's decisions on statements still in the text carry over, the rest stays in history."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article, ArticleRevision
from articles.revisions import span_mapper, text_changes
from articles.services import article_create
from claims.models import Claim, ReviewStatus
from claims.services.editing import claim_confirm
from history.models import ChangeRecord

pytestmark = pytest.mark.django_db

URL = "https://news.example/2026/12/border"
V1 = (
    "Border talks.\n\nThe Ministry said the border was closed. "
    "The Embassy denied that the border was closed. The Council said talks would resume."
)
# Edited after publication: a new first sentence shifts every offset, the Council's line is gone,
# and there is a new denial.
V2 = (
    "Border talks (updated).\n\nThe Mayor said the bridge was open. The Ministry said the border was closed. "
    "The Embassy denied that the border was closed. The Port denied that the bridge was open."
)


@pytest.fixture(autouse=True)
def fake_extractor(settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"


def statement(article: Article, quote: str) -> Claim:
    return Claim.objects.get(article=article, quote_text=quote)


def test_a_changed_text_at_the_same_url_is_a_new_revision_and_the_editors_decisions_carry_over(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = article_create(body=V1, url=URL)
    article = first.article
    denial = Claim.objects.get(article=article, kind="denial")
    council = Claim.objects.get(article=article, quote_text__startswith="talks would resume")
    claim_confirm(user=editor, claim=denial, expected_version=denial.version)
    claim_confirm(user=editor, claim=council, expected_version=council.version)

    with django_capture_on_commit_callbacks(execute=True):
        second = article_create(body=V2, url=URL)

    assert (second.duplicate, second.revised, second.article.pk) == (False, True, article.pk)
    article.refresh_from_db()
    assert (article.body, article.revision, article.analysis_state) == (V2, 2, "done")
    assert list(ArticleRevision.objects.filter(article=article).values_list("number", "body")) == [(1, V1)]
    # The confirmed denial is still in the text: same row, still confirmed, spans on the new text.
    kept = Claim.objects.get(pk=denial.pk)
    assert kept.review_status == ReviewStatus.CONFIRMED
    assert V2[kept.content_start : kept.content_end] == "that the border was closed"
    assert kept.quote_text == "that the border was closed"
    # The new statements were extracted; the Council's line is gone, and its decision is history.
    kinds = sorted(Claim.objects.filter(article=article).values_list("kind", "quote_text"))
    assert ("denial", "that the bridge was open") in kinds and ("claim", "the bridge was open") in kinds
    assert not Claim.objects.filter(pk=council.pk).exists()
    record = ChangeRecord.objects.get(object_id=council.pk, action="delete")
    assert record.before["review_status"] == "confirmed"
    assert record.after == {"reason": "not in revision 2 of the article's text"}
    # Every statement's spans hold its quote in the new text.
    for claim in Claim.objects.filter(article=article):
        assert V2[claim.content_start : claim.content_end] in claim.quote_text

    # The same text again is a duplicate, not a third revision.
    again = article_create(body=V2, url=URL)
    assert again.duplicate and not again.revised
    assert Article.objects.get(pk=article.pk).revision == 2


def test_the_reader_shows_the_revision_and_what_changed(analyst, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(body=V1, url=URL).article
        article_create(body=V2, url=URL)
    client.force_login(analyst)
    page = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    assert "revision 2 of 2 · what changed" in page
    assert "+</span> The Mayor said the bridge was open." in page
    assert "−</span> The Council said talks would resume." in page


def test_the_api_says_when_a_text_became_a_new_revision(editor):
    api = APIClient()
    api.force_authenticate(editor)
    results = []
    for text in (V1, V2, V2):
        response = api.post(
            "/api/v1/articles/bulk/", {"articles": [{"text": text, "url": URL}]}, format="json"
        )
        assert response.status_code == 200, response.content
        result = response.json()["results"][0]
        results.append((result["duplicate"], result["revised"], result["article"]["revision"]))
    assert results == [(False, False, 1), (False, True, 2), (True, False, 2)]


def test_spans_follow_their_words_and_vanish_with_them():
    old, new = "Alpha beta. Gamma delta.", "Intro. Alpha beta. Delta."
    mapped = span_mapper(old, new)
    assert mapped(0, 10) == (7, 17)  # "Alpha beta" moved by the new first sentence
    assert mapped(12, 23) is None  # "Gamma delta" is gone
    assert text_changes(old, new) == {"added": ["Intro.", "Delta."], "removed": ["Gamma delta."]}
