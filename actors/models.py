from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Actor(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State"
        ORGANISATION = "organisation", "Organisation"
        PERSON = "person", "Person"
        MEDIA = "media", "Media"
        GROUP = "group", "Group"

    class Status(models.TextChoices):
        # Machine-created actors that the knowledge base does not know wait for an editor.
        PROPOSED = "proposed", "Proposed"
        CONFIRMED = "confirmed", "Confirmed"
        # An editor said it is no actor (a misread phrase); its statements keep it until edited.
        REJECTED = "rejected", "Rejected"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    # ISO 3166 alpha-3 for states, CAMEO-style codes (IGOUNO…) for organisations.
    code = models.CharField(max_length=16, blank=True, db_index=True)
    description = models.TextField(blank=True)
    role = models.CharField(max_length=300, blank=True)
    affiliation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # The extraction knowledge base's key; ties database rows to the shipped data.
    kb_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="actor_name_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty"),
            models.CheckConstraint(condition=~Q(affiliation=F("id")), name="actor_not_own_affiliation"),
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="actor_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.name


def actor_ref(actor: "Actor | None") -> dict[str, Any] | None:
    """How a statement, a history record or an API row names an actor: its id and its name (history
    keeps the name so that a record stays readable after a rename or a merge)."""
    return None if actor is None else {"id": actor.pk, "name": actor.name}


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    # Unique across all actors: one surface form resolves to one actor.
    normalised = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "actor aliases"
        constraints = [models.CheckConstraint(condition=~Q(normalised=""), name="alias_not_empty")]

    def __str__(self) -> str:
        return self.alias


class ActorMerge(models.Model):
    """One merge of a duplicate actor into another, with what moved so that an admin can undo it."""

    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges_out")
    into = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges_in")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    # Ids of the rows the merge re-pointed. Undo moves back exactly these, and only those that
    # still point where the merge left them: later editor work is never undone with it.
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(source=F("into")), name="merge_not_into_itself")]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.into_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
