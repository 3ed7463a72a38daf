"""Analysis jobs: their state and counts. Create, page the fan-out, count each article once,
cancel, retry the failed.

A job has a task: `analysis` (extract, write, thread: claims.services.analysis) or `rethread`
(thread the stored statements again: claims.services.rethreading). Both fan out the same way
and count each article alone, so progress, cancelling, retrying, the watchdog and the Jobs page
treat them alike. An analysis is queued one task per article (article id, content hash, job id):
extraction takes seconds, the task's overhead is nothing beside it. Re-threading an article
takes a tenth of that, and per-task costs (a Celery round trip, the job checks) were most of
it, so a rethread job queues one task per CLAIMTRACK_RETHREAD_BATCH articles (article ids, job
id), which threads them one by one, each in its own transaction, counted as it commits.

Work is queued by task name through the outbox (claimtrack.queueing), so nothing here imports a
task, and every step's messages commit with the step that wrote them: a broker outage delays a
job, never loses a part of it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, Max, Q, Value, When
from django.utils import timezone

from accounts.roles import AnyUser, Role, require_role
from actors.models import Actor
from articles.models import Article
from claims.models import AnalysisJob, AnalysisJobArticle, AnalysisJobFailure
from claims.scope import JobScope, ScopeError
from claimtrack.errors import ServiceError
from claimtrack.queueing import enqueue_after_commit, enqueue_many_after_commit
from outbox.models import OutboxMessage

from .extraction_apply import ApplyOutcome
from .extractor import extractor_version
from .threading import ThreadingOutcome

logger = logging.getLogger(__name__)

# Articles per fan-out step: one step sends this many small task messages and queues the next
# step, so a job over a million articles never builds one giant message or one endless task.
FAN_OUT_CHUNK = 500
_ACTIVE = AnalysisJob.ACTIVE_STATUSES
ANALYZE_ARTICLE_TASK = "claims.tasks.analyze_article"
# One article per task: the rethread jobs' task until batches; kept for messages still queued.
RETHREAD_ARTICLE_TASK = "claims.tasks.rethread_article"
RETHREAD_BATCH_TASK = "claims.tasks.rethread_articles"
FAN_OUT_TASK = "claims.tasks.fan_out_job"
# The per-article tasks; every one takes (article id, content hash, job id).
ARTICLE_TASKS = {
    AnalysisJob.Task.ANALYSIS: ANALYZE_ARTICLE_TASK,
    AnalysisJob.Task.RETHREAD: RETHREAD_ARTICLE_TASK,
}

# (article id, content hash): what one analysis task needs, in the order the task takes them.
ArticleToSend = tuple[int, str]


class JobError(ServiceError):
    """A job action that cannot be done in the job's current state; nothing was written."""


def _queue_articles(job_id: int, task: str, targets: Sequence[ArticleToSend]) -> None:
    """Queue the job's work on these articles after commit: one analysis task per article, or
    one re-threading task per batch of CLAIMTRACK_RETHREAD_BATCH articles, in id order."""
    if task == AnalysisJob.Task.RETHREAD:
        ids = [article_id for article_id, _ in targets]
        job_queue_rethread_batches(job_id=job_id, article_ids=ids)
        return
    enqueue_many_after_commit(
        ANALYZE_ARTICLE_TASK, [(article_id, digest, job_id) for article_id, digest in targets]
    )


def job_queue_rethread_batches(*, job_id: int, article_ids: Sequence[int]) -> None:
    """Queue re-threading tasks for these articles of a rethread job, a batch per task, after
    commit. Also how a batch cut short hands on the articles it did not reach."""
    size = max(1, settings.CLAIMTRACK_RETHREAD_BATCH)
    enqueue_many_after_commit(
        RETHREAD_BATCH_TASK,
        [(list(article_ids[i : i + size]), job_id) for i in range(0, len(article_ids), size)],
    )


def job_articles_counted(*, job_id: int, article_ids: Sequence[int]) -> set[int]:
    """Which of these articles the job has already counted (done, skipped or failed)."""
    return set(
        AnalysisJobArticle.objects.filter(job_id=job_id, article_id__in=article_ids).values_list(
            "article_id", flat=True
        )
    )


