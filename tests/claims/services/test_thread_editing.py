"""Editor decisions on threads: history rows, version checks, and they survive re-threading."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, ClaimLink, Origin, ReviewStatus, Thread
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
