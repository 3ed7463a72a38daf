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


def test_straight_single_marks_quote_when_a_paragraph_has_no_double_marks():
    text = "He said: 'My name is Luke. I'm 33, from Sana'a.\n\n'So I ask for help. Thank you.'\n\nHe left."
    first, second = find_quotes(text)
    assert text[first.start : first.end] == "'My name is Luke. I'm 33, from Sana'a."
    assert text[second.start : second.end] == "'So I ask for help. Thank you.'" and second.continues


def test_straight_apostrophes_are_no_quotes():
    assert _quoted("The Smiths' car was built in the '90s, they're sure.") == []
