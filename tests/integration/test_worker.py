"""A real Celery worker, fed through Redis, reading the test PostgreSQL database."""

from unittest.mock import patch

import pytest
from django.db import transaction

from articles.models import Article
from articles.services import article_create
from claims.tasks import analyze_article
from claimtrack import queueing
from outbox.models import OutboxMessage
from tests.factories import ArticleFactory
from tests.integration.conftest import wait_until

pytestmark = pytest.mark.integration

# Results are off by default (settings: CELERY_TASK_IGNORE_RESULT, so that a send never waits on the
# result store too); these tests read them, so they ask for them.


def test_worker_runs_the_analysis_task_against_postgres(celery_worker_process):
    article = ArticleFactory()

    def run(*args):
        return analyze_article.apply_async(args, ignore_result=False).get(timeout=60)

    assert run(article.id, article.content_sha256) == "done"
    # The worker reads the row: a wrong hash (stale task) and a deleted article are skipped.
    assert run(article.id, "0" * 64) == "skipped"
    assert run(article.id + 10_000, article.content_sha256) == "skipped"


def test_ingest_enqueues_analysis_only_after_commit_and_the_worker_runs_it(celery_worker_process, seed_text):
    sent = []
    real_publish = queueing._publish
    with patch.object(queueing, "_publish", side_effect=lambda m: sent.extend(m) or real_publish(m)):
        with transaction.atomic():
            created = article_create(body=seed_text)
            assert sent == []  # nothing leaves before the row is committed
        assert [m.task_name for m in sent] == ["claims.tasks.analyze_article"]
    assert OutboxMessage.objects.get().sent_at is not None
    # The worker found the committed row.
    wait_until(lambda: Article.objects.get(pk=created.article.pk).analysis_state == "done")
