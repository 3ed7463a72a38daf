"""The value every parser returns. Plain data: no Django, no models."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SourceKind(StrEnum):
    # Same values as Article.SourceKind; a test keeps the two in step.
    TEXT = "text"
    HTML = "html"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str
    # The text that will be stored and analysed, headline first: spans are offsets into it.
    body: str
    byline: str = ""
    published_at: datetime | None = None
    outlet: str = ""
    url: str | None = None
    source_kind: SourceKind = SourceKind.TEXT
