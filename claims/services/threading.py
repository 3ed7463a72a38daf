"""Threading: statements of one article matched with those of other articles, as `repeats` and
`rebuts` links, and gathered into threads (one proposition each).

Rules, documented here because analysis, re-threading and the editor services rely on them:

- A machine link across articles is stored once per pair, in a fixed direction: a rebuttal
  points from the denial to what it denies, a repeat from the later statement to the earlier.
- Threading an article proposes each statement's best matches among its candidates
  (claims.selectors.threading) and re-scores the machine links already touching the article:
  those that no longer match are deleted, the rest kept. Re-running changes nothing.
- An editor's decision is never undone: a rejected link is never proposed again for that pair
  (whatever the relation), confirmed and editor links stay, a statement an editor placed
  (thread_origin=editor) stays in its thread, and two threads an editor worked on are never
  merged by the machine.
- A thread is a connected group of statements over thread links (cross-article ones and the
  article's own rebuttals, which is how a denial joins the thread of the claim it embeds). When
  a statement connects several threads, they are merged into the oldest; the others redirect
  (merged_into).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Case, Count, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from extraction.matching import (
    Match,
    ThreadProfile,
    Thresholds,
    best_matches,
    best_threads,
    group_links,
    match,
    rare_terms,
    restatement_groups,
    salient_names,
)

from ..models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from ..scope import JobScope
from ..selectors.threading import (
    LinkRow,
    StatementRow,
    article_candidates,
    article_statements,
    article_window,
    in_article_pairs,
    links_touching,
    overlap_query,
    search_lexemes,
    statement_candidates,
    statement_rows,
    term_statistics,
    thread_members,
)

# Key of the PostgreSQL advisory lock every threading write takes first (an arbitrary constant;
# the ASCII of "thrd").
THREADING_LOCK_KEY = 0x74687264

# How many of a thread's latest members pool into its profile (_keep_best_threads): enough for
# its proposition's words, few enough that a thread of thousands costs what a small one does.
THREAD_PROFILE_MEMBERS = 30


def threading_lock() -> None:
    """Hold the threading lock until the current transaction ends (re-entrant within it).

    Why one lock for all threading, and not a row lock on a thread: two workers threading two
    articles of the same story at the same moment cannot know they share a thread before either
    has committed; each would find nothing of the other's and open its own thread. Serialised,
    the second one sees the first one's statements and joins its thread. Threading is a few
    milliseconds per article against the seconds of extraction (which holds no lock), so the
    queue at this lock stays short. Analysis and the thread editors take it before any row
    lock, which keeps them free of deadlocks with each other. SQLite serialises writers itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [THREADING_LOCK_KEY])


@dataclass(frozen=True, slots=True)
class ThreadingOutcome:
    links_added: int = 0
    links_removed: int = 0
    threads_created: int = 0
    threads_merged: int = 0
    statements_threaded: int = 0


def _thresholds() -> Thresholds:
    # Settings left unset keep the matcher's defaults, so tuning the matcher needs no settings change.
    given = {
        "similarity": settings.THREADING_SIMILARITY,
        "confidence": settings.THREADING_CONFIDENCE,
        "restatement": settings.THREADING_RESTATEMENT,
    }
    return Thresholds(**{name: value for name, value in given.items() if value is not None})


def _direction(a: StatementRow, b: StatementRow, relation: str) -> tuple[StatementRow, StatementRow]:
    if relation == ClaimLink.Relation.REBUTS:
        a_denies, b_denies = a.kind == Claim.Kind.DENIAL, b.kind == Claim.Kind.DENIAL
        if a_denies != b_denies:
            return (a, b) if a_denies else (b, a)
    return (a, b) if a.order_key > b.order_key else (b, a)


@dataclass(frozen=True, slots=True)
class Matches:
    """An article's statements matched with their candidates, before any lock (article_match):
    per live statement, its matches, best first. `basis` is what the statements were then; the
    writing step uses the matches only while the statements are still that."""

    basis: tuple
    ranked: dict[int, list[tuple[StatementRow, Match]]]


def _basis(statements: Iterable[StatementRow]) -> tuple:
    return tuple((s.id, s.kind, s.content, s.rejected, s.speakers, s.targets, s.names) for s in statements)


