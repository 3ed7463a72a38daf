"""Editor writes on statements and links: create, update, confirm, reject, link, unlink.

Decisions, documented here because pages, the API and re-analysis all depend on them:

- A statement an editor creates is `origin=editor, review_status=confirmed`, confidence 1.0:
  a person asserted it, so there is nothing left to review. `edited` is reserved for machine
  statements (and editor ones) that were changed after the fact, which is what the extractor
  quality view counts.
- `claim_update` always leaves the statement `edited`, even one that was rejected: changing a
  statement means the editor stands by the corrected version.
- Every write states the version the caller read. The row is locked (`SELECT … FOR UPDATE`)
  and then written with a conditional UPDATE on that version, so two editors can never both
  win; the loser gets `VersionConflict` carrying the current row, and nothing is written.
- Removing a *machine* link rejects it instead of deleting it: the rejected row is the
  tombstone that stops a re-analysis from proposing the same link again. Editor links are
  deleted outright.
- A speaker or target that was merged into another actor is replaced by the actor it was
  merged into, so no new statement points at a redirect.
- Every change writes a ChangeRecord in the same transaction.
"""

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.roles import Role, require_role
from actors.lookup import canonical
from actors.models import Actor
from articles.models import Article
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord
from history.services import change_record, snapshot_diff

from ..models import Claim, ClaimLink, Origin, ReviewStatus
from .snapshots import claim_snapshot, link_snapshot

UPDATABLE_FIELDS = frozenset(
    {"kind", "speaker", "target", "content_spans", "speaker_span", "cue_span", "direct_quote", "note"}
)
MAX_NOTE_LENGTH = 5000
# Separates the pieces of a statement split across several spans ("…", she said, "…").
SPAN_JOINER = " … "


# --- validation ---------------------------------------------------------------------------


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


def quote_text_for(body: str, spans: Iterable[Iterable[int]]) -> str:
    return SPAN_JOINER.join(body[start:end] for start, end in spans)


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


def _clean_version(expected_version: Any) -> int:
    try:
        if isinstance(expected_version, bool):
            raise TypeError
        return int(expected_version)
    except (TypeError, ValueError) as exc:
        raise EditError({"version": ["State the version of the statement you edited."]}) from exc


# --- locking and saving -------------------------------------------------------------------


def _lock_claim(claim: Claim | int, expected_version: int) -> Claim:
    """The statement's row, locked until commit; VersionConflict when it moved on."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    # of=("self",): lock only the statement; the joined article and actors stay writable.
    current = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("article", "speaker", "target")
        .filter(pk=pk)
        .first()
    )
    if current is None:
        raise EditError("This statement no longer exists; a re-analysis may have removed it.")
    if current.version != expected_version:
        raise VersionConflict(current, expected_version)
    return current


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
    diff_before, diff_after = snapshot_diff(before, claim_snapshot(claim))
    change_record(
        user=user, action=action, obj=claim, article=claim.article_id, before=diff_before, after=diff_after
    )
    return claim


def _apply_changes(claim: Claim, changes: dict[str, Any]) -> None:
    body = claim.article.body
    errors: dict[str, list[str]] = {}
    for name, value in changes.items():
        try:
            if name == "kind":
                claim.kind = clean_kind(value)
            elif name in ("speaker", "target"):
                setattr(claim, name, canonical_actor(name, value))
            elif name == "content_spans":
                spans = clean_content_spans(value, body)
                claim.content_spans = spans
                claim.content_start, claim.content_end = spans[0]
                claim.quote_text = quote_text_for(body, spans)
            elif name == "speaker_span":
                claim.speaker_start, claim.speaker_end = clean_optional_span(name, value, body)
            elif name == "cue_span":
                claim.cue_start, claim.cue_end = clean_optional_span(name, value, body)
            elif name == "direct_quote":
                if not isinstance(value, bool):
                    raise EditError({name: ["Say true or false."]})
                claim.direct_quote = value
            elif name == "note":
                claim.note = clean_note(value)
        except EditError as exc:
            for field, messages in exc.field_errors.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise EditError(errors)
    if claim.speaker_id is not None and claim.target_id == claim.speaker_id:
        raise EditError({"target": ["A statement's target cannot be its own speaker."]})


# --- statements ---------------------------------------------------------------------------


@transaction.atomic
def claim_create(
    *,
    user,
    article: Article,
    kind: str,
    content_spans: list[list[int]],
    speaker: Actor | None = None,
    target: Actor | None = None,
    speaker_span: list[int] | None = None,
    cue_span: list[int] | None = None,
    direct_quote: bool = False,
    note: str = "",
) -> Claim:
    """Add a statement an editor found; it is born confirmed (see the module docstring)."""
    require_role(user, Role.EDITOR)
    claim = Claim(
        article=article,
        published_at=article.published_at,
        origin=Origin.EDITOR,
        review_status=ReviewStatus.CONFIRMED,
        confidence=1.0,
        extractor_version="",
        updated_by=user,
    )
    _apply_changes(
        claim,
        {
            "kind": kind,
            "content_spans": content_spans,
            "speaker": speaker,
            "target": target,
            "speaker_span": speaker_span,
            "cue_span": cue_span,
            "direct_quote": direct_quote,
            "note": note,
        },
    )
    claim.save()
    change_record(
        user=user,
        action=ChangeRecord.Action.CREATE,
        obj=claim,
        article=article,
        before=None,
        after=claim_snapshot(claim),
    )
    return claim


@transaction.atomic
def claim_update(*, user, claim: Claim | int, expected_version: int, **changes: Any) -> Claim:
    """Change some of a statement's fields; it becomes `edited`. Returns the saved statement."""
    require_role(user, Role.EDITOR)
    unknown = sorted(set(changes) - UPDATABLE_FIELDS)
    if unknown:
        raise EditError({name: ["This field cannot be changed here."] for name in unknown})
    if not changes:
        raise EditError("Nothing to change.")
    expected_version = _clean_version(expected_version)
    current = _lock_claim(claim, expected_version)
    before = claim_snapshot(current)
    _apply_changes(current, changes)
    current.review_status = ReviewStatus.EDITED
    if claim_snapshot(current) == before:
        return current  # nothing changed: no new version, no history noise
    return save_claim_version(
        user=user,
        claim=current,
        expected_version=expected_version,
        before=before,
        action=ChangeRecord.Action.UPDATE,
    )


