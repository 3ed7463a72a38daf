"""The job watchdog: a job whose fan-out (or whose queued articles) went silent is resumed, then
failed with its reason on the Jobs page and in the API; a job waiting for the broker is left alone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import AnalysisJob, AnalysisJobArticle
from claims.scope import JobScope
from claims.services.jobs import job_create, job_watchdog
from outbox.models import OutboxMessage
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Report {n}.\n\nThe Ministry said talks had failed on day {n}. The Embassy denied that talks had failed."
)
FAN_OUT = "claims.tasks.fan_out_job"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"
    settings.CLAIMTRACK_JOB_STALL_SECONDS = 120
    settings.CLAIMTRACK_JOB_MAX_RESUMES = 2


@pytest.fixture
def lossy_broker(monkeypatch):
    """A broker that accepts fan-out messages and loses them, as when the fan-out task is killed
    for good; other tasks run (eagerly) as usual."""
    import claimtrack.queueing as queueing

    real = queueing._publish

    def publish(messages):
        lost = [m for m in messages if m.task_name == FAN_OUT]
        OutboxMessage.objects.filter(pk__in=[m.pk for m in lost]).update(sent_at=timezone.now())
        return len(lost) + real([m for m in messages if m.task_name != FAN_OUT])

    monkeypatch.setattr(queueing, "_publish", publish)


def silent_for(job: AnalysisJob, seconds: int) -> None:
    AnalysisJob.objects.filter(pk=job.pk).update(progress_at=timezone.now() - timedelta(seconds=seconds))


def test_a_job_whose_fan_out_is_lost_is_resumed_and_finishes(
    editor, django_capture_on_commit_callbacks, monkeypatch
):
    for n in range(3):
        ArticleFactory(body=TEXT.format(n=n))
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(user=editor, scope=JobScope(all=True))
    OutboxMessage.objects.update(sent_at=timezone.now())  # accepted by the broker, then lost

    silent_for(job, 60)
    assert job_watchdog() == []  # silent, but not for long enough
    silent_for(job, 121)
    with django_capture_on_commit_callbacks(execute=True):
        assert job_watchdog() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.watchdog_resumes) == ("done", 3, 3, 1)
    assert job.error_summary == "Resumed by the watchdog (1): the fan-out made no progress for 120 s."


def test_a_job_whose_fan_out_is_killed_for_good_ends_failed_with_the_reason_shown(
    editor, lossy_broker, django_capture_on_commit_callbacks, client
):
    ArticleFactory(body=TEXT.format(n=1))
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(user=editor, scope=JobScope(all=True))
    for expected_resumes in (1, 2):
        silent_for(job, 121)
        with django_capture_on_commit_callbacks(execute=True):
            job_watchdog()
        job.refresh_from_db()
        assert (job.status, job.watchdog_resumes) == ("queued", expected_resumes)
    silent_for(job, 121)
    job_watchdog()
    job.refresh_from_db()
    reason = "Stopped by the watchdog: the fan-out made no progress for 120 s, after 2 resume(s)."
    assert (job.status, job.error_summary) == ("failed", reason)
    assert job.finished_at is not None

    api = APIClient()
    api.force_authenticate(editor)
    body = api.get(f"/api/v1/jobs/{job.pk}/").json()
    assert (body["status"], body["error_summary"]) == ("failed", reason)
    client.force_login(editor)
    assert reason in client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert reason in client.get(reverse("job-list")).content.decode()
    assert client.get(reverse("job-status", args=[job.pk])).json()["error_summary"] == reason


def test_articles_sent_but_never_counted_are_sent_again(editor, django_capture_on_commit_callbacks):
    articles = [ArticleFactory(body=TEXT.format(n=n)) for n in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(user=editor, scope=JobScope(all=True))
    # Two analyses were lost with a broker's queue: uncount them and put the job back to running.
    lost = [articles[1].pk, articles[3].pk]
    AnalysisJobArticle.objects.filter(job=job, article_id__in=lost).delete()
    AnalysisJob.objects.filter(pk=job.pk).update(status="running", done=2, finished_at=None)
    silent_for(job, 121)
    with django_capture_on_commit_callbacks(execute=True):
        assert job_watchdog() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == ("done", 4, 0)
    assert job.error_summary == "Resumed by the watchdog (1): 2 queued article(s) made no progress for 120 s."
    assert set(job.completions.values_list("article_id", flat=True)) == {a.pk for a in articles}


def test_a_job_whose_work_waits_in_the_outbox_is_not_stalled(editor, django_capture_on_commit_callbacks):
    ArticleFactory(body=TEXT.format(n=1))
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(user=editor, scope=JobScope(all=True))  # the broker is down: unsent
    silent_for(job, 10_000)
    assert job_watchdog() == []
    job.refresh_from_db()
    assert (job.status, job.watchdog_resumes, job.error_summary) == ("queued", 0, "")


def test_finished_and_cancelled_jobs_are_never_touched(editor):
    for status in ("done", "failed", "cancelled"):
        job = AnalysisJob.objects.create(scope={"all": True}, status=status)
        silent_for(job, 10_000)
    assert job_watchdog() == []