def _match(
    article_id: int, statements: list[StatementRow], window: tuple
) -> dict[int, list[tuple[StatementRow, Match]]]:
    """Each live statement's matches among its candidates, best first (see _candidates)."""
    thresholds = _thresholds()
    ranked_by_statement: dict[int, list[tuple[StatementRow, Match]]] = {}
    live = [s for s in statements if not s.rejected]
    candidates_of = _candidates(article_id, live, window)
    for statement in live:
        candidates = candidates_of.get(statement.id, {})
        ranked = best_matches(
            statement.sketch, (c.sketch for c in candidates.values()), thresholds=thresholds
        )
        ranked_by_statement[statement.id] = [(candidates[int(sketch.key)], found) for sketch, found in ranked]
    own_groups = _components({s.id: s for s in live}, in_article_pairs(article_ids=[article_id]))
    _keep_best_threads(article_id, live, own_groups, candidates_of, ranked_by_statement, thresholds)
    _add_group_matches(live, own_groups, candidates_of, ranked_by_statement, thresholds)
    return ranked_by_statement


def _thread_key(row: StatementRow) -> str:
    # A candidate with no thread yet stands for a thread of its own.
    return f"t{row.thread_id}" if row.thread_id is not None else f"c{row.id}"


def _keep_best_threads(
    article_id: int,
    live: list[StatementRow],
    own_groups: dict[int, tuple[int, ...]],
    candidates_of: dict[int, dict[int, StatementRow]],
    ranked_by_statement: dict[int, list[tuple[StatementRow, Match]]],
    thresholds: Thresholds,
) -> None:
    """Each group of the article's statements (those its extraction linked, and those that
    restate one another) joins one thread: the one among its candidates' threads that its most
    confident statement matches best as a whole (matching.best_threads, on the thread's pooled
    members of other articles). Its statements' pair matches into any other thread are dropped.

    Why: a statement's best single pair may share words with a statement of another
    proposition ("Kayla Mueller was killed when the building ..." / "No Islamic State
    militants were killed in the airstrikes"); the thread it belongs to matches it better as a
    whole, and the pair would merge the two threads. One query per article (the threads'
    members), whatever its number of statements."""
    candidates = {c.id: c for found in candidates_of.values() for c in found.values()}
    if not candidates:
        return
    members = thread_members(
        thread_ids={c.thread_id for c in candidates.values() if c.thread_id is not None},
        other_than_article=article_id,
        per_thread=THREAD_PROFILE_MEMBERS,
    )
    pooled: dict[str, dict[int, StatementRow]] = {}
    for c in candidates.values():
        pooled.setdefault(_thread_key(c), {})[c.id] = c
    for thread_id, rows in members.items():
        pooled.setdefault(f"t{thread_id}", {}).update({r.id: r for r in rows})
    own = {s.id: s for s in live}
    groups = _Groups()
    for ids in own_groups.values():
        for i in ids[1:]:
            groups.union(("c", i), ("c", ids[0]))
    groups.union_restatements(live, thresholds)
    by_group: dict[tuple[str, int], list[int]] = {}
    for statement_id in own:
        by_group.setdefault(groups.find(("c", statement_id)), []).append(statement_id)
    for ids in by_group.values():
        # Only the threads its statements' own candidates are in, as the search found them.
        keys = {_thread_key(c) for i in ids for c in candidates_of.get(i, {}).values()}
        profiles = [ThreadProfile.of(k, [r.sketch for r in pooled[k].values()]) for k in sorted(keys)]
        best = None
        for i in sorted(ids):
            found = best_threads(own[i].sketch, profiles, thresholds=thresholds)
            if found and (best is None or found[0].confidence > best.confidence):
                best = found[0]
        for i in ids:
            ranked_by_statement[i] = [
                (other, m)
                for other, m in ranked_by_statement.get(i, [])
                if best is not None and _thread_key(other) == best.thread
            ]


