from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """One task to send to the workers, written in the same transaction as the rows it is about.

    A row with no sent_at has not reached the broker yet (the broker was down, or the process died
    between commit and send); the sweeper sends it. Every task sent this way is safe to receive
    twice, because a send that succeeded but was not marked is sent again.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The sweeper's scan: unsent rows oldest first; stays small however many were sent.
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_unsent_idx"),
            models.Index(fields=["sent_at"], condition=Q(sent_at__isnull=False), name="outbox_sent_idx"),
        ]

    def __str__(self) -> str:
        state = f"sent {self.sent_at:%Y-%m-%d %H:%M:%S}" if self.sent_at else "unsent"
        return f"{self.task_name}{tuple(self.args)} ({state})"
