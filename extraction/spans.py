"""Tokens under character spans: how the steps read a statement's words off the parse."""

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Token

from .types import Span


def tokens_in(doc: Doc, spans: Iterable[Span]) -> Iterator[Token]:
    """The tokens each span touches, in order; a span ending inside a token takes it whole."""
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            yield from span


def first_span_root(doc: Doc, spans: Sequence[Span]) -> Token | None:
    """The syntactic root of the first span: a statement's main predicate is read there, since
    later spans of a quotation are continuations of it."""
    if not spans:
        return None
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root
