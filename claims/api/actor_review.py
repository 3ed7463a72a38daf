"""Reviewing proposed actors through the API (editors): confirm, reject, merge into another.

List them with `GET /api/v1/actors/?status=proposed` and their statements with
`GET /api/v1/claims/?speaker=<id>`. Merging moves statements, so these views live in claims.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsEditor
from actors.api.serializers import ActorSerializer
from actors.editing import actor_review
from actors.models import Actor
from claimtrack.api.fields import StrictSerializer
from claimtrack.api.views import parse_id

from ..services.actor_merging import actor_merge


class ActorMergeRequestSerializer(StrictSerializer):
    into = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The actor it really is.")


class _ActorDecision(APIView):
    permission_classes = [IsEditor]
    decision = ""

    @extend_schema(request=None, responses={200: ActorSerializer})
    def post(self, request: Request, pk: str) -> Response:
        actor = get_object_or_404(Actor, pk=parse_id(pk))
        return Response(
            ActorSerializer(actor_review(user=request.user, actor=actor, decision=self.decision)).data
        )


@extend_schema(summary="Confirm a proposed actor (editors)")
class ActorConfirmView(_ActorDecision):
    decision = "confirm"


@extend_schema(summary="Reject a proposed actor (editors)")
class ActorRejectView(_ActorDecision):
    decision = "reject"


class ActorMergeView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(
        summary="Merge an actor into another (editors)",
        description="Its aliases, statements, mentions and members move to `into`; it redirects there.",
        request=ActorMergeRequestSerializer,
        responses={200: ActorSerializer},
    )
    def post(self, request: Request, pk: str) -> Response:
        actor = get_object_or_404(Actor, pk=parse_id(pk))
        serializer = ActorMergeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        into = Actor.objects.filter(pk=serializer.validated_data["into"]).first()
        if into is None:
            raise serializers.ValidationError({"into": ["There is no such actor."]})
        merge = actor_merge(user=request.user, source=actor, into=into)
        return Response(ActorSerializer(merge.into).data)
