"""API representations of actors."""

from rest_framework import serializers

from ..models import Actor


class AffiliationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind", "code"]
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    affiliation = AffiliationRefSerializer(allow_null=True, read_only=True)
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
