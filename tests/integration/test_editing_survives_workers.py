"""Editor work through the editing services against real Celery workers and concurrent editors."""

import threading

import pytest
from django.db import connection

from actors.models import Actor
from articles.models import Article
from articles.services import article_create
from claims.models import AnalysisJob, Claim, ClaimLink
from claims.scope import JobScope
from claims.services.actor_merging import actor_merge
from claims.services.editing import claim_reject, claim_update, link_create, link_delete
from claims.services.jobs import job_create
from claimtrack.errors import VersionConflict
from tests.factories import ActorFactory, ClaimFactory, UserFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _role_groups(role_groups):
    pass


def test_speaker_change_rebuttal_link_rejection_and_merge_survive_a_reanalysis_on_a_worker(
    real_celery, seed_text
):
    real_celery()
    editor = UserFactory(role="editor")
    article = article_create(body=seed_text).article
    wait_until(lambda: Article.objects.get(pk=article.pk).analysis_state == "done", timeout=90)
    machine = list(Claim.objects.filter(article=article).order_by("content_start", "id"))
    assert len(machine) >= 4
    changed, rejected, rebuttal = machine[0], machine[1], machine[-1]
    elsewhere = ClaimFactory(quote_text="a claim in another article")
    kcna = ActorFactory(name="Korean Central News Agency", kind="media")
    claim_update(user=editor, claim=changed, expected_version=changed.version, speaker=kcna)
    claim_reject(user=editor, claim=rejected, expected_version=rejected.version)
    link = link_create(user=editor, source=rebuttal, target=elsewhere, relation="rebuts")
    machine_link = ClaimLink.objects.filter(source__article=article, origin="machine").first()
    if machine_link:
        link_delete(user=editor, link=machine_link)
    # The editor merges the knowledge base's North Korea into an actor of their own: the
    # re-analysis must follow the merge instead of pointing statements at the redirect again.
    north_korea = Actor.objects.get(name="North Korea", merged_into__isnull=True)
    kept = ActorFactory(name="DPRK (editors' record)")
    actor_merge(user=editor, source=north_korea, into=kept)

    job = job_create(user=editor, scope=JobScope(article_ids=(article.pk,)))
    wait_until(lambda: AnalysisJob.objects.get(pk=job.pk).status == "done", timeout=90)

    changed.refresh_from_db()
    assert (changed.speaker, changed.review_status) == (kcna, "edited")
    assert Claim.objects.get(pk=rejected.pk).review_status == "rejected"
    assert (
        not Claim.objects.visible()
        .filter(article=article, kind=rejected.kind, content_start=rejected.content_start)
        .exists()
    )
    assert ClaimLink.objects.filter(pk=link.pk, origin="editor", review_status="confirmed").exists()
    if machine_link:
        # The removed machine link was not proposed again.
        assert list(
            ClaimLink.objects.filter(
                source=machine_link.source, target=machine_link.target, relation=machine_link.relation
            ).values_list("review_status", flat=True)
        ) == ["rejected"]
    assert not Claim.objects.filter(speaker=north_korea).exists()
    assert Claim.objects.filter(article=article, speaker=kept).exists()


def test_two_editors_saving_the_same_version_at_once_one_wins_one_gets_a_conflict(transactional_db):
    claim = ClaimFactory(kind="claim")
    editors = [UserFactory(role="editor"), UserFactory(role="editor")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, kind: str) -> None:
        try:
            barrier.wait()
            claim_update(user=user, claim=Claim.objects.get(pk=claim.pk), expected_version=1, kind=kind)
            outcomes.append("saved")
        except VersionConflict:
            outcomes.append("conflict")
        finally:
            connection.close()  # this thread's own connection; the test database is dropped later

    threads = [
        threading.Thread(target=save, args=(editors[0], "denial")),
        threading.Thread(target=save, args=(editors[1], "accusation")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"]
    claim.refresh_from_db()
    assert claim.version == 2 and claim.kind in ("denial", "accusation")
    assert claim.updated_by in editors
