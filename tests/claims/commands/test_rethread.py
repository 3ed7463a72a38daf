"""manage.py rethread: a re-threading job (with --wait, its progress and counts), the scopes of
reanalyze, and the in-process mode."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import AnalysisJob, Claim, Thread
from tests.claims.services.test_threading import SHELLS, statement

pytestmark = pytest.mark.django_db(transaction=True)


def rethread(*args: str) -> str:
    out = StringIO()
    call_command("rethread", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def story():
    return [statement(SHELLS), statement("Officials say North Korea sends artillery shells to Russia.")]


def test_all_with_wait_runs_a_rethread_job_and_prints_its_counts(story):
    output = rethread("--all", "--wait")
    job = AnalysisJob.objects.get()
    assert (job.task, job.status, job.total, job.done) == ("rethread", "done", 2, 2)
    assert f"Job {job.pk} queued: re-threading all articles." in output
    assert f"job {job.pk} done: 2/2 (0 failed)" in output
    assert "2 rethreaded, 0 failed; links added 1, removed 0; threads created 1, merged 0" in output
    assert len(set(Claim.objects.values_list("thread_id", flat=True))) == 1


def test_scopes_are_those_of_reanalyze(story):
    rethread("--article", str(story[0].article_id), "--outlet", "Example News")
    job = AnalysisJob.objects.get()
    assert job.task == "rethread"
    assert job.scope["articles"] == [story[0].article_id] and job.scope["outlet"] == "Example News"


def test_in_process_threads_here_without_a_job(story):
    output = rethread("--all", "--in-process")
    assert "Rethreaded 2 articles (all articles): 1 links added" in output
    assert not AnalysisJob.objects.exists()
    assert Thread.objects.count() == 1


def test_bad_input_is_a_clear_error_and_no_job():
    with pytest.raises(CommandError, match="Say which articles"):
        rethread()
    with pytest.raises(CommandError, match="Not a date"):
        rethread("--since", "tomorrow", "--in-process")
    assert not AnalysisJob.objects.exists()
