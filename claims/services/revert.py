"""Reverting one recorded change (admins only).

A revert is itself a change: it bumps the statement's version, writes a REVERT record, and
points the original record's `reverted_by` at it. It refuses, rather than overwrites, when a
later change touched the same fields: those must be reverted first, newest first, so nothing
anyone did is lost silently.

Threads follow: reverting a link, a statement's rejection or its creation places the statements
of the articles involved again (claims.services.threading.articles_regroup; a creation's revert
recounts the thread the statement was in), and the threading lock comes first, as in every
other write that can change threads. A statement's move to another thread is reverted by
putting it back where it was; a merge or a split of threads is not reverted from the history
(the answer says which thread action undoes it), since statements have joined and left those
threads since.
"""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.roles import Role, require_role
from actors.models import Actor, ActorAlias, ActorMerge
from claimtrack.errors import EditError
from history.models import ChangeRecord
from history.services import change_mark_reverted, change_record

from ..models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from .actor_merging import actor_merge_undo
from .snapshots import claim_snapshot, link_snapshot
from .threading import articles_regroup, threading_lock, threads_refresh
from .validation import canonical_actor, lock_claim, save_claim_version, set_content_spans, set_optional_span

Action = ChangeRecord.Action


@transaction.atomic
def change_revert(*, user, change: ChangeRecord) -> ChangeRecord:
    """Undo `change`; returns the REVERT record."""
    require_role(user, Role.ADMIN)
    threading_lock()
    change = ChangeRecord.objects.select_for_update().select_related("content_type").get(pk=change.pk)
    if change.reverted_by_id is not None:
        raise EditError("This change was already reverted.")
    if change.action == Action.REVERT:
        raise EditError("A revert cannot be reverted; make the change again instead.")
    model = change.content_type.model_class()
    if model is Actor and change.action == Action.MERGE:
        # Undoing the merge writes its own REVERT record and marks this one.
        actor_merge_undo(user=user, merge=ActorMerge.objects.get(pk=change.after["merge"]))
        change.refresh_from_db()
        return change.reverted_by
    handler = _HANDLERS.get((model, change.action))
    if handler is None:
        raise EditError(
            f"A {change.get_action_display().lower()} of a {change.content_type.name} cannot be reverted."
        )
    record = handler(user=user, change=change)
    change_mark_reverted(change=change, by=record)
    return record


def _later_changes_refused(fields: list[str]) -> EditError:
    return EditError(
        f"{', '.join(fields)} changed again after this change; revert the later change first "
        "(see the history) so that nobody's work is overwritten."
    )


# --- statements ---------------------------------------------------------------------------


def _restore_claim_field(claim: Claim, name: str, value: Any) -> None:
    if name == "kind":
        claim.kind = value
    elif name in ("speaker", "target"):
        actor = None
        if value is not None:
            actor = Actor.objects.filter(pk=value["id"]).first()
            if actor is None:
                raise EditError({name: [f"The actor {value.get('name', '')!r} no longer exists."]})
        setattr(claim, name, canonical_actor(name, actor))
    elif name == "content_spans":
        set_content_spans(claim, value)
    elif name in ("speaker_span", "cue_span"):
        set_optional_span(claim, name, value)
    elif name in ("direct_quote", "note", "review_status"):
        setattr(claim, name, value)
    # quote_text follows content_spans; nothing to restore on its own.


def _revert_claim_update(*, user, change: ChangeRecord) -> ChangeRecord:
    if "thread" in (change.after or {}):
        return _revert_claim_thread_move(user=user, change=change)
    claim = Claim.objects.filter(pk=change.object_id).only("version").first()
    if claim is None:
        raise EditError("This statement no longer exists.")
    current = lock_claim(claim, claim.version)
    now = claim_snapshot(current)
    moved_on = [name for name, value in (change.after or {}).items() if now.get(name) != value]
    if moved_on:
        raise _later_changes_refused(moved_on)
    before = now
    for name, value in (change.before or {}).items():
        _restore_claim_field(current, name, value)
    saved = save_claim_version(
        user=user, claim=current, expected_version=current.version, before=before, action=Action.REVERT
    )
    if (before["review_status"] == ReviewStatus.REJECTED) != (saved.review_status == ReviewStatus.REJECTED):
        articles_regroup(article_ids=[saved.article_id])
    return (
        ChangeRecord.objects.filter(object_id=saved.pk, content_type=change.content_type)
        .order_by("-id")
        .first()
    )


