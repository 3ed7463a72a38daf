from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "task_name", "args", "created_at", "sent_at", "attempts", "last_error")
    list_filter = ("task_name", ("sent_at", admin.EmptyFieldListFilter))
    readonly_fields = (
        "task_name",
        "args",
        "created_at",
        "sent_at",
        "attempts",
        "last_attempt_at",
        "last_error",
    )

    def has_add_permission(self, request) -> bool:
        # Rows are written by the services that queue work, never by hand.
        return False
