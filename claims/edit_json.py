"""JSON shapes of the editing endpoints. Plain dicts: the browser script is their only reader.

Offsets are code points, as stored; static/js/editor.js converts them for the DOM.
"""

from typing import Any

from actors.models import Actor
from history.models import ChangeRecord

from .models import Claim, ClaimLink


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"id": actor.pk, "name": actor.name, "kind": actor.kind, "code": actor.code}


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


def claim_brief_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "kind": claim.kind,
        "speaker": actor_json(claim.speaker),
        "quote_text": claim.quote_text[:300],
        "article": {"id": claim.article_id, "title": claim.article.title},
        "review_status": claim.review_status,
    }


def link_json(link: ClaimLink, *, other: Claim, direction: str) -> dict[str, Any]:
    return {
        "id": link.pk,
        "relation": link.relation,
        "direction": direction,  # "out": this statement rebuts `other`; "in": `other` rebuts it
        "origin": link.origin,
        "review_status": link.review_status,
        "other": claim_brief_json(other),
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    """A statement as the edit panel needs it; links only when loaded by claim_for_editing."""
    data = {
        "id": claim.pk,
        "article": claim.article_id,
        "kind": claim.kind,
        "speaker": actor_json(claim.speaker),
        "target": actor_json(claim.target),
        "content_spans": claim.content_spans,
        "speaker_span": _span(claim.speaker_start, claim.speaker_end),
        "cue_span": _span(claim.cue_start, claim.cue_end),
        "direct_quote": claim.direct_quote,
        "note": claim.note,
        "quote_text": claim.quote_text,
        "review_status": claim.review_status,
        "origin": claim.origin,
        "confidence": claim.confidence,
        "version": claim.version,
        "updated_at": claim.updated_at.isoformat() if claim.updated_at else None,
        "updated_by": claim.updated_by.get_username() if claim.updated_by_id and claim.updated_by else None,
    }
    if hasattr(claim, "live_outgoing"):
        data["links"] = [
            link_json(link, other=link.target, direction="out") for link in claim.live_outgoing
        ] + [link_json(link, other=link.source, direction="in") for link in claim.live_incoming]
    return data


def change_json(change: ChangeRecord | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "id": change.pk,
        "action": change.action,
        "user": change.user.get_username() if change.user else None,
        "at": change.at.isoformat(),
        "before": change.before,
        "after": change.after,
    }
