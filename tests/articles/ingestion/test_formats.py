from datetime import UTC, datetime

import pytest

from articles.errors import IngestError
from articles.ingestion import ParsedArticle, SourceKind, parse_document, parse_text
from articles.ingestion.formats import sniff_kind
from articles.models import Article
from tests.articles.conftest import ARTICLE_PAGE

LIMIT = 1024 * 1024


def test_source_kinds_match_the_model_choices():
    assert {kind.value for kind in SourceKind} == set(Article.SourceKind.values)


def test_parsed_article_is_immutable():
    parsed = ParsedArticle(title="T", body="T\n\nBody.")
    with pytest.raises(AttributeError):
        parsed.title = "Other"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", SourceKind.HTML),
        ("  <html lang='en'><p>x</p></html>", SourceKind.HTML),
        ("<div><p>One.</p><p>Two.</p></div>", SourceKind.HTML),
        ("# Minister denies report\n\nText.", SourceKind.MARKDOWN),
        ("Minister denies report\n======================\n\nText.", SourceKind.MARKDOWN),
        ("---\ntitle: Minister denies report\n---\nText.", SourceKind.MARKDOWN),
        ("Minister denies report\n\nThe <b>minister</b> said #hashtags are 5 < 6.", SourceKind.TEXT),
    ],
)
def test_format_is_sniffed_from_the_content(text, kind):
    assert sniff_kind(text) is kind


@pytest.mark.parametrize(
    ("filename", "content_type", "kind"),
    [
        ("story.html", None, SourceKind.HTML),
        ("story.HTM", None, SourceKind.HTML),
        ("story.md", None, SourceKind.MARKDOWN),
        ("story.markdown", None, SourceKind.MARKDOWN),
        ("story.txt", None, SourceKind.TEXT),
        ("upload", "text/html; charset=utf-8", SourceKind.HTML),
        ("upload", "text/markdown", SourceKind.MARKDOWN),
    ],
)
def test_format_follows_the_file_extension_then_the_content_type(filename, content_type, kind):
    # "# " would sniff as Markdown: the name or type decides before sniffing does.
    data = b"# Minister denies report\n\nThe ministry denied the report on Tuesday."
    if kind is SourceKind.HTML:
        data = ARTICLE_PAGE.encode()
    assert parse_document(data, limit=LIMIT, filename=filename, content_type=content_type).source_kind is kind


def test_plain_text_first_line_is_the_title_and_stays_in_the_body(seed_text):
    parsed = parse_text(seed_text, kind=SourceKind.TEXT)
    assert parsed.title == "North Korea denies US claims that it is sending artillery ammunition to Russia"
    assert parsed.body.startswith(parsed.title + "\n\n")
    assert (parsed.byline, parsed.source_kind) == ("Editor", SourceKind.TEXT)
    assert "Leave a Reply" not in parsed.body


def test_html_page_gives_main_text_and_metadata_without_chrome():
    parsed = parse_document(ARTICLE_PAGE.encode(), limit=LIMIT, filename="story.html")
    assert parsed.title == "Ministry rejects troop claims"
    assert parsed.body.startswith(
        "Ministry rejects troop claims\n\nThe defence ministry on Tuesday rejected claims"
    )
    assert "“We have never deployed forces there and we have no plans to do so,”" in parsed.body
    assert parsed.body.endswith("accused the ministry of lying to its own citizens.")
    for chrome in ("cookies", "Share this", "Click to share", "Leave a Reply", "email address", "©", "Home"):
        assert chrome not in parsed.body
    assert parsed.byline == "Jane Doe"
    assert parsed.published_at == datetime(2024, 3, 12, tzinfo=UTC)
    assert parsed.outlet == "The Daily Planet"
    assert parsed.source_kind is SourceKind.HTML


def test_html_headline_is_put_first_when_the_page_text_lacks_it():
    page = (
        "<html><head><title>Kremlin dismisses report</title></head><body><article>"
        "<p>The Kremlin on Monday dismissed a newspaper report that it had ordered the strike, calling it a fabrication.</p>"
        "<p>A spokesman said the allegations were absurd and repeated that Moscow had no involvement at all.</p>"
        "</article></body></html>"
    )
    parsed = parse_document(page.encode(), limit=LIMIT, filename="story.html")
    assert parsed.title == "Kremlin dismisses report"
    assert parsed.body.startswith("Kremlin dismisses report\n\nThe Kremlin on Monday dismissed")


def test_html_in_the_charset_its_meta_tag_declares_is_decoded_with_it():
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 owners deny claims</title></head><body><article>'
        "<p>\x93We never sold anything to them,\x94 the caf\xe9 owners said on Tuesday in a statement to reporters.</p>"
        "<p>Police had claimed that the owners sold supplies to the group, which the owners rejected outright.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    parsed = parse_document(page, limit=LIMIT, filename="page.html")
    assert "“We never sold anything to them,” the café owners said" in parsed.body


def test_an_html_page_without_text_is_refused():
    with pytest.raises(IngestError, match=r"^No article text found in the HTML page\.$"):
        parse_document(
            b"<html><body><img src='a.png'><script>x()</script></body></html>", limit=LIMIT, filename="x.html"
        )


def test_markdown_first_heading_is_the_title_and_the_markup_is_gone():
    source = (
        "# Minister *denies* report\n\n"
        "The minister **denied** the [report](https://example.com/r) on Tuesday.\n\n"
        "- first point\n- second point\n\n"
        "> “We never did it,” she said.\n\n"
        "By Jane Doe\n\nShare this:\n"
    )
    parsed = parse_document(source.encode(), limit=LIMIT, filename="note.md")
    assert parsed.title == "Minister denies report"
    assert parsed.body == (
        "Minister denies report\n\n"
        "The minister denied the report on Tuesday.\n\n"
        "first point\nsecond point\n\n"
        "“We never did it,” she said."
    )
    assert (parsed.byline, parsed.source_kind) == ("Jane Doe", SourceKind.MARKDOWN)


def test_markdown_front_matter_gives_title_author_date_and_outlet():
    source = (
        '---\ntitle: "Minister denies report"\nauthor: Jane Doe\ndate: 2024-03-12\nsource: The Daily Planet\n---\n'
        "The minister denied the report on Tuesday.\n"
    )
    parsed = parse_text(source)
    assert parsed.body == "Minister denies report\n\nThe minister denied the report on Tuesday."
    assert (parsed.title, parsed.byline, parsed.outlet) == (
        "Minister denies report",
        "Jane Doe",
        "The Daily Planet",
    )
    assert parsed.published_at == datetime(2024, 3, 12, tzinfo=UTC)


def test_stray_control_characters_are_dropped_from_the_body():
    parsed = parse_text("Minister denies report\x1b\n\nThe minister denied it.\x1a", kind=SourceKind.TEXT)
    assert parsed.body == "Minister denies report\n\nThe minister denied it."


def test_text_that_is_only_chrome_is_refused():
    with pytest.raises(IngestError, match=r"^No article text is left once the page chrome is removed\.$"):
        parse_text("Leave a Reply\n\nShare this:", kind=SourceKind.TEXT)
