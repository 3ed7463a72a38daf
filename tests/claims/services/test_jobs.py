"""Analysis jobs in-process (Celery eager): scope, chunked fan-out, counting once, cancel, retry."""

from datetime import UTC, datetime
from unittest.mock import patch

import pytest
from celery.exceptions import Retry, TimeLimitExceeded
from django.core.exceptions import PermissionDenied
from django.db import OperationalError

from articles.models import Article
from claims.models import AnalysisJob, AnalysisJobArticle, AnalysisJobFailure, Claim, Mention
from claims.scope import JobScope, ScopeError
from claims.services import jobs as job_services
from claims.services.analysis import article_analyze
from claims.services.jobs import JobError, job_cancel, job_create, job_retry_failed
from claims.tasks import MAX_RETRIES, analyze_article
from extraction.types import ExtractionResult
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Report {n}.\n\nThe Ministry said talks had failed on day {n}. The Embassy denied that talks had failed."
)


def empty_extract(text: str) -> ExtractionResult:
    return ExtractionResult("empty-1")


@pytest.fixture(autouse=True)
def fake_extractor(settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"


def articles(n: int, **kwargs) -> list[Article]:
    return [ArticleFactory(body=TEXT.format(n=i), **kwargs) for i in range(n)]


def run(user, scope: JobScope, capture) -> AnalysisJob:
    with capture(execute=True):
        job = job_create(user=user, scope=scope)
    job.refresh_from_db()
    return job


def test_a_job_over_all_articles_analyses_each_once_and_finishes(editor, django_capture_on_commit_callbacks):
    stored = articles(3)
    job = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)

    assert (job.status, job.total, job.enqueued, job.done, job.failed) == ("done", 3, 3, 3, 0)
    assert (job.claims_added, job.claims_removed, job.claims_kept) == (6, 0, 0)
    assert job.started_at and job.finished_at and job.requested_by == editor
    assert job.extractor_version == "fake-1"
    assert set(Article.objects.values_list("analysis_state", flat=True)) == {"done"}
    assert Claim.objects.count() == 6 and AnalysisJobArticle.objects.filter(job=job).count() == 3
    assert {a.pk for a in stored} == set(job.completions.values_list("article_id", flat=True))

    again = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)
    assert (again.claims_added, again.claims_removed, again.claims_kept) == (0, 0, 6)
    assert Claim.objects.count() == 6


def test_fan_out_pages_through_articles_in_chunks(editor, django_capture_on_commit_callbacks, monkeypatch):
    articles(5)
    monkeypatch.setattr(job_services, "FAN_OUT_CHUNK", 2)
    steps = []
    real = job_services.job_fan_out_chunk
    monkeypatch.setattr(
        "claims.tasks.job_fan_out_chunk", lambda **kw: steps.append(kw["after_id"]) or real(**kw)
    )
    job = run(editor, JobScope(all=True), django_capture_on_commit_callbacks)
    assert len(steps) == 3 and steps[0] == 0 and steps == sorted(steps)
    assert (job.status, job.total, job.enqueued, job.done) == ("done", 5, 5, 5)


def test_an_empty_scope_finishes_at_once(editor, django_capture_on_commit_callbacks):
    job = run(editor, JobScope(outlet="Nobody"), django_capture_on_commit_callbacks)
    assert (job.status, job.total, job.done) == ("done", 0, 0)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (JobScope(since=datetime(2024, 1, 1, tzinfo=UTC)), {"new", "other-outlet"}),
        (JobScope(until=datetime(2024, 1, 1, tzinfo=UTC)), {"old"}),
        (JobScope(outlet="Other"), {"other-outlet"}),
        (JobScope(since=datetime(2024, 1, 1, tzinfo=UTC), outlet="Example News"), {"new"}),
        ("actor", {"old", "new"}),
        ("ids", {"new"}),
    ],
)
def test_scope_selects_the_articles(editor, scope, expected):
    old = ArticleFactory(title="old", published_at=datetime(2020, 1, 1, tzinfo=UTC))
    new = ArticleFactory(title="new", published_at=datetime(2025, 1, 1, tzinfo=UTC))
    ArticleFactory(title="other-outlet", outlet="Other", published_at=datetime(2025, 1, 1, tzinfo=UTC))
    if scope == "actor":
        actor = ActorFactory()
        ClaimFactory(article=old, speaker=actor)
        Mention.objects.create(article=new, actor=actor, start=0, end=3, text="Art")
        Mention.objects.create(article=new, actor=actor, start=4, end=5, text="x")
        scope = JobScope(actor_id=actor.pk)
    elif scope == "ids":
        scope = JobScope(article_ids=(new.pk,))
    titles = set(Article.objects.filter(scope.as_q()).values_list("title", flat=True))
    assert titles == expected
    assert Article.objects.filter(scope.as_q()).count() == len(expected)  # no article twice


@pytest.mark.parametrize(
    "scope",
    [
        JobScope(),
        JobScope(all=True, outlet="x"),
        JobScope(since=datetime(2025, 1, 1, tzinfo=UTC), until=datetime(2024, 1, 1, tzinfo=UTC)),
        JobScope(article_ids=(0,)),
        JobScope(actor_id=999_999),
        JobScope(article_ids=(999_999,)),
    ],
)
def test_bad_scopes_are_refused_and_nothing_is_written(editor, scope):
    with pytest.raises(ScopeError):
        job_create(user=editor, scope=scope)
    assert not AnalysisJob.objects.exists()


def test_explicit_article_ids_that_do_not_exist_are_named_and_nothing_starts(editor):
    stored = articles(1)[0]
    with pytest.raises(ScopeError) as refused:
        job_create(user=editor, scope=JobScope(article_ids=(stored.pk, 999_998, 999_999)))
    assert str(refused.value) == "There are no articles #999998, #999999."
    assert not AnalysisJob.objects.exists()


