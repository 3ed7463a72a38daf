"""Articles: list without text, detail with it, create from text or URL, bulk all-or-nothing."""

import pytest

from articles.errors import IngestError
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_create_from_text_then_the_same_text_is_a_duplicate(as_editor, seed_text):
    first = as_editor.post("/api/v1/articles/", {"text": seed_text, "outlet": "Wire"}, format="json")
    assert first.status_code == 201, first.content
    article_id = first.json()["article"]["id"]
    assert first.json()["duplicate"] is False
    assert Article.objects.get(pk=article_id).outlet == "Wire"

    again = as_editor.post("/api/v1/articles/", {"text": seed_text}, format="json")
    assert again.status_code == 200
    assert again.json() == {"duplicate": True, "revised": False, "article": first.json()["article"]}
    assert Article.objects.count() == 1


def test_create_from_url_goes_through_url_ingestion(as_editor, monkeypatch):
    seen = {}

    def refuse(url, **kwargs):
        seen["url"] = url
        raise IngestError("The server answered 404 Not Found.")

    monkeypatch.setattr("articles.services.fetch_url", refuse)
    response = as_editor.post("/api/v1/articles/", {"url": "https://news.example/story"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"url": ["The server answered 404 Not Found."]}
    assert seen["url"] == "https://news.example/story"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"text": "x", "url": "https://a.example/"}, "non_field_errors"),
        ({"text": 42}, "text"),
        ({"text": "   "}, "text"),
        ({"url": "not a url"}, "url"),
        ({"text": "Text.", "published_at": "soon"}, "published_at"),
        ({"text": "Text.", "lang": "en"}, "lang"),
    ],
)
def test_bad_article_input_is_a_400_per_field(as_editor, body, field):
    response = as_editor.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Article.objects.exists()


def test_article_text_over_the_limit_is_refused(as_editor, settings):
    settings.CLAIMTRACK_MAX_ARTICLE_BYTES = 100
    response = as_editor.post("/api/v1/articles/", {"text": "word " * 100}, format="json")
    assert response.status_code == 400 and "text" in response.json()
    assert not Article.objects.exists()


def test_bulk_create_stores_each_article_and_reports_duplicates(as_editor):
    existing = ArticleFactory(body="Already here.\n\nThe ministry said so.")
    response = as_editor.post(
        "/api/v1/articles/bulk/",
        {
            "articles": [
                {"text": "First.\n\nSeoul said shells were shipped.", "outlet": "Wire"},
                {"text": existing.body},
                {"text": "Second.\n\nMoscow denied it.", "url": "https://news.example/2"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["duplicate"] for r in results] == [False, True, False]
    assert results[1]["article"]["id"] == existing.id
    assert results[2]["article"]["url"] == "https://news.example/2"
    assert Article.objects.count() == 3


def test_bulk_create_is_all_or_nothing(as_editor):
    response = as_editor.post(
        "/api/v1/articles/bulk/",
        {"articles": [{"text": "Fine.\n\nIt said so."}, {"text": "\x00binary"}]},
        format="json",
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"articles": []},
        {"articles": [{"text": "x"}] * 101},
        {"articles": [{"url": "https://a.example/"}]},
        [],
    ],
)
def test_bulk_create_refuses_empty_oversized_and_textless_batches(as_editor, body):
    assert as_editor.post("/api/v1/articles/bulk/", body, format="json").status_code == 400
    assert not Article.objects.exists()


def test_list_leaves_the_text_out_and_detail_has_it(as_analyst):
    article = ArticleFactory(outlet="Wire")
    ArticleFactory(outlet="Daily")
    listed = as_analyst.get("/api/v1/articles/", {"outlet": "Wire"}).json()["results"]
    assert [a["id"] for a in listed] == [article.id] and "body" not in listed[0]
    assert as_analyst.get(f"/api/v1/articles/{article.id}/").json()["body"] == article.body


def test_actor_detail_has_aliases_and_affiliation(as_analyst):
    from tests.factories import ActorAliasFactory, ActorFactory

    state = ActorFactory(name="North Korea", code="PRK")
    envoy = ActorFactory(name="Kim Song", kind="person", affiliation=state)
    ActorAliasFactory(actor=envoy, alias="Ambassador Kim")
    data = as_analyst.get(f"/api/v1/actors/{envoy.id}/").json()
    assert data["aliases"] == ["Ambassador Kim"]
    assert data["affiliation"] == {"id": state.id, "name": "North Korea", "kind": "state", "code": "PRK"}
    found = as_analyst.get("/api/v1/actors/", {"q": "ambassador"}).json()["results"]
    assert [a["id"] for a in found] == [envoy.id]
