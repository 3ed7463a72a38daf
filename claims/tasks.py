"""Celery tasks for analysis and re-threading. Thin: they call claims.services and decide only retry vs failure."""

import logging
import random
from collections.abc import Callable

import kombu.exceptions
import redis.exceptions
from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded, WorkerLostError
from django.db import InterfaceError, OperationalError

from claims.services.analysis import article_analysis_fail, article_analyze
from claims.services.jobs import job_fan_out_advance, job_fan_out_chunk
from claims.services.rethreading import (
    article_rethread,
    article_rethread_fail,
    rethread_batch_interrupted,
    rethread_batch_pending,
)

logger = logging.getLogger(__name__)

# Worth trying again: the database or the broker was briefly unreachable, a deadlock victim.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
# Eight tries with the backoff below wait 1.5 to 4.5 minutes in all: a database restart or
# failover fits in that; past it the article is recorded as failed, when the database answers.
MAX_RETRIES = 8
SOFT_TIME_LIMIT = 120
TIME_LIMIT = 150
# A re-threading batch (CLAIMTRACK_RETHREAD_BATCH articles, a fraction of a second each when the
# machine is not loaded): cut short, it hands the articles it did not reach to a new batch.
BATCH_SOFT_TIME_LIMIT = 300
BATCH_TIME_LIMIT = 360


def _backoff(retries: int) -> float:
    # Exponential with jitter, so that workers that lost the database together don't return together.
    return min(60, 2**retries) * (0.5 + random.random())


class _ArticleTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Called in the worker's main process when the pool process running the task was killed
        # (hard time limit, out of memory): the task body never got to record anything, and a
        # job waiting for this article would never finish.
        if isinstance(exc, TimeLimitExceeded | WorkerLostError):
            article_id, content_hash, *rest = [*args, kwargs.get("job_id")]
            job_id = next((r for r in rest if r is not None), None)
            reason = (
                f"timed out after {TIME_LIMIT} s"
                if isinstance(exc, TimeLimitExceeded)
                else "worker process died"
            )
            self.record_failure(article_id=article_id, content_hash=content_hash, job_id=job_id, error=reason)

    def record_failure(self, *, article_id: int, content_hash: str, job_id: int | None, error: str) -> None:
        raise NotImplementedError

    def attempt(
        self, work: Callable[[], str], *, article_id: int, content_hash: str, job_id: int | None, what: str
    ) -> str:
        """Run the task's service. A transient error is retried with backoff; past the retries, a
        soft time limit or any other error is recorded as the article's failure, and "failed"
        returned (a bug or an article the extractor cannot read would fail the same way again)."""
        try:
            return work()
        except Exception as exc:
            error = _error_or_retry(self, exc, article_id=article_id, what=what)
        self.record_failure(article_id=article_id, content_hash=content_hash, job_id=job_id, error=error)
        return "failed"


def _error_or_retry(task: Task, exc: Exception, *, article_id: int, what: str) -> str:
    """Retry the task on a transient error while it has retries left (raises Retry); otherwise the
    error to record as the article's failure."""
    if isinstance(exc, TRANSIENT_ERRORS):
        if task.request.retries < MAX_RETRIES:
            # A broken connection is replaced before the retry: Celery's Django fix-up closes
            # unusable connections after each task.
            logger.warning("article %s: transient error, retrying %s: %s", article_id, what, exc)
            raise task.retry(exc=exc, countdown=_backoff(task.request.retries)) from exc
        return f"gave up after {MAX_RETRIES} retries: {type(exc).__name__}: {exc}"
    if isinstance(exc, SoftTimeLimitExceeded):
        return f"timed out after {task.soft_time_limit or SOFT_TIME_LIMIT} s"
    logger.exception("article %s: %s failed", article_id, what)
    return f"{type(exc).__name__}: {exc}"


class _AnalysisTask(_ArticleTask):
    def record_failure(self, *, article_id: int, content_hash: str, job_id: int | None, error: str) -> None:
        article_analysis_fail(article_id=article_id, content_hash=content_hash, job_id=job_id, error=error)


