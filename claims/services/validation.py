"""Validating and setting a statement's editable fields, and saving it at a version: the one
module editing (editing.py) and reverting (revert.py) share, so a revert can never write what
an edit would refuse."""

from itertools import pairwise
from typing import Any, TypeVar

from django.db.models import F, Model, QuerySet
from django.utils import timezone

from actors.lookup import canonical
from actors.models import Actor
from claimtrack.errors import EditError, VersionConflict
from history.services import change_record_diff

from ..models import Claim, join_spans
from .snapshots import claim_snapshot

_Versioned = TypeVar("_Versioned", bound=Model)

MAX_NOTE_LENGTH = 5000


def _coerce_span(field: str, value: Any, body_length: int) -> tuple[int, int]:
    try:
        start, end = value
        if isinstance(start, bool) or isinstance(end, bool):
            raise TypeError
        start, end = int(start), int(end)
    except (TypeError, ValueError) as exc:
        raise EditError({field: ["A span is a pair of whole numbers [start, end]."]}) from exc
    if start < 0 or end > body_length:
        raise EditError({field: [f"The span {start}–{end} lies outside the text (0–{body_length})."]})
    if start >= end:
        raise EditError({field: [f"The span {start}–{end} is empty or reversed."]})
    return start, end


def clean_optional_span(field: str, value: Any, body: str) -> tuple[int | None, int | None]:
    if value is None or value == []:
        return None, None
    return _coerce_span(field, value, len(body))


def clean_content_spans(value: Any, body: str) -> list[list[int]]:
    """Sorted, non-overlapping spans inside the text; at least one."""
    if not isinstance(value, list | tuple) or not value:
        raise EditError({"content_spans": ["A statement needs at least one span of text."]})
    spans = sorted(_coerce_span("content_spans", span, len(body)) for span in value)
    for (_, previous_end), (start, _) in pairwise(spans):
        if start < previous_end:
            raise EditError({"content_spans": ["The spans of one statement must not overlap."]})
    if not any(body[start:end].strip() for start, end in spans):
        raise EditError({"content_spans": ["The selected text is blank."]})
    return [[start, end] for start, end in spans]


def set_content_spans(claim: Claim, value: Any) -> None:
    """Check the spans against the article's text and set them, with the quote they make."""
    body = claim.article.body
    spans = clean_content_spans(value, body)
    claim.content_spans = spans
    claim.content_start, claim.content_end = spans[0]
    claim.quote_text = join_spans(body, spans)


def set_optional_span(claim: Claim, field: str, value: Any) -> None:
    """Set `speaker_span` or `cue_span` (None or [] clears it)."""
    prefix = field.removesuffix("_span")
    start, end = clean_optional_span(field, value, claim.article.body)
    setattr(claim, f"{prefix}_start", start)
    setattr(claim, f"{prefix}_end", end)


def clean_kind(value: Any) -> str:
    if value not in Claim.Kind.values:
        raise EditError({"kind": [f"Unknown kind {value!r}; use one of {', '.join(Claim.Kind.values)}."]})
    return value


def clean_note(value: Any) -> str:
    if not isinstance(value, str):
        raise EditError({"note": ["A note is text."]})
    if len(value) > MAX_NOTE_LENGTH:
        raise EditError({"note": [f"A note holds at most {MAX_NOTE_LENGTH} characters."]})
    return value.strip()


def canonical_actor(field: str, actor: Any) -> Actor | None:
    """The actor itself, or the one it was merged into; None stays None."""
    if actor is None:
        return None
    if not isinstance(actor, Actor):
        raise EditError({field: ["Choose an actor."]})
    return canonical(actor)


def clean_version(expected_version: Any) -> int:
    try:
        if isinstance(expected_version, bool):
            raise TypeError
        return int(expected_version)
    except (TypeError, ValueError) as exc:
        raise EditError({"version": ["State the version of the statement you edited."]}) from exc


def lock_at_version(
    locking: QuerySet[_Versioned], pk: int, expected_version: int, *, gone: str
) -> _Versioned:
    """Row `pk` of `locking` (a select_for_update queryset), locked until commit, if it is still
    at the version the editor read: EditError `gone` when it no longer exists, VersionConflict
    when another change moved it on."""
    current = locking.filter(pk=pk).first()
    if current is None:
        raise EditError(gone)
    if current.version != expected_version:
        raise VersionConflict(current, expected_version)
    return current


def lock_claim(claim: Claim | int, expected_version: int) -> Claim:
    """The statement's row, locked until commit; VersionConflict when it moved on."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    # of=("self",): lock only the statement; the joined article and actors stay writable.
    return lock_at_version(
        Claim.objects.select_for_update(of=("self",)).select_related("article", "speaker", "target"),
        pk,
        expected_version,
        gone="This statement no longer exists; a re-analysis may have removed it.",
    )


_SAVED_FIELDS = (
    "kind",
    "speaker",
    "target",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "content_spans",
    "quote_text",
    "direct_quote",
    "note",
    "review_status",
    "published_at",
)


def save_claim_version(
    *, user, claim: Claim, expected_version: int, before: dict[str, Any], action: str
) -> Claim:
    """Write the claim's fields if it is still at `expected_version`, bump it, record the change."""
    now = timezone.now()
    values = {name: getattr(claim, name) for name in _SAVED_FIELDS}
    written = Claim.objects.filter(pk=claim.pk, version=expected_version).update(
        **values, version=F("version") + 1, updated_at=now, updated_by=user
    )
    if written != 1:
        # Only reachable without the row lock (another writer slipped in): refuse all the same.
        raise VersionConflict(Claim.objects.get(pk=claim.pk), expected_version)
    claim.version = expected_version + 1
    claim.updated_at = now
    claim.updated_by = user
    change_record_diff(
        user=user,
        action=action,
        obj=claim,
        article=claim.article_id,
        before=before,
        after=claim_snapshot(claim),
    )
    return claim