def _set_status(*, user, claim: Claim | int, expected_version: int, status: str) -> Claim:
    require_role(user, Role.EDITOR)
    expected_version = _clean_version(expected_version)
    current = _lock_claim(claim, expected_version)
    if current.review_status == status:
        return current
    before = claim_snapshot(current)
    current.review_status = status
    return save_claim_version(
        user=user,
        claim=current,
        expected_version=expected_version,
        before=before,
        action=ChangeRecord.Action.UPDATE,
    )


@transaction.atomic
def claim_confirm(*, user, claim: Claim | int, expected_version: int) -> Claim:
    return _set_status(
        user=user, claim=claim, expected_version=expected_version, status=ReviewStatus.CONFIRMED
    )


@transaction.atomic
def claim_reject(*, user, claim: Claim | int, expected_version: int) -> Claim:
    """Hide a statement from analysts; kept as a row so a re-analysis does not bring it back."""
    return _set_status(
        user=user, claim=claim, expected_version=expected_version, status=ReviewStatus.REJECTED
    )


# --- links --------------------------------------------------------------------------------


@transaction.atomic
def link_create(*, user, source: Claim, target: Claim, relation: str) -> ClaimLink:
    """Link two statements (in any articles); the editor's link is born confirmed."""
    require_role(user, Role.EDITOR)
    if relation not in ClaimLink.Relation.values:
        raise EditError(
            {
                "relation": [
                    f"Unknown relation {relation!r}; use one of {', '.join(ClaimLink.Relation.values)}."
                ]
            }
        )
    if not isinstance(source, Claim) or not isinstance(target, Claim):
        raise EditError({"target": ["Choose two statements."]})
    if source.pk == target.pk:
        raise EditError({"target": ["A statement cannot be linked to itself."]})
    existing = (
        ClaimLink.objects.select_for_update().filter(source=source, target=target, relation=relation).first()
    )
    if existing is not None:
        if existing.review_status != ReviewStatus.REJECTED:
            raise EditError({"target": ["These statements are already linked that way."]})
        # A machine link the editor had removed: bring the same row back instead of a duplicate.
        before = link_snapshot(existing)
        existing.review_status = ReviewStatus.CONFIRMED
        existing.version = F("version") + 1
        existing.save(update_fields=["review_status", "version"])
        existing.refresh_from_db()
        diff_before, diff_after = snapshot_diff(before, link_snapshot(existing))
        change_record(
            user=user,
            action=ChangeRecord.Action.UPDATE,
            obj=existing,
            article=source.article_id,
            before=diff_before,
            after=diff_after,
        )
        return existing
    link = ClaimLink(
        source=source,
        target=target,
        relation=relation,
        origin=Origin.EDITOR,
        review_status=ReviewStatus.CONFIRMED,
        confidence=1.0,
        created_by=user,
    )
    try:
        # A savepoint: a concurrent identical link must surface as a message, not a broken transaction.
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:
        raise EditError({"target": ["These statements are already linked that way."]}) from exc
    change_record(
        user=user,
        action=ChangeRecord.Action.CREATE,
        obj=link,
        article=source.article_id,
        before=None,
        after=link_snapshot(link),
    )
    return link


@transaction.atomic
def link_delete(*, user, link: ClaimLink | int) -> None:
    """Remove a link: editor links are deleted, machine links rejected (see the module docstring)."""
    require_role(user, Role.EDITOR)
    pk = link.pk if isinstance(link, ClaimLink) else link
    current = ClaimLink.objects.select_for_update(of=("self",)).select_related("source").filter(pk=pk).first()
    if current is None or current.review_status == ReviewStatus.REJECTED:
        raise EditError("This link no longer exists.")
    before = link_snapshot(current)
    if current.origin == Origin.MACHINE:
        current.review_status = ReviewStatus.REJECTED
        current.version = F("version") + 1
        current.save(update_fields=["review_status", "version"])
        after = link_snapshot(current)
    else:
        current.delete()
        current.pk = pk  # delete() clears it; the record still names the row that was
        after = None
    change_record(
        user=user,
        action=ChangeRecord.Action.DELETE,
        obj=current,
        article=current.source.article_id,
        before=before,
        after=after,
    )
