"""claimtrack's extraction engine: who claimed, accused, criticised or denied what. No Django here."""

from .pipeline import EXTRACTOR_VERSION, extract, extract_many
from .types import Actor, ExtractionResult, Link, Span, Statement

__all__ = [
    "EXTRACTOR_VERSION",
    "Actor",
    "ExtractionResult",
    "Link",
    "Span",
    "Statement",
    "extract",
    "extract_many",
]
