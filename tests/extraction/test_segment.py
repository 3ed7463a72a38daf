from __future__ import annotations

from extraction.segment import find_quotes, paragraphs


def _quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_quotes_pair_within_a_paragraph():
    text = "“One,” he said. \"Two,\" she said. ``Three,'' they said."
    assert _quoted(text) == ["“One,”", '"Two,"', "``Three,''"]


def test_an_open_quote_continues_into_the_next_paragraph_that_opens_with_a_mark():
    text = "“First part.\n\n“Second part,” he said."
    first, second = find_quotes(text)
    assert text[first.start : first.end] == "“First part."
    assert second.continues and not first.continues


def test_apostrophes_do_not_close_single_mark_quotes():
    text = "‘Korea’s talks and the unions’ demands failed,’ she said."
    assert _quoted(text) == ["‘Korea’s talks and the unions’ demands failed,’"]


def test_paragraphs_split_on_blank_lines_or_on_single_breaks_when_there_are_none():
    assert paragraphs("a\nb\n\nc") == [(0, 3), (5, 6)]
    assert paragraphs("a\nb") == [(0, 1), (2, 3)]
