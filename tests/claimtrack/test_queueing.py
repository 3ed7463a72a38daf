"""The outbox behind claimtrack.queueing: work is recorded with its transaction, sent after commit,
and a broker error leaves it for the sweeper instead of failing the caller."""

from datetime import timedelta

import kombu.exceptions
import pytest
from django.db import transaction
from django.utils import timezone

from articles.services import article_create
from claimtrack import housekeeping, queueing
from claimtrack.celery import app
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

TEXT = "Report.\n\nThe Ministry said talks had failed. The Embassy denied that talks had failed."


@pytest.fixture
def broker(monkeypatch):
    """A fake broker that records what is published, and can be switched off."""

    class Broker:
        up = True
        published: list[tuple[str, tuple]] = []

    def apply_async(signature, **options):
        if not Broker.up:
            raise kombu.exceptions.OperationalError(
                "Error 111 connecting to 127.0.0.1:1. Connection refused."
            )
        assert options["ignore_result"] is True
        Broker.published.append((signature.task, tuple(signature.args)))

    monkeypatch.setattr(type(app.signature("x")), "apply_async", apply_async)
    Broker.published = []
    return Broker


def test_a_rolled_back_transaction_queues_nothing(broker):
    with pytest.raises(RuntimeError), transaction.atomic():
        queueing.enqueue_after_commit("claims.tasks.analyze_article", 1, "a" * 64)
        raise RuntimeError("roll back")
    assert not OutboxMessage.objects.exists()
    assert broker.published == []


def test_a_message_is_sent_after_commit_and_marked(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queueing.enqueue_many_after_commit("claims.tasks.analyze_article", [(1, "a"), (2, "b")])
        assert broker.published == []
    assert broker.published == [
        ("claims.tasks.analyze_article", (1, "a")),
        ("claims.tasks.analyze_article", (2, "b")),
    ]
    rows = list(OutboxMessage.objects.values_list("sent_at", "attempts", "last_error"))
    assert all(sent and attempts == 1 and not error for sent, attempts, error in rows) and len(rows) == 2


def test_a_broker_outage_keeps_the_article_and_its_work_and_the_sweeper_sends_it_later(
    broker, django_capture_on_commit_callbacks, settings
):
    broker.up = False
    with django_capture_on_commit_callbacks(execute=True):
        created = article_create(body=TEXT)  # does not raise: the caller's write succeeded
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.args) == (
        "claims.tasks.analyze_article",
        [created.article.id, created.article.content_sha256],
    )
    assert message.sent_at is None and message.attempts == 1 and "Connection refused" in message.last_error
    assert created.article.analysis_detail == "Waiting for a worker to analyse it."

    settings.CLAIMTRACK_OUTBOX_GRACE = 0
    assert queueing.outbox_sweep() == 0  # still down: tried again, still kept
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 2

    broker.up = True
    assert queueing.outbox_sweep() == 1
    message.refresh_from_db()
    assert message.sent_at is not None and message.last_error == ""
    assert broker.published == [
        ("claims.tasks.analyze_article", (created.article.id, created.article.content_sha256))
    ]
    assert queueing.outbox_sweep() == 0  # sent once, not again


def test_the_sweeper_leaves_young_messages_to_their_request_and_forgets_old_sent_ones(broker, settings):
    settings.CLAIMTRACK_OUTBOX_GRACE = 60
    young = OutboxMessage.objects.create(task_name="claims.tasks.fan_out_job", args=[1, 0])
    old = OutboxMessage.objects.create(
        task_name="claims.tasks.fan_out_job", args=[2, 0], created_at=timezone.now() - timedelta(minutes=5)
    )
    long_sent = OutboxMessage.objects.create(
        task_name="claims.tasks.fan_out_job", args=[3, 0], sent_at=timezone.now() - timedelta(days=2)
    )
    assert queueing.outbox_sweep() == 1
    assert broker.published == [("claims.tasks.fan_out_job", (2, 0))]
    assert OutboxMessage.objects.get(pk=young.pk).sent_at is None
    assert OutboxMessage.objects.get(pk=old.pk).sent_at is not None
    assert not OutboxMessage.objects.filter(pk=long_sent.pk).exists()


def test_the_sweeper_pages_through_a_backlog_in_batches(broker, settings):
    settings.CLAIMTRACK_OUTBOX_GRACE = 0
    OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name="claims.tasks.fan_out_job", args=[n, 0]) for n in range(7)
    )
    assert queueing.outbox_sweep(batch=3) == 7
    assert [args for _, args in broker.published] == [(n, 0) for n in range(7)]


def test_housekeeping_runs_every_configured_function_and_survives_one_that_fails(settings, caplog):
    settings.CLAIMTRACK_HOUSEKEEPING = [
        "tests.claimtrack.test_queueing.failing",
        "tests.claimtrack.test_queueing.counting",
    ]
    CALLS.clear()
    housekeeping.run_once()
    assert CALLS == ["counted"]
    assert "tests.claimtrack.test_queueing.failing failed" in caplog.text


CALLS: list[str] = []


def failing() -> None:
    raise RuntimeError("boom")


def counting() -> None:
    CALLS.append("counted")
