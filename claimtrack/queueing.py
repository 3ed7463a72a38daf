"""Queue work for the Celery workers by task name, after the surrounding transaction commits.

Services name the task ("claims.tasks.analyze_article") instead of importing it, as Zulip
queues events by queue name: a service then never depends on the task module that calls it,
and the import graph has no circle.
"""

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from celery.result import AsyncResult
from django.db import transaction

from claimtrack.celery import app


@cache
def _tasks_loaded() -> None:
    # Every app's tasks module is registered, also in a web process (workers load them at start):
    # a registered task keeps its own options, and runs in-process when CELERY_TASK_ALWAYS_EAGER.
    app.loader.import_default_modules()


def send(task_name: str, *args: Any) -> AsyncResult:
    """Send one task now (call it after commit; see enqueue_after_commit)."""
    _tasks_loaded()
    return app.signature(task_name, args=args).apply_async()


def send_many(task_name: str, arg_lists: Iterable[Sequence[Any]]) -> None:
    """Send one task per argument list over a single broker connection, results ignored."""
    _tasks_loaded()
    with app.producer_or_acquire() as producer:
        for args in arg_lists:
            app.signature(task_name, args=tuple(args)).apply_async(producer=producer, ignore_result=True)


def enqueue_after_commit(task_name: str, *args: Any) -> None:
    """Send the task once the current transaction commits (at once outside a transaction).

    A worker must never see an id that is not in the database yet.
    """
    transaction.on_commit(lambda: send(task_name, *args))


def enqueue_many_after_commit(task_name: str, arg_lists: Iterable[Sequence[Any]]) -> None:
    arg_lists = [tuple(args) for args in arg_lists]
    transaction.on_commit(lambda: send_many(task_name, arg_lists))