@pytest.mark.parametrize("who", ["analyst", "outsider"])
def test_only_editors_and_admins_start_jobs(request, who):
    with pytest.raises(PermissionDenied):
        job_create(user=request.getfixturevalue(who), scope=JobScope(all=True))
    assert not AnalysisJob.objects.exists()


def test_admins_start_jobs_too(admin_user):
    assert job_create(user=admin_user, scope=JobScope(all=True)).status == "queued"


def test_a_task_delivered_twice_counts_once(editor):
    article = articles(1)[0]
    job = AnalysisJob.objects.create(scope={"all": True}, status="running", total=2, enqueued=2)
    first = article_analyze(article_id=article.pk, content_hash=article.content_sha256, job_id=job.pk)
    second = article_analyze(article_id=article.pk, content_hash=article.content_sha256, job_id=job.pk)
    job.refresh_from_db()
    assert (first.status, second.status) == ("done", "done")
    assert (job.done, job.failed, job.claims_added, job.claims_kept, job.status) == (1, 0, 2, 0, "running")
    assert Claim.objects.count() == 2


def test_stale_and_deleted_articles_count_as_skipped(editor):
    article = articles(1)[0]
    job = AnalysisJob.objects.create(scope={"all": True}, status="running", total=2, enqueued=2)
    assert article_analyze(article_id=article.pk, content_hash="0" * 64, job_id=job.pk).status == "skipped"
    assert article_analyze(article_id=10**9, content_hash="0" * 64, job_id=job.pk).status == "skipped"
    job.refresh_from_db()
    assert (job.done, job.status) == (2, "done")
    assert Article.objects.get(pk=article.pk).analysis_state == "pending"


def test_a_failing_article_is_recorded_and_can_be_retried(
    editor, django_capture_on_commit_callbacks, settings
):
    ok = articles(1)[0]
    bad = ArticleFactory(body="The Ministry said EXTRACTOR-FAILS here.")
    job = run(editor, JobScope(article_ids=(ok.pk, bad.pk)), django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.failed) == ("done", 1, 1)
    failure = AnalysisJobFailure.objects.get(job=job)
    assert failure.article == bad and "told to fail" in failure.error
    bad.refresh_from_db()
    assert bad.analysis_state == "failed" and "told to fail" in bad.analysis_error

    settings.CLAIMTRACK_EXTRACTOR = "tests.claims.services.test_jobs.empty_extract"
    with django_capture_on_commit_callbacks(execute=True):
        assert job_retry_failed(user=editor, job=job) == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.failed, job.total) == ("done", 2, 0, 2)
    assert not AnalysisJobFailure.objects.filter(job=job).exists()
    assert Article.objects.get(pk=bad.pk).analysis_state == "done"
    with pytest.raises(JobError):
        job_retry_failed(user=editor, job=job)


def test_cancelled_jobs_skip_their_remaining_tasks(editor, analyst):
    article = articles(1)[0]
    job = AnalysisJob.objects.create(scope={"all": True}, status="running", total=1, enqueued=1)
    with pytest.raises(PermissionDenied):
        job_cancel(user=analyst, job=job)
    job_cancel(user=editor, job=job)
    assert job.status == "cancelled" and job.finished_at
    report = article_analyze(article_id=article.pk, content_hash=article.content_sha256, job_id=job.pk)
    job.refresh_from_db()
    assert report.status == "job_inactive" and job.done == 0
    assert not Claim.objects.exists()
    with pytest.raises(JobError):
        job_cancel(user=editor, job=job)


def test_transient_errors_are_retried_and_others_fail_at_once():
    article = articles(1)[0]
    args = (article.pk, article.content_sha256)
    broken = OperationalError("server closed the connection unexpectedly")
    with (
        patch("claims.tasks.article_analyze", side_effect=broken),
        patch.object(analyze_article, "retry", side_effect=Retry()) as retry,
        pytest.raises(Retry),
    ):
        analyze_article.run(*args)
    assert retry.call_args.kwargs["exc"] is broken
    assert Article.objects.get(pk=article.pk).analysis_state == "pending"

    # Out of retries: the article is marked failed with the reason.
    analyze_article.push_request(retries=MAX_RETRIES)
    try:
        with patch("claims.tasks.article_analyze", side_effect=broken):
            assert analyze_article.run(*args) == "failed"
    finally:
        analyze_article.pop_request()
    assert f"gave up after {MAX_RETRIES} retries" in Article.objects.get(pk=article.pk).analysis_error

    with (
        patch("claims.tasks.article_analyze", side_effect=KeyError("bug")),
        patch.object(analyze_article, "retry") as retry,
    ):
        assert analyze_article.run(*args) == "failed"
    assert not retry.called
    article.refresh_from_db()
    assert article.analysis_state == "failed" and "KeyError" in article.analysis_error

    assert analyze_article.run(*args) == "done"
    assert Article.objects.get(pk=article.pk).analysis_state == "done"


def test_a_task_killed_by_its_hard_time_limit_is_recorded_as_failed():
    article = articles(1)[0]
    job = AnalysisJob.objects.create(scope={"all": True}, status="running", total=1, enqueued=1)
    analyze_article.on_failure(
        TimeLimitExceeded(150), "task-id", (article.pk, article.content_sha256, job.pk), {}, None
    )
    job.refresh_from_db()
    article.refresh_from_db()
    assert (job.failed, job.status) == (1, "done")
    assert article.analysis_state == "failed" and "timed out" in article.analysis_error
    assert AnalysisJobFailure.objects.get(job=job).error == "timed out after 150 s"
