"""Statements as CSV, one row each: a spreadsheet's view of the claims list."""

from collections.abc import Iterable, Iterator

from ..api.serializers import iso
from ..models import Claim
from .streams import csv_stream

CSV_HEADER = [
    "id",
    "kind",
    "status",
    "speaker_id",
    "speaker_name",
    "speaker_code",
    "target_id",
    "target_name",
    "target_code",
    "content",
    "direct_quote",
    "content_spans",
    "speaker_span",
    "cue_span",
    "cue",
    "confidence",
    "origin",
    "extractor_version",
    "version",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_at",
    "created_at",
    "updated_at",
    "thread_id",
]


def _span_text(span: list[int] | None) -> str:
    return "" if span is None else f"{span[0]}-{span[1]}"


def claims_csv(claims: Iterable[Claim]) -> Iterator[str]:
    def rows():
        for c in claims:
            speaker, target, article = c.speaker, c.target, c.article
            yield [
                c.id,
                c.kind,
                c.review_status,
                speaker.id if speaker else "",
                speaker.name if speaker else "",
                speaker.code if speaker else "",
                target.id if target else "",
                target.name if target else "",
                target.code if target else "",
                c.quote_text,
                "true" if c.direct_quote else "false",
                " ".join(f"{s}-{e}" for s, e in c.content_spans),
                _span_text(c.speaker_span),
                _span_text(c.cue_span),
                getattr(c, "cue_text", None) or "",
                c.confidence,
                c.origin,
                c.extractor_version,
                c.version,
                article.id,
                article.title,
                article.url or "",
                article.outlet,
                iso(c.published_at) or "",
                iso(c.created_at),
                iso(c.updated_at),
                c.thread_id or "",
            ]

    return csv_stream(CSV_HEADER, rows())
