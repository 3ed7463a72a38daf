"""Editor decisions on threads: confirm or reject a cross-article link, move a statement to
another thread, merge two threads, split statements out into a new one.

Every one of them states the version it read (the link's, the statement's or the thread's),
writes a history row in the same transaction, and is final for the machine: a rejected pair is
never proposed again, a placed statement (thread_origin=editor) is never moved by threading, and
the threads involved become the editor's (origin=editor), which the machine never merges with
each other (see claims.services.threading). The threading lock comes first, as in analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.roles import Role, require_role
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord
from history.services import change_record, change_record_diff

from ..models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from .snapshots import link_snapshot
from .threading import articles_regroup, threading_lock, threads_refresh
from .validation import lock_at_version

MAX_SPLIT = 1000


def thread_snapshot(thread: Thread) -> dict[str, Any]:
    return {
        "title": thread.title,
        "origin": thread.origin,
        "merged_into": thread.merged_into_id,
        "statement_count": thread.statement_count,
        "version": thread.version,
    }


def _version(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError({"version": [f"State the version of the {what} you read."]})
    return value


def _lock_thread(thread: Thread | int, expected_version: Any) -> Thread:
    expected = _version(expected_version, "thread")
    pk = thread.pk if isinstance(thread, Thread) else thread
    current = Thread.objects.select_for_update().filter(pk=pk).first()
    if current is None:
        raise EditError("This thread no longer exists.")
    if current.merged_into_id is not None:
        raise EditError(f"This thread was merged into thread {current.merged_into_id}.")
    if current.version != expected:
        raise VersionConflict(current, expected)
    return current


def _bump(thread: Thread, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(thread, name, value)
    Thread.objects.filter(pk=thread.pk).update(**fields, version=F("version") + 1, updated_at=timezone.now())
    thread.refresh_from_db()


def _place(claim_ids: Sequence[int], thread: Thread) -> None:
    Claim.objects.filter(id__in=claim_ids).update(
        thread=thread, thread_origin=Origin.EDITOR, version=F("version") + 1, updated_at=timezone.now()
    )


# --- links --------------------------------------------------------------------------------


def _review_link(*, user, link: ClaimLink | int, expected_version: Any, status: str) -> ClaimLink:
    require_role(user, Role.EDITOR)
    expected = _version(expected_version, "link")
    threading_lock()
    pk = link.pk if isinstance(link, ClaimLink) else link
    current = lock_at_version(
        ClaimLink.objects.select_for_update(of=("self",)).select_related("source", "target"),
        pk,
        expected,
        gone="This link no longer exists.",
    )
    if current.review_status == status:
        return current
    before = link_snapshot(current)
    ClaimLink.objects.filter(pk=pk).update(review_status=status, version=F("version") + 1)
    current.refresh_from_db()
    change_record_diff(
        user=user,
        action=ChangeRecord.Action.UPDATE,
        obj=current,
        article=current.source.article_id,
        before=before,
        after=link_snapshot(current),
    )
    if status == ReviewStatus.REJECTED:
        # The pair no longer holds its statements together: place both articles' statements
        # again (an editor-placed statement stays where it is).
        articles_regroup(article_ids=(current.source.article_id, current.target.article_id))
    return current


@transaction.atomic
def link_confirm(*, user, link: ClaimLink | int, expected_version: Any) -> ClaimLink:
    """An editor stands by a (machine) link: threading keeps it whatever the matcher says later."""
    return _review_link(
        user=user, link=link, expected_version=expected_version, status=ReviewStatus.CONFIRMED
    )


@transaction.atomic
def link_reject(*, user, link: ClaimLink | int, expected_version: Any) -> ClaimLink:
    """An editor says the two statements are not linked; the pair is never proposed again."""
    return _review_link(user=user, link=link, expected_version=expected_version, status=ReviewStatus.REJECTED)


# --- statements and threads ---------------------------------------------------------------


@transaction.atomic
def claim_thread_move(*, user, claim: Claim | int, thread: Thread | int, expected_version: Any) -> Claim:
    """Put a statement in another thread (`expected_version`: the statement's)."""
    require_role(user, Role.EDITOR)
    expected = _version(expected_version, "statement")
    threading_lock()
    pk = claim.pk if isinstance(claim, Claim) else claim
    current = Claim.objects.select_for_update().filter(pk=pk).first()
    if current is None:
        raise EditError("This statement no longer exists.")
    if current.version != expected:
        raise VersionConflict(current, expected)
    target_pk = thread.pk if isinstance(thread, Thread) else thread
    target = Thread.objects.select_for_update().filter(pk=target_pk).first()
    if target is None:
        raise EditError({"thread": ["There is no such thread."]})
    if target.merged_into_id is not None:
        raise EditError({"thread": [f"That thread was merged into thread {target.merged_into_id}."]})
    if current.thread_id == target.pk and current.thread_origin == Origin.EDITOR:
        return current
    before = {"thread": current.thread_id, "thread_origin": current.thread_origin}
    former = current.thread_id
    _place([current.pk], target)
    current.refresh_from_db()
    _bump(target, origin=Origin.EDITOR)
    change_record(
        user=user,
        action=ChangeRecord.Action.UPDATE,
        obj=current,
        article=current.article_id,
        before=before,
        after={"thread": target.pk, "thread_origin": Origin.EDITOR},
    )
    threads_refresh(thread_ids=[t for t in (former, target.pk) if t is not None])
    return current


@transaction.atomic
def thread_merge(
    *, user, thread: Thread | int, into: Thread | int, expected_version: Any, into_version: Any
) -> Thread:
    """Move every statement of `thread` into `into`; `thread` then redirects to it."""
    require_role(user, Role.EDITOR)
    threading_lock()
    # Locked in id order, so two editors merging the same pair both ways cannot deadlock.
    pairs = sorted(
        [
            (thread.pk if isinstance(thread, Thread) else thread, expected_version),
            (into.pk if isinstance(into, Thread) else into, into_version),
        ]
    )
    if pairs[0][0] == pairs[1][0]:
        raise EditError({"into": ["A thread cannot be merged into itself."]})
    locked = {pk: _lock_thread(pk, version) for pk, version in pairs}
    source = locked[thread.pk if isinstance(thread, Thread) else thread]
    target = locked[into.pk if isinstance(into, Thread) else into]
    before_source, before_target = thread_snapshot(source), thread_snapshot(target)
    member_ids = list(source.members.values_list("id", flat=True))
    _place(member_ids, target)
    Thread.objects.filter(merged_into=source).update(merged_into=target)
    _bump(source, merged_into=target, origin=Origin.EDITOR)
    _bump(target, origin=Origin.EDITOR)
    threads_refresh(thread_ids=[source.pk, target.pk])
    source.refresh_from_db()
    target.refresh_from_db()
    for obj, before in ((source, before_source), (target, before_target)):
        change_record_diff(
            user=user,
            action=ChangeRecord.Action.MERGE,
            obj=obj,
            article=None,
            before=before,
            after=thread_snapshot(obj),
            before_extra={"members": member_ids} if obj is source else None,
        )
    return target


@transaction.atomic
def thread_split(*, user, thread: Thread | int, claim_ids: Sequence[int], expected_version: Any) -> Thread:
    """Take these statements out of the thread into a new thread of their own."""
    require_role(user, Role.EDITOR)
    threading_lock()
    current = _lock_thread(thread, expected_version)
    ids = sorted(set(claim_ids))
    if not ids:
        raise EditError({"claims": ["Choose the statements to split out."]})
    if len(ids) > MAX_SPLIT:
        raise EditError({"claims": [f"At most {MAX_SPLIT} statements at once."]})
    members = set(current.members.filter(id__in=ids).values_list("id", flat=True))
    if missing := [i for i in ids if i not in members]:
        raise EditError({"claims": [f"Not in this thread: {', '.join(map(str, missing))}."]})
    # Splitting out every statement would only renumber the thread and leave an empty one
    # behind, whose page (and every link to it) shows nothing.
    if not current.members.exclude(id__in=ids).exists():
        raise EditError({"claims": ["These are all of the thread's statements: leave at least one in it."]})
    before = thread_snapshot(current)
    new = Thread.objects.create(origin=Origin.EDITOR)
    _place(ids, new)
    # The editor has decided both threads' membership: those who stay are placed too, or the
    # machine would follow their links to the statements split out and join them again.
    current.members.update(thread_origin=Origin.EDITOR)
    _bump(current, origin=Origin.EDITOR)
    threads_refresh(thread_ids=[current.pk, new.pk])
    current.refresh_from_db()
    new.refresh_from_db()
    change_record(
        user=user,
        action=ChangeRecord.Action.CREATE,
        obj=new,
        article=None,
        before=None,
        after={**thread_snapshot(new), "members": ids, "split_from": current.pk},
    )
    change_record_diff(
        user=user,
        action=ChangeRecord.Action.UPDATE,
        obj=current,
        article=None,
        before=before,
        after=thread_snapshot(current),
        before_extra={"members_split_out": ids},
    )
    return new
