"""Reads on threads for pages and the API: lists with filters, one thread's statements and
links, the sides, and the threads of given statements or of an actor. Fixed query counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from actors.models import Actor

from ..models import Claim, ClaimLink, ReviewStatus, Thread
from .search import claim_filter_text
from .threading import THREAD_RELATIONS

ASSERTING, DENYING = "asserting", "denying"
SIDES = (ASSERTING, DENYING)


def side_of(kind: str) -> str:
    """A denial denies; a claim, accusation or criticism asserts (the matcher's stance)."""
    return DENYING if kind == Claim.Kind.DENIAL else ASSERTING


def _side_q(side: str) -> Q:
    return Q(kind=Claim.Kind.DENIAL) if side == DENYING else ~Q(kind=Claim.Kind.DENIAL)


def _speaks_for(actor_id: int, prefix: str) -> Q:
    # An actor includes the officials who speak for it (an ambassador for the state).
    return Q(**{f"{prefix}_id": actor_id}) | Q(**{f"{prefix}__affiliation_id": actor_id})


@dataclass(frozen=True, slots=True)
class ThreadFilters:
    actor: int | None = None  # speaks (or is targeted) in the thread, itself or by its officials
    side: str | None = None  # with actor: the actor speaks on that side; alone: the thread has that side
    kinds: tuple[str, ...] = ()
    since: datetime | None = None  # last seen at or after
    until: datetime | None = None  # first seen before
    q: str = ""  # full text over the thread's statements
    outlet: str = ""
    updated_since: datetime | None = None


def thread_queryset() -> QuerySet[Thread]:
    """Threads analysts see: not merged away, with at least one statement."""
    return Thread.objects.filter(merged_into__isnull=True, statement_count__gt=0).select_related(
        "title_claim"
    )


def _members() -> QuerySet[Claim]:
    return Claim.objects.filter(thread_id=OuterRef("pk")).exclude(review_status=ReviewStatus.REJECTED)


def thread_filter(queryset: QuerySet[Thread], filters: ThreadFilters) -> QuerySet[Thread]:
    """Each condition is an EXISTS over the thread's statements, so no thread comes twice."""
    if filters.actor is not None:
        members = _members()
        if filters.side:
            members = members.filter(_speaks_for(filters.actor, "speaker") & _side_q(filters.side))
        else:
            members = members.filter(
                _speaks_for(filters.actor, "speaker") | _speaks_for(filters.actor, "target")
            )
        queryset = queryset.filter(Exists(members))
    elif filters.side:
        queryset = queryset.filter(Exists(_members().filter(_side_q(filters.side))))
    if filters.kinds:
        queryset = queryset.filter(Exists(_members().filter(kind__in=filters.kinds)))
    if filters.outlet:
        queryset = queryset.filter(Exists(_members().filter(article__outlet=filters.outlet)))
    if filters.q.strip():
        queryset = queryset.filter(Exists(claim_filter_text(_members(), filters.q)))
    if filters.since is not None:
        queryset = queryset.filter(last_seen__gte=filters.since)
    if filters.until is not None:
        queryset = queryset.filter(first_seen__lt=filters.until)
    if filters.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=filters.updated_since)
    return queryset


def thread_list(*, filters: ThreadFilters = ThreadFilters(), limit: int = 50) -> list[Thread]:
    """The latest threads first (by their last statement)."""
    return list(thread_filter(thread_queryset(), filters).order_by("-last_seen", "-id")[:limit])


def thread_get(*, thread_id: int) -> Thread | None:
    """A thread, also one merged away (its merged_into says where its statements went)."""
    return Thread.objects.select_related("title_claim").filter(pk=thread_id).first()


def thread_members(*, thread_id: int) -> QuerySet[Claim]:
    """The thread's statements, earliest first, with article, speaker and target (and what they
    speak for) joined: one query however many."""
    return (
        Claim.objects.filter(thread_id=thread_id)
        .exclude(review_status=ReviewStatus.REJECTED)
        .select_related("article", "speaker__affiliation", "target__affiliation")
        .defer("article__body", "search_vector")
        .order_by(Coalesce("published_at", "article__ingested_at").asc(), "id")
    )


def thread_links(*, claim_ids: Iterable[int]) -> list[ClaimLink]:
    """The repeats/rebuts links from or to these statements (editors' rejected ones left out)."""
    ids = list(claim_ids)
    if not ids:
        return []
    return list(
        ClaimLink.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids), relation__in=THREAD_RELATIONS)
        .exclude(review_status=ReviewStatus.REJECTED)
        .order_by("id")
    )


def thread_sides(members: Iterable[Claim]) -> dict[str, list[Actor]]:
    """Who asserts and who denies, each actor once, in order of first statement. The members
    must carry their speaker (thread_members does); no query."""
    sides: dict[str, dict[int, Actor]] = {ASSERTING: {}, DENYING: {}}
    for claim in members:
        if claim.speaker is not None:
            sides[side_of(claim.kind)].setdefault(claim.speaker_id, claim.speaker)
    return {side: list(actors.values()) for side, actors in sides.items()}


def claim_threads(*, claim_ids: Iterable[int]) -> dict[int, Thread]:
    """The thread of each of these statements that has one ("also in N articles · denied in …"
    on the reader): two queries."""
    pairs = list(
        Claim.objects.filter(id__in=list(claim_ids), thread__isnull=False).values_list("id", "thread_id")
    )
    threads = Thread.objects.in_bulk({thread_id for _, thread_id in pairs})
    return {claim_id: threads[thread_id] for claim_id, thread_id in pairs if thread_id in threads}


def actor_threads(*, actor_id: int, side: str | None = None, limit: int = 50) -> list[Thread]:
    """Threads where the actor (or one who speaks for it) claims, denies or is accused, latest first."""
    return thread_list(filters=ThreadFilters(actor=actor_id, side=side), limit=limit)
