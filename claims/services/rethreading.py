"""Re-threading one article as a job's task: thread its stored statements again and count it.

The worker's side of a `rethread` job (claims.services.jobs): nothing is extracted, the
article's statements are matched across articles again (claims.services.threading.article_thread)
and its threads brought up to date, keeping every editor decision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction

from articles.models import Article

from .jobs import job_article_finish, job_is_active
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
