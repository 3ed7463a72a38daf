"""Reads behind the editing UI: one statement with its links, searches for link targets and
speakers, and the latest change to show in a conflict. Each has a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from actors.models import Actor

from .models import Claim, ClaimLink, ReviewStatus
from .selectors import claim_filter_text

SEARCH_LIMIT = 20


def _live_links() -> QuerySet[ClaimLink]:
    # A rejected machine link is a tombstone (see services/editing.py): not shown, not removable.
    return ClaimLink.objects.exclude(review_status=ReviewStatus.REJECTED)


def claim_for_editing(*, claim_id: int) -> Claim | None:
    """The statement, its actors and article title, and its live links both ways: 3 queries."""
    outgoing = (
        _live_links().select_related("target__speaker", "target__article").defer("target__article__body")
    )
    incoming = (
        _live_links().select_related("source__speaker", "source__article").defer("source__article__body")
    )
    return (
        Claim.objects.select_related("speaker", "target", "article", "updated_by")
        .defer("article__body")
        .prefetch_related(
            Prefetch("outgoing_links", queryset=outgoing, to_attr="live_outgoing"),
            Prefetch("incoming_links", queryset=incoming, to_attr="live_incoming"),
        )
        .filter(pk=claim_id)
        .first()
    )


def claim_search(
    *, text: str = "", actor_id: int | None = None, exclude_id: int | None = None
) -> list[Claim]:
    """Statements to link to, in any article: by words of their text and/or by speaker. 1 query."""
    qs = Claim.objects.visible().select_related("speaker", "article").defer("article__body")
    if actor_id is not None:
        qs = qs.filter(Q(speaker_id=actor_id) | Q(speaker__affiliation_id=actor_id))
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    qs = claim_filter_text(qs, text)
    if not text.strip() and actor_id is None:
        return []
    return list(qs.order_by("-published_at", "-id")[:SEARCH_LIMIT])


def actor_search(*, text: str) -> list[Actor]:
    """Live (not merged) actors whose name or alias contains the text. 1 query."""
    text = " ".join(text.split())
    if not text:
        return []
    return list(
        Actor.objects.filter(merged_into__isnull=True)
        .filter(Q(name__icontains=text) | Q(aliases__alias__icontains=text) | Q(code__iexact=text))
        .select_related("affiliation")
        .distinct()
        .order_by("name", "id")[:SEARCH_LIMIT]
    )
