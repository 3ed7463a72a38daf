"""Paragraphs and quotations: the layout facts the parser does not give.

Quote marks are paired per paragraph. A quote left open at the end of a paragraph runs to
its end, and continues when the next paragraph opens with a quote mark: the newspaper
convention for a quotation spanning several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .types import Span

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# Opening and closing marks; a straight mark (" or '') closes when a quote is open and opens otherwise.
_MARKS = re.compile(r"``|''|[\"“”«»„]")
_OPENERS = {"“", "«", "„", "``", "‘"}
_CLOSERS = {"”", "»", "’"}
# British style quotes with single marks, used when a paragraph has no double marks. A ’
# between two letters is an apostrophe (North Korea’s, don’t), never a closing mark;
# nor is the ’ of a plural possessive (the unions’ demands): after an s, before a lowercase word.
_SINGLE_MARKS = re.compile(r"(?<![\w’])‘|’(?!\w)(?<!s’(?= [a-z]))")
# Straight single marks as the same quotes (British tabloids: He said: 'My name is...'): one
# opens before a word and after no letter, closes after a non-space and before no letter, so
# the apostrophes of I'm, Sana'a, the Smiths' car and '90s are neither.
_STRAIGHT_OPEN = re.compile(r"(?<![\w'])'(?=[^\W\d])")
_STRAIGHT_CLOSE = re.compile(r"(?<=[^\s'])'(?!\w)(?<!s'(?= [a-z]))")
# Single-quoted inner quotations ('weapons agreements') are part of the outer quote, not quotes.
_MIN_QUOTE_CHARS = 2


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # opening mark
    end: int  # after the closing mark, or the paragraph's end when left open
    continues: bool = False  # this quote carries on the previous paragraph's open quote

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def paragraphs(text: str) -> list[Span]:
    """Runs of text separated by blank lines, or by single line breaks when the text has no blank lines."""
    if "\n\n" not in text.replace("\r", "") and "\n" in text:
        return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def find_quotes(text: str, paras: list[Span] | None = None) -> list[Quote]:
    quotes: list[Quote] = []
    previous_open = False
    for p_start, p_end in paras if paras is not None else paragraphs(text):
        open_at: int | None = None
        first = True
        marks = list(_MARKS.finditer(text, p_start, p_end)) or list(
            _SINGLE_MARKS.finditer(text, p_start, p_end)
        )
        straight = not marks
        if straight:
            marks = sorted(
                [
                    *_STRAIGHT_OPEN.finditer(text, p_start, p_end),
                    *_STRAIGHT_CLOSE.finditer(text, p_start, p_end),
                ],
                key=lambda mark: mark.start(),
            )
        for mark in marks:
            m = mark.group()
            if straight:
                # Its place says which it is: an opener or a closer, never both.
                m = "‘" if _STRAIGHT_OPEN.match(text, mark.start()) else "’"
            if open_at is None and m not in _CLOSERS:
                open_at = mark.start()
            elif open_at is not None and m not in _OPENERS:
                if mark.end() - open_at > _MIN_QUOTE_CHARS:
                    continues = first and previous_open and not text[p_start:open_at].strip()
                    quotes.append(Quote(open_at, mark.end(), continues))
                    first = False
                open_at = None
            elif open_at is not None:  # a second opener: the first one was a stray mark
                open_at = mark.start()
        if open_at is not None:
            end = len(text[p_start:p_end].rstrip()) + p_start
            continues = first and previous_open and not text[p_start:open_at].strip()
            quotes.append(Quote(open_at, end, continues))
        previous_open = open_at is not None
    return quotes


# Prefixes that make one word with what follows their hyphen: "pro-IS sources", "anti-Assad
# rebels", "ex-minister". The tokenizer splits them, and the parser then reads "Pro - IS sources"
# as two subjects, and the knowledge base finds the group in the "anti-IS coalition".
HYPHEN_PREFIXES = frozenset({"pro", "anti", "ex", "non", "counter"})


def is_prefixed(token: Token) -> bool:
    """A word the hyphen of one of those prefixes was merged back into: "pro-IS", "anti-Assad"."""
    head, dash, rest = token.lower_.partition("-")
    return bool(dash) and head in HYPHEN_PREFIXES and rest.isalpha()


@Language.component("claimtrack_hyphen_prefixes")
def hyphen_prefixes(doc: Doc) -> Doc:
    """Merge "pro" "-" "IS" into one token "pro-IS", before anything is tagged or parsed."""
    spans = []
    i = 0
    while i + 2 < len(doc):
        prefix, hyphen, word = doc[i], doc[i + 1], doc[i + 2]
        if (
            prefix.lower_ in HYPHEN_PREFIXES
            and hyphen.text == "-"
            and not prefix.whitespace_
            and not hyphen.whitespace_
            and word.is_alpha
            and (i == 0 or doc[i - 1].whitespace_ or not doc[i - 1].is_alpha)
        ):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


@Language.component("claimtrack_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    A headline has no final full stop; without this the parser reads it and the first
    paragraph as one sentence ("...to Russia North Korea has denied...") and both parses go wrong.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
