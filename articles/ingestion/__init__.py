"""Turning bytes, text and URLs into articles: decoding, formats, page chrome, fetching.

Pure functions over plain data; the services in articles.services store the result.
"""

from .decoding import check_size, decode_bytes
from .fetching import FetchedPage, fetch_url
from .formats import INGESTIBLE_EXTENSIONS, kind_from_name, parse_document, parse_text
from .types import ParsedArticle, SourceKind

__all__ = [
    "INGESTIBLE_EXTENSIONS",
    "FetchedPage",
    "ParsedArticle",
    "SourceKind",
    "check_size",
    "decode_bytes",
    "fetch_url",
    "kind_from_name",
    "parse_document",
    "parse_text",
]
