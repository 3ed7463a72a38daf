"""Reads for the pages that show threads: the thread page, the thread list's filters from the
URL, the reader's "also in N articles · denied in …" and the actor page's threads. Each is a
fixed number of queries, built on claims.selectors.threads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import QueryDict

from actors.models import Actor
from claimtrack.keyset import Keyset, Ordering

from ..models import Claim, ClaimLink, ReviewStatus, Thread
from .page_filters import date_range, start_of
from .threading import THREAD_RELATIONS
from .threads import (
    SIDES,
    ThreadFilters,
    actor_threads,
    claim_threads,
    thread_filter,
    thread_get,
    thread_members,
    thread_queryset,
    thread_sides,
)

# How many denials in other articles the reader names per statement ("denied in …").
DENIALS_SHOWN = 5
# A thread page lists at most this many statements (the earliest): a story told ten thousand
# times is read through the list's filters and the timeline, not one page of 10k rows.
MEMBERS_SHOWN = 500


@dataclass
class ThreadPage:
    thread: Thread
    members: list[Claim]
    sides: dict[str, list[Actor]]
    # Every repeats/rebuts link touching a member, rejected ones last (editors see what they
    # rejected); each with both ends, which may lie outside the thread.
    links: list[ClaimLink]
    counts: list[tuple[str, str, int]]  # (kind, label, count)


def thread_page(*, thread_id: int) -> ThreadPage | None:
    """One thread with its (first MEMBERS_SHOWN) statements, sides and links: 3 queries."""
    thread = thread_get(thread_id=thread_id)
    if thread is None:
        return None
    members = list(thread_members(thread_id=thread.id)[:MEMBERS_SHOWN])
    ids = [c.id for c in members]
    links = (
        list(
            ClaimLink.objects.filter(
                Q(source_id__in=ids) | Q(target_id__in=ids), relation__in=THREAD_RELATIONS
            )
            .select_related("source__speaker", "source__article", "target__speaker", "target__article")
            .defer(
                "source__article__body",
                "target__article__body",
                "source__search_vector",
                "target__search_vector",
            )
            .order_by("id")
        )
        if ids
        else []
    )
    links.sort(key=lambda link: link.review_status == ReviewStatus.REJECTED)
    counts = [(kind, label, getattr(thread, f"{kind}_count")) for kind, label in Claim.Kind.choices]
    return ThreadPage(thread=thread, members=members, sides=thread_sides(members), links=links, counts=counts)


# --- the thread list: its pages and its filters, from the URL -----------------------------

# The selectors' order (latest statement first), paged by keyset: deep pages as fast as the first.
THREAD_ORDER = Keyset("threads", Thread, Ordering(("-last_seen", "-id")))


@dataclass
class ThreadListPage:
    threads: list[Thread]
    next_cursor: str | None


def thread_list_page(*, filters: ThreadFilters, after: str = "", limit: int = 50) -> ThreadListPage:
    """One page of threads: 1 query. A cursor this list did not write starts at the first page."""
    queryset = thread_filter(thread_queryset(), filters)
    if after and (values := THREAD_ORDER.decode_or_none(after)) is not None:
        queryset = queryset.filter(THREAD_ORDER.after(values))
    rows = list(queryset.order_by(*THREAD_ORDER.order_by())[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return ThreadListPage(threads=rows, next_cursor=THREAD_ORDER.token_after(rows[-1]) if more else None)


@dataclass(frozen=True)
class ThreadQuery:
    """The list page's filters as typed in the URL, and the selector's ThreadFilters from them."""

    filters: ThreadFilters
    actor: int | None = None
    side: str = ""
    kinds: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    q: str = ""
    outlet: str = ""
    errors: tuple[str, ...] = field(default=(), compare=False)

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs, for the next page's link."""
        pairs = [("actor", str(self.actor))] if self.actor else []
        pairs += [("side", self.side)] if self.side else []
        pairs += [("kind", k) for k in self.kinds]
        pairs += [("since", self.since.isoformat())] if self.since else []
        pairs += [("until", self.until.isoformat())] if self.until else []
        pairs += [(name, value) for name, value in (("q", self.q), ("outlet", self.outlet)) if value]
        return pairs


