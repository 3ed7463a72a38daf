"""Editor decisions on threads: history rows, version checks, and they survive re-threading."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from claims.models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from claims.services.editing import claim_confirm, claim_reject, link_create, link_delete
from claims.services.revert import change_revert
from claims.services.thread_editing import (
    claim_thread_move,
    link_confirm,
    link_reject,
    thread_merge,
    thread_split,
)
from claims.services.threading import article_thread
from claimtrack.errors import EditError, VersionConflict
from history.models import ChangeRecord

from .test_threading import DAY, SHELLS, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def threaded():
    """Three articles on one proposition, threaded by the machine into one thread."""
    return _three_threaded()


@pytest.fixture
def threaded_by_one_link(settings):
    """The same, each statement keeping only its best new link: the denial is tied to one claim."""
    settings.THREADING_LINKS_PER_STATEMENT = 1
    return _three_threaded()


def _three_threaded():
    claims = [
        statement(SHELLS),
        statement(
            "Officials say North Korea sends artillery shells to Russia.", when=DAY + timedelta(days=1)
        ),
        statement(
            "North Korea denied sending artillery shells to Russia",
            kind="denial",
            when=DAY + timedelta(days=2),
        ),
    ]
    for claim in claims:
        article_thread(article_id=claim.article_id)
    for claim in claims:
        claim.refresh_from_db()
    assert len({c.thread_id for c in claims}) == 1 and claims[0].thread_id
    return claims


def _rethread_all(claims):
    for claim in claims:
        article_thread(article_id=claim.article_id)


def test_rejecting_a_link_records_it_and_survives_rethreading(editor, threaded):
    link = (
        ClaimLink.objects.filter(source__article_id=threaded[1].article_id).first()
        or ClaimLink.objects.first()
    )
    rejected = link_reject(user=editor, link=link, expected_version=link.version)
    assert rejected.review_status == ReviewStatus.REJECTED and rejected.version == link.version + 1
    change = ChangeRecord.objects.get(object_id=link.pk, content_type__model="claimlink")
    assert change.after == {"review_status": "rejected"} and change.user == editor

    _rethread_all(threaded)

    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.REJECTED
    assert not ClaimLink.objects.filter(source=link.source, target=link.target).exclude(pk=link.pk).exists()
    assert not ClaimLink.objects.filter(source=link.target, target=link.source).exists()


def test_a_stale_link_version_is_refused_and_nothing_changes(editor, threaded):
    link = ClaimLink.objects.first()
    with pytest.raises(VersionConflict):
        link_confirm(user=editor, link=link, expected_version=link.version + 1)
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.PROPOSED
    assert not ChangeRecord.objects.exists()


def test_analysts_cannot_decide_on_threads(analyst, threaded):
    link = ClaimLink.objects.first()
    with pytest.raises(PermissionDenied):
        link_reject(user=analyst, link=link, expected_version=link.version)
    thread = Thread.objects.get()
    with pytest.raises(PermissionDenied):
        thread_split(user=analyst, thread=thread, claim_ids=[threaded[0].id], expected_version=thread.version)
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.PROPOSED


def test_a_confirmed_link_is_kept_when_the_matcher_no_longer_agrees(editor, threaded, settings):
    link = ClaimLink.objects.first()
    link_confirm(user=editor, link=link, expected_version=link.version)
    settings.THREADING_SIMILARITY = 0.99
    _rethread_all(threaded)
    assert ClaimLink.objects.filter(pk=link.pk, review_status=ReviewStatus.CONFIRMED).exists()
    assert ClaimLink.objects.filter(review_status=ReviewStatus.PROPOSED).count() == 0


def test_split_moves_statements_into_a_new_thread_that_rethreading_keeps(editor, threaded):
    thread = Thread.objects.get()
    denial = threaded[2]
    new = thread_split(user=editor, thread=thread, claim_ids=[denial.id], expected_version=thread.version)

    denial.refresh_from_db()
    assert denial.thread_id == new.id and denial.thread_origin == Origin.EDITOR
    assert (new.statement_count, new.denial_count) == (1, 1)
    thread.refresh_from_db()
    assert thread.statement_count == 2 and thread.origin == Origin.EDITOR
    assert ChangeRecord.objects.filter(content_type__model="thread").count() == 2

    _rethread_all(threaded)

    assert dict(Claim.objects.values_list("id", "thread_id")) == {
        threaded[0].id: thread.id,
        threaded[1].id: thread.id,
        denial.id: new.id,
    }


def test_split_refuses_statements_of_another_thread(editor, threaded):
    thread = Thread.objects.get()
    stranger = statement("The central bank raised rates.")
    with pytest.raises(EditError):
        thread_split(user=editor, thread=thread, claim_ids=[stranger.id], expected_version=thread.version)
    assert Thread.objects.count() == 1


def test_merge_and_move(editor, threaded):
    thread = Thread.objects.get()
    other = statement("The central bank raised interest rates by half a point.")
    lonely = Thread.objects.create()
    Claim.objects.filter(pk=other.pk).update(thread=lonely)

    moved = claim_thread_move(user=editor, claim=other, thread=thread, expected_version=other.version)
    assert (
        moved.thread_id == thread.id
        and moved.thread_origin == Origin.EDITOR
        and moved.version == other.version + 1
    )
    assert ChangeRecord.objects.get(content_type__model="claim").after == {
        "thread": thread.id,
        "thread_origin": "editor",
    }
    with pytest.raises(VersionConflict):
        claim_thread_move(user=editor, claim=other, thread=lonely, expected_version=other.version)

    thread.refresh_from_db()
    target = Thread.objects.create()
    survivor = thread_merge(
        user=editor, thread=thread, into=target, expected_version=thread.version, into_version=target.version
    )
    assert survivor.pk == target.pk and survivor.statement_count == 4
    thread.refresh_from_db()
    assert thread.merged_into_id == target.pk and thread.statement_count == 0
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {target.pk}

    _rethread_all(threaded)
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {target.pk}
    with pytest.raises(EditError):
        thread_merge(
            user=editor, thread=target, into=target, expected_version=survivor.version, into_version=1
        )


# --- what removing, making and reverting links does to threads ----------------------------


def _links_of(claim):
    return ClaimLink.objects.filter(Q(source=claim) | Q(target=claim)).exclude(
        review_status=ReviewStatus.REJECTED
    )


def _reject_every_link_of(claim, editor, *, how: str = "remove") -> list[ClaimLink]:
    links = list(_links_of(claim))
    assert links
    for link in links:
        if how == "reject":
            link_reject(user=editor, link=link, expected_version=link.version)
        else:
            link_delete(user=editor, link=link)
    assert not _links_of(claim).exists()  # nothing new proposed meanwhile: no matching ran
    return links


@pytest.mark.parametrize("how", ["reject", "remove"])
def test_rejecting_the_machine_links_that_threaded_a_statement_takes_it_out_and_recounts(
    editor, threaded, how
):
    """Through the thread page's reject and the reader's "remove link" (a machine link is then
    rejected, not deleted) alike."""
    denial = threaded[2]
    thread = Thread.objects.get()
    assert thread.denial_count == 1
    rejected = _reject_every_link_of(denial, editor, how=how)
    for link in rejected:
        assert ChangeRecord.objects.filter(object_id=link.pk, content_type__model="claimlink").exists()

    denial.refresh_from_db()
    thread.refresh_from_db()
    assert denial.thread_id is None
    assert (thread.statement_count, thread.denial_count, thread.article_count) == (2, 0, 2)
    # Re-threading never proposes a rejected pair again (it may propose another pair of the
    # denial's, which is the matcher's next-best guess, for an editor to judge).
    _rethread_all(threaded)
    pairs = {frozenset((link.source_id, link.target_id)) for link in rejected}
    live = ClaimLink.objects.exclude(review_status=ReviewStatus.REJECTED)
    assert not {frozenset((x.source_id, x.target_id)) for x in live} & pairs


def test_a_statement_still_tied_by_another_link_stays_in_its_thread(editor, threaded_by_one_link):
    threaded = threaded_by_one_link
    denial = threaded[2]
    machine = list(_links_of(denial))
    assert {link.source_id for link in machine} | {link.target_id for link in machine} == {
        denial.id,
        threaded[1].id,
    }
    # An editor's own link holds the denial to the first claim whatever happens to the machine's.
    link_create(user=editor, source=denial, target=threaded[0], relation="rebuts")
    for link in machine:
        link.refresh_from_db()
        if link.review_status != ReviewStatus.REJECTED:
            link_delete(user=editor, link=link)
    thread = Thread.objects.get()
    assert Claim.objects.get(pk=denial.pk).thread_id == thread.id
    assert thread.denial_count == 1


def test_an_editor_link_threads_a_statement_and_removing_it_takes_it_out(editor, threaded):
    thread = Thread.objects.get()
    other = statement("Pyongyang ships ammunition by train.", when=DAY + timedelta(days=3))
    link = link_create(user=editor, source=other, target=threaded[0], relation="repeats")
    other.refresh_from_db()
    thread.refresh_from_db()
    assert other.thread_id == thread.id and thread.statement_count == 4

    link_delete(user=editor, link=link)
    other.refresh_from_db()
    thread.refresh_from_db()
    assert other.thread_id is None and thread.statement_count == 3


def test_rejecting_a_statement_takes_it_out_of_its_thread_and_bringing_it_back_returns_it(editor, threaded):
    denial = threaded[2]
    rejected = claim_reject(user=editor, claim=denial, expected_version=denial.version)
    thread = Thread.objects.get()
    assert Claim.objects.get(pk=denial.pk).thread_id is None and thread.denial_count == 0
    claim_confirm(user=editor, claim=denial, expected_version=rejected.version)
    thread.refresh_from_db()
    assert Claim.objects.get(pk=denial.pk).thread_id == thread.id and thread.denial_count == 1


def test_reverting_a_link_rejection_puts_the_statement_back_in_its_thread(editor, admin_user, threaded):
    denial = threaded[2]
    links = _reject_every_link_of(denial, editor)
    assert Claim.objects.get(pk=denial.pk).thread_id is None
    for link in links[:1]:
        change_revert(user=admin_user, change=ChangeRecord.objects.get(object_id=link.pk, action="delete"))
    thread = Thread.objects.get()
    assert Claim.objects.get(pk=denial.pk).thread_id == thread.id and thread.denial_count == 1


def test_reverting_a_move_puts_the_statement_back_where_it_was(editor, admin_user, threaded):
    thread = Thread.objects.get()
    lonely = Thread.objects.create(origin=Origin.EDITOR)
    moved = claim_thread_move(
        user=editor, claim=threaded[1], thread=lonely, expected_version=threaded[1].version
    )
    assert Thread.objects.get(pk=lonely.pk).statement_count == 1

    record = change_revert(user=admin_user, change=ChangeRecord.objects.get(content_type__model="claim"))

    back = Claim.objects.get(pk=moved.pk)
    assert (back.thread_id, back.thread_origin, back.version) == (
        thread.id,
        Origin.MACHINE,
        moved.version + 1,
    )
    assert Thread.objects.get(pk=lonely.pk).statement_count == 0
    assert Thread.objects.get(pk=thread.pk).statement_count == 3
    assert record.action == ChangeRecord.Action.REVERT and record.after == {
        "thread": thread.id,
        "thread_origin": "machine",
    }


def test_a_move_overtaken_by_a_later_move_is_not_reverted(editor, admin_user, threaded):
    first, second = Thread.objects.create(origin=Origin.EDITOR), Thread.objects.create(origin=Origin.EDITOR)
    moved = claim_thread_move(
        user=editor, claim=threaded[1], thread=first, expected_version=threaded[1].version
    )
    claim_thread_move(user=editor, claim=moved, thread=second, expected_version=moved.version)
    earliest = ChangeRecord.objects.filter(content_type__model="claim").order_by("id").first()
    with pytest.raises(EditError, match="changed again"):
        change_revert(user=admin_user, change=earliest)
    assert Claim.objects.get(pk=moved.pk).thread_id == second.id


def test_merges_and_splits_say_how_to_undo_them_instead_of_reverting(editor, admin_user, threaded):
    thread = Thread.objects.get()
    new = thread_split(
        user=editor, thread=thread, claim_ids=[threaded[2].id], expected_version=thread.version
    )
    split = ChangeRecord.objects.get(content_type__model="thread", action="create")
    with pytest.raises(EditError, match=f"merge thread {new.id} back into thread {thread.id}"):
        change_revert(user=admin_user, change=split)
    thread.refresh_from_db()
    new.refresh_from_db()
    thread_merge(
        user=editor, thread=new, into=thread, expected_version=new.version, into_version=thread.version
    )
    merge = ChangeRecord.objects.get(content_type__model="thread", action="merge", object_id=new.id)
    with pytest.raises(EditError, match=f"Split the statements that came from thread {new.id}"):
        change_revert(user=admin_user, change=merge)
    assert Thread.objects.get(pk=new.pk).merged_into_id == thread.id


def test_split_refuses_to_take_out_every_statement_and_leave_an_empty_thread(editor, threaded):
    thread = Thread.objects.get()
    with pytest.raises(EditError) as refused:
        thread_split(
            user=editor, thread=thread, claim_ids=[c.id for c in threaded], expected_version=thread.version
        )
    assert "leave at least one" in str(refused.value.field_errors["claims"])
    assert list(Thread.objects.values_list("id", "statement_count")) == [(thread.id, 3)]
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {thread.id}
    assert not ChangeRecord.objects.exists()
