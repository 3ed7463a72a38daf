"""Links between claims: analysts list them; editors create and delete them."""

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.pagination import Ordering
from claimtrack.api.views import ListRetrieveViewSet, parse_id

from ..models import ClaimLink
from ..services.editing import link_create, link_delete
from .filters import LinkFilter
from .selectors import link_queryset
from .serializers import LinkCreateSerializer, LinkSerializer
from .threads import LinkReviewMixin


@extend_schema_view(
    list=extend_schema(summary="List links between claims"),
    retrieve=extend_schema(summary="One link"),
    destroy=extend_schema(
        summary="Remove a link (editors)",
        description="An editor's link is deleted; a machine link is rejected, so re-analysis does not bring it back.",
    ),
)
class LinkViewSet(LinkReviewMixin, ListRetrieveViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    serializer_class = LinkSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = LinkFilter
    orderings = {"id": Ordering(("id",)), "-id": Ordering(("-id",))}
    default_ordering = "id"
    queryset = ClaimLink.objects.none()

    def get_queryset(self):
        return link_queryset()

    @extend_schema(
        summary="Link two claims (editors)", request=LinkCreateSerializer, responses={201: LinkSerializer}
    )
    def create(self, request: Request) -> Response:
        serializer = LinkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = link_create(user=request.user, **serializer.validated_data)
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        link = get_object_or_404(link_queryset().exclude(review_status="rejected"), pk=parse_id(pk))
        link_delete(user=request.user, link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)