def thread_query(query: QueryDict) -> ThreadQuery:
    """Parse the URL. A bad value is dropped and reported, never a 500."""
    errors: list[str] = []
    actor = None
    if raw := query.get("actor", "").strip():
        if raw.isdigit() and int(raw) > 0:
            actor = int(raw)
        else:
            errors.append("actor must be a number.")
    side = query.get("side", "")
    if side and side not in SIDES:
        errors.append(f"side must be one of {', '.join(SIDES)}.")
        side = ""
    kinds = tuple(k for k in query.getlist("kind") if k in Claim.Kind.values)
    since, until = date_range(query, errors)
    q, outlet = query.get("q", "").strip()[:200], query.get("outlet", "").strip()[:200]
    filters = ThreadFilters(
        actor=actor,
        side=side or None,
        kinds=kinds,
        since=start_of(since) if since else None,
        # Inclusive, as on the timeline: "until 2026-03-01" keeps threads that began that day.
        until=start_of(until + timedelta(days=1)) if until else None,
        q=q,
        outlet=outlet,
    )
    return ThreadQuery(filters, actor, side, kinds, since, until, q, outlet, tuple(errors))


# --- the reader: a statement's thread across articles -------------------------------------


@dataclass
class StatementThread:
    thread: Thread
    other_articles: int  # articles of the thread other than this statement's
    denials: list[Claim]  # the thread's denials in other articles, earliest first (a few)


def attach_statement_threads(statements: list[Claim]) -> list[Claim]:
    """Set `thread_note` (a StatementThread, or None) on each statement: 3 queries."""
    notes = statement_threads(statements=statements)
    for claim in statements:
        claim.thread_note = notes.get(claim.id)
    return statements


def statement_threads(*, statements: Iterable[Claim]) -> dict[int, StatementThread]:
    """For each statement in a thread: how many other articles carry it, and where it is denied.
    3 queries however many statements."""
    statements = list(statements)
    threads = claim_threads(claim_ids=[c.id for c in statements])
    if not threads:
        return {}
    when = Coalesce("published_at", "article__ingested_at")
    # The first few denials of each thread (a window per thread), not all of a busy thread's.
    ranked = (
        Claim.objects.visible()
        .filter(thread_id__in={t.id for t in threads.values()}, kind=Claim.Kind.DENIAL)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("thread_id")], order_by=[when.asc(), F("id").asc()])
        )
        .filter(rank__lte=DENIALS_SHOWN + 3)  # room for the article's own, left out below
        .select_related("article", "speaker__affiliation")
        .defer("article__body", "search_vector")
        .order_by("thread_id", "rank")
    )
    denials: dict[int, list[Claim]] = {}
    for claim in ranked:
        denials.setdefault(claim.thread_id, []).append(claim)
    out = {}
    for statement in statements:
        thread = threads.get(statement.id)
        if thread is None:
            continue
        elsewhere = [d for d in denials.get(thread.id, []) if d.article_id != statement.article_id]
        out[statement.id] = StatementThread(
            thread=thread,
            # article_count counts this statement's article too, when it is a member (it is).
            other_articles=max(0, thread.article_count - 1),
            denials=elsewhere[:DENIALS_SHOWN],
        )
    return out


# --- the actor page: threads where the actor claims, denies or is accused ------------------


@dataclass
class ActorThread:
    thread: Thread
    roles: list[str]  # "claims", "denies", "is accused" (or criticised), in that order


ROLE_ORDER = ("claims", "denies", "is accused")


def actor_thread_rows(*, actor: Actor, voices: tuple[int, ...], limit: int = 20) -> list[ActorThread]:
    """The latest threads the actor (or one speaking for it, `voices`) takes part in, each with
    the actor's roles in it: 2 queries."""
    threads = actor_threads(actor_id=actor.id, limit=limit)
    if not threads:
        return []
    roles: dict[int, set[str]] = {}
    rows = (
        Claim.objects.visible()
        .filter(thread_id__in=[t.id for t in threads])
        .filter(Q(speaker_id__in=voices) | Q(target_id__in=voices))
        .values_list("thread_id", "kind", "speaker_id", "target_id")
        .distinct()
    )
    for thread_id, kind, speaker_id, target_id in rows:
        found = roles.setdefault(thread_id, set())
        if speaker_id in voices:
            found.add("denies" if kind == Claim.Kind.DENIAL else "claims")
        if target_id in voices and kind in (Claim.Kind.ACCUSATION, Claim.Kind.CRITICISM, Claim.Kind.CLAIM):
            found.add("is accused")
    return [ActorThread(thread=t, roles=[r for r in ROLE_ORDER if r in roles.get(t.id, ())]) for t in threads]