def _components(
    rows: dict[int, StatementRow], pairs: Iterable[tuple[int, int]]
) -> dict[int, tuple[int, ...]]:
    """Each live statement's in-article group (itself alone when its article links it to none)."""
    groups = _Groups()
    for a, b in pairs:
        if a in rows and b in rows:
            groups.union(("c", a), ("c", b))
    members: dict[tuple[str, int], list[int]] = {}
    for claim_id in rows:
        members.setdefault(groups.find(("c", claim_id)), []).append(claim_id)
    return {claim_id: tuple(sorted(m)) for m in members.values() for claim_id in m}


def _groups_around(rows: dict[int, StatementRow]) -> dict[int, tuple[int, ...]]:
    """The in-article groups of these statements, with the rows of the members not among them
    added to `rows`. Two queries."""
    pairs = in_article_pairs(article_ids={r.article_id for r in rows.values()})
    missing = {i for pair in pairs for i in pair} - rows.keys()
    rows.update({i: r for i, r in statement_rows(claim_ids=missing).items() if not r.rejected})
    return _components({i: r for i, r in rows.items() if not r.rejected}, pairs)


@dataclass(frozen=True, slots=True)
class _Grouped:
    """Statements with their in-article groups, for checking a link two groups made."""

    rows: dict[int, StatementRow]
    groups: dict[int, tuple[int, ...]]

    @classmethod
    def of(cls, *parts: dict[int, StatementRow]) -> _Grouped:
        rows = {i: r for part in parts for i, r in part.items() if not r.rejected}
        return cls(rows, _groups_around(rows))

    def support(
        self, mine: StatementRow, theirs: StatementRow, relation: str, thresholds: Thresholds
    ) -> float | None:
        ours = [self.rows[i].sketch for i in self.groups.get(mine.id, (mine.id,)) if i in self.rows]
        other = [self.rows[j].sketch for j in self.groups.get(theirs.id, (theirs.id,)) if j in self.rows]
        for a, b, linked in group_links(ours, other, thresholds=thresholds):
            if {int(a.key), int(b.key)} == {mine.id, theirs.id} and linked.relation == relation:
                return linked.confidence
        return None


def _add_group_matches(
    live: list[StatementRow],
    own_groups: dict[int, tuple[int, ...]],
    candidates_of: dict[int, dict[int, StatementRow]],
    ranked_by_statement: dict[int, list[tuple[StatementRow, Match]]],
    thresholds: Thresholds,
) -> None:
    """A group of the article's statements that its extraction linked (a denial and the claims
    it answers), none of which matches anything alone, joins what the group of one of their
    candidates tells, when the two groups together tell one dispute (matching.group_link)."""
    own = {s.id: s for s in live}
    waiting = sorted(
        {g for g in own_groups.values() if len(g) > 1 and not any(ranked_by_statement.get(i) for i in g)}
    )
    # Their candidates, and only then the other articles' groups: most articles have no such group.
    theirs = {c.id: c for g in waiting for i in g for c in candidates_of.get(i, {}).values()}
    if not theirs:
        return
    their_groups = _groups_around(theirs)
    for group in waiting:
        options = {their_groups[c] for i in group for c in candidates_of.get(i, {}) if c in their_groups}
        ours = [own[i].sketch for i in group]
        found = [
            links
            for other in sorted(o for o in options if len(o) > 1)
            if (links := group_links(ours, [theirs[j].sketch for j in other], thresholds=thresholds))
        ]
        if found:
            # The dispute the group tells best; its link, and every other member's side in it.
            best = max(found, key=lambda links: (links[0][2].similarity, links[0][1].key))
            for mine, member, linked in best:
                ranked_by_statement.setdefault(int(mine.key), []).append((theirs[int(member.key)], linked))


def article_match(*, article_id: int) -> Matches | None:
    """The slow, read-only half of threading an article (the candidate queries and the scoring),
    without the threading lock or a transaction, for article_thread(matches=…) to write.

    Re-threading jobs do this so that several workers search candidates at once while their
    writes stay serialised by the lock. What the search read may change before the write: the
    write re-reads the article's statements (and matches again under the lock when they are no
    longer what was matched), the links and the editors' decisions on them, and the matched
    statements of other articles (dropping those gone or rejected since). A statement of
    another article stored in between is missed here; its own threading finds this article's.
    """
    window = article_window(article_id=article_id)
    if window is None:
        return None
    # The one write here: the article's salient names, derived from its text and idempotent.
    _names_refresh(article_id=article_id)
    statements = article_statements(article_id=article_id)
    return Matches(basis=_basis(statements), ranked=_match(article_id, statements, window))


