from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db

TEXT = "Ministry rejects report\n\nThe ministry rejected the report on Monday, officials said."


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_pasted_text_becomes_an_article_and_the_page_polls_its_state(as_editor, editor):
    response = as_editor.post(reverse("ingest"), {"source": "text", "text": TEXT, "outlet": "Wire"})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?article={article.id}")
    assert (article.title, article.outlet, article.ingested_by) == ("Ministry rejects report", "Wire", editor)
    html = as_editor.get(response["Location"]).content.decode()
    assert "Ingested:" in html and f'data-status-url="/articles/{article.id}/status/"' in html


def test_a_pasted_or_uploaded_article_can_be_given_its_publication_date(as_editor):
    as_editor.post(reverse("ingest"), {"source": "text", "text": TEXT, "published": "2022-09-22"})
    upload = SimpleUploadedFile("one.txt", b"Talks fail\n\nThe envoy said talks had failed.", "text/plain")
    as_editor.post(reverse("ingest"), {"source": "file", "files": [upload], "published": "2022-09-23"})
    assert sorted(a.published_at for a in Article.objects.all()) == [
        datetime(2022, 9, 22, tzinfo=UTC),
        datetime(2022, 9, 23, tzinfo=UTC),
    ]
    refused = as_editor.post(
        reverse("ingest"), {"source": "text", "text": "Other text.", "published": "22/9"}
    )
    assert refused.status_code == 400 and "Enter a valid date." in refused.content.decode()
    assert Article.objects.count() == 2


def test_the_same_text_twice_is_reported_as_a_duplicate(as_editor):
    as_editor.post(reverse("ingest"), {"source": "text", "text": TEXT})
    response = as_editor.post(reverse("ingest"), {"source": "text", "text": TEXT}, follow=True)
    assert Article.objects.count() == 1
    assert "Already in claimtrack:" in response.content.decode()


def test_uploads_each_get_their_own_result(as_editor):
    files = [
        SimpleUploadedFile("one.txt", b"Talks fail\n\nThe envoy said talks had failed.", "text/plain"),
        SimpleUploadedFile(
            "two.md", "# Caf\u00e9 talks\n\nThe minister denied it. \U0001f600".encode(), "text/markdown"
        ),
        SimpleUploadedFile("empty.txt", b"", "text/plain"),
    ]
    response = as_editor.post(reverse("ingest"), {"source": "file", "files": files})
    html = response.content.decode()
    assert response.status_code == 200  # some failed: every outcome is shown on this page
    assert Article.objects.count() == 2
    assert html.count("Ingested:") == 2 and "<strong>empty.txt</strong>: not ingested." in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"source": "text", "text": "   "}, "Paste the article&#x27;s text."),
        ({"source": "url", "url": ""}, "Give the address of the article."),
        ({"source": "url", "url": "not a url at all"}, "Enter a valid URL."),
        ({"source": "file"}, "Choose one or more files to upload."),
        ({"source": "carrier pigeon"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_a_plain_error_and_stores_nothing(as_editor, data, message):
    response = as_editor.post(reverse("ingest"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Article.objects.exists()


def test_an_unreachable_url_is_reported_not_raised(as_editor):
    response = as_editor.post(reverse("ingest"), {"source": "url", "url": "http://127.0.0.1:9/x"})
    assert response.status_code == 400 and "not ingested." in response.content.decode()
    assert not Article.objects.exists()


def test_the_form_needs_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(reverse("ingest"), {"source": "text", "text": TEXT}).status_code == 403
    page = client.get(reverse("ingest"))
    token = page.context["csrf_token"]
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert (
        client.post(
            reverse("ingest"), {"source": "text", "text": TEXT, "csrfmiddlewaretoken": token}
        ).status_code
        == 302
    )
