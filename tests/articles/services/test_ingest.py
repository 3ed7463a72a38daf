from datetime import UTC, datetime

import pytest

from articles.errors import IngestError
from articles.models import Article
from articles.services import (
    article_ingest_file,
    article_ingest_path,
    article_ingest_text,
    article_ingest_url,
)
from tests.articles.conftest import ARTICLE_PAGE, Route

pytestmark = pytest.mark.django_db

SEED_TITLE = "North Korea denies US claims that it is sending artillery ammunition to Russia"


def test_seed_text_is_stored_with_its_headline_and_without_its_footer(seed_text):
    created = article_ingest_text(text=seed_text)
    article = Article.objects.get()
    assert not created.duplicate and created.article == article
    assert article.title == SEED_TITLE
    assert article.body.startswith(SEED_TITLE + "\n\nNorth Korea has denied American claims")
    assert "Leave a Reply" not in article.body and "By Editor" not in article.body
    assert article.byline == "Editor"
    assert article.source_kind == Article.SourceKind.TEXT
    assert article.analysis_state == Article.AnalysisState.PENDING
    # Offsets computed on the seed file hold in the stored body.
    assert seed_text.startswith(article.body)


def test_values_given_by_the_caller_win_over_those_found_in_the_text(seed_text, editor):
    published = datetime(2022, 9, 22, tzinfo=UTC)
    article_ingest_text(
        text=seed_text, title="NK denial", outlet="VOA", byline="Desk", published_at=published, user=editor
    )
    article = Article.objects.get()
    assert (article.title, article.outlet, article.byline) == ("NK denial", "VOA", "Desk")
    assert (article.published_at, article.ingested_by) == (published, editor)


def test_html_file_is_stored_with_its_metadata():
    article_ingest_file(data=ARTICLE_PAGE.encode(), filename="story.html")
    article = Article.objects.get()
    assert article.title == "Ministry rejects troop claims"
    assert article.body.startswith("Ministry rejects troop claims\n\nThe defence ministry")
    assert "Leave a Reply" not in article.body
    assert (article.byline, article.outlet) == ("Jane Doe", "The Daily Planet")
    assert article.published_at == datetime(2024, 3, 12, tzinfo=UTC)
    assert article.source_kind == Article.SourceKind.HTML


def test_markdown_file_is_stored_as_text():
    article_ingest_file(
        data=b"# Kremlin rejects report\n\nThe Kremlin **rejected** the report.\n", filename="k.md"
    )
    article = Article.objects.get()
    assert (article.title, article.body) == (
        "Kremlin rejects report",
        "Kremlin rejects report\n\nThe Kremlin rejected the report.",
    )
    assert article.source_kind == Article.SourceKind.MARKDOWN