@transaction.atomic
def job_create(
    *, user: AnyUser | None, scope: JobScope, task: str = AnalysisJob.Task.ANALYSIS
) -> AnalysisJob:
    """Queue a re-analysis (or, with task="rethread", a re-threading) of the articles in
    `scope`. Editors and admins only.

    `user=None` is the command line (`manage.py reanalyze`, `rethread`), which runs with the
    server's rights; pages and the API always pass the request's user.
    """
    if user is not None:
        require_role(user, Role.EDITOR)
    if task not in AnalysisJob.Task.values:
        raise JobError({"task": [f"Unknown task {task!r}; use one of {', '.join(AnalysisJob.Task.values)}."]})
    scope.validate()
    if scope.actor_id and not Actor.objects.filter(pk=scope.actor_id).exists():
        raise ScopeError(f"There is no actor #{scope.actor_id}.")
    if scope.article_ids:
        # A mistyped id would otherwise start a job that covers nothing and reports success.
        known = set(Article.objects.filter(id__in=scope.article_ids).values_list("id", flat=True))
        if missing := [i for i in scope.article_ids if i not in known]:
            raise ScopeError(_no_articles(missing))
    job = AnalysisJob.objects.create(
        progress_at=timezone.now(),
        scope=scope.to_json(),
        task=task,
        # Re-threading extracts nothing: no extractor version to record.
        extractor_version=extractor_version()[:32] if task == AnalysisJob.Task.ANALYSIS else "",
        status=AnalysisJob.Status.QUEUED,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    enqueue_after_commit(FAN_OUT_TASK, job.id, 0)
    return job


def _no_articles(ids: list[int]) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:5])
    if len(ids) > 5:
        shown += f" and {len(ids) - 5} more"
    return f"There is no article {shown}." if len(ids) == 1 else f"There are no articles {shown}."


def job_fan_out_chunk(*, job_id: int, after_id: int) -> list[ArticleToSend] | None:
    """The next chunk of the job's articles to queue (ids > after_id), or None: the job is over.

    The first step (after_id 0) starts the job and fixes its total. The caller hands the chunk
    to job_fan_out_advance, which queues it.
    """
    job = AnalysisJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in _ACTIVE:
        return None
    scope = JobScope.from_json(job.scope)
    articles = Article.objects.filter(scope.as_q())
    if after_id == 0:
        _job_start(job, articles)
        job.refresh_from_db()
        if job.status not in _ACTIVE:
            return None
    max_id = job.scope.get("max_id", 0)
    return list(
        articles.filter(id__gt=after_id, id__lte=max_id)
        .order_by("id")
        .values_list("id", "content_sha256")[:FAN_OUT_CHUNK]
    )


@transaction.atomic
def job_fan_out_advance(*, job_id: int, after_id: int, chunk: Sequence[ArticleToSend]) -> int | None:
    """Queue the chunk's analyses and the next step, and move the cursor past the chunk, together.

    Returns the id the next step continues from, or None when the fan-out is complete. Safe to
    run twice for the same step: only the first run advances the cursor and queues anything.
    """
    if chunk:
        next_id = chunk[-1][0]
        moved = AnalysisJob.objects.filter(pk=job_id, fanout_cursor=after_id).update(
            fanout_cursor=next_id, enqueued=F("enqueued") + len(chunk), progress_at=timezone.now()
        )
        if not moved:
            return None  # a duplicate of this step already went on
        task = AnalysisJob.objects.values_list("task", flat=True).get(pk=job_id)
        _queue_articles(job_id, task, chunk)
        if len(chunk) == FAN_OUT_CHUNK:
            enqueue_after_commit(FAN_OUT_TASK, job_id, next_id)
            return next_id
    # Fan-out complete. Articles deleted since the count are not coming: stop waiting for them.
    AnalysisJob.objects.filter(pk=job_id, total__gt=F("enqueued")).update(total=F("enqueued"))
    _job_maybe_finish(job_id)
    return None


def _job_start(job: AnalysisJob, articles) -> None:
    # The job covers the articles that exist now; the id bound keeps later ingests out (they
    # are analysed on ingest anyway) so the total stays true while the fan-out pages.
    stats = articles.aggregate(n=Count("id"), max_id=Max("id"))
    scope = {**job.scope, "max_id": stats["max_id"] or 0}
    AnalysisJob.objects.filter(pk=job.pk, status=AnalysisJob.Status.QUEUED).update(
        status=AnalysisJob.Status.RUNNING,
        started_at=timezone.now(),
        progress_at=timezone.now(),
        total=stats["n"],
        scope=scope,
        fanout_cursor=0,
    )


def job_is_active(*, job_id: int) -> bool:
    return AnalysisJob.objects.filter(pk=job_id, status__in=_ACTIVE).exists()


