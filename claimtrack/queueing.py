"""Queue work for the Celery workers by task name, through a transactional outbox.

Services name the task ("claims.tasks.analyze_article") instead of importing it, as Zulip
queues events by queue name: a service then never depends on the task module that calls it,
and the import graph has no circle.

What to run is written as an OutboxMessage row in the caller's transaction, so the work and the
rows it is about commit together or not at all. After commit the message is sent at once, with a
short broker timeout; when the broker is down the request still succeeds and the row stays
unsent. A sweeper (outbox_sweep, run by every worker's housekeeping loop, see
claimtrack.housekeeping) sends what is left once the broker is back. A message may therefore
arrive twice (sent, then the process died before marking it): every task queued here is
idempotent.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import cache
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery.result import AsyncResult
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claimtrack.celery import app
from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

# What a broker outage raises while publishing; anything else is a bug and propagates.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError)


@cache
def _tasks_loaded() -> None:
    # Every app's tasks module is registered, also in a web process (workers load them at start):
    # a registered task keeps its own options, and runs in-process when CELERY_TASK_ALWAYS_EAGER.
    app.loader.import_default_modules()


def _retry_policy() -> dict[str, float]:
    # One quick second try, then give up: the outbox row keeps the work, so waiting here would
    # only make the request slow (Celery's default policy plus the result backend's took 20 s).
    return {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}


def send(task_name: str, *args: Any) -> AsyncResult:
    """Send one task now, bypassing the outbox (its result is kept; the broker must be up)."""
    _tasks_loaded()
    return app.signature(task_name, args=args).apply_async()


def enqueue_after_commit(task_name: str, *args: Any) -> None:
    """Record the task in the current transaction; send it once that commits.

    A worker must never see an id that is not in the database yet, and a broker outage must not
    fail the caller: the row waits for the sweeper. Outside a transaction it is sent at once.
    """
    message = OutboxMessage.objects.create(task_name=task_name, args=_json_args(args))
    transaction.on_commit(lambda: deliver(message_ids=[message.pk]))


def enqueue_many_after_commit(task_name: str, arg_lists: Iterable[Sequence[Any]]) -> None:
    """Record one task per argument list; after commit, send them over one broker connection."""
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(task_name=task_name, args=_json_args(args)) for args in arg_lists]
    )
    if messages:
        ids = [message.pk for message in messages]
        transaction.on_commit(lambda: deliver(message_ids=ids))


def deliver(*, message_ids: Sequence[int]) -> int:
    """Send these recorded messages now; how many went. Those the broker refused stay unsent."""
    messages = list(OutboxMessage.objects.filter(pk__in=message_ids, sent_at__isnull=True).order_by("id"))
    return _publish(messages)


def outbox_sweep(*, batch: int | None = None) -> int:
    """Send what is still unsent (oldest first) and forget what was sent long ago; how many went.

    Skips messages younger than CLAIMTRACK_OUTBOX_GRACE seconds: their own request is likely
    sending them this very moment. Several workers may sweep at once; SKIP LOCKED gives each its
    own rows. Stops at the first broker error: the rest waits for the next sweep.
    """
    batch = batch or settings.CLAIMTRACK_OUTBOX_BATCH
    now = timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            messages = list(
                OutboxMessage.objects.filter(
                    sent_at__isnull=True,
                    created_at__lte=now - timedelta(seconds=settings.CLAIMTRACK_OUTBOX_GRACE),
                )
                .order_by("id")
                .select_for_update(skip_locked=True)[:batch]
            )
            went = _publish(messages)
        sent += went
        if went < batch:
            break
    _forget_sent(now)
    return sent


def _forget_sent(now) -> None:
    # Sent rows are kept a while for the admin site (what was sent when); then they only take room.
    keep = timedelta(seconds=settings.CLAIMTRACK_OUTBOX_KEEP_SENT)
    OutboxMessage.objects.filter(sent_at__lt=now - keep).delete()


def _publish(messages: Sequence[OutboxMessage]) -> int:
    """Publish the messages over one connection and mark them; stop at the first broker error."""
    if not messages:
        return 0
    _tasks_loaded()
    sent_ids: list[int] = []
    error = ""
    try:
        # Eager (no broker configured): tasks run right here, no connection is needed.
        eager = app.conf.task_always_eager
        with contextlib.nullcontext() if eager else app.producer_or_acquire() as producer:
            for message in messages:
                # ignore_result: with a result backend, apply_async subscribes to the result on
                # the same Redis, and that subscription retried for 20 s when Redis was down.
                app.signature(message.task_name, args=tuple(message.args)).apply_async(
                    producer=producer, ignore_result=True, retry=True, retry_policy=_retry_policy()
                )
                sent_ids.append(message.pk)
    except BROKER_ERRORS as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        logger.warning(
            "broker unreachable, %d of %d message(s) left for the outbox sweeper: %s",
            len(messages) - len(sent_ids),
            len(messages),
            error,
        )
    now = timezone.now()
    if sent_ids:
        OutboxMessage.objects.filter(pk__in=sent_ids).update(
            sent_at=now, attempts=F("attempts") + 1, last_attempt_at=now, last_error=""
        )
    if error:
        # Only the message that failed was tried; those after it were not.
        failed = messages[len(sent_ids)].pk
        OutboxMessage.objects.filter(pk=failed).update(
            attempts=F("attempts") + 1, last_attempt_at=now, last_error=error
        )
    return len(sent_ids)


def _json_args(args: Sequence[Any]) -> list[Any]:
    # Task messages are JSON (CELERY_TASK_SERIALIZER): store exactly what will be sent.
    return list(args)
