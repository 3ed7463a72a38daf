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
- Threads follow links: making or removing a link, and rejecting a statement or bringing it
  back, places the statements of the articles involved again over the links there are now, in
  the same transaction (claims.services.threading.articles_regroup: a statement nothing ties
  any more leaves its thread, the threads' counts follow). Those writes take the threading lock
  first, before any row lock, as analysis does (claims.services.threading.threading_lock).
"""

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.roles import Role, require_role
from actors.models import Actor
from articles.models import Article
from claimtrack.errors import EditError
from history.models import ChangeRecord
from history.services import change_record, change_record_diff

from ..models import Claim, ClaimLink, Origin, ReviewStatus
from .snapshots import claim_snapshot, link_snapshot
from .threading import articles_regroup, threading_lock
from .validation import (
    canonical_actor,
    clean_kind,
    clean_note,
    clean_version,
    lock_claim,
    save_claim_version,
    set_content_spans,
    set_optional_span,
)

UPDATABLE_FIELDS = frozenset(
    {"kind", "speaker", "target", "content_spans", "speaker_span", "cue_span", "direct_quote", "note"}
)


def _apply_changes(claim: Claim, changes: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in changes.items():
        try:
            if name == "kind":
                claim.kind = clean_kind(value)
            elif name in ("speaker", "target"):
                setattr(claim, name, canonical_actor(name, value))
            elif name == "content_spans":
                set_content_spans(claim, value)
            elif name in ("speaker_span", "cue_span"):
                set_optional_span(claim, name, value)
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

    def change(current: Claim) -> None:
        _apply_changes(current, changes)
        current.review_status = ReviewStatus.EDITED

    # Editing a rejected statement brings it back (see the module docstring), into threading
    # too; a peek without a lock is enough to decide whether to take the threading lock first.
    pk = claim.pk if isinstance(claim, Claim) else claim
    revived = Claim.objects.filter(pk=pk, review_status=ReviewStatus.REJECTED).exists()
    if revived:
        threading_lock()
    saved = _write_locked(user=user, claim=claim, expected_version=expected_version, change=change)
    if revived:
        articles_regroup(article_ids=[saved.article_id])
    return saved


def _write_locked(
    *, user, claim: Claim | int, expected_version: Any, change: Callable[[Claim], None]
) -> Claim:
    """Lock the statement at the version the caller read, apply `change`, save it as a new version."""
    expected_version = clean_version(expected_version)
    current = lock_claim(claim, expected_version)
    before = claim_snapshot(current)
    change(current)
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
    threading_lock()
    was_rejected = False

    def change(current: Claim) -> None:
        nonlocal was_rejected
        was_rejected = current.review_status == ReviewStatus.REJECTED
        current.review_status = status

    saved = _write_locked(user=user, claim=claim, expected_version=expected_version, change=change)
    if was_rejected != (status == ReviewStatus.REJECTED):
        # A rejected statement holds no thread together; one brought back may again.
        articles_regroup(article_ids=[saved.article_id])
    return saved


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
    """Link two statements (in any articles); the editor's link is born confirmed, and the
    statements' threads follow it."""
    require_role(user, Role.EDITOR)
    threading_lock()
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
        change_record_diff(
            user=user,
            action=ChangeRecord.Action.UPDATE,
            obj=existing,
            article=source.article_id,
            before=before,
            after=link_snapshot(existing),
        )
        articles_regroup(article_ids=(source.article_id, target.article_id))
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
    articles_regroup(article_ids=(source.article_id, target.article_id))
    return link


@transaction.atomic
def link_delete(*, user, link: ClaimLink | int) -> None:
    """Remove a link: editor links are deleted, machine links rejected (see the module docstring);
    a statement the link alone held in a thread leaves it."""
    require_role(user, Role.EDITOR)
    threading_lock()
    pk = link.pk if isinstance(link, ClaimLink) else link
    current = (
        ClaimLink.objects.select_for_update(of=("self",))
        .select_related("source", "target")
        .filter(pk=pk)
        .first()
    )
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
    articles_regroup(article_ids=(current.source.article_id, current.target.article_id))
