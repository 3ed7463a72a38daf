"""REST API for actors: list, search and detail for analysts; editors add actors."""

import django_filters as filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.pagination import Ordering
from claimtrack.api.views import ListRetrieveViewSet

from ..editing import actor_create
from ..lookup import actors_matching
from ..models import Actor
from .serializers import ActorCreateSerializer, ActorDetailSerializer, ActorSerializer


class ActorFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(distinct=False, choices=Actor.Kind.choices)
    code = filters.CharFilter(field_name="code", max_length=16)
    status = filters.ChoiceFilter(
        choices=Actor.Status.choices, help_text="`proposed`: the actors waiting for review."
    )
    q = filters.CharFilter(
        method="filter_name", max_length=200, help_text="Part of a name or an alias, or the whole code."
    )
    merged = filters.BooleanFilter(
        field_name="merged_into",
        lookup_expr="isnull",
        exclude=True,
        help_text="Include only merged (true) or unmerged (false) actors.",
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(id__in=actors_matching(value, live_only=False).values("id"))


@extend_schema_view(
    list=extend_schema(summary="List actors"),
    retrieve=extend_schema(summary="One actor, with its aliases and affiliation"),
    create=extend_schema(
        summary="Add an actor (editors)", request=ActorCreateSerializer, responses={201: ActorSerializer}
    ),
)
class ActorViewSet(ListRetrieveViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActorFilter
    orderings = {"name": Ordering(("name", "id")), "id": Ordering(("id",))}
    default_ordering = "name"
    queryset = Actor.objects.none()

    def get_queryset(self):
        qs = Actor.objects.select_related("affiliation")
        if self.action == "retrieve":
            return qs.prefetch_related("aliases")
        return qs.defer("description", "affiliation__description")

    def get_serializer_class(self):
        return ActorDetailSerializer if self.action == "retrieve" else ActorSerializer

    def create(self, request: Request) -> Response:
        serializer = ActorCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actor = actor_create(user=request.user, **serializer.validated_data)
        return Response(ActorSerializer(actor).data, status=status.HTTP_201_CREATED)