def _revert_claim_create(*, user, change: ChangeRecord) -> ChangeRecord:
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("speaker", "target")
        .filter(pk=change.object_id)
        .first()
    )
    if claim is None:
        raise EditError("This statement no longer exists.")
    if claim.version != (change.after or {}).get("version", 1):
        raise _later_changes_refused(["the statement"])
    before = claim_snapshot(claim)
    record = change_record(
        user=user, action=Action.REVERT, obj=claim, article=claim.article_id, before=before, after=None
    )
    thread_id = claim.thread_id
    claim.delete()
    threads_refresh(thread_ids=[thread_id])
    return record


def _revert_claim_thread_move(*, user, change: ChangeRecord) -> ChangeRecord:
    """Put a statement an editor moved back into the thread it was in, as it was placed then."""
    claim = Claim.objects.select_for_update().filter(pk=change.object_id).first()
    if claim is None:
        raise EditError("This statement no longer exists.")
    before, after = change.before or {}, change.after or {}
    if (claim.thread_id, claim.thread_origin) != (after.get("thread"), after.get("thread_origin")):
        raise _later_changes_refused(["thread"])
    former = before.get("thread")
    if former is not None:
        thread = Thread.objects.select_for_update().filter(pk=former).first()
        if thread is None:
            raise EditError(
                f"Thread {former}, where this statement was, no longer exists; move the statement by hand."
            )
        if thread.merged_into_id is not None:
            raise EditError(
                f"Thread {former}, where this statement was, was merged into thread "
                f"{thread.merged_into_id} since; move the statement there by hand if that is meant."
            )
    origin = before.get("thread_origin", Origin.MACHINE)
    Claim.objects.filter(pk=claim.pk).update(
        thread_id=former,
        thread_origin=origin,
        version=F("version") + 1,
        updated_at=timezone.now(),
        updated_by=user,
    )
    claim.refresh_from_db()
    record = change_record(
        user=user,
        action=Action.REVERT,
        obj=claim,
        article=claim.article_id,
        before={"thread": after.get("thread"), "thread_origin": after.get("thread_origin")},
        after={"thread": former, "thread_origin": origin},
    )
    threads_refresh(thread_ids=[t for t in (former, after.get("thread")) if t is not None])
    return record


# --- links --------------------------------------------------------------------------------


def _revert_link_create(*, user, change: ChangeRecord) -> ChangeRecord:
    link = ClaimLink.objects.select_for_update().filter(pk=change.object_id).first()
    if link is None or link.review_status == ReviewStatus.REJECTED:
        raise EditError("This link no longer exists.")
    record = change_record(
        user=user,
        action=Action.REVERT,
        obj=link,
        article=change.article_id,
        before=link_snapshot(link),
        after=None,
    )
    ends = (link.source.article_id, link.target.article_id)
    link.delete()
    articles_regroup(article_ids=ends)
    return record


def _revert_link_status(*, user, change: ChangeRecord) -> ChangeRecord:
    """Undo a removal (or a revival) of a link: the row exists, or is recreated as it was."""
    link = ClaimLink.objects.select_for_update().filter(pk=change.object_id).first()
    wanted = change.before or {}
    if link is None:
        if change.action != Action.DELETE:
            raise EditError("This link no longer exists.")
        source = Claim.objects.filter(pk=wanted.get("source")).first()
        target = Claim.objects.filter(pk=wanted.get("target")).first()
        if source is None or target is None:
            raise EditError("A statement of this link no longer exists.")
        if ClaimLink.objects.filter(source=source, target=target, relation=wanted["relation"]).exists():
            raise _later_changes_refused(["the link"])
        link = ClaimLink.objects.create(
            pk=change.object_id,
            source=source,
            target=target,
            relation=wanted["relation"],
            origin=wanted.get("origin", Origin.EDITOR),
            review_status=wanted.get("review_status", ReviewStatus.CONFIRMED),
            confidence=wanted.get("confidence", 1.0),
            created_by=user,
        )
        articles_regroup(article_ids=(source.article_id, target.article_id))
        return change_record(
            user=user,
            action=Action.REVERT,
            obj=link,
            article=change.article_id,
            before=None,
            after=link_snapshot(link),
        )
    if link.review_status != (change.after or {}).get("review_status"):
        raise _later_changes_refused(["review_status"])
    before = link_snapshot(link)
    link.review_status = wanted["review_status"]
    link.version += 1
    link.save(update_fields=["review_status", "version"])
    articles_regroup(article_ids=(link.source.article_id, link.target.article_id))
    return change_record(
        user=user,
        action=Action.REVERT,
        obj=link,
        article=change.article_id,
        before={"review_status": before["review_status"]},
        after={"review_status": link.review_status},
    )