def job_article_finish(
    *,
    job_id: int,
    article_id: int,
    outcome: ApplyOutcome | None = None,
    threading: ThreadingOutcome | None = None,
    skipped: bool = False,
    error: str = "",
    extract_ms: int | None = None,
    total_ms: int | None = None,
) -> bool:
    """Count one article's result in the job's totals, once: a second delivery counts nothing.

    Returns whether this call counted. Runs in the caller's transaction when there is one, so
    that the claims written and the count commit together.
    """
    result = (
        AnalysisJobArticle.Outcome.FAILED
        if error
        else AnalysisJobArticle.Outcome.SKIPPED
        if skipped
        else AnalysisJobArticle.Outcome.DONE
    )
    with transaction.atomic(savepoint=False):
        if not _record_completion(job_id, article_id, result, extract_ms, total_ms):
            return False  # already counted by an earlier delivery of the same task
        if error:
            AnalysisJobFailure.objects.update_or_create(
                job_id=job_id,
                article_id=article_id if Article.objects.filter(pk=article_id).exists() else None,
                defaults={"error": error[:5000]},
            )
            counters = {"failed": F("failed") + 1}
        else:
            added, removed, kept = (outcome.added, outcome.removed, outcome.kept) if outcome else (0, 0, 0)
            counters = {
                "done": F("done") + 1,
                "claims_added": F("claims_added") + added,
                "claims_removed": F("claims_removed") + removed,
                "claims_kept": F("claims_kept") + kept,
            }
            if threading is not None:
                counters |= {
                    "links_added": F("links_added") + threading.links_added,
                    "links_removed": F("links_removed") + threading.links_removed,
                    "threads_created": F("threads_created") + threading.threads_created,
                    "threads_merged": F("threads_merged") + threading.threads_merged,
                }
        # One statement counts and, for the last article, finishes the job. SET expressions
        # see the row as it was, hence "+ 1" for the article being counted now.
        last = Q(
            status=AnalysisJob.Status.RUNNING,
            total__lte=F("done") + F("failed") + 1,
            enqueued__gte=F("total"),
        )
        AnalysisJob.objects.filter(pk=job_id).update(
            **counters,
            progress_at=timezone.now(),
            status=Case(When(last, then=Value(AnalysisJob.Status.DONE)), default=F("status")),
            finished_at=Case(When(last, then=Value(timezone.now())), default=F("finished_at")),
        )
    return True


