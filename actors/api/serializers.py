"""API representations of actors, and the actor as every other API representation embeds it."""

from typing import Any

from rest_framework import serializers

from claimtrack.api.fields import StrictCharField, StrictSerializer

from ..models import Actor, actor_ref


def _brief(actor: Actor) -> dict[str, Any]:
    # The model's reference (id, name) plus what an API client filters and colours by.
    return {**actor_ref(actor), "kind": actor.kind, "code": actor.code}


def embedded_actor(actor: Actor | None) -> dict[str, Any] | None:
    """An actor as a claim (or a linked claim) shows it: who it is and whom it speaks for."""
    if actor is None:
        return None
    affiliation = actor.affiliation
    return {**_brief(actor), "affiliation": None if affiliation is None else _brief(affiliation)}


class AffiliationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Actor.Kind.choices)
    code = serializers.CharField(allow_blank=True)

    def to_representation(self, actor: Actor) -> dict[str, Any]:
        return _brief(actor)


class ActorRefSerializer(AffiliationSerializer):
    """The shape of `embedded_actor`: what the schema documents for every embedded actor."""

    affiliation = AffiliationSerializer(allow_null=True)

    def to_representation(self, actor: Actor) -> dict[str, Any]:
        return embedded_actor(actor)


class ActorSerializer(serializers.ModelSerializer):
    affiliation = AffiliationSerializer(allow_null=True, read_only=True)
    merged_into = serializers.IntegerField(
        source="merged_into_id",
        allow_null=True,
        read_only=True,
        help_text="Set when merged into another actor.",
    )

    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "code", "role", "affiliation", "status", "merged_into"]
        read_only_fields = fields


class ActorDetailSerializer(ActorSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta(ActorSerializer.Meta):
        fields = [*ActorSerializer.Meta.fields, "description", "aliases"]
        read_only_fields = fields

    def get_aliases(self, actor: Actor) -> list[str]:
        return [alias.alias for alias in actor.aliases.all()]


class ActorCreateSerializer(StrictSerializer):
    """A new actor; its name becomes an alias, so a name another actor already has is refused."""

    name = StrictCharField(max_length=300)
    kind = serializers.ChoiceField(choices=Actor.Kind.choices)
    code = StrictCharField(max_length=16, allow_blank=True, required=False)
