"""Re-threading jobs in-process (Celery eager): fan-out, counts, editor decisions kept, cancel,
retry, failures; the same machinery as re-analysis jobs."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded, WorkerLostError
from django.db import OperationalError

from articles.models import Article
from claims.models import AnalysisJob, AnalysisJobFailure, Claim, ClaimLink, ReviewStatus, Thread
from claims.scope import JobScope
from claims.services import jobs as job_services
from claims.services import rethreading
from claims.services.jobs import (
    RETHREAD_BATCH_TASK,
    JobError,
    job_cancel,
    job_create,
    job_retry_failed,
    job_watchdog,
)
from claims.services.rethreading import article_rethread
from claims.services.thread_editing import link_reject
from claims.tasks import rethread_article, rethread_articles
from outbox.models import OutboxMessage

from .test_threading import DAY, SHELLS, statement

pytestmark = pytest.mark.django_db

RETHREAD = AnalysisJob.Task.RETHREAD


@pytest.fixture
def story():
    """Three articles on one proposition whose statements have never been threaded."""
    return [
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


def run(user, scope: JobScope, capture, task=RETHREAD) -> AnalysisJob:
    with capture(execute=True):
        job = job_create(user=user, scope=scope, task=task)
    job.refresh_from_db()
    return job


def test_a_rethread_job_threads_every_article_once_and_counts_what_it_did(
    editor, story, django_capture_on_commit_callbacks
):
    job = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)

    assert (job.task, job.status, job.total, job.enqueued, job.done, job.failed) == (
        RETHREAD,
        "done",
        3,
        3,
        3,
        0,
    )
    assert job.extractor_version == ""  # nothing was extracted
    assert (job.claims_added, job.claims_removed, job.claims_kept) == (0, 0, 0)
    thread = Thread.objects.get()
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {thread.id}
    assert (thread.statement_count, thread.denial_count, thread.article_count) == (3, 1, 3)
    assert job.links_added == ClaimLink.objects.count() >= 2
    assert job.threads_created >= 1
    assert job.completions.count() == 3 and all(c.total_ms is not None for c in job.completions.all())

    again = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)
    assert (again.done, again.links_added, again.links_removed, again.threads_created) == (3, 0, 0, 0)
    assert Thread.objects.get().pk == thread.pk


def test_the_fan_out_pages_in_chunks_and_queues_batches_of_articles(
    editor, story, django_capture_on_commit_callbacks, monkeypatch, settings
):
    monkeypatch.setattr(job_services, "FAN_OUT_CHUNK", 2)
    settings.CLAIMTRACK_RETHREAD_BATCH = 25
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(user=editor, scope=JobScope(all=True), task=RETHREAD)
    sent = OutboxMessage.objects.exclude(task_name=job_services.FAN_OUT_TASK).order_by("id")
    ids = sorted(c.article_id for c in story)
    # A batch never spans two fan-out steps: each step queues its own chunk.
    assert [(m.task_name, m.args) for m in sent] == [
        (RETHREAD_BATCH_TASK, [ids[:2], job.pk]),
        (RETHREAD_BATCH_TASK, [ids[2:], job.pk]),
    ]
    job.refresh_from_db()
    assert (job.status, job.enqueued, job.done) == ("done", 3, 3)


def test_a_job_queues_one_task_per_batch_setting(editor, story, django_capture_on_commit_callbacks, settings):
    settings.CLAIMTRACK_RETHREAD_BATCH = 2
    job = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)
    batches = OutboxMessage.objects.filter(task_name=RETHREAD_BATCH_TASK).order_by("id")
    assert [len(m.args[0]) for m in batches] == [2, 1]
    assert (job.status, job.done, job.failed) == ("done", 3, 0)
    assert Thread.objects.count() == 1


def test_a_rejected_cross_article_link_stays_rejected_through_a_rethread_job(
    editor, story, django_capture_on_commit_callbacks
):
    run(editor, JobScope(all=True), django_capture_on_commit_callbacks)
    denial = story[2]
    link = ClaimLink.objects.filter(source=denial).first() or ClaimLink.objects.filter(target=denial).first()
    link_reject(user=editor, link=link, expected_version=link.version)

    job = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)

    assert job.status == "done"
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.REJECTED
    pair = {link.source_id, link.target_id}
    others = ClaimLink.objects.exclude(pk=link.pk)
    assert not [x for x in others if {x.source_id, x.target_id} == pair]


def test_a_scope_rethreads_only_its_articles(editor, story, django_capture_on_commit_callbacks):
    job = run(editor, JobScope(article_ids=(story[0].article_id,)), django_capture_on_commit_callbacks)
    assert (job.total, job.done) == (1, 1)
    assert set(job.completions.values_list("article_id", flat=True)) == {story[0].article_id}


def test_an_unknown_task_is_refused_and_nothing_is_written(editor):
    with pytest.raises(JobError):
        job_create(user=editor, scope=JobScope(all=True), task="dance")
    assert not AnalysisJob.objects.exists()


def test_a_cancelled_rethread_job_skips_its_remaining_articles(editor, story):
    job = AnalysisJob.objects.create(
        scope={"all": True}, task=RETHREAD, status="running", total=3, enqueued=3
    )
    job_cancel(user=editor, job=job)
    assert article_rethread(article_id=story[0].article_id, job_id=job.pk).status == "job_inactive"
    assert not ClaimLink.objects.exists() and not Thread.objects.exists()
    job.refresh_from_db()
    assert (job.done, job.status) == (0, "cancelled")


def test_a_deleted_article_counts_as_skipped(editor, story):
    job = AnalysisJob.objects.create(
        scope={"all": True}, task=RETHREAD, status="running", total=1, enqueued=1
    )
    assert article_rethread(article_id=10**9, job_id=job.pk).status == "skipped"
    job.refresh_from_db()
    assert (job.done, job.status) == (1, "done")


def test_transient_errors_retry_others_fail_and_failures_can_be_retried(
    editor, story, django_capture_on_commit_callbacks
):
    article_id = story[0].article_id
    job = AnalysisJob.objects.create(
        scope={"articles": [article_id]},
        task=RETHREAD,
        status="running",
        total=1,
        enqueued=1,
        fanout_cursor=article_id,
    )
    args = (article_id, "0" * 64, job.pk)
    with (
        patch("claims.tasks.article_rethread", side_effect=OperationalError("connection lost")),
        pytest.raises(Retry),
    ):
        rethread_article.apply(args=args, throw=True)
    job.refresh_from_db()
    assert (job.done, job.failed) == (0, 0)

    with patch("claims.tasks.article_rethread", side_effect=ValueError("a bug")):
        assert rethread_article.apply(args=args).get() == "failed"
    job.refresh_from_db()
    assert (job.status, job.failed) == ("done", 1)
    assert "a bug" in AnalysisJobFailure.objects.get(job=job).error
    # The article's analysis is not what failed.
    assert Article.objects.get(pk=article_id).analysis_state != "failed"

    with django_capture_on_commit_callbacks(execute=True):
        assert job_retry_failed(user=editor, job=job) == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 1, 0)
    assert Claim.objects.get(pk=story[0].pk).thread_id is not None


def test_the_watchdog_requeues_lost_rethread_tasks(
    editor, story, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMTRACK_JOB_STALL_SECONDS = 1
    ids = sorted(c.article_id for c in story)
    job = AnalysisJob.objects.create(
        scope={"all": True, "max_id": ids[-1]},
        task=RETHREAD,
        status="running",
        total=3,
        enqueued=3,
        fanout_cursor=ids[-1],
        progress_at=DAY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert job_watchdog() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.done, job.watchdog_resumes) == ("done", 3, 1)
    assert Thread.objects.count() == 1


def _running_job(article_ids) -> AnalysisJob:
    return AnalysisJob.objects.create(
        scope={"articles": list(article_ids), "max_id": max(article_ids)},
        task=RETHREAD,
        status="running",
        total=len(article_ids),
        enqueued=len(article_ids),
        fanout_cursor=max(article_ids),
    )


def _spy_rethread(before=None):
    """article_rethread as the batch task calls it, with a hook run before each article."""
    calls = []

    def spy(*, article_id, job_id):
        calls.append(article_id)
        if before:
            before(article_id, job_id)
        return article_rethread(article_id=article_id, job_id=job_id)

    return calls, patch("claims.tasks.article_rethread", side_effect=spy)


def test_a_batch_counts_each_article_as_it_commits(story):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)
    seen = []
    calls, spy = _spy_rethread(lambda *_: seen.append(AnalysisJob.objects.get(pk=job.pk).done))
    with spy:
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "done"
    assert calls == ids
    assert seen == [0, 1, 2]  # progress moves per article, not per batch
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 3, 0)
    assert Thread.objects.count() == 1


def test_cancelling_a_job_stops_its_batch_between_articles(editor, story):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)

    def cancel_after_first(article_id, job_id):
        if article_id == ids[1]:
            job_cancel(user=editor, job=AnalysisJob.objects.get(pk=job_id))

    calls, spy = _spy_rethread(cancel_after_first)
    with spy:
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "job_inactive"
    assert calls == ids[:2]  # the third is never started
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("cancelled", 1, 0)
    assert set(job.completions.values_list("article_id", flat=True)) == {ids[0]}


def test_a_failing_article_is_recorded_and_the_rest_of_its_batch_goes_on(story):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)
    real = rethreading.article_thread

    def broken(*, article_id, matches):
        if article_id == ids[1]:
            raise ValueError("a bug")
        return real(article_id=article_id, matches=matches)

    with patch.object(rethreading, "article_thread", side_effect=broken):
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "done"
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 2, 1)
    failure = AnalysisJobFailure.objects.get(job=job)
    assert failure.article_id == ids[1] and "a bug" in failure.error
    outcomes = dict(job.completions.values_list("article_id", "outcome"))
    assert outcomes == {ids[0]: "done", ids[1]: "failed", ids[2]: "done"}


def test_a_retried_or_redelivered_batch_counts_no_article_twice(story):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)

    def lose_the_database_on_the_second(article_id, job_id):
        if article_id == ids[1]:
            raise OperationalError("connection lost")

    _, failing = _spy_rethread(lose_the_database_on_the_second)
    with failing, pytest.raises(Retry):
        rethread_articles.apply(args=(ids, job.pk), throw=True)
    job.refresh_from_db()
    assert (job.done, job.failed, job.status) == (1, 0, "running")

    # The retry (or a redelivery of the same message) goes on after what was counted.
    calls, spy = _spy_rethread()
    with spy:
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "done"
    assert calls == ids[1:]
    job.refresh_from_db()
    assert (job.status, job.done, job.failed, job.completions.count()) == ("done", 3, 0, 3)
    links = job.links_added

    # Delivered once more after the job finished: nothing is threaded or counted again.
    calls, spy = _spy_rethread()
    with spy:
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "done"
    assert calls == []
    job.refresh_from_db()
    assert (job.done, job.completions.count(), job.links_added) == (3, 3, links)


def test_a_batch_past_its_soft_time_limit_fails_that_article_and_requeues_the_rest(
    story, django_capture_on_commit_callbacks
):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)

    def time_runs_out(article_id, job_id):
        if article_id == ids[0]:
            raise SoftTimeLimitExceeded()

    _, spy = _spy_rethread(time_runs_out)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, spy:
        assert rethread_articles.apply(args=(ids, job.pk)).get() == "timed_out"
    requeued = OutboxMessage.objects.get(task_name=RETHREAD_BATCH_TASK)
    assert requeued.args == [ids[1:], job.pk]
    job.refresh_from_db()
    assert (job.done, job.failed, job.status) == (0, 1, "running")
    assert "timed out" in AnalysisJobFailure.objects.get(job=job, article_id=ids[0]).error

    for callback in callbacks:
        callback()  # the new batch runs (eagerly)
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 2, 1)


def test_a_batch_whose_worker_died_fails_the_article_it_was_on_and_requeues_the_rest(
    story, django_capture_on_commit_callbacks
):
    ids = sorted(c.article_id for c in story)
    job = _running_job(ids)
    article_rethread(article_id=ids[0], job_id=job.pk)  # the batch got this far before it died
    with django_capture_on_commit_callbacks(execute=True):
        rethread_articles.on_failure(WorkerLostError("killed"), "task-id", (ids, job.pk), {}, None)
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 2, 1)
    assert dict(job.completions.values_list("article_id", "outcome")) == {
        ids[0]: "done",
        ids[1]: "failed",
        ids[2]: "done",
    }
    assert AnalysisJobFailure.objects.get(job=job).error == "worker process died"
