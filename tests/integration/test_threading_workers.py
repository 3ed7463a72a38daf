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
from claims.services.jobs import job_create
from claims.services.thread_editing import link_reject
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
    call_command("rethread", "--all", stdout=out)
    assert "Rethreaded 2 articles" in out.getvalue()

    assert list(_cross_links().values_list("id", "review_status")) == [(link.id, ReviewStatus.REJECTED)]
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {None}
    assert not Thread.objects.filter(statement_count__gt=0).exists()