class _RethreadTask(_ArticleTask):
    def record_failure(self, *, article_id: int, content_hash: str, job_id: int | None, error: str) -> None:
        if job_id is not None:
            article_rethread_fail(article_id=article_id, job_id=job_id, error=error)


@shared_task(
    base=_AnalysisTask,
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def analyze_article(self, article_id: int, content_hash: str, job_id: int | None = None) -> str:
    """Analyse one article; with job_id, count it in that job. Safe to run twice (acks_late).

    Returns done, skipped (deleted or stale), job_inactive or failed; per-article timings of job
    tasks are kept on AnalysisJobArticle.
    """
    return self.attempt(
        lambda: article_analyze(article_id=article_id, content_hash=content_hash, job_id=job_id).status,
        article_id=article_id,
        content_hash=content_hash,
        job_id=job_id,
        what="analysis",
    )


@shared_task(
    base=_RethreadTask,
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def rethread_article(self, article_id: int, content_hash: str, job_id: int) -> str:
    """Thread one stored article again within a `rethread` job and count it there. Safe to run
    twice (acks_late). Takes the analysis task's arguments, so that a job's fan-out, retry and
    watchdog queue either kind alike; the content hash is not needed (threading reads the
    statements as they are now).

    Returns done, skipped (deleted), job_inactive or failed.
    """
    return self.attempt(
        lambda: article_rethread(article_id=article_id, job_id=job_id).status,
        article_id=article_id,
        content_hash=content_hash,
        job_id=job_id,
        what="re-threading",
    )


class _RethreadBatchTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # The pool process was killed mid-batch (hard time limit, out of memory): the article it
        # was threading is recorded failed, the ones after it go on in a new batch.
        if isinstance(exc, TimeLimitExceeded | WorkerLostError):
            article_ids = args[0] if args else kwargs["article_ids"]
            job_id = args[1] if len(args) > 1 else kwargs["job_id"]
            reason = (
                f"timed out after {BATCH_TIME_LIMIT} s (its batch)"
                if isinstance(exc, TimeLimitExceeded)
                else "worker process died"
            )
            rethread_batch_interrupted(article_ids=article_ids, job_id=job_id, error=reason)


@shared_task(
    base=_RethreadBatchTask,
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=BATCH_SOFT_TIME_LIMIT,
    time_limit=BATCH_TIME_LIMIT,
)
def rethread_articles(self, article_ids: list[int], job_id: int) -> str:
    """Thread a batch of stored articles again within a `rethread` job, one by one, each counted
    as it commits. Safe to run twice (acks_late): articles the job counted are passed over.

    A transient error retries the whole batch, which then resumes after the articles already
    counted; any other error is recorded as that article's failure and the batch goes on. Stops
    when the job is cancelled. Returns done, job_inactive or timed_out (the rest re-queued).
    """
    for article_id in rethread_batch_pending(article_ids=article_ids, job_id=job_id):
        try:
            status = article_rethread(article_id=article_id, job_id=job_id).status
        except SoftTimeLimitExceeded:
            # Near the hard limit: no time for the rest here; they go on in a new task.
            error = f"timed out after {BATCH_SOFT_TIME_LIMIT} s (its batch)"
            rethread_batch_interrupted(article_ids=article_ids, job_id=job_id, error=error)
            return "timed_out"
        except Exception as exc:
            error = _error_or_retry(self, exc, article_id=article_id, what="re-threading")
            article_rethread_fail(article_id=article_id, job_id=job_id, error=error)
            continue
        if status == "job_inactive":
            return "job_inactive"
    return "done"


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=240,
    time_limit=300,
)
def fan_out_job(job_id: int, after_id: int = 0) -> int | None:
    """Queue one chunk of a job's articles and the next step (see job_fan_out_advance)."""
    chunk = job_fan_out_chunk(job_id=job_id, after_id=after_id)
    if chunk is None:
        return None
    return job_fan_out_advance(job_id=job_id, after_id=after_id, chunk=chunk)