@transaction.atomic
def article_thread(
    *, article_id: int, stale_threads: Iterable[int] = (), matches: Matches | None = None
) -> ThreadingOutcome:
    """Match the article's statements across articles and bring its threads up to date.

    `stale_threads`: threads that lost members before this call (a re-analysis deleted the
    statements), whose counts are refreshed too. `matches`: the candidate search done before
    the lock (article_match), used if the statements are still what it matched. Idempotent.
    """
    threading_lock()
    window = article_window(article_id=article_id)
    if window is None:
        _refresh_threads(set(stale_threads))
        return ThreadingOutcome()
    _names_refresh(article_id=article_id)
    statements = article_statements(article_id=article_id)
    own = {s.id: s for s in statements}
    thresholds = _thresholds()
    if matches is not None and matches.basis == _basis(statements):
        ranked_by_statement = matches.ranked
        # The other ends as they are now: a thread may have changed, a statement gone or been
        # rejected since the search.
        fresh = statement_rows(
            claim_ids={other.id for ranked in ranked_by_statement.values() for other, _ in ranked}
        )
        ranked_by_statement = {
            statement_id: [
                (fresh[other.id], found)
                for other, found in ranked
                if other.id in fresh and not fresh[other.id].rejected
            ]
            for statement_id, ranked in ranked_by_statement.items()
        }
    else:
        ranked_by_statement = _match(article_id, statements, window)

    existing = links_touching(claim_ids=own, cross_article=True)
    rejected_pairs = {link.pair for link in existing if link.status == ReviewStatus.REJECTED}
    taken = {(link.source_id, link.target_id, link.relation) for link in existing}
    others: dict[int, StatementRow] = {}

    # 1. Each statement's best matches among its candidates.
    wanted: dict[tuple[int, int, str], float] = {}
    for statement_id, ranked in ranked_by_statement.items():
        statement = own[statement_id]
        kept = 0
        for other, found in ranked:
            if frozenset((statement.id, other.id)) in rejected_pairs:
                continue  # an editor said no to this pair: never again
            source, target = _direction(statement, other, found.relation)
            key = (source.id, target.id, found.relation)
            wanted[key] = max(wanted.get(key, 0.0), found.confidence)
            others[other.id] = other
            # A group's links are the group's, not the statement's best few: not capped.
            kept += not found.grouped
            if kept >= settings.THREADING_LINKS_PER_STATEMENT:
                break

    # 2. The machine's links already there: kept while the pair still matches, else removed.
    missing = {link.other_end(s) for link in existing for s in (link.source_id, link.target_id) if s in own}
    others.update(statement_rows(claim_ids=missing - own.keys() - others.keys()))
    stale_links, refreshed = [], []
    grouped: _Grouped | None = None
    for link in existing:
        if not link.is_machine_proposal:
            continue
        key = (link.source_id, link.target_id, link.relation)
        mine = own.get(link.source_id) or own[link.target_id]
        theirs = others.get(link.other_end(mine.id))
        confidence = wanted.pop(key, None)
        if confidence is None and theirs is not None and not mine.rejected:
            found = match(mine.sketch, theirs.sketch, thresholds=thresholds)
            if (
                found is not None
                and found.relation == link.relation
                and found.confidence >= thresholds.confidence
            ):
                confidence = found.confidence
            else:
                # A link two groups made (_add_group_matches) holds while the groups still tell
                # one dispute, whichever of the two articles is threaded again.
                grouped = grouped or _Grouped.of(own, others)
                confidence = grouped.support(mine, theirs, link.relation, thresholds)
        if confidence is None:
            stale_links.append(link.id)
        elif abs(confidence - link.confidence) > 1e-9:
            refreshed.append(ClaimLink(id=link.id, confidence=confidence))
    if stale_links:
        ClaimLink.objects.filter(id__in=stale_links).delete()
    if refreshed:
        _update_rows(ClaimLink, refreshed, ["confidence"])
    new_links = [
        ClaimLink(
            source_id=source,
            target_id=target,
            relation=relation,
            origin=Origin.MACHINE,
            review_status=ReviewStatus.PROPOSED,
            confidence=confidence,
        )
        for (source, target, relation), confidence in sorted(wanted.items())
        if (source, target, relation) not in taken
    ]
    ClaimLink.objects.bulk_create(new_links)

    # 3. Threads: the groups the article's statements now form.
    cross = [link for link in existing if link.id not in set(stale_links)]
    cross += [
        LinkRow(0, n.source_id, n.target_id, n.relation, n.origin, n.review_status, 0) for n in new_links
    ]
    inner = links_touching(claim_ids=own, cross_article=False)
    groups = _assign_threads(own, others, [*cross, *inner], stale_threads=set(stale_threads))
    return ThreadingOutcome(
        links_added=len(new_links),
        links_removed=len(stale_links),
        threads_created=groups.created,
        threads_merged=groups.merged,
        statements_threaded=groups.threaded,
    )


