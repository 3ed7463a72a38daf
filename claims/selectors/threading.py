"""Reads behind threading: an article's statements, their candidates in other articles, the
links that already touch them. Each returns plain rows (StatementRow, LinkRow, Term, ids), one
query per call: the candidates of all of an article's statements come from one search.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber

from actors.models import Actor
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
    "article__salient_names",
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
    names: frozenset[str] = frozenset()  # its article's salient names (Article.salient_names)

    @property
    def sketch(self) -> Sketch:
        return Sketch(
            key=str(self.id),
            article=str(self.article_id),
            kind=self.kind,
            content=self.content,
            speakers=frozenset(map(str, self.speakers)),
            targets=frozenset(map(str, self.targets)),
            names=self.names,
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
        names=frozenset(values["article__salient_names"] or ()),
    )


def statement_rows(*, claim_ids: Iterable[int]) -> dict[int, StatementRow]:
    ids = list(claim_ids)
    if not ids:
        return {}
    return {r.id: r for r in map(_row, Claim.objects.filter(id__in=ids).order_by().values(*_FIELDS))}


def thread_members(
    *, thread_ids: Iterable[int], other_than_article: int, per_thread: int
) -> dict[int, list[StatementRow]]:
    """The live statements of these threads outside the article, at most `per_thread` of each
    (the latest), by thread: what the matcher pools into a thread's profile. One query."""
    ids = list(thread_ids)
    if not ids:
        return {}
    latest = Window(RowNumber(), partition_by=F("thread_id"), order_by=F("id").desc())
    rows = (
        Claim.objects.filter(thread_id__in=ids)
        .exclude(article_id=other_than_article)
        .exclude(review_status=ReviewStatus.REJECTED)
        .annotate(latest=latest)
        .filter(latest__lte=per_thread)
        .order_by()
        .values(*_FIELDS)
    )
    members: dict[int, list[StatementRow]] = {}
    for row in map(_row, rows):
        members.setdefault(row.thread_id, []).append(row)
    return members


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


# Terms the stored statements hold more often than this (the planner's estimate) are too common
# to look up: their posting lists would make a candidate search cost in proportion to the archive.
COMMON_TERM_ROWS = 1_000
# Each statement's search reads at most this many matching rows before ranking them, so a story
# told ten thousand times costs what one told two hundred times does.
SCAN_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Term:
    word: str
    lexeme: str
    rows: float | None  # estimated statements holding it; None: rarer than any the planner lists


def term_statistics(*, words: Iterable[str]) -> dict[str, list[Term]]:
    """Each word's lexemes (the database's own stemming) with the number of stored statements the
    planner estimates hold them, from the statistics ANALYZE keeps on the search vector (its most
    common lexemes and their frequencies): no scan of the archive. One query."""
    words = sorted(set(words))
    if not words:
        return {}
    sql = """
        WITH common AS (
            SELECT e.lexeme, e.share * GREATEST(c.reltuples, 0) AS rows
            FROM pg_stats s
            JOIN pg_class c ON c.oid = %s::regclass
            CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
                AS e(lexeme, share)
            WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'search_vector'
        )
        SELECT w.word, v.lexeme, common.rows
        FROM unnest(%s::text[]) AS w(word)
        CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, w.word)) AS v
        LEFT JOIN common ON common.lexeme = v.lexeme
    """
    table = Claim._meta.db_table
    found: dict[str, list[Term]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [table, table, words])
        for word, lexeme, rows in cursor.fetchall():
            found.setdefault(word, []).append(Term(word, lexeme, rows))
    return found


def search_lexemes(*, words: Sequence[str], statistics: dict[str, list[Term]], limit: int) -> list[str]:
    """The lexemes a statement's search looks up: its words' lexemes, rarest in the archive first
    (those the planner does not list are rarer than any it does; among them the words keep their
    order, rarest in English first), the too common ones left out."""
    order = {word: i for i, word in enumerate(words)}
    # One lexeme per word, so that one word never makes the overlap of two alone: a hyphenated
    # word's whole ('dual-us' of "dual-use", not 'dual' and 'use').
    terms = [max(found, key=lambda t: len(t.lexeme)) for word in words if (found := statistics.get(word))]
    usable = [t for t in terms if t.rows is None or t.rows <= COMMON_TERM_ROWS]
    usable.sort(key=lambda t: (t.rows is not None, t.rows or 0.0, order[t.word]))
    lexemes: list[str] = []
    for term in usable:
        if term.lexeme not in lexemes:
            lexemes.append(term.lexeme)
    return lexemes[:limit]


