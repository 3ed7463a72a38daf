"""Tokens under character spans: how the steps read a statement's words off the parse."""

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from .types import Span


def tokens_in(doc: Doc, spans: Iterable[Span]) -> Iterator[Token]:
    """The tokens each span touches, in order; a span ending inside a token takes it whole."""
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            yield from span
