import io
import sys
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.articles.conftest import ARTICLE_PAGE, Route

pytestmark = pytest.mark.django_db

SEED_TITLE = "North Korea denies US claims that it is sending artillery ammunition to Russia"


def ingest(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ingest_failing(*args: str) -> tuple[str, str, CommandError]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "nk-denial.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_ingesting_the_seed_twice_leaves_one_article_and_says_duplicate(seed_file):
    out, err = ingest(str(seed_file))
    article = Article.objects.get()
    assert article.title == SEED_TITLE and article.byline == "Editor"
    assert f"[1/1] {seed_file} … new #{article.pk}" in err
    assert out == "1 new, 0 revised, 0 duplicate, 0 failed.\n"

    out, err = ingest(str(seed_file))
    assert Article.objects.count() == 1
    assert f"[1/1] {seed_file} … duplicate of #{article.pk}" in err
    assert out == "0 new, 0 revised, 1 duplicate, 0 failed.\n"


def test_folders_are_walked_recursively_for_article_files(tmp_path, seed_text):
    (tmp_path / "2024" / "march").mkdir(parents=True)
    (tmp_path / "2024" / "march" / "page.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "2024" / "note.md").write_text("# Kremlin rejects report\n\nThe Kremlin rejected it.\n")
    (tmp_path / "nk.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")  # not an article extension: skipped
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "README.md").write_text("# Hidden\n\nNot an article.\n")  # hidden: skipped
    out, err = ingest(str(tmp_path))
    assert out == "3 new, 0 revised, 0 duplicate, 0 failed.\n"
    assert sorted(Article.objects.values_list("source_kind", flat=True)) == ["html", "markdown", "text"]
    assert "[1/3]" in err and "[3/3]" in err


def test_stdin_is_read_when_the_input_is_a_dash(monkeypatch, seed_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode())))
    _, err = ingest("-")
    assert Article.objects.get().title == SEED_TITLE
    assert "[1/1] <stdin> … new #" in err


def test_a_url_is_fetched(local_server, allow_loopback):
    local_server.routes["/story"] = Route(body=ARTICLE_PAGE.encode())
    out, _ = ingest(local_server.url("/story"))
    assert out == "1 new, 0 revised, 0 duplicate, 0 failed.\n"
    assert Article.objects.get().url == local_server.url("/story")


def test_a_url_whose_text_changed_is_reported_as_revised(local_server, allow_loopback):
    local_server.routes["/story"] = Route(body=ARTICLE_PAGE.encode())
    ingest(local_server.url("/story"))
    article = Article.objects.get()
    local_server.routes["/story"] = Route(
        body=ARTICLE_PAGE.replace("</article>", "<p>Updated: the ministry answered.</p></article>").encode()
    )
    out, err = ingest(local_server.url("/story"))
    assert out == "0 new, 1 revised, 0 duplicate, 0 failed.\n"
    assert f"… revised #{article.pk}" in err
    assert Article.objects.count() == 1 and article.revisions.count() == 1


def test_outlet_and_published_apply_to_every_input(seed_file):
    ingest(str(seed_file), "--outlet", "Voice of America", "--published", "22 September 2022")
    article = Article.objects.get()
    assert (article.outlet, article.published_at) == ("Voice of America", datetime(2022, 9, 22, tzinfo=UTC))


def test_an_unreadable_date_stops_before_anything_is_ingested(seed_file):
    _, _, error = ingest_failing(str(seed_file), "--published", "last Tuesday")
    assert "--published: 'last Tuesday' is not a date" in str(error)
    assert Article.objects.count() == 0


def test_failures_are_summarised_with_reasons_and_make_the_exit_code_non_zero(tmp_path, seed_file):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.txt").write_bytes(b"Title\n\n\xff\xfe broken")
    out, err, error = ingest_failing(
        str(seed_file),
        str(seed_file),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "broken.txt"),
        str(tmp_path / "missing.txt"),
        "http://127.0.0.1/",
    )
    assert out.splitlines() == [
        "1 new, 0 revised, 1 duplicate, 4 failed.",
        f"  failed: {tmp_path / 'empty.txt'}: The input is empty.",
        f"  failed: {tmp_path / 'broken.txt'}: The input is not valid UTF-8: byte 0xff at offset 7.",
        f"  failed: {tmp_path / 'missing.txt'}: Cannot read {tmp_path / 'missing.txt'}: No such file or directory.",
        "  failed: http://127.0.0.1/: 127.0.0.1 resolves to 127.0.0.1, a private or reserved address; refusing to fetch it.",
    ]
    assert error.returncode == 1 and str(error) == "4 of 6 inputs failed."
    assert "[5/6]" in err and "[6/6] http://127.0.0.1/ … failed:" in err
    assert Article.objects.count() == 1


def test_an_empty_folder_is_an_error(tmp_path):
    _, _, error = ingest_failing(str(tmp_path))
    assert "No ingestible files found" in str(error)


def test_ingesting_the_seed_after_the_demo_finds_the_demo_article(seed_file):
    call_command("load_demo", stdout=io.StringIO())
    demo = Article.objects.get()
    _, err = ingest(str(seed_file))
    assert Article.objects.count() == 1
    assert f"duplicate of #{demo.pk}" in err
