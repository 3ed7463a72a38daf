"""Threads: analysts list and read them; editors merge, split and move statements between them,
and confirm or reject the links that hold them together."""

from datetime import UTC, datetime
from typing import Any

import django_filters as filters
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from actors.api.serializers import ActorRefSerializer, embedded_actor
from claimtrack.api.conditional import conditional_response
from claimtrack.api.fields import StrictIntegerField, StrictPrimaryKeyRelatedField, StrictSerializer
from claimtrack.api.pagination import KeysetPagination, Ordering
from claimtrack.api.views import IdLookupMixin, parse_id

from ..models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from ..selectors.threads import (
    SIDES,
    ThreadFilters,
    thread_filter,
    thread_links,
    thread_queryset,
    thread_sides,
)
from ..services.thread_editing import claim_thread_move, link_confirm, link_reject, thread_merge, thread_split
from .filters import IdFilter
from .selectors import attach_links, claim_queryset
from .serializers import ClaimSerializer, LinkSerializer, iso

_VERSION = {"min_value": 1, "max_value": 2**31 - 1}


class ThreadCountsSerializer(serializers.Serializer):
    statements = serializers.IntegerField()
    articles = serializers.IntegerField()
    claim = serializers.IntegerField()
    accusation = serializers.IntegerField()
    denial = serializers.IntegerField()
    criticism = serializers.IntegerField()


class ThreadSerializer(serializers.Serializer):
    """One proposition across articles: its title, dates and counts."""

    id = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True, help_text="Its earliest asserting statement.")
    title_claim = serializers.IntegerField(allow_null=True)
    first_seen = serializers.DateTimeField(allow_null=True)
    last_seen = serializers.DateTimeField(allow_null=True)
    counts = ThreadCountsSerializer()
    origin = serializers.ChoiceField(choices=Origin.choices, help_text="`editor` once an editor shaped it.")
    merged_into = serializers.IntegerField(allow_null=True, help_text="Set when merged into another thread.")
    version = serializers.IntegerField(help_text="Send it back with a merge or split.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, thread: Thread) -> dict[str, Any]:
        return {
            "id": thread.id,
            "title": thread.title,
            "title_claim": thread.title_claim_id,
            "first_seen": iso(thread.first_seen),
            "last_seen": iso(thread.last_seen),
            "counts": {
                "statements": thread.statement_count,
                "articles": thread.article_count,
                "claim": thread.claim_count,
                "accusation": thread.accusation_count,
                "denial": thread.denial_count,
                "criticism": thread.criticism_count,
            },
            "origin": thread.origin,
            "merged_into": thread.merged_into_id,
            "version": thread.version,
            "created_at": iso(thread.created_at),
            "updated_at": iso(thread.updated_at),
        }


class ThreadSidesSerializer(serializers.Serializer):
    asserting = ActorRefSerializer(many=True)
    denying = ActorRefSerializer(many=True)


class ThreadDetailSerializer(ThreadSerializer):
    members = ClaimSerializer(many=True, help_text="Its statements, earliest first.")
    links = LinkSerializer(many=True, help_text="The repeats and rebuts links from or to its statements.")
    sides = ThreadSidesSerializer(help_text="Who asserts and who denies it, by speaker.")

    def to_representation(self, thread: Thread) -> dict[str, Any]:
        # The view reads the members (thread_detail_members) and hands them over in the context.
        members = self.context["members"]
        return {
            **super().to_representation(thread),
            "members": [ClaimSerializer(c).data for c in members],
            "links": [LinkSerializer(link).data for link in self.context["links"]],
            "sides": {
                side: [embedded_actor(a) for a in actors] for side, actors in thread_sides(members).items()
            },
        }


def thread_detail_members(thread: Thread) -> list[Claim]:
    """The thread's statements in the claim representation's queryset, earliest first, links attached."""
    when = Coalesce("published_at", "article__ingested_at")
    members = claim_queryset().filter(thread_id=thread.id).exclude(review_status=ReviewStatus.REJECTED)
    return attach_links(list(members.order_by(when.asc(), "id")))


class ThreadFilter(filters.FilterSet):
    actor = IdFilter(
        method="noop", help_text="Actor id: speaks (itself or an official of it) or is targeted."
    )
    side = filters.ChoiceFilter(
        method="noop", choices=[(s, s) for s in SIDES], help_text="With actor: the side the actor speaks on."
    )
    kind = filters.MultipleChoiceFilter(
        method="noop", distinct=False, choices=Claim.Kind.choices, help_text="Has a statement of this kind."
    )
    since = filters.IsoDateTimeFilter(method="noop", help_text="Last seen at or after.")
    until = filters.IsoDateTimeFilter(method="noop", help_text="First seen before.")
    q = filters.CharFilter(method="noop", max_length=500, help_text="Full text over its statements.")
    outlet = filters.CharFilter(method="noop", max_length=200, help_text="Has a statement from this outlet.")
    updated_since = filters.IsoDateTimeFilter(
        method="noop", help_text="Changed at or after (incremental sync)."
    )

    class Meta:
        model = Thread
        fields: list[str] = []

    def noop(self, queryset, name, value):
        return queryset  # all applied together in filter_queryset, through the selector

    def filter_queryset(self, queryset):
        data = {
            # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows (+20:30).
            name: value.astimezone(UTC) if isinstance(value, datetime) else value
            for name, value in self.form.cleaned_data.items()
        }
        return thread_filter(
            queryset,
            ThreadFilters(
                actor=data.get("actor"),
                side=data.get("side") or None,
                kinds=tuple(data.get("kind") or ()),
                since=data.get("since"),
                until=data.get("until"),
                q=data.get("q") or "",
                outlet=data.get("outlet") or "",
                updated_since=data.get("updated_since"),
            ),
        )


class ThreadVersionSerializer(StrictSerializer):
    version = StrictIntegerField(**_VERSION)


class ThreadMergeSerializer(StrictSerializer):
    # An unknown id in the body is a 400 on that field, as everywhere in the API; a 404 would
    # say that the thread of the URL is missing.
    into = StrictPrimaryKeyRelatedField(queryset=Thread.objects.all(), help_text="The thread that stays.")
    version = StrictIntegerField(**_VERSION, help_text="The version of this thread you read.")
    into_version = StrictIntegerField(**_VERSION, help_text="The version of `into` you read.")


class ThreadSplitSerializer(StrictSerializer):
    claims = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=1000
    )
    version = StrictIntegerField(**_VERSION)