def test_reingesting_the_same_text_returns_the_existing_article(
    seed_text, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = article_ingest_text(text=seed_text)
        second = article_ingest_file(data=seed_text.encode(), filename="copy.txt")
    assert second.duplicate and second.article == first.article
    assert Article.objects.count() == 1
    assert len(callbacks) == 1  # analysis queued once


def test_analysis_is_enqueued_after_commit_with_the_id_and_content_hash(
    seed_text, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "claimtrack.queueing._publish",
        lambda messages: queued.extend((m.task_name, tuple(m.args)) for m in messages) or len(messages),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = article_ingest_text(text=seed_text)
    assert queued == []  # nothing reaches a worker before the row is committed
    for callback in callbacks:
        callback()
    assert queued == [("claims.tasks.analyze_article", (created.article.id, created.article.content_sha256))]


BAD_BYTES = [
    pytest.param(b"", "The input is empty.", id="empty"),
    pytest.param(b"  \n\t\n ", "The input holds only whitespace.", id="whitespace-only"),
    pytest.param(b"%PDF-1.4\n1 0 obj", "The input is a PDF document, not text.", id="pdf"),
    pytest.param(
        b"Title\n\nbody\x00\x00\x00",
        "The input contains NUL bytes (first at byte 11); it looks like binary data.",
        id="nul",
    ),
    pytest.param(
        b"Title\n\ncaf\xe9 owners deny",
        "The input is not valid UTF-8: byte 0xe9 at offset 10.",
        id="invalid-utf8",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_BYTES)
def test_bad_files_are_refused_and_nothing_is_written(data, message, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(IngestError) as caught:
        article_ingest_file(data=data, filename="upload.txt")
    assert str(caught.value) == message
    assert Article.objects.count() == 0 and callbacks == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The input is empty."),
        (" \n\u00a0\n", "The input holds only whitespace."),
        ("Title\n\nA\x00B", "The input contains NUL bytes (first at byte 8); it looks like binary data."),
        ("Title\ud800", "The text is not valid Unicode: unpaired surrogate at character 5."),
    ],
)
def test_bad_text_is_refused_and_nothing_is_written(text, message):
    with pytest.raises(IngestError) as caught:
        article_ingest_text(text=text)
    assert str(caught.value) == message
    assert Article.objects.count() == 0


def test_text_over_the_size_limit_is_refused(settings, seed_text):
    settings.CLAIMTRACK_MAX_ARTICLE_BYTES = 1000
    size = len(seed_text.encode())
    with pytest.raises(IngestError, match=rf"^The input is {size:,} bytes; the limit is 1,000 bytes\.$"):
        article_ingest_text(text=seed_text)
    with pytest.raises(IngestError, match=r"the limit is 1,000 bytes\.$"):
        article_ingest_file(data=seed_text.encode(), filename="nk.txt")
    assert Article.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_without_being_read(settings, tmp_path, monkeypatch):
    settings.CLAIMTRACK_MAX_ARTICLE_BYTES = 1000
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 1001)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read an oversized file"))
    with pytest.raises(IngestError, match=r"^The input is 1,001 bytes; the limit is 1,000 bytes\.$"):
        article_ingest_path(path=path)
    assert Article.objects.count() == 0


def test_extracted_html_text_is_held_to_the_article_limit(settings):
    # The page may be larger than the text limit (markup); the text it yields may not.
    settings.CLAIMTRACK_MAX_ARTICLE_BYTES = 300
    settings.CLAIMTRACK_MAX_FETCH_BYTES = 100_000
    with pytest.raises(IngestError, match=r"^The article text is \d+ bytes; the limit is 300 bytes\.$"):
        article_ingest_file(data=ARTICLE_PAGE.encode(), filename="story.html")
    assert Article.objects.count() == 0


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(IngestError, match=r"^Cannot read .*nope\.txt: No such file or directory\.$"):
        article_ingest_path(path=tmp_path / "nope.txt")


def test_a_page_fetched_from_a_url_is_stored_with_its_url(local_server, allow_loopback):
    local_server.routes["/story"] = Route(body=ARTICLE_PAGE.encode())
    created = article_ingest_url(url=local_server.url("/story"))
    article = Article.objects.get()
    assert created.article == article and not created.duplicate
    assert article.url == local_server.url("/story")
    assert (article.title, article.byline, article.outlet) == (
        "Ministry rejects troop claims",
        "Jane Doe",
        "The Daily Planet",
    )
    assert article.source_kind == Article.SourceKind.HTML


def test_a_url_stored_before_is_fetched_again_and_an_unchanged_page_is_a_duplicate(
    local_server, allow_loopback
):
    # Fetched again because news is edited after publication (a changed text is a new revision,
    # tests/articles/test_revisions.py); the same text is the same article.
    local_server.routes["/story"] = Route(body=ARTICLE_PAGE.encode())
    first = article_ingest_url(url=local_server.url("/story"))
    second = article_ingest_url(url=local_server.url("/story"))
    assert second.duplicate and not second.revised and second.article == first.article
    assert len(local_server.host_headers) == 2
    assert Article.objects.get().revision == 1


def test_a_plain_text_url_keeps_its_first_line_as_title(local_server, allow_loopback, seed_text):
    local_server.routes["/nk.txt"] = Route(
        body=seed_text.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    article_ingest_url(url=local_server.url("/nk.txt"))
    article = Article.objects.get()
    assert (article.title, article.byline) == (SEED_TITLE, "Editor")
    assert article.source_kind == Article.SourceKind.TEXT


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0x7f000001/",
        "http://10.0.0.1/",
    ],
)
def test_private_urls_are_refused_and_nothing_is_written(url):
    with pytest.raises(IngestError, match="a private or reserved address; refusing to fetch it"):
        article_ingest_url(url=url)
    assert Article.objects.count() == 0


def test_a_host_name_resolving_to_a_private_address_writes_nothing(monkeypatch):
    import socket

    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.7.7", port))],
    )
    with pytest.raises(IngestError, match=r"^news.example resolves to 192.168.7.7"):
        article_ingest_url(url="https://news.example/story")
    assert Article.objects.count() == 0


def test_loopback_is_refused_unless_the_test_setting_allows_it(local_server):
    local_server.routes["/story"] = Route(body=ARTICLE_PAGE.encode())
    with pytest.raises(IngestError, match=r"resolves to 127.0.0.1"):
        article_ingest_url(url=local_server.url("/story"))
    assert local_server.host_headers == [] and Article.objects.count() == 0


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(status=404, body=b"gone"), r"answered HTTP 404 Not Found\.$"),
        (
            Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            r"serves application/pdf, not an HTML page or text\.$",
        ),
        (Route(body=b"a" * 2000), r"is 2,000 bytes; the limit is 1,000 bytes\.$"),
        (Route(body=b"", headers={"Content-Type": "text/html"}), r"^The input is empty\.$"),
    ],
    ids=["http-error", "pdf", "too-large", "empty"],
)
def test_bad_pages_are_refused_and_nothing_is_written(local_server, allow_loopback, route, message):
    allow_loopback.CLAIMTRACK_MAX_FETCH_BYTES = 1000
    local_server.routes["/x"] = route
    with pytest.raises(IngestError, match=message):
        article_ingest_url(url=local_server.url("/x"))
    assert Article.objects.count() == 0


def test_an_unreachable_server_is_reported(allow_loopback):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(IngestError, match=r"^Could not connect to 127.0.0.1: refused or unreachable\.$"):
        article_ingest_url(url=f"http://127.0.0.1:{port}/story")
    assert Article.objects.count() == 0
