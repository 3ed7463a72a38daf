"""Snapshots of statements and links: what history.services.change_record stores before and after."""

from typing import Any

from actors.models import actor_ref

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


def claim_snapshot(claim: Claim) -> dict[str, Any]:
    """The editable state of a statement, JSON-ready."""
    return {
        "kind": claim.kind,
        # The name is kept beside the id so the history stays readable after a rename or merge.
        "speaker": actor_ref(claim.speaker if claim.speaker_id else None),
        "target": actor_ref(claim.target if claim.target_id else None),
        "content_spans": [list(span) for span in claim.content_spans],
        "speaker_span": claim.speaker_span,
        "cue_span": claim.cue_span,
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
