"""Re-threading jobs in-process (Celery eager): fan-out, counts, editor decisions kept, cancel,
retry, failures; the same machinery as re-analysis jobs."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from celery.exceptions import Retry
from django.db import OperationalError

from articles.models import Article
from claims.models import AnalysisJob, AnalysisJobFailure, Claim, ClaimLink, ReviewStatus, Thread
from claims.scope import JobScope
from claims.services import jobs as job_services
from claims.services.jobs import (
    RETHREAD_ARTICLE_TASK,
    JobError,
    job_cancel,
    job_create,
    job_retry_failed,
    job_watchdog,
)
from claims.services.rethreading import article_rethread
from claims.services.thread_editing import link_reject
from claims.tasks import rethread_article
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


def test_the_fan_out_pages_in_chunks_and_queues_rethread_tasks(
    editor, story, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(job_services, "FAN_OUT_CHUNK", 2)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(user=editor, scope=JobScope(all=True), task=RETHREAD)
    names = set(
        OutboxMessage.objects.exclude(task_name=job_services.FAN_OUT_TASK).values_list("task_name", flat=True)
    )
    assert names == {RETHREAD_ARTICLE_TASK}
    job.refresh_from_db()
    assert (job.status, job.enqueued, job.done) == ("done", 3, 3)


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