class ThreadMoveSerializer(StrictSerializer):
    claim = StrictPrimaryKeyRelatedField(
        queryset=Claim.objects.all(), help_text="The statement to put in this thread."
    )
    version = StrictIntegerField(**_VERSION, help_text="The statement's version you read.")


@extend_schema_view(
    list=extend_schema(
        summary="List threads", description="Latest first (by last statement); follow `next`."
    ),
    retrieve=extend_schema(summary="One thread, with its statements, links and sides"),
)
class ThreadViewSet(IdLookupMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    serializer_class = ThreadSerializer
    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ThreadFilter
    orderings = {
        "-last_seen": Ordering(("-last_seen", "-id")),
        "updated_at": Ordering(("updated_at", "id")),
        "-updated_at": Ordering(("-updated_at", "-id")),
    }
    default_ordering = "-last_seen"
    queryset = Thread.objects.none()

    def get_queryset(self):
        return thread_queryset()

    def _thread(self, pk: str) -> Thread:
        # Merged threads too: a client following an old id learns where it went (merged_into).
        return get_object_or_404(Thread.objects.all(), pk=parse_id(pk))

    @extend_schema(responses={200: ThreadDetailSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        thread = self._thread(pk)
        members = thread_detail_members(thread)
        links = thread_links(claim_ids=[c.id for c in members])
        data = ThreadDetailSerializer(thread, context={"members": members, "links": links}).data
        return conditional_response(request, data)

    @extend_schema(
        summary="Merge this thread into another (editors)",
        request=ThreadMergeSerializer,
        responses={200: ThreadSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str) -> Response:
        thread = self._thread(pk)
        body = ThreadMergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        survivor = thread_merge(
            user=request.user,
            thread=thread,
            into=body.validated_data["into"],
            expected_version=body.validated_data["version"],
            into_version=body.validated_data["into_version"],
        )
        return Response(ThreadSerializer(survivor).data)

    @extend_schema(
        summary="Split statements out into a new thread (editors)",
        request=ThreadSplitSerializer,
        responses={201: ThreadSerializer},
    )
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: str) -> Response:
        thread = self._thread(pk)
        body = ThreadSplitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        new = thread_split(
            user=request.user,
            thread=thread,
            claim_ids=body.validated_data["claims"],
            expected_version=body.validated_data["version"],
        )
        return Response(ThreadSerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move a statement into this thread (editors)",
        request=ThreadMoveSerializer,
        responses={200: ThreadSerializer},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        thread = self._thread(pk)
        body = ThreadMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        claim_thread_move(
            user=request.user,
            claim=body.validated_data["claim"],
            thread=thread,
            expected_version=body.validated_data["version"],
        )
        thread.refresh_from_db()
        return Response(ThreadSerializer(thread).data)


def _review_link(request: Request, pk: str, service) -> Response:
    link = get_object_or_404(ClaimLink.objects.all(), pk=parse_id(pk))
    body = ThreadVersionSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    link = service(user=request.user, link=link, expected_version=body.validated_data["version"])
    return Response(LinkSerializer(link).data)


class LinkReviewMixin:
    """`POST links/{id}/confirm/` and `…/reject/` for the links ViewSet (editors)."""

    @extend_schema(
        summary="Confirm a link (editors)", request=ThreadVersionSerializer, responses={200: LinkSerializer}
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        return _review_link(request, pk, link_confirm)

    @extend_schema(
        summary="Reject a link (editors)",
        description="The pair is never proposed again; threading places both statements again.",
        request=ThreadVersionSerializer,
        responses={200: LinkSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        return _review_link(request, pk, link_reject)