def _record_completion(
    job_id: int, article_id: int, outcome: str, extract_ms: int | None, total_ms: int | None
) -> bool:
    """Insert the (job, article) completion unless one exists; whether this call inserted it.

    ON CONFLICT DO NOTHING rather than catching IntegrityError: no savepoint round trips on
    the hot path, and a concurrent duplicate waits for the first one's commit, then yields.
    """
    table = connection.ops.quote_name(AnalysisJobArticle._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (job_id, article_id, outcome, extract_ms, total_ms, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (job_id, article_id) DO NOTHING RETURNING id",
            [job_id, article_id, outcome, extract_ms, total_ms, timezone.now()],
        )
        return cursor.fetchone() is not None


def _job_maybe_finish(job_id: int) -> None:
    # enqueued >= total: until the fan-out has sent every article, done + failed may reach the
    # total only because the total shrank, and the job is not over.
    AnalysisJob.objects.filter(
        pk=job_id,
        status=AnalysisJob.Status.RUNNING,
        total__lte=F("done") + F("failed"),
        enqueued__gte=F("total"),
    ).update(status=AnalysisJob.Status.DONE, finished_at=timezone.now())


@transaction.atomic
def job_cancel(*, user: AnyUser, job: AnalysisJob) -> AnalysisJob:
    """Stop a queued or running job: tasks not yet started skip it; counts stay as they are."""
    require_role(user, Role.EDITOR)
    updated = AnalysisJob.objects.filter(pk=job.pk, status__in=_ACTIVE).update(
        status=AnalysisJob.Status.CANCELLED, finished_at=timezone.now()
    )
    job.refresh_from_db()
    if not updated:
        raise JobError(
            f"Job {job.pk} is {job.get_status_display().lower()}; only a queued or running job can be cancelled."
        )
    return job


@transaction.atomic
def job_retry_failed(*, user: AnyUser, job: AnalysisJob) -> int:
    """Queue the job's failed articles again; returns how many. The job runs until they finish."""
    require_role(user, Role.EDITOR)
    job = AnalysisJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (AnalysisJob.Status.DONE, AnalysisJob.Status.RUNNING):
        raise JobError(
            f"Job {job.pk} is {job.get_status_display().lower()}; only its failures of a finished or running job can be retried."
        )
    failed_ids = list(
        job.completions.filter(outcome=AnalysisJobArticle.Outcome.FAILED).values_list("article_id", flat=True)
    )
    if not failed_ids:
        raise JobError(f"Job {job.pk} has no failed articles.")
    job.completions.filter(article_id__in=failed_ids).delete()
    job.failures.all().delete()
    AnalysisJob.objects.filter(pk=job.pk).update(
        failed=F("failed") - len(failed_ids),
        status=AnalysisJob.Status.RUNNING,
        finished_at=None,
        progress_at=timezone.now(),
        watchdog_resumes=0,
        error_summary="",
    )
    targets = list(Article.objects.filter(id__in=failed_ids).values_list("id", "content_sha256"))
    gone = len(failed_ids) - len(targets)
    if gone:
        # Deleted since they failed: nothing to retry, and nothing to wait for.
        AnalysisJob.objects.filter(pk=job.pk).update(total=F("total") - gone, enqueued=F("enqueued") - gone)
    _queue_articles(job.pk, job.task, targets)
    _job_maybe_finish(job.pk)
    return len(targets)


def job_watchdog() -> list[int]:
    """Resume, then fail, every active job that has shown no progress for too long; their ids.

    A job is stalled when nothing moved for CLAIMTRACK_JOB_STALL_SECONDS and none of its work
    waits in the outbox (a broker outage delays a job; it does not stall it). Resuming re-queues
    what is missing: the fan-out from its cursor, or the articles sent but never counted (their
    tasks were lost). Both are safe to receive twice. After CLAIMTRACK_JOB_MAX_RESUMES resumes
    the job ends failed, with the reason in error_summary (Jobs page, API). Runs in every
    worker's housekeeping loop; SKIP LOCKED keeps two workers off the same job.
    """
    stall = timedelta(seconds=settings.CLAIMTRACK_JOB_STALL_SECONDS)
    handled: list[int] = []
    candidates = AnalysisJob.objects.filter(status__in=_ACTIVE, progress_at__lt=timezone.now() - stall)
    for job_id in candidates.values_list("id", flat=True)[:100]:
        with transaction.atomic():
            job = (
                AnalysisJob.objects.select_for_update(skip_locked=True)
                .filter(pk=job_id, status__in=_ACTIVE, progress_at__lt=timezone.now() - stall)
                .first()
            )
            if job is None or _job_work_waits_in_outbox(job.pk):
                continue
            _job_resume_or_fail(job, stall)
            handled.append(job.pk)
    return handled


def _job_work_waits_in_outbox(job_id: int) -> bool:
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
    return (
        unsent.filter(task_name=FAN_OUT_TASK, args__0=job_id).exists()
        or unsent.filter(task_name__in=ARTICLE_TASKS.values(), args__2=job_id).exists()
        or unsent.filter(task_name=RETHREAD_BATCH_TASK, args__1=job_id).exists()
    )


def _job_resume_or_fail(job: AnalysisJob, stall: timedelta) -> None:
    fanning_out = job.status == AnalysisJob.Status.QUEUED or job.enqueued < job.total
    what = "the fan-out" if fanning_out else f"{job.total - job.done - job.failed} queued article(s)"
    silent = f"no progress for {int(stall.total_seconds())} s"
    if job.watchdog_resumes >= settings.CLAIMTRACK_JOB_MAX_RESUMES:
        reason = f"Stopped by the watchdog: {what} made {silent}, after {job.watchdog_resumes} resume(s)."
        AnalysisJob.objects.filter(pk=job.pk).update(
            status=AnalysisJob.Status.FAILED, finished_at=timezone.now(), error_summary=reason
        )
        logger.warning("job %s failed: %s", job.pk, reason)
        return
    note = f"Resumed by the watchdog ({job.watchdog_resumes + 1}): {what} made {silent}."
    AnalysisJob.objects.filter(pk=job.pk).update(
        watchdog_resumes=F("watchdog_resumes") + 1, progress_at=timezone.now(), error_summary=note
    )
    logger.warning("job %s: %s", job.pk, note)
    if fanning_out:
        enqueue_after_commit(FAN_OUT_TASK, job.pk, job.fanout_cursor)
        return
    counted = AnalysisJobArticle.objects.filter(job_id=job.pk).values("article_id")
    scope = JobScope.from_json(job.scope)
    missing = (
        Article.objects.filter(scope.as_q(), id__lte=job.fanout_cursor)
        .exclude(id__in=counted)
        .order_by("id")
        .values_list("id", "content_sha256")
    )
    _queue_articles(job.pk, job.task, list(missing))
    _job_maybe_finish(job.pk)  # every article counted, yet not finished: a lost last update
