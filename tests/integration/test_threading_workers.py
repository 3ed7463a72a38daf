"""Threading on real Celery workers: concurrent analyses of one story make one thread, and an
editor's rejected cross-article link survives re-analysis and re-threading."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from accounts.roles import Role
from articles.models import Article
from articles.services import article_create
from claims.models import AnalysisJob, Claim, ClaimLink, ReviewStatus, Thread
from claims.scope import JobScope
from claims.selectors.jobs import job_status
from claims.services.jobs import RETHREAD_BATCH_TASK, job_create
from claims.services.thread_editing import link_reject
from outbox.models import OutboxMessage
from tests.factories import UserFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration

FAKE = {"CLAIMTRACK_EXTRACTOR": "tests.fake_extractor.extract"}
STORY = [
    "Monday briefing.\n\nThe State Department said North Korea ships artillery shells to Russia by rail.",
    "Wednesday reply.\n\nThe Foreign Ministry denied that North Korea ships artillery shells to Russia by rail.",
]


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    # Transactional tests end with a flush, which also empties the groups a data migration made.
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)


def _analysed(articles) -> bool:
    return set(
        Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("analysis_state", flat=True)
    ) == {"done"}


def _cross_links():
    return ClaimLink.objects.exclude(source__article_id=F("target__article_id"))


def test_two_articles_of_one_story_analysed_at_once_end_in_one_thread(real_celery):
    # Two worker processes, each extracting for a second: both articles are written at the same
    # moment, and without the threading lock neither would see the other's statements.
    env = {**FAKE, "CLAIMTRACK_TEST_EXTRACT_DELAY": "1"}
    real_celery(env=env, name="t1")
    real_celery(env=env, name="t2")
    articles = [article_create(body=text).article for text in STORY]
    wait_until(lambda: _analysed(articles), timeout=90)

    claims = list(Claim.objects.filter(article__in=articles))
    assert len(claims) == 2
    assert Thread.objects.count() == 1
    thread = Thread.objects.get()
    assert {c.thread_id for c in claims} == {thread.id}
    assert (thread.claim_count, thread.denial_count, thread.article_count) == (1, 1, 2)
    link = _cross_links().get()
    assert link.relation == "rebuts" and link.source.kind == "denial"


def test_a_rejected_cross_article_link_stays_rejected_after_reanalysis_and_rethreading(real_celery):
    real_celery(env=FAKE, name="t3")
    editor = UserFactory(role="editor")
    articles = [article_create(body=text).article for text in STORY]
    wait_until(lambda: _analysed(articles), timeout=90)
    link = _cross_links().get()
    link_reject(user=editor, link=link, expected_version=link.version)
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {None}

    job = job_create(user=editor, scope=JobScope(all=True))
    wait_until(lambda: AnalysisJob.objects.get(pk=job.pk).status == "done", timeout=90)
    out = io.StringIO()
    call_command("rethread", "--all", "--wait", stdout=out)
    rethread = AnalysisJob.objects.exclude(pk=job.pk).get()
    assert (rethread.task, rethread.status, rethread.done, rethread.failed) == ("rethread", "done", 2, 0)
    assert f"Job {rethread.pk} done: 2 rethreaded, 0 failed" in out.getvalue()

    assert list(_cross_links().values_list("id", "review_status")) == [(link.id, ReviewStatus.REJECTED)]
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {None}
    assert not Thread.objects.filter(statement_count__gt=0).exists()


STORIES = [
    STORY,
    [
        "Health briefing.\n\nThe Health Ministry said the cholera outbreak in Yemen killed ninety children in Sanaa.",
        "Houthi statement.\n\nThe Houthi government denied that the cholera outbreak in Yemen killed ninety children in Sanaa.",
    ],
    [
        "Brussels briefing.\n\nThe European Commission said Hungary blocked Ukrainian grain barges at the Danube port.",
        "Budapest reply.\n\nThe Hungarian Embassy denied that Hungary blocked Ukrainian grain barges at the Danube port.",
    ],
]


def test_a_rethread_job_on_two_workers_threads_every_article_and_reports_progress(real_celery):
    # Batches of two: the six articles make three tasks for the two workers to share.
    env = {**FAKE, "CLAIMTRACK_RETHREAD_BATCH": "2"}
    real_celery(env=env, name="t4")
    real_celery(env=env, name="t5")
    editor = UserFactory(role="editor")
    articles = [article_create(body=text).article for story in STORIES for text in story]
    wait_until(lambda: _analysed(articles), timeout=120)
    # Forget the threading the analyses did: the rethread job has all of it to do again.
    _cross_links().delete()
    Claim.objects.update(thread=None)
    Thread.objects.all().delete()

    job = job_create(user=editor, scope=JobScope(all=True), task=AnalysisJob.Task.RETHREAD)
    wait_until(lambda: AnalysisJob.objects.get(pk=job.pk).status == "done", timeout=120)

    job.refresh_from_db()
    assert (job.total, job.enqueued, job.done, job.failed, job.progress) == (6, 6, 6, 0, 1.0)
    batches = OutboxMessage.objects.filter(task_name=RETHREAD_BATCH_TASK, args__1=job.pk)
    assert sorted(len(m.args[0]) for m in batches) == [2, 2, 2]
    assert (job.links_added, job.threads_created) == (3, 3)
    completions = list(job.completions.all())
    assert len(completions) == 6 and all(c.outcome == "done" and c.total_ms is not None for c in completions)
    assert job_status(job=job)["progress"] == 1.0
    thread_of = dict(Claim.objects.values_list("article_id", "thread_id"))
    for first, second in zip(articles[::2], articles[1::2], strict=True):
        assert thread_of[first.pk] == thread_of[second.pk] is not None
    assert len(set(thread_of.values())) == 3

    # An editor rejects one story's link; re-threading on the two workers keeps it rejected.
    rejected = _cross_links().order_by("id").first()
    link_reject(user=editor, link=rejected, expected_version=rejected.version)
    again = job_create(user=editor, scope=JobScope(all=True), task=AnalysisJob.Task.RETHREAD)
    wait_until(lambda: AnalysisJob.objects.get(pk=again.pk).status == "done", timeout=120)

    again.refresh_from_db()
    assert (again.done, again.links_added, again.links_removed) == (6, 0, 0)
    assert ClaimLink.objects.get(pk=rejected.pk).review_status == ReviewStatus.REJECTED
    assert _cross_links().count() == 3
    pair = Claim.objects.filter(pk__in=[rejected.source_id, rejected.target_id])
    assert set(pair.values_list("thread_id", flat=True)) == {None}
    assert Thread.objects.filter(statement_count__gt=0).count() == 2