def _names_refresh(*, article_id: int) -> None:
    """Read the article's salient names again if its text changed since they were read (or they
    never were: an article analysed before they were kept). The matcher gives them to every
    statement of the article as its context; without them a short statement ("she was
    captured") meets any story's. One query when they are up to date."""
    stale = Article.objects.filter(pk=article_id).exclude(salient_names_sha256=F("content_sha256"))
    found = stale.values_list("body", "content_sha256").first()
    if found is not None:
        body, sha = found
        stale.update(salient_names=sorted(salient_names(body)), salient_names_sha256=sha)


def _candidates(
    article_id: int,
    statements: list[StatementRow],
    window: tuple[datetime, datetime],
) -> dict[int, dict[int, StatementRow]]:
    """Each statement's candidates in other articles, by id, best first. On PostgreSQL a fixed
    number of queries per article (term statistics, the candidate search, the candidates' rows)."""
    words = {s.id: rare_terms(s.content, limit=2 * settings.THREADING_TERMS) for s in statements}
    limit = settings.THREADING_CANDIDATES
    if not settings.USING_POSTGRES:
        return {
            s.id: {
                c.id: c
                for c in statement_candidates(statement=s, terms=words[s.id], window=window, limit=limit)
            }
            for s in statements
        }
    statistics = term_statistics(words=itertools.chain.from_iterable(words.values()))
    queries = {
        s.id: overlap_query(
            search_lexemes(words=words[s.id], statistics=statistics, limit=settings.THREADING_TERMS)
        )
        for s in statements
    }
    ids = article_candidates(
        article_id=article_id,
        queries=queries,
        actors={s.id: s.speakers | s.targets for s in statements},
        window=window,
        limit=limit,
    )
    rows = statement_rows(claim_ids={i for found in ids.values() for i in found})
    return {sid: {i: rows[i] for i in found if i in rows} for sid, found in ids.items()}


# --- thread assignment ----------------------------------------------------------------------


