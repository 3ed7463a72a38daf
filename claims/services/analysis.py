"""Analysing one article: extract outside any transaction, then write and count in one."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from claims.models import Claim
from extraction.matching import salient_names

from .extraction_apply import ApplyOutcome, StaleAnalysis, apply_extraction
from .extractor import get_extractor
from .jobs import job_article_finish, job_is_active
from .threading import article_thread, threading_lock

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnalysisReport:
    status: str  # done | skipped | job_inactive (the job was cancelled or is over)
    outcome: ApplyOutcome | None = None
    extract_ms: int | None = None
    total_ms: int | None = None


def article_analyze(*, article_id: int, content_hash: str, job_id: int | None = None) -> AnalysisReport:
    """Extract and store one article's statements; with a job, count the article in it once.

    Raises whatever extraction or writing raises; the caller (the task) decides between retry
    and failure (article_analysis_fail).
    """
    started = time.perf_counter()
    if job_id is not None and not job_is_active(job_id=job_id):
        return AnalysisReport("job_inactive")
    article = (
        Article.objects.filter(pk=article_id).only("id", "body", "content_sha256", "published_at").first()
    )
    # Deleted, or edited since this task was queued (the edit queued a newer one).
    if article is None or article.content_sha256 != content_hash:
        return _skip(job_id, article_id, started)
    # Extraction holds no lock and no transaction: it is the slow part.
    result = get_extractor()(article.body)
    # Threading reads the article's salient names inside the threading lock; reading them here,
    # with the slow part, leaves it a cache hit there (salient_names caches by text).
    salient_names(article.body)
    extract_ms = _ms_since(started)
    try:
        with transaction.atomic():
            # The threading lock first, before apply_extraction locks the article's rows:
            # threading writes statements of other articles too, and every writer taking this
            # lock before any row lock is what keeps two workers from deadlocking.
            threading_lock()
            former_threads = set(
                Claim.objects.filter(article_id=article_id, thread__isnull=False).values_list(
                    "thread_id", flat=True
                )
            )
            outcome = apply_extraction(article=article, result=result)
            # Same transaction: a statement is never visible without its cross-article links.
            threading = article_thread(article_id=article_id, stale_threads=former_threads)
            total_ms = _ms_since(started)
            if job_id is not None:
                # Same transaction: the claims and the count commit together or not at all, so
                # a worker killed in between leaves a task that redelivery completes exactly once.
                job_article_finish(
                    job_id=job_id,
                    article_id=article_id,
                    outcome=outcome,
                    threading=threading,
                    extract_ms=extract_ms,
                    total_ms=total_ms,
                )
    except StaleAnalysis:
        return _skip(job_id, article_id, started)
    return AnalysisReport("done", outcome, extract_ms, total_ms)


def article_analysis_fail(*, article_id: int, content_hash: str, job_id: int | None, error: str) -> None:
    """Record a failed analysis on the article (unless it changed since) and in the job."""
    with transaction.atomic():
        Article.objects.filter(pk=article_id, content_sha256=content_hash).update(
            analysis_state=Article.AnalysisState.FAILED,
            analysis_error=error[:5000],
            analyzed_at=timezone.now(),
        )
        if job_id is not None:
            job_article_finish(job_id=job_id, article_id=article_id, error=error or "failed")


def _skip(job_id: int | None, article_id: int, started: float) -> AnalysisReport:
    if job_id is not None:
        job_article_finish(job_id=job_id, article_id=article_id, skipped=True, total_ms=_ms_since(started))
    return AnalysisReport("skipped")


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
