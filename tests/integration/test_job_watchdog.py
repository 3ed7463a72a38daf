"""The job watchdog runs on its own in a real worker's housekeeping loop (issue 13).

Two jobs whose fan-out message was lost (its task killed for good): within the configured stall
time the worker resumes the first, which then finishes, and fails the second, which has used up
its resumes, with the reason in the job.
"""

import time

import pytest
from django.utils import timezone

from claims.models import AnalysisJob
from tests.factories import ArticleFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration

STALL_SECONDS = 3
WATCHDOG = {
    "CLAIMTRACK_EXTRACTOR": "tests.fake_extractor.extract",
    "CLAIMTRACK_HOUSEKEEPING_INTERVAL": "1",
    "CLAIMTRACK_JOB_STALL_SECONDS": str(STALL_SECONDS),
    "CLAIMTRACK_JOB_MAX_RESUMES": "1",
}
TEXT = "Dispatch {n}.\n\nThe Ministry said the border was closed on day {n}. The Embassy denied it."


def test_a_worker_resumes_a_stalled_job_and_fails_one_that_stalls_again(real_celery):
    for n in range(3):
        ArticleFactory(body=TEXT.format(n=n))
    # As job_create leaves them, but the fan-out message never reaches a worker.
    resumable = AnalysisJob.objects.create(scope={"all": True}, progress_at=timezone.now())
    exhausted = AnalysisJob.objects.create(
        scope={"all": True}, progress_at=timezone.now(), watchdog_resumes=1
    )
    started = time.monotonic()
    real_celery(name="watchdog", env=WATCHDOG)

    def ended(job: AnalysisJob) -> bool:
        job.refresh_from_db()
        return not job.is_active

    wait_until(lambda: ended(resumable) and ended(exhausted), timeout=STALL_SECONDS + 30, interval=0.5)
    elapsed = time.monotonic() - started
    print(
        f"watchdog: both jobs ended {elapsed:.1f} s after the worker started (stall time {STALL_SECONDS} s)"
    )
    assert (resumable.status, resumable.total, resumable.done) == ("done", 3, 3)
    assert resumable.error_summary.startswith("Resumed by the watchdog (1): the fan-out made no progress")
    assert exhausted.status == "failed"
    assert exhausted.error_summary.startswith("Stopped by the watchdog: the fan-out made no progress")
