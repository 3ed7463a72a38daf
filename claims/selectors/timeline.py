"""The claim/denial timeline: filters from the URL, keyset pages, and the statements' threads.

Order: newest article first, then the statement's position in its article. It is the order of
the ``claim_timeline_idx`` index, so a page is an index range scan whatever its depth: pages
are found by keyset (the last row of the previous page), never by OFFSET.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import QueryDict

from actors.models import Actor
from claimtrack.keyset import Keyset, Ordering

from ..models import Claim, ClaimLink, ReviewStatus, Thread
from .page_filters import date_range, start_of
from .search import claim_filter_text, claim_search_page

ActorRole = Literal["speaker", "target", "either"]
ACTOR_ROLES: tuple[ActorRole, ...] = ("either", "speaker", "target")
PAGE_SIZE = 50


@dataclass(frozen=True)
class TimelineFilters:
    """What the analyst asked for; every field round-trips through the query string."""

    actor: int | None = None
    actor_role: ActorRole = "either"
    kinds: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    outlet: str = ""
    statuses: tuple[str, ...] = ()
    q: str = ""
    # Presentation, not a filter: rows of one thread shown together (`group=thread`).
    by_thread: bool = False
    errors: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_query(cls, query: QueryDict) -> TimelineFilters:
        """Parse the URL. A bad value is dropped and reported, never a 500."""
        errors: list[str] = []
        actor = _int(query.get("actor", ""), "actor", errors)
        role = query.get("role", "either")
        if role not in ACTOR_ROLES:
            errors.append(f"Unknown actor role {role!r}.")
            role = "either"
        kinds = tuple(k for k in query.getlist("kind") if k in Claim.Kind.values)
        statuses = tuple(s for s in query.getlist("status") if s in ReviewStatus.values)
        since, until = date_range(query, errors)
        return cls(
            actor=actor,
            actor_role=role,
            kinds=kinds,
            since=since,
            until=until,
            outlet=query.get("outlet", "").strip()[:200],
            statuses=statuses,
            q=query.get("q", "").strip()[:200],
            by_thread=query.get("group", "") == "thread",
            errors=tuple(errors),
        )

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs, for links that keep them (next page, lanes)."""
        pairs: list[tuple[str, str]] = []
        if self.actor is not None:
            pairs += [("actor", str(self.actor)), ("role", self.actor_role)]
        pairs += [("kind", k) for k in self.kinds]
        if self.since:
            pairs.append(("since", self.since.isoformat()))
        if self.until:
            pairs.append(("until", self.until.isoformat()))
        if self.outlet:
            pairs.append(("outlet", self.outlet))
        pairs += [("status", s) for s in self.statuses]
        if self.q:
            pairs.append(("q", self.q))
        if self.by_thread:
            pairs.append(("group", "thread"))
        return pairs

    def as_q(self, *, actor_ids: tuple[int, ...] = ()) -> Q:
        """The filters as one Q; ``actor_ids`` is the actor and the officials who speak for it."""
        q = Q()
        if self.actor is not None:
            ids = actor_ids or (self.actor,)
            by_speaker, by_target = Q(speaker_id__in=ids), Q(target_id__in=ids)
            q &= {"speaker": by_speaker, "target": by_target}.get(self.actor_role, by_speaker | by_target)
        if self.kinds:
            q &= Q(kind__in=self.kinds)
        if self.since:
            q &= Q(published_at__gte=start_of(self.since))
        if self.until:
            # Inclusive: "until 2026-03-01" keeps what was published on that day.
            q &= Q(published_at__lt=start_of(self.until + timedelta(days=1)))
        if self.outlet:
            q &= Q(article__outlet=self.outlet)
        if self.statuses:
            q &= Q(review_status__in=self.statuses)
        return q


# The order of the claim_timeline_idx index, so a page is an index range scan at any depth.
TIMELINE_ORDER = Keyset("timeline", Claim, Ordering(("-published_at", "article_id", "content_start", "id")))


@dataclass(frozen=True)
class TimelineCursor:
    """The last row of a page: where the next page starts."""

    values: tuple

    @classmethod
    def after(cls, claim: Claim) -> TimelineCursor:
        return cls(tuple(TIMELINE_ORDER.values_of(claim)))

    def encode(self) -> str:
        return TIMELINE_ORDER.encode(list(self.values))

    @classmethod
    def decode(cls, token: str) -> TimelineCursor | None:
        """None for anything that is not a cursor of the timeline: a bad link starts at page 1."""
        values = TIMELINE_ORDER.decode_or_none(token)
        return None if values is None else cls(tuple(values))

    def as_q(self) -> Q:
        return TIMELINE_ORDER.after(list(self.values))