class _Groups:
    """Union-find over node keys: ("c", claim id) for statements, ("t", thread id) for threads."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, x: tuple[str, int]) -> tuple[str, int]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        self.parent[self.find(a)] = self.find(b)

    def union_restatements(self, statements: Iterable[StatementRow], thresholds: Thresholds) -> None:
        """One article's statements that restate one another (matching.restatement_groups),
        together; rejected statements and those an editor placed are left where they are."""
        free = sorted((s for s in statements if not s.rejected and not s.pinned), key=lambda s: s.id)
        for restated in restatement_groups([s.sketch for s in free], thresholds=thresholds):
            for sibling in restated[1:]:
                self.union(("c", int(sibling.key)), ("c", int(restated[0].key)))


@dataclass(frozen=True, slots=True)
class _Assigned:
    created: int
    merged: int
    threaded: int


def _assign_threads(
    own: dict[int, StatementRow],
    others: dict[int, StatementRow],
    links: list[LinkRow],
    *,
    stale_threads: set[int],
) -> _Assigned:
    rows = {**others, **own}
    groups = _Groups()

    def node(row: StatementRow) -> tuple[str, int]:
        # The article's own statements are placed afresh; another article's statement stands
        # for its thread (it is not moved), or for itself when it has none yet.
        if row.id not in own and row.thread_id is not None:
            return ("t", row.thread_id)
        return ("c", row.id)

    for link in links:
        if link.status == ReviewStatus.REJECTED:
            continue
        a, b = rows.get(link.source_id), rows.get(link.target_id)
        if a is None or b is None or a.rejected or b.rejected:
            continue
        pinned = [r for r in (a, b) if r.pinned]
        if len(pinned) == 2:
            continue
        if pinned:
            # A statement an editor placed does not move, and pulls nobody else's thread into
            # its own: the other statement may only join it.
            fixed, free = (a, b) if a.pinned else (b, a)
            if fixed.thread_id is None or free.id not in own:
                continue
            groups.union(("c", free.id), ("t", fixed.thread_id))
        else:
            groups.union(node(a), node(b))

    # The article's statements that restate one another thread together, so that one of them
    # matching another article brings its siblings along. From the statements alone (no query),
    # so re-threading and regrouping find the same groups. An editor's placement stands.
    groups.union_restatements(own.values(), _thresholds())

    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for key in list(groups.parent):
        members.setdefault(groups.find(key), []).append(key)

    held = set(
        Thread.objects.filter(
            id__in={key[1] for keys in members.values() for key in keys if key[0] == "t"},
            origin=Origin.EDITOR,
        ).values_list("id", flat=True)
    )
    placement: dict[int, int | None] = {s.id: None for s in own.values() if not s.pinned}
    merges: list[tuple[int, int]] = []  # (thread merged away, survivor)
    unplaced: list[list[StatementRow]] = []  # groups that need a new thread
    placed = [
        (sorted(k[1] for k in keys if k[0] == "t"), [rows[k[1]] for k in keys if k[0] == "c"])
        for keys in members.values()
    ]
    placed = [(threads, claims) for threads, claims in placed if any(c.id in own for c in claims)]
    taken = _former_threads_taken([claims for threads, claims in placed if not threads], own)
    for threads, claims in placed:
        survivor = _survivor(threads, held, claims, own, taken)
        if survivor is None:
            unplaced.append(claims)
            continue
        merges += [(t, survivor) for t in threads if t != survivor and t not in held]
        # The article's statements, and other articles' statements that had no thread yet.
        placement.update({claim.id: survivor for claim in claims})
    # One insert for all new threads (PostgreSQL returns their ids).
    for claims, thread in zip(
        unplaced, Thread.objects.bulk_create([Thread() for _ in unplaced]), strict=True
    ):
        placement.update({claim.id: thread.id for claim in claims})

    now = timezone.now()
    touched = set(stale_threads)
    touched |= {s.thread_id for s in own.values() if s.thread_id is not None}
    if merges:
        # Two statements for all merges, however many (each merged thread to its survivor).
        gone = [g for g, _ in merges]
        Claim.objects.filter(thread_id__in=gone, thread_origin=Origin.MACHINE).update(
            thread_id=Case(*(When(thread_id=g, then=Value(s)) for g, s in merges)), updated_at=now
        )
        Thread.objects.filter(Q(pk__in=gone) | Q(merged_into__in=gone)).update(
            merged_into=Case(
                *(When(pk=g, then=Value(s)) for g, s in merges),
                *(When(merged_into=g, then=Value(s)) for g, s in merges),
            )
        )
        touched |= {t for merge in merges for t in merge}
    merged_into = dict(merges)
    moved = [
        # updated_at moves: a client syncing with updated_since learns the statement's new thread.
        Claim(id=claim_id, thread_id=thread_id, updated_at=now)
        for claim_id, thread_id in placement.items()
        if merged_into.get(rows[claim_id].thread_id, rows[claim_id].thread_id) != thread_id
    ]
    if moved:
        _update_rows(Claim, moved, ["thread", "updated_at"])
    touched |= {t for t in placement.values() if t is not None}
    _refresh_threads(touched)
    return _Assigned(len(unplaced), len(merges), sum(1 for t in placement.values() if t is not None))


def _former_threads_taken(groups: list[list[StatementRow]], own: dict[int, StatementRow]) -> Counter:
    """For the groups with no thread yet: how many of them, or statements outside them (one
    query for all groups), hold each former thread of the article's statements. A group may
    reuse a former thread only where it alone holds it."""
    counts: Counter = Counter()
    for claims in groups:
        counts.update({c.thread_id for c in claims if c.thread_id is not None})
    former = {c.thread_id for claims in groups for c in claims if c.id in own and c.thread_id is not None}
    if former:
        members = [c.id for claims in groups for c in claims]
        outside = Claim.objects.filter(thread_id__in=former).exclude(id__in=members)
        counts.update(set(outside.values_list("thread_id", flat=True)))
    return counts


def _survivor(
    threads: list[int],
    held: set[int],
    claims: list[StatementRow],
    own: dict[int, StatementRow],
    taken: Counter,
) -> int | None:
    """The thread a group ends in: an editor's thread if it has one, else the oldest; a group
    of statements with no thread yet reuses one of the article's former threads (so that
    re-threading keeps thread ids), else gets a new one (None)."""
    if threads:
        mine = [t for t in threads if t in held]
        return mine[0] if mine else threads[0]
    former = {c.thread_id for c in claims if c.id in own and c.thread_id is not None}
    held_here = {c.thread_id for c in claims if c.thread_id is not None}
    # Only a former thread nobody else is in: another group still lives in the others.
    alone = {t for t in former if taken[t] == (1 if t in held_here else 0)}
    return min(alone) if alone else None


# --- aggregates -----------------------------------------------------------------------------

_KIND_FIELDS = {
    Claim.Kind.CLAIM: "claim_count",
    Claim.Kind.ACCUSATION: "accusation_count",
    Claim.Kind.DENIAL: "denial_count",
    Claim.Kind.CRITICISM: "criticism_count",
}
_AGGREGATE_FIELDS = [
    "title",
    "title_claim",
    "first_seen",
    "last_seen",
    "statement_count",
    "article_count",
    *_KIND_FIELDS.values(),
]


def _refresh_threads(thread_ids: set[int]) -> None:
    """Recompute counts, dates and title of these threads from their members (three queries);
    a machine thread left with no members and no redirect to it is deleted."""
    thread_ids = {t for t in thread_ids if t is not None}
    if not thread_ids:
        return
    visible = Claim.objects.filter(thread_id__in=thread_ids).exclude(review_status=ReviewStatus.REJECTED)
    when = Coalesce("published_at", "article__ingested_at")
    stats = {
        row["thread_id"]: row
        for row in visible.order_by()
        .values("thread_id")
        .annotate(
            statement_count=Count("id"),
            article_count=Count("article_id", distinct=True),
            first_seen=Min(when),
            last_seen=Max(when),
            **{field: Count("id", filter=Q(kind=kind)) for kind, field in _KIND_FIELDS.items()},
        )
    }
    earliest = (
        Claim.objects.filter(thread_id=OuterRef("pk"))
        .exclude(review_status=ReviewStatus.REJECTED)
        .annotate(when=when, asserting=Q(kind__in=(Claim.Kind.CLAIM, Claim.Kind.ACCUSATION)))
        .order_by("-asserting", "when", "id")
    )
    threads = list(
        Thread.objects.filter(id__in=thread_ids)
        .annotate(
            new_title_claim=Subquery(earliest.values("id")[:1]),
            new_title=Subquery(earliest.values("quote_text")[:1]),
        )
        .order_by("id")
    )
    now = timezone.now()
    changed, empty = [], []
    for thread in threads:
        row = stats.get(thread.id)
        if row is None and thread.origin == Origin.MACHINE and thread.merged_into_id is None:
            empty.append(thread.id)
            continue
        values = {
            "title": (thread.new_title or "")[:1000],
            "title_claim_id": thread.new_title_claim,
            "first_seen": row["first_seen"] if row else None,
            "last_seen": row["last_seen"] if row else None,
            "statement_count": row["statement_count"] if row else 0,
            "article_count": row["article_count"] if row else 0,
            **{field: row[field] if row else 0 for field in _KIND_FIELDS.values()},
        }
        if any(getattr(thread, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(thread, name, value)
            thread.version += 1
            thread.updated_at = now
            changed.append(thread)
    if empty:
        # Machine threads that lost every statement; nothing points at them any more.
        doomed = Thread.objects.filter(id__in=empty, merged_from__isnull=True)
        # Rejected statements may still name one: they leave it with updated_at moved, so a
        # client syncing with updated_since learns it (the delete's SET NULL would not tell).
        Claim.objects.filter(thread__in=doomed).update(thread=None, updated_at=now)
        doomed.delete()
    if changed:
        _update_rows(Thread, changed, [*_AGGREGATE_FIELDS, "version", "updated_at"])


def _update_rows(model: type[models.Model], rows: list[models.Model], fields: list[str]) -> None:
    """Write these fields of these rows in one UPDATE … FROM unnest(arrays), on PostgreSQL. What
    bulk_update does, without its CASE WHEN per row and field: compiling those was most of the
    Python time of threading an article (measured at 1M claims, docs/BENCHMARKS.md)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_update(rows, fields)
        return
    meta = model._meta
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    arrays = [[f.get_db_prep_save(getattr(row, f.attname), connection) for row in rows] for f in columns]
    names = [connection.ops.quote_name(f.column) for f in columns]
    unnest = ", ".join(f"%s::{f.db_type(connection)}[]" for f in columns)
    assignments = ", ".join(f"{name} = v.{name}" for name in names[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(meta.db_table)} AS t SET {assignments} "
            f"FROM unnest({unnest}) AS v({', '.join(names)}) WHERE t.{names[0]} = v.{names[0]}",
            arrays,
        )


