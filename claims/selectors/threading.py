"""Reads behind threading: an article's statements, their candidates in other articles, the
links that already touch them. Each returns plain rows (StatementRow), one query per call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, Value, When

from articles.models import Article
from extraction.matching import Sketch

from ..models import Claim, ClaimLink, Origin, ReviewStatus

# The relations that tie statements into one proposition (a `supports` link backs a claim with
# another one; it is not the same proposition).
THREAD_RELATIONS = (ClaimLink.Relation.REPEATS, ClaimLink.Relation.REBUTS)

_FIELDS = (
    "id",
    "article_id",
    "kind",
    "quote_text",
    "review_status",
    "speaker_id",
    "speaker__affiliation_id",
    "speaker__affiliation__affiliation_id",
    "target_id",
    "target__affiliation_id",
    "target__affiliation__affiliation_id",
    "thread_id",
    "thread_origin",
    "published_at",
    "article__ingested_at",
)


@dataclass(frozen=True, slots=True)
class StatementRow:
    """What threading needs of one statement. `speakers`/`targets` hold the actor and what it
    speaks for, two levels up (an ambassador, the foreign ministry, North Korea)."""

    id: int
    article_id: int
    kind: str
    content: str
    rejected: bool
    speakers: frozenset[int]
    targets: frozenset[int]
    thread_id: int | None
    pinned: bool  # an editor placed it in its thread
    when: datetime | None

    @property
    def sketch(self) -> Sketch:
        return Sketch(
            key=str(self.id),
            article=str(self.article_id),
            kind=self.kind,
            content=self.content,
            speakers=frozenset(map(str, self.speakers)),
            targets=frozenset(map(str, self.targets)),
        )

    @property
    def order_key(self) -> tuple:
        # Earlier first; statements with no date at all sort last.
        return (self.when is None, self.when or datetime.min, self.id)


def _actors(*ids: int | None) -> frozenset[int]:
    return frozenset(i for i in ids if i is not None)


def _row(values: dict) -> StatementRow:
    return StatementRow(
        id=values["id"],
        article_id=values["article_id"],
        kind=values["kind"],
        content=values["quote_text"],
        rejected=values["review_status"] == ReviewStatus.REJECTED,
        speakers=_actors(
            values["speaker_id"],
            values["speaker__affiliation_id"],
            values["speaker__affiliation__affiliation_id"],
        ),
        targets=_actors(
            values["target_id"],
            values["target__affiliation_id"],
            values["target__affiliation__affiliation_id"],
        ),
        thread_id=values["thread_id"],
        pinned=values["thread_origin"] == Origin.EDITOR,
        when=values["published_at"] or values["article__ingested_at"],
    )


def statement_rows(*, claim_ids: Iterable[int]) -> dict[int, StatementRow]:
    ids = list(claim_ids)
    if not ids:
        return {}
    return {r.id: r for r in map(_row, Claim.objects.filter(id__in=ids).order_by().values(*_FIELDS))}


def article_statements(*, article_id: int) -> list[StatementRow]:
    """Every statement of the article, rejected ones included (they leave their thread)."""
    rows = Claim.objects.filter(article_id=article_id).order_by("content_start", "id").values(*_FIELDS)
    return [_row(values) for values in rows]


def article_window(*, article_id: int) -> tuple[datetime, datetime] | None:
    """The dates a candidate must fall within: the article's date (published, else ingested)
    plus or minus THREADING_WINDOW_DAYS; None when the article is gone."""
    article = Article.objects.filter(pk=article_id).only("published_at", "ingested_at").first()
    if article is None:
        return None
    when = article.published_at or article.ingested_at
    days = timedelta(days=settings.THREADING_WINDOW_DAYS)
    return when - days, when + days


def statement_candidates(
    *, statement: StatementRow, terms: Sequence[str], window: tuple[datetime, datetime], limit: int
) -> list[StatementRow]:
    """Statements of other articles within the window that share the statement's rarest words,
    best first: full-text rank on the stored vector, doubled when an actor of either side
    (speaker, target, or what they speak for) is one of this statement's. One query."""
    if not terms:
        return []
    actors = statement.speakers | statement.targets
    # The statement's own date column where it has one (indexed, so PostgreSQL can combine it
    # with the full-text index), the article's ingestion date where it has none.
    in_window = Q(published_at__gte=window[0], published_at__lte=window[1]) | Q(
        published_at__isnull=True, article__ingested_at__gte=window[0], article__ingested_at__lte=window[1]
    )
    qs = (
        Claim.objects.exclude(article_id=statement.article_id)
        .exclude(review_status=ReviewStatus.REJECTED)
        .filter(in_window)
    )
    same_actor = (
        Q(speaker_id__in=actors)
        | Q(target_id__in=actors)
        | Q(speaker__affiliation_id__in=actors)
        | Q(target__affiliation_id__in=actors)
    )
    boost = Case(When(same_actor, then=Value(2.0)), default=Value(1.0), output_field=FloatField())
    if settings.USING_POSTGRES:
        # An OR of the rarest words: a statement restating the proposition in other words still
        # shares some of its names and rare words; the GIN index finds those rows directly.
        query = SearchQuery(terms[0], config="english")
        for term in terms[1:]:
            query |= SearchQuery(term, config="english")
        qs = qs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query) * boost)
    else:
        # SQLite (the quick start): no index to rank with; any of the three rarest words, newest first.
        words = Q()
        for term in terms[:3]:
            words |= Q(quote_text__icontains=term)
        qs = qs.filter(words).annotate(rank=boost * Value(1.0))
    rows = qs.order_by("-rank", "id").values(*_FIELDS)[:limit]
    return [_row(values) for values in rows]


@dataclass(frozen=True, slots=True)
class LinkRow:
    id: int
    source_id: int
    target_id: int
    relation: str
    origin: str
    status: str
    confidence: float

    @property
    def pair(self) -> frozenset[int]:
        return frozenset((self.source_id, self.target_id))

    @property
    def is_machine_proposal(self) -> bool:
        return self.origin == Origin.MACHINE and self.status == ReviewStatus.PROPOSED

    def other_end(self, claim_id: int) -> int:
        return self.target_id if self.source_id == claim_id else self.source_id


def links_touching(*, claim_ids: Iterable[int], cross_article: bool) -> list[LinkRow]:
    """Every link (rejected ones too: they are editors' decisions) from or to these statements,
    of the thread relations, whose other end is in another article (`cross_article`) or in the
    same article. One query."""
    ids = list(claim_ids)
    if not ids:
        return []
    qs = ClaimLink.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids), relation__in=THREAD_RELATIONS)
    same = Q(source__article_id=F("target__article_id"))
    qs = qs.exclude(same) if cross_article else qs.filter(same)
    rows = qs.order_by("id").values_list(
        "id", "source_id", "target_id", "relation", "origin", "review_status", "confidence"
    )
    return [LinkRow(*row) for row in rows]
