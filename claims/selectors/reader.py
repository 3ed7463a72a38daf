"""The article reader: the text cut into segments, each knowing which statement spans cover it.

The template prints every segment's text with autoescaping on; this module never builds HTML.
Offsets are code points (Python string indices), as stored; the browser's script converts
them to and from UTF-16 where it needs to (static/js/offsets.js).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from articles.models import Article

from ..models import Claim, ReviewStatus
from .timeline import claim_rows

ROLES = ("speaker", "cue", "content")
# When spans of equal length cover the same text, the one named first is the one shown.
_ROLE_RANK = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    claim: Claim
    role: str


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    end: int
    # The innermost span over this text decides colour and what a click opens; `claim_ids`
    # lists every statement covering it (a denial's content holds the claim it denies).
    claim_id: int | None = None
    kind: str = ""
    role: str = ""
    claim_ids: str = ""

    @property
    def highlighted(self) -> bool:
        return self.claim_id is not None


@dataclass
class ReaderPage:
    article: Article
    statements: list[Claim]
    segments: list[Segment]
    # Editors only (else empty): the statements rejected in this article, so that a rejection
    # made by mistake (one key, `x`) can be found and confirmed back from the reader.
    rejected: list[Claim]


def article_reader(*, article_id: int, with_rejected: bool = False) -> ReaderPage | None:
    """The article, its visible statements in reading order, and the highlighted text: 4 queries
    (5 `with_rejected`)."""
    article = Article.objects.filter(id=article_id).first()
    if article is None:
        return None
    statements = list(claim_rows().filter(article_id=article.id).order_by("content_start", "id"))
    rejected = []
    if with_rejected:
        rejected = list(
            Claim.objects.filter(article_id=article.id, review_status=ReviewStatus.REJECTED)
            .select_related("speaker", "target")
            .defer("search_vector")
            .order_by("content_start", "id")
        )
    return ReaderPage(
        article=article, statements=statements, segments=segments(article.body, statements), rejected=rejected
    )


def statement_spans(claim: Claim, length: int) -> list[Span]:
    """The speaker, cue and content spans of a statement, clipped to the text."""
    raw = [("speaker", claim.speaker_start, claim.speaker_end), ("cue", claim.cue_start, claim.cue_end)]
    contents = claim.content_spans or [[claim.content_start, claim.content_end]]
    raw += [
        ("content", pair[0], pair[1])
        for pair in contents
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
    spans = []
    for role, start, end in raw:
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        start, end = max(0, start), min(length, end)
        if start < end:
            spans.append(Span(start, end, claim, role))
    return spans


def segments(body: str, statements: list[Claim]) -> list[Segment]:
    """Cut `body` at every span boundary. One sweep, so long articles with many spans stay fast."""
    spans = [span for claim in statements for span in statement_spans(claim, len(body))]
    opening: dict[int, list[Span]] = {}
    closing: dict[int, list[Span]] = {}
    for span in spans:
        opening.setdefault(span.start, []).append(span)
        closing.setdefault(span.end, []).append(span)
    cuts = sorted({0, len(body), *opening, *closing})
    active: set[Span] = set()
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        text = body[start:end]
        if not active:
            out.append(Segment(text=text, start=start, end=end))
            continue
        top = min(active, key=lambda s: (s.end - s.start, _ROLE_RANK[s.role], s.claim.id))
        ids = sorted({s.claim.id for s in active})
        out.append(
            Segment(
                text=text,
                start=start,
                end=end,
                claim_id=top.claim.id,
                kind=top.claim.kind,
                role=top.role,
                claim_ids=" ".join(map(str, ids)),
            )
        )
    return out
