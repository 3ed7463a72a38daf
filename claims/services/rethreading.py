"""Re-threading an article as a job's task: thread its stored statements again and count it.

The worker's side of a `rethread` job (claims.services.jobs): nothing is extracted, the
article's statements are matched across articles again (claims.services.threading.article_thread)
and its threads brought up to date, keeping every editor decision. A task takes a batch of
articles (claims.tasks.rethread_articles) and runs article_rethread on each in turn: every
article has its own transaction and lock turn and is counted as it commits, so progress,
cancelling and failures stay per article.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from articles.models import Article

from .jobs import job_article_finish, job_articles_counted, job_is_active, job_queue_rethread_batches
from .threading import ThreadingOutcome, article_match, article_thread


@dataclass(frozen=True, slots=True)
class RethreadResult:
    status: str  # done | skipped (the article is gone) | job_inactive (cancelled or over)
    outcome: ThreadingOutcome | None = None
    total_ms: int | None = None


def article_rethread(*, article_id: int, job_id: int) -> RethreadResult:
    """Thread one article again and count it in the job, once (safe to run twice: acks_late).

    Raises whatever threading raises; the task decides between retry and failure
    (article_rethread_fail).
    """
    started = time.perf_counter()
    if not job_is_active(job_id=job_id):
        return RethreadResult("job_inactive")
    # The candidate search before the lock: the workers of a job search side by side and queue
    # only for the writes (see article_match).
    matches = article_match(article_id=article_id)
    with transaction.atomic():
        if not Article.objects.filter(pk=article_id).exists():
            job_article_finish(
                job_id=job_id, article_id=article_id, skipped=True, total_ms=_ms_since(started)
            )
            return RethreadResult("skipped")
        outcome = article_thread(article_id=article_id, matches=matches)
        total_ms = _ms_since(started)
        # Same transaction as the links and threads it wrote: a worker killed in between leaves
        # a task whose redelivery threads the article again (idempotent) and counts it once.
        job_article_finish(job_id=job_id, article_id=article_id, threading=outcome, total_ms=total_ms)
    return RethreadResult("done", outcome, total_ms)


def article_rethread_fail(*, article_id: int, job_id: int, error: str) -> None:
    """Record a failed re-threading in the job (the article's analysis state is not touched:
    its statements are as good as they were)."""
    job_article_finish(job_id=job_id, article_id=article_id, error=error or "failed")


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def rethread_batch_pending(*, article_ids: Sequence[int], job_id: int) -> list[int]:
    """The batch's articles the job has not counted yet, in the batch's order.

    A redelivered or retried batch starts here: what an earlier run committed is neither
    threaded nor counted again.
    """
    counted = job_articles_counted(job_id=job_id, article_ids=article_ids)
    return [article_id for article_id in article_ids if article_id not in counted]


@transaction.atomic
def rethread_batch_interrupted(*, article_ids: Sequence[int], job_id: int, error: str) -> None:
    """A batch stopped part-way (its time limit, its worker process died): record the article it
    was threading as failed and queue the ones it did not reach as a new batch.

    The batch threads in order and counts each article as it commits, so the first one not
    counted is the one that was running when it stopped.
    """
    pending = rethread_batch_pending(article_ids=article_ids, job_id=job_id)
    if not pending:
        return
    article_rethread_fail(article_id=pending[0], job_id=job_id, error=error)
    if pending[1:] and job_is_active(job_id=job_id):
        job_queue_rethread_batches(job_id=job_id, article_ids=pending[1:])