def overlap_query(lexemes: Sequence[str]) -> str:
    """A tsquery (text) matching a statement that holds at least two of the lexemes (one when
    there is only one): a restatement shares several names and rare words, while one shared
    word is what unrelated statements of a busy week have in common."""
    quoted = ["'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in lexemes]
    if len(quoted) < 2:
        return "".join(quoted)
    return " | ".join(f"{a} & {b}" for a, b in itertools.combinations(quoted, 2))


def article_candidates(
    *,
    article_id: int,
    queries: dict[int, str],
    actors: dict[int, frozenset[int]],
    window: tuple[datetime, datetime],
    limit: int,
) -> dict[int, list[int]]:
    """For each statement (id → tsquery text from overlap_query), the ids of statements of other
    articles within the window that match it, best first: full-text rank on the stored vector,
    doubled when an actor of either side (speaker, target, or what they speak for) is one of the
    statement's own (`actors`). At most SCAN_LIMIT matching rows are read per statement. One
    query for the whole article, whatever its number of statements."""
    probes = [(sid, q) for sid, q in queries.items() if q]
    if not probes:
        return {}
    claims, articles, actors_table = Claim._meta.db_table, Article._meta.db_table, Actor._meta.db_table
    # Per statement (LATERAL): its dated matches within the window (the GIN bitmap ANDed with
    # the date's BRIN one), then the undated ones by their article's ingestion date (a partial
    # GIN index of their own), at most SCAN_LIMIT of each; those ranked, the best `limit` kept.
    # JIT is off for the transaction: compiling this plan costs more than running it.
    sql = f"""
        SET LOCAL jit = off;
        SELECT p.statement_id, m.id
        FROM unnest(%(ids)s::bigint[], %(queries)s::text[], %(actors)s::text[]) AS p(statement_id, query, actors)
        CROSS JOIN LATERAL (
            SELECT found.id
            FROM (
                (SELECT c.id, c.search_vector, c.speaker_id, c.target_id
                 FROM {claims} c
                 WHERE c.search_vector @@ p.query::tsquery
                   AND c.published_at BETWEEN %(since)s AND %(until)s
                   AND c.article_id <> %(article)s AND c.review_status <> %(rejected)s
                 LIMIT {SCAN_LIMIT})
                UNION ALL
                (SELECT c.id, c.search_vector, c.speaker_id, c.target_id
                 FROM {claims} c JOIN {articles} a ON a.id = c.article_id
                 WHERE c.search_vector @@ p.query::tsquery AND c.published_at IS NULL
                   AND a.ingested_at BETWEEN %(since)s AND %(until)s
                   AND c.article_id <> %(article)s AND c.review_status <> %(rejected)s
                 LIMIT {SCAN_LIMIT})
            ) found
            LEFT JOIN {actors_table} sa ON sa.id = found.speaker_id
            LEFT JOIN {actors_table} ta ON ta.id = found.target_id
            ORDER BY ts_rank(found.search_vector, p.query::tsquery) * CASE
                WHEN ARRAY[found.speaker_id, found.target_id, sa.affiliation_id, ta.affiliation_id]
                     && p.actors::bigint[] THEN 2.0 ELSE 1.0 END DESC,
                found.id
            LIMIT %(limit)s
        ) m
    """
    params = {
        "ids": [sid for sid, _ in probes],
        "queries": [q for _, q in probes],
        "actors": ["{" + ",".join(map(str, sorted(actors.get(sid, ())))) + "}" for sid, _ in probes],
        "article": article_id,
        "rejected": ReviewStatus.REJECTED,
        "since": window[0],
        "until": window[1],
        "limit": limit,
    }
    found: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for statement_id, candidate_id in cursor.fetchall():
            found.setdefault(statement_id, []).append(candidate_id)
    return found


def statement_candidates(
    *, statement: StatementRow, terms: Sequence[str], window: tuple[datetime, datetime], limit: int
) -> list[StatementRow]:
    """SQLite's candidates (the quick start, no full-text index): statements of other articles in
    the window holding any of the three rarest words, those sharing an actor first. One query per
    statement; PostgreSQL uses article_candidates instead."""
    if not terms:
        return []
    actors = statement.speakers | statement.targets
    in_window = Q(published_at__gte=window[0], published_at__lte=window[1]) | Q(
        published_at__isnull=True, article__ingested_at__gte=window[0], article__ingested_at__lte=window[1]
    )
    same_actor = (
        Q(speaker_id__in=actors)
        | Q(target_id__in=actors)
        | Q(speaker__affiliation_id__in=actors)
        | Q(target__affiliation_id__in=actors)
    )
    words = Q()
    for term in terms[:3]:
        words |= Q(quote_text__icontains=term)
    rows = (
        Claim.objects.exclude(article_id=statement.article_id)
        .exclude(review_status=ReviewStatus.REJECTED)
        .filter(in_window)
        .filter(words)
        .annotate(rank=Case(When(same_actor, then=Value(2.0)), default=Value(1.0), output_field=FloatField()))
        .order_by("-rank", "id")
        .values(*_FIELDS)[:limit]
    )
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


def in_article_pairs(*, article_ids: Iterable[int]) -> list[tuple[int, int]]:
    """The statements each of these articles links to one another (a denial and the claims it
    answers), as (source, target) pairs of the thread relations, rejected links left out. One
    query."""
    ids = list(article_ids)
    if not ids:
        return []
    return list(
        ClaimLink.objects.filter(
            source__article_id__in=ids,
            source__article_id=F("target__article_id"),
            relation__in=THREAD_RELATIONS,
        )
        .exclude(review_status=ReviewStatus.REJECTED)
        .order_by("id")
        .values_list("source_id", "target_id")
    )


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
