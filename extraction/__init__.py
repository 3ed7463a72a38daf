"""claimtrack's extraction engine: who claimed, accused, criticised or denied what. No Django here.

The pipeline is imported on first use, not here: importing spaCy takes a second, and code that
only needs the knowledge base (`extraction.knowledge`) or the types should not pay for it.
"""

from importlib import import_module
from typing import Any

from .types import Actor, ExtractionResult, Link, Span, Statement

_FROM_PIPELINE = ("EXTRACTOR_VERSION", "extract", "extract_many")

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


def __getattr__(name: str) -> Any:
    if name in _FROM_PIPELINE:
        return getattr(import_module(".pipeline", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