# --- actors -------------------------------------------------------------------------------


def _revert_actor_affiliation(*, user, change: ChangeRecord) -> ChangeRecord:
    actor = Actor.objects.select_for_update().filter(pk=change.object_id).first()
    if actor is None:
        raise EditError("This actor no longer exists.")
    after = (change.after or {}).get("affiliation")
    if actor.affiliation_id != (after["id"] if after else None):
        raise _later_changes_refused(["affiliation"])
    wanted = (change.before or {}).get("affiliation")
    affiliation = Actor.objects.filter(pk=wanted["id"]).first() if wanted else None
    actor.affiliation = affiliation
    actor.save(update_fields=["affiliation", "updated_at"])
    return change_record(
        user=user,
        action=Action.REVERT,
        obj=actor,
        article=None,
        before={"affiliation": after},
        after={"affiliation": wanted},
    )


def _revert_actor_create(*, user, change: ChangeRecord) -> ChangeRecord:
    actor = Actor.objects.select_for_update().filter(pk=change.object_id).first()
    if actor is None:
        raise EditError("This actor no longer exists.")
    in_use = (
        Claim.objects.filter(speaker=actor).exists()
        or Claim.objects.filter(target=actor).exists()
        or actor.mentions.exists()
        or actor.members.exists()
        or actor.merged_from.exists()
        or actor.aliases.exclude(alias=actor.name).exists()
    )
    if in_use:
        raise EditError(
            f"{actor.name} is in use now (statements, mentions, members or aliases); merge it instead."
        )
    record = change_record(
        user=user, action=Action.REVERT, obj=actor, article=None, before=change.after, after=None
    )
    actor.delete()
    return record


def _revert_alias_create(*, user, change: ChangeRecord) -> ChangeRecord:
    alias = ActorAlias.objects.select_for_update().filter(pk=change.object_id).first()
    if alias is None:
        raise EditError("This alias no longer exists.")
    record = change_record(
        user=user, action=Action.REVERT, obj=alias, article=None, before=change.after, after=None
    )
    alias.delete()
    return record


def _thread_merge_refused(*, user, change: ChangeRecord) -> ChangeRecord:
    members = (change.before or {}).get("members")
    which = f" (statements {', '.join(map(str, members[:20]))})" if members else ""
    raise EditError(
        "A merge of threads is not reverted from the history: statements may have joined or left "
        f"the merged thread since. Split the statements that came from thread {change.object_id}"
        f"{which} out of thread {(change.after or {}).get('merged_into')} on its page instead."
        if (change.after or {}).get("merged_into")
        else "A merge of threads is not reverted from the history; split the statements out of the "
        "merged thread on its page instead."
    )


def _thread_split_refused(*, user, change: ChangeRecord) -> ChangeRecord:
    after = change.after or {}
    if "split_from" in after:
        hint = f"merge thread {change.object_id} back into thread {after['split_from']} on its page"
    else:
        hint = "merge the thread split out of it back into it on its page"
    raise EditError(
        f"A split of a thread is not reverted from the history (its statements may have moved since); {hint} instead."
    )


_HANDLERS = {
    (Claim, Action.UPDATE): _revert_claim_update,
    (Claim, Action.CREATE): _revert_claim_create,
    (ClaimLink, Action.CREATE): _revert_link_create,
    (ClaimLink, Action.DELETE): _revert_link_status,
    (ClaimLink, Action.UPDATE): _revert_link_status,
    (Actor, Action.UPDATE): _revert_actor_affiliation,
    (Actor, Action.CREATE): _revert_actor_create,
    (ActorAlias, Action.CREATE): _revert_alias_create,
    (Thread, Action.MERGE): _thread_merge_refused,
    (Thread, Action.CREATE): _thread_split_refused,
    (Thread, Action.UPDATE): _thread_split_refused,
}
