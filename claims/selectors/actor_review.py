"""The actor review queue: actors the extractor proposed, with the statements that made them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from actors.models import Actor

from ..models import Claim

STATEMENTS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class ActorReviewPage:
    actors: list[Actor]  # each with .statement_count and .shown_statements
    next_after: int | None
    waiting: int


def actor_review_queue(*, after: int | None = None, limit: int = 25) -> ActorReviewPage:
    """Proposed, unmerged actors, oldest first (keyset on id); three queries whatever the page."""
    proposed = Actor.objects.filter(status=Actor.Status.PROPOSED, merged_into=None)
    qs = proposed.filter(id__gt=after) if after else proposed
    shown = Claim.objects.select_related("article").order_by("-published_at", "id")
    rows = list(
        qs.select_related("affiliation")
        .annotate(statement_count=Count("statements", filter=~Q(statements__review_status="rejected")))
        .prefetch_related(
            Prefetch("statements", queryset=shown[:STATEMENTS_SHOWN], to_attr="shown_statements")
        )
        .order_by("id")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return ActorReviewPage(
        actors=rows, next_after=rows[-1].pk if more and rows else None, waiting=proposed.count()
    )