@dataclass
class TimelineGroup:
    """The rows of one page that belong to one thread (or a row in none), in page order."""

    thread: Thread | None
    claims: list[Claim]

    @property
    def asserting(self) -> int:
        """The thread's statements that assert it, in every article ("12 repeats")."""
        return 0 if self.thread is None else self.thread.statement_count - self.thread.denial_count


@dataclass
class TimelinePage:
    claims: list[Claim]
    next_cursor: TimelineCursor | None
    actor: Actor | None = None
    # With filters.by_thread: the page's rows gathered by thread.
    groups: list[TimelineGroup] | None = None


def timeline_groups(claims: list[Claim]) -> list[TimelineGroup]:
    """Gather a page's rows by thread, each group where its newest row stands: 1 query."""
    threads = Thread.objects.in_bulk({c.thread_id for c in claims if c.thread_id is not None})
    groups: list[TimelineGroup] = []
    by_thread: dict[int, TimelineGroup] = {}
    for claim in claims:
        thread = threads.get(claim.thread_id) if claim.thread_id is not None else None
        if thread is None:
            groups.append(TimelineGroup(thread=None, claims=[claim]))
        elif thread.id in by_thread:
            by_thread[thread.id].claims.append(claim)
        else:
            by_thread[thread.id] = group = TimelineGroup(thread=thread, claims=[claim])
            groups.append(group)
    return groups


def _rebuttal_prefetches() -> list[Prefetch]:
    """The statements each claim answers and the ones that answer it, with their speakers."""
    answers = (
        ClaimLink.objects.filter(relation=ClaimLink.Relation.REBUTS)
        .exclude(review_status=ReviewStatus.REJECTED)  # removed by an editor (a tombstone)
        .exclude(target__review_status=ReviewStatus.REJECTED)
        .select_related("target__speaker", "target__article")
        .defer("target__article__body")
    )
    answered_by = (
        ClaimLink.objects.filter(relation=ClaimLink.Relation.REBUTS)
        .exclude(review_status=ReviewStatus.REJECTED)
        .exclude(source__review_status=ReviewStatus.REJECTED)
        .select_related("source__speaker", "source__article")
        .defer("source__article__body")
    )
    return [
        Prefetch("outgoing_links", queryset=answers, to_attr="answers"),
        Prefetch("incoming_links", queryset=answered_by, to_attr="answered_by"),
    ]


def claim_rows() -> QuerySet[Claim]:
    """Visible claims with everything a timeline row shows, article text left out."""
    return _claim_row_fields().prefetch_related(*_rebuttal_prefetches())


def _claim_row_fields() -> QuerySet[Claim]:
    return (
        Claim.objects.visible()
        .select_related("speaker__affiliation", "target", "article")
        .defer("article__body", "search_vector")
    )


def timeline_order() -> list:
    return TIMELINE_ORDER.order_by()


def claim_timeline(
    *, filters: TimelineFilters, after: TimelineCursor | None = None, limit: int = PAGE_SIZE
) -> TimelinePage:
    """One page of the timeline: 3 queries, plus 1 when filtering by actor, plus 1 by thread; a
    full-text search as many when its page lies in the newest 90 days from the cursor, else 1
    more for the oldest date and 1 for each older date slice it reaches into (claim_search_page)."""
    actor, actor_ids = None, ()
    if filters.actor is not None:
        # One query: the actor and the officials who speak for it ("North Korea" includes its
        # deputy foreign minister).
        rows = list(Actor.objects.filter(Q(id=filters.actor) | Q(affiliation_id=filters.actor)))
        actor = next((a for a in rows if a.id == filters.actor), None)
        actor_ids = tuple(a.id for a in rows) or (filters.actor,)
    if filters.q:
        # A search finds its page on the claims table alone, newest first in date slices: the
        # same rows as the plain query below, without reading every match of a phrase.
        matches = claim_filter_text(
            Claim.objects.visible().filter(filters.as_q(actor_ids=actor_ids)), filters.q
        )
        claims = claim_search_page(
            matches=matches,
            rows=_claim_row_fields(),
            keyset=TIMELINE_ORDER,
            after=None if after is None else list(after.values),
            limit=limit + 1,
        )
        prefetch_related_objects(claims, *_rebuttal_prefetches())
    else:
        qs = claim_rows().filter(filters.as_q(actor_ids=actor_ids))
        if after is not None:
            qs = qs.filter(after.as_q())
        claims = list(qs.order_by(*timeline_order())[: limit + 1])
    more = len(claims) > limit
    claims = claims[:limit]
    return TimelinePage(
        claims=claims,
        next_cursor=TimelineCursor.after(claims[-1]) if more else None,
        actor=actor,
        groups=timeline_groups(claims) if filters.by_thread else None,
    )


def _int(value: str, name: str, errors: list[str]) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        errors.append(f"{name} must be a number.")
        return None
    return number if number > 0 else None
