from datetime import UTC, datetime

import pytest

from articles.ingestion.chrome import is_chrome_line, parse_byline, strip_chrome

PARAGRAPH = (
    "The ministry rejected the report on Tuesday, calling it baseless and accusing the United States "
    "of spreading lies about its weapons programme."
)


def test_seed_article_loses_its_footer_and_keeps_its_headline(seed_text):
    stripped = strip_chrome(seed_text)
    assert stripped.text.startswith(
        "North Korea denies US claims that it is sending artillery ammunition to Russia\n\n"
    )
    assert stripped.text.endswith("had contributed to worsening tensions in the region.")
    assert "Leave a Reply" not in stripped.text
    assert "By Editor" not in stripped.text
    assert str(stripped.byline) == "Editor"
    # Nothing but the footer went: the text up to it is untouched, so gold offsets still hold.
    assert seed_text.startswith(stripped.text)


@pytest.mark.parametrize(
    ("line", "names", "affiliation"),
    [
        ("By Editor", ("Editor",), ""),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe"), ""),
        ("By JANE DOE, Reuters", ("Jane Doe",), "Reuters"),
        ("BY JANE DOE AND JOHN ROE", ("Jane Doe", "John Roe"), ""),
        ("By A. B. Smith, C. Jones and D. Lee", ("A. B. Smith", "C. Jones", "D. Lee"), ""),
        ("By Ursula von der Leyen", ("Ursula von der Leyen",), ""),
        ("Written by Jane Doe", ("Jane Doe",), ""),
        ("By Jane Doe, Staff Writer", ("Jane Doe",), "Staff Writer"),
    ],
)
def test_byline_lines_are_recognised(line, names, affiliation):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.names, byline.affiliation) == (names, affiliation)


def test_an_affiliation_that_is_a_role_is_not_taken_for_the_outlet():
    assert parse_byline("By JANE DOE, Reuters").outlet == "Reuters"
    assert parse_byline("By Jane Doe, Staff Writer").outlet == ""


def test_several_names_read_as_a_sentence_would_write_them():
    assert str(parse_byline("By A. B. Smith, C. Jones and D. Lee")) == "A. B. Smith, C. Jones and D. Lee"


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the talks had collapsed.",
        "By Monday",
        "By 2030, the country plans to double production",
        "By contrast, Moscow said nothing.",
        "Bystanders filmed the launch",
        PARAGRAPH,
    ],
)
def test_sentences_that_start_with_by_are_not_bylines(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Leave a Reply Cancel reply",
        "Share this:",
        "Like this:",
        "Like Loading...",
        "Related",
        "Related posts:",
        "Click to share on Twitter (Opens in new window)",
        "Click to email a link to a friend (Opens in new window)",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
        "We use cookies to ensure that we give you the best experience on our website.",
        "This website uses cookies. By continuing to browse you agree to our use of cookies.",
        "Accept all cookies",
        "© 2024 The Daily Planet. All rights reserved.",
        "Skip to content",
    ],
)
def test_widget_lines_are_chrome(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line", [PARAGRAPH, "Russia and China vetoed the resolution", "The cookie factory closed"]
)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Published: 12 March 2024", datetime(2024, 3, 12, tzinfo=UTC)),
        ("March 12, 2024", datetime(2024, 3, 12, tzinfo=UTC)),
        ("Tuesday, 12th March 2024 10:30 GMT", datetime(2024, 3, 12, tzinfo=UTC)),
        ("2024-03-12", datetime(2024, 3, 12, tzinfo=UTC)),
        ("2024-03-12T09:30:00Z", datetime(2024, 3, 12, 9, 30, tzinfo=UTC)),
        ("Updated: 14 March 2024 | Published: 12 March 2024", datetime(2024, 3, 12, tzinfo=UTC)),
    ],
)
def test_a_date_line_under_the_headline_becomes_the_publication_date(header, expected):
    stripped = strip_chrome(f"Minister denies report\n{header}\n\n{PARAGRAPH}")
    assert stripped.published_at == expected
    assert stripped.text == f"Minister denies report\n\n{PARAGRAPH}"


def test_byline_and_date_on_one_line_under_the_headline_are_both_read_and_removed():
    stripped = strip_chrome(
        f"Minister denies report\nBy Jane Doe | March 12, 2024 | 3 min read\n\n{PARAGRAPH}"
    )
    assert (str(stripped.byline), stripped.published_at) == ("Jane Doe", datetime(2024, 3, 12, tzinfo=UTC))
    assert stripped.text == f"Minister denies report\n\n{PARAGRAPH}"


def test_a_blog_footer_with_date_and_author_is_read_and_removed():
    stripped = strip_chrome(
        f"Minister denies report\n\n{PARAGRAPH}\n\nPosted on March 12, 2024 by Editor\n\nLeave a Reply"
    )
    assert (str(stripped.byline), stripped.published_at) == ("Editor", datetime(2024, 3, 12, tzinfo=UTC))
    assert stripped.text == f"Minister denies report\n\n{PARAGRAPH}"


def test_bylines_and_dates_inside_a_paragraph_stay_where_they_are():
    paragraph = "Written on March 12, 2024, the letter was signed By Jane Doe and sent to the minister."
    text = f"Minister denies report\n\n{paragraph}\n\n{PARAGRAPH}"
    stripped = strip_chrome(text)
    assert stripped.text == text
    assert stripped.byline is None and stripped.published_at is None


def test_cookie_notice_and_skip_link_before_the_headline_go():
    text = f"Skip to content\nWe use cookies to improve your experience on our site.\nAccept\n\nMinister denies report\n\n{PARAGRAPH}"
    assert strip_chrome(text).text == f"Minister denies report\n\n{PARAGRAPH}"


def test_a_related_stories_list_at_the_end_goes_with_the_dates_of_other_stories():
    text = (
        f"Minister denies report\n\n{PARAGRAPH}\n\nShare this:\nTwitter\nFacebook\n\nRelated\n\n"
        'US accuses Pyongyang of arms shipments\nMarch 3, 2024\nIn "World"\n\nSeoul on alert after launch'
    )
    stripped = strip_chrome(text)
    assert stripped.text == f"Minister denies report\n\n{PARAGRAPH}"
    assert stripped.published_at is None  # March 3 dates another story


def test_a_paragraph_after_a_related_heading_means_it_was_not_chrome():
    text = f"Minister denies report\n\nRelated\n\n{PARAGRAPH}"
    assert strip_chrome(text).text == text


def test_the_headline_survives_even_when_everything_after_it_is_chrome():
    assert (
        strip_chrome("Minister denies report\n\nShare this:\nLeave a Reply").text == "Minister denies report"
    )


@pytest.mark.parametrize(
    "closing",
    [
        "Regulators said websites must obtain consent before setting cookies.",
        "Copyright infringement claims against the agency were dismissed in 2021",
        "Posted in a letter to the council, the complaint was rejected.",
    ],
)
def test_a_closing_paragraph_that_only_resembles_chrome_stays(closing):
    text = f"Minister denies report\n\n{PARAGRAPH}\n\n{closing}"
    assert strip_chrome(text).text == text
