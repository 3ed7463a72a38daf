"""Snapshots of statements and links: what history.services.change_record stores before and after."""

from typing import Any

from ..models import Claim, ClaimLink

# The fields an editor can change on a statement, in the order the history shows them.
CLAIM_FIELDS = (
    "kind",
    "speaker",
    "target",
    "content_spans",
    "speaker_span",
    "cue_span",
    "direct_quote",
    "note",
    "review_status",
    "quote_text",
)


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


def _actor_ref(actor_id: int | None, actor) -> dict[str, Any] | None:
    # The name is kept beside the id so the history stays readable after a rename or merge.
    if actor_id is None:
        return None
    return {"id": actor_id, "name": actor.name if actor is not None else ""}


def claim_snapshot(claim: Claim) -> dict[str, Any]:
    """The editable state of a statement, JSON-ready."""
    return {
        "kind": claim.kind,
        "speaker": _actor_ref(claim.speaker_id, claim.speaker if claim.speaker_id else None),
        "target": _actor_ref(claim.target_id, claim.target if claim.target_id else None),
        "content_spans": [list(span) for span in claim.content_spans],
        "speaker_span": _span(claim.speaker_start, claim.speaker_end),
        "cue_span": _span(claim.cue_start, claim.cue_end),
        "direct_quote": claim.direct_quote,
        "note": claim.note,
        "review_status": claim.review_status,
        "quote_text": claim.quote_text,
        "version": claim.version,
    }


def link_snapshot(link: ClaimLink) -> dict[str, Any]:
    return {
        "source": link.source_id,
        "target": link.target_id,
        "relation": link.relation,
        "origin": link.origin,
        "review_status": link.review_status,
        "confidence": link.confidence,
    }
