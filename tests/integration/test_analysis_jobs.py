"""Analysis and re-analysis on real Celery workers (Redis broker, PostgreSQL): no editor decision lost."""

import time

import pytest
from django.db.models import Count, F
from django.forms.models import model_to_dict

from articles.models import Article
from articles.services import article_create
from claims.models import AnalysisJob, AnalysisJobArticle, Claim, ClaimLink, Origin, ReviewStatus
from claims.scope import JobScope
from claims.services.jobs import job_create
from tests.factories import ArticleFactory, UserFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration

FAKE = {"CLAIMTRACK_EXTRACTOR": "tests.fake_extractor.extract"}
TEXT = (
    "Dispatch {n}.\n\nThe Ministry said the border was closed on day {n}. "
    "The Embassy denied that the border was closed. The Council condemned the closure."
)


def finished(job: AnalysisJob) -> bool:
    job.refresh_from_db()
    return job.status == AnalysisJob.Status.DONE


def assert_no_duplicates() -> None:
    dupes = (
        Claim.objects.values("article", "kind", "content_start", "content_end")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dupes.exists(), list(dupes)
    link_dupes = (
        ClaimLink.objects.values("source", "target", "relation").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not link_dupes.exists()


def test_an_ingested_article_is_analysed_end_to_end_by_the_real_extractor(real_celery, seed_text):
    from extraction.pipeline import EXTRACTOR_VERSION

    real_celery()
    article = article_create(body=seed_text).article
    wait_until(lambda: Article.objects.get(pk=article.pk).analysis_state != "pending", timeout=90)

    article.refresh_from_db()
    assert (article.analysis_state, article.analysis_error) == ("done", "")
    assert article.analysis_extractor_version == EXTRACTOR_VERSION and article.analyzed_at
    for claim in Claim.objects.filter(article=article):
        spans = [
            *claim.content_spans,
            [claim.speaker_start, claim.speaker_end],
            [claim.cue_start, claim.cue_end],
        ]
        for start, end in spans:
            assert start is None or 0 <= start < end <= len(article.body)
        assert claim.quote_text == " … ".join(article.body[s:e] for s, e in claim.content_spans)
        assert claim.extractor_version == EXTRACTOR_VERSION


def test_reanalysis_brings_back_every_editor_decision_exactly_as_left(real_celery):
    real_celery(env=FAKE)
    editor = UserFactory()  # transactional tests flush the role groups; roles are tested elsewhere
    article = article_create(body=TEXT.format(n=1)).article
    wait_until(lambda: Claim.objects.filter(article=article).count() == 3)
    said, denied, condemned = Claim.objects.filter(article=article).order_by("content_start")
    said.review_status, said.version, said.updated_by = ReviewStatus.CONFIRMED, 2, editor
    said.save()
    denied.kind, denied.review_status, denied.note = (
        Claim.Kind.ACCUSATION,
        ReviewStatus.EDITED,
        "an accusation",
    )
    denied.quote_text, denied.confidence = "the border was closed", 1.0
    denied.save()
    condemned.review_status = ReviewStatus.REJECTED
    condemned.save()
    start = article.body.index("Dispatch")
    added = Claim.objects.create(
        article=article,
        kind=Claim.Kind.CLAIM,
        content_start=start,
        content_end=start + 8,
        content_spans=[[start, start + 8]],
        quote_text="Dispatch",
        origin=Origin.EDITOR,
        review_status=ReviewStatus.CONFIRMED,
        updated_by=editor,
    )
    link = ClaimLink.objects.create(source=added, target=said, relation="supports", origin=Origin.EDITOR)
    decisions = (said, denied, condemned, added)
    before = {c.pk: model_to_dict(Claim.objects.get(pk=c.pk)) for c in decisions}
    stamps = {c.pk: Claim.objects.get(pk=c.pk).updated_at for c in decisions}

    job = job_create(user=None, scope=JobScope(all=True))
    wait_until(lambda: finished(job))

    assert (job.total, job.done, job.failed, job.claims_added, job.claims_removed) == (1, 1, 0, 0, 0)
    assert {c.pk: model_to_dict(Claim.objects.get(pk=c.pk)) for c in decisions} == before
    assert {c.pk: Claim.objects.get(pk=c.pk).updated_at for c in decisions} == stamps
    assert ClaimLink.objects.filter(pk=link.pk).exists()
    assert Claim.objects.filter(article=article).count() == 4
    assert Claim.objects.get(pk=condemned.pk).review_status == ReviewStatus.REJECTED
    assert_no_duplicates()


def test_a_job_survives_a_worker_killed_mid_job(real_celery):
    # acks_late keeps unacknowledged messages in Redis; a short visibility timeout lets the next
    # worker take them back quickly. Delivered twice, they must still be counted once.
    env = {**FAKE, "CLAIMTRACK_TEST_EXTRACT_DELAY": "0.2", "CELERY_VISIBILITY_TIMEOUT": "3"}
    articles = [ArticleFactory(body=TEXT.format(n=i)) for i in range(40)]
    worker = real_celery(env=env, concurrency=2, name="doomed")
    job = job_create(user=None, scope=JobScope(all=True))
    wait_until(lambda: AnalysisJob.objects.get(pk=job.pk).done >= 6, timeout=60, interval=0.05)
    worker.kill()
    killed_at = AnalysisJob.objects.get(pk=job.pk)
    assert killed_at.status == "running" and killed_at.done < 40  # really killed mid-job

    time.sleep(4)  # past the visibility timeout: the new worker restores what the dead one held
    real_celery(env=env, concurrency=2, name="rescuer")
    wait_until(lambda: finished(job), timeout=90)

    assert (job.total, job.done, job.failed, job.claims_added) == (40, 40, 0, 120)
    assert AnalysisJobArticle.objects.filter(job=job).count() == 40
    # The extractor's own links, one per article; threading adds cross-article ones beside them.
    in_article = ClaimLink.objects.filter(source__article_id=F("target__article_id"))
    assert Claim.objects.count() == 120 and in_article.count() == 40
    assert set(Article.objects.values_list("analysis_state", flat=True)) == {"done"}
    assert {a.pk for a in articles} == set(job.completions.values_list("article_id", flat=True))
    assert_no_duplicates()


def test_two_overlapping_jobs_leave_no_duplicates(real_celery):
    articles = [ArticleFactory(body=TEXT.format(n=i)) for i in range(24)]
    real_celery(env=FAKE, concurrency=2, name="left")
    real_celery(env=FAKE, concurrency=2, name="right")
    first = job_create(user=None, scope=JobScope(all=True))
    second = job_create(user=None, scope=JobScope(article_ids=tuple(a.pk for a in articles[::2])))
    wait_until(lambda: finished(first) and finished(second), timeout=90)

    assert (first.total, first.done, first.failed) == (24, 24, 0)
    assert (second.total, second.done, second.failed) == (12, 12, 0)
    assert Claim.objects.count() == 72
    assert_no_duplicates()