def threads_refresh(*, thread_ids: Iterable[int]) -> None:
    """Recompute the aggregates of these threads (for the editor services)."""
    _refresh_threads(set(thread_ids))


@transaction.atomic
def articles_regroup(*, article_ids: Iterable[int]) -> None:
    """Place these articles' statements again over the links that exist now, matching nothing.

    For the editor services, after a change to what holds statements together (a link rejected,
    made, removed or reverted; a statement rejected or brought back): a statement nothing ties
    any more leaves its thread, one newly tied joins, and the threads' counts follow. No
    candidate search and no re-scoring, so an editor's action stays quick and a link an admin
    reinstated is not judged again by the matcher until the next threading of its article
    (which may also propose a rejected statement's next-best match). Four queries per article
    besides the writes; takes the threading lock (callers that lock rows take it first).
    """
    threading_lock()
    for article_id in dict.fromkeys(article_ids):
        own = {s.id: s for s in article_statements(article_id=article_id)}
        if not own:
            continue
        cross = links_touching(claim_ids=own, cross_article=True)
        ends = {link.other_end(s) for link in cross for s in (link.source_id, link.target_id) if s in own}
        others = statement_rows(claim_ids=ends - own.keys())
        inner = links_touching(claim_ids=own, cross_article=False)
        _assign_threads(own, others, [*cross, *inner], stale_threads=set())


# --- re-threading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RethreadReport:
    articles: int
    links_added: int
    links_removed: int
    threads_created: int
    threads_merged: int


def articles_rethread(
    *, scope: JobScope, progress: Callable[[int, int], None] | None = None, every: int = 500
) -> RethreadReport:
    """Thread every article of the scope again, oldest first (as they arrived), one
    transaction per article so the lock is never held long."""
    scope.validate()
    articles = Article.objects.filter(scope.as_q())
    total = articles.count()
    ids = articles.order_by(Coalesce("published_at", "ingested_at"), "id").values_list("id", flat=True)
    sums = [0, 0, 0, 0]
    done = 0
    # Ids first (a few MB at a million articles): no cursor stays open across the transactions.
    for article_id in list(ids):
        outcome = article_thread(article_id=article_id)
        for i, value in enumerate(
            (outcome.links_added, outcome.links_removed, outcome.threads_created, outcome.threads_merged)
        ):
            sums[i] += value
        done += 1
        if progress and (done % every == 0 or done == total):
            progress(done, total)
    return RethreadReport(done, *sums)
