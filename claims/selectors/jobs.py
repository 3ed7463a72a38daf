"""Reads behind the jobs pages: a fixed number of queries per page."""

from typing import Any

from django.db.models import QuerySet

from actors.models import Actor

from ..models import AnalysisJob, AnalysisJobFailure
from ..scope import JobScope

FAILURES_SHOWN = 50


def job_list(*, limit: int = 50) -> list[AnalysisJob]:
    return list(AnalysisJob.objects.select_related("requested_by").order_by("-created_at", "-id")[:limit])


def job_get(*, job_id: int) -> AnalysisJob | None:
    return AnalysisJob.objects.select_related("requested_by").filter(pk=job_id).first()


def job_scope_descriptions(*, jobs: list[AnalysisJob]) -> dict[int, str]:
    """Each job's scope in words, its actor by name ("actor Kim Son Gyong (#18)"): an editor who
    typed a name must see which actor it found. One query for all the jobs' actors (none when no job names one)."""
    scopes = {job.pk: JobScope.from_json(job.scope) for job in jobs}
    actor_ids = {s.actor_id for s in scopes.values() if s.actor_id}
    names = dict(Actor.objects.filter(id__in=actor_ids).values_list("id", "name")) if actor_ids else {}
    return {pk: scope.describe(actor_name=names.get(scope.actor_id)) for pk, scope in scopes.items()}


def job_failures(*, job: AnalysisJob, limit: int = FAILURES_SHOWN) -> QuerySet[AnalysisJobFailure]:
    return (
        AnalysisJobFailure.objects.filter(job=job)
        .select_related("article")
        .only("id", "error", "job_id", "article_id", "article__title")
        .order_by("id")[:limit]
    )


def job_status(*, job: AnalysisJob) -> dict[str, Any]:
    """What the progress poller needs, as JSON-ready data (two queries, three when the scope names an actor: the job was read already)."""
    failures = [
        {"article_id": f.article_id, "article_title": f.article.title if f.article else "", "error": f.error}
        for f in job_failures(job=job)
    ]
    return {
        "id": job.pk,
        "task": job.task,
        "task_display": job.get_task_display(),
        "status": job.status,
        "status_display": job.get_status_display(),
        "active": job.is_active,
        "scope": job_scope_descriptions(jobs=[job])[job.pk],
        "total": job.total,
        "enqueued": job.enqueued,
        "done": job.done,
        "failed": job.failed,
        "claims_added": job.claims_added,
        "claims_removed": job.claims_removed,
        "claims_kept": job.claims_kept,
        "links_added": job.links_added,
        "links_removed": job.links_removed,
        "threads_created": job.threads_created,
        "threads_merged": job.threads_merged,
        "progress": round(job.progress, 4),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "error_summary": job.error_summary,
        "failures": failures,
    }
