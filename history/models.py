from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ChangeRecord(models.Model):
    """One editor change: who, when, and the object's fields before and after."""

    class Action(models.TextChoices):
        CREATE = "create", "Create"
        UPDATE = "update", "Update"
        DELETE = "delete", "Delete"
        MERGE = "merge", "Merge"
        REVERT = "revert", "Revert"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reverted_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverts"
    )

    class Meta:
        # The table the claims app created: the model moved apps, its rows stayed where they were.
        db_table = "claims_changerecord"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="change_object_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type.model} {self.object_id}"
