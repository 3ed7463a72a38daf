"""Claims: list and detail for analysts; create, update, confirm and reject for editors."""

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.conditional import (
    PreconditionFailed,
    conditional_response,
    etag_for,
    expected_version,
)
from claimtrack.api.pagination import KeysetPagination, Ordering, keyset_rows
from claimtrack.api.views import IdLookupMixin, parse_id
from claimtrack.errors import VersionConflict
from claimtrack.keyset import Keyset
from history.selectors import latest_change

from ..models import Claim
from ..selectors.search import claim_search_page
from ..services.editing import claim_confirm, claim_create, claim_reject, claim_update
from .filters import ClaimFilter
from .selectors import attach_links, claim_get, claim_queryset
from .serializers import (
    ChangeSerializer,
    ClaimConflictSerializer,
    ClaimCreateSerializer,
    ClaimReviewSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
)

# Each ordering matches an index on claims_claim, so a page is an index range scan.
CLAIM_ORDERINGS = {
    "-published_at": Ordering(("-published_at", "article_id", "content_start", "id")),
    "published_at": Ordering(("published_at", "-article_id", "-content_start", "-id")),
    "updated_at": Ordering(("updated_at", "id")),
    "-updated_at": Ordering(("-updated_at", "-id")),
    "id": Ordering(("id",)),
    "-id": Ordering(("-id",)),
}

_IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    description="The ETag you read; instead of `version` in the body.",
)


def _represent(claim_id: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    data = ClaimSerializer(claim_get(claim_id=claim_id)).data
    return Response(data, status=status_code, headers={"ETag": etag_for(data)})


def _conflict(exc: VersionConflict) -> Response:
    """409 with what the editor needs to decide again: the claim as it is and the change that won."""
    current = claim_get(claim_id=exc.current.pk)
    change = latest_change(obj=exc.current)
    who = change.user.get_username() if change and change.user else "someone"
    if isinstance(exc.expected_version, int) and exc.expected_version > current.version:
        # Nobody overtook this client: it sent a version the statement never had (often the one
        # it expects to create). Naming the last editor would blame them for nothing.
        detail = (
            f"This statement has no version {exc.expected_version}; it is at version {current.version}. "
            "Nothing was saved; send the version you read (`version` or the ETag as If-Match)."
        )
    else:
        detail = (
            f"{who} changed this statement since you loaded it (you had version {exc.expected_version}, "
            f"it is now version {current.version}). Nothing was saved; review their change, then make "
            "yours again."
        )
    data = {
        "detail": detail,
        "current_version": current.version,
        "current": ClaimSerializer(current).data,
        "change": ChangeSerializer(change).data if change else None,
    }
    return Response(data, status=status.HTTP_409_CONFLICT, headers={"ETag": etag_for(data["current"])})


@extend_schema_view(
    list=extend_schema(summary="List claims", description="Newest first by default; follow `next` to page."),
    retrieve=extend_schema(
        summary="One claim", description="Sends an ETag; with If-None-Match, 304 when unchanged."
    ),
)
class ClaimViewSet(IdLookupMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    serializer_class = ClaimSerializer
    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    orderings = CLAIM_ORDERINGS
    default_ordering = "-published_at"
    versioned_write = True
    conditional_get = True
    queryset = Claim.objects.none()  # for the schema; get_queryset reads through the selector

    def get_queryset(self):
        return claim_queryset()

    def _claim(self, pk: str) -> Claim:
        claim = get_object_or_404(claim_queryset(), pk=parse_id(pk))
        return attach_links([claim])[0]

    def _searching(self) -> bool:
        return bool(self.request.query_params.get("q", "").strip())

    def keyset_rows(self, queryset, *, keyset: Keyset, after: list | None, limit: int) -> list[Claim]:
        """The page's rows (KeysetPagination). A full-text search's queryset is the claims table
        alone (see list): its page's ids are found there, newest first in date slices, and only
        the page's rows are read as the API shows them (claim_search_page); the same page."""
        if not self._searching():
            return keyset_rows(queryset, keyset=keyset, after=after, limit=limit)
        return claim_search_page(
            matches=queryset, rows=claim_queryset(), keyset=keyset, after=after, limit=limit
        )

    def list(self, request: Request) -> Response:
        base = Claim.objects.all() if self._searching() else self.get_queryset()
        page = self.paginate_queryset(self.filter_queryset(base))
        return self.get_paginated_response(ClaimSerializer(attach_links(page), many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return conditional_response(request, ClaimSerializer(self._claim(pk)).data)

    @extend_schema(
        summary="Add a claim (editors)", request=ClaimCreateSerializer, responses={201: ClaimSerializer}
    )
    def create(self, request: Request) -> Response:
        serializer = ClaimCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_create(user=request.user, **serializer.validated_data)
        return _represent(claim.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a claim (editors)",
        description="Only the fields sent change. State the version you read: `version` or If-Match.",
        request=ClaimUpdateSerializer,
        responses={200: ClaimSerializer, 409: ClaimConflictSerializer},
        parameters=[_IF_MATCH],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        claim = self._claim(pk)
        serializer = ClaimUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = self._expected_version(request, claim, changes.pop("version", None))
        return self._versioned(request, claim_update, claim=claim.pk, expected_version=version, **changes)

    @extend_schema(
        summary="Confirm a claim (editors)",
        request=ClaimReviewSerializer,
        responses={200: ClaimSerializer, 409: ClaimConflictSerializer},
        parameters=[_IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        return self._review(request, pk, claim_confirm)

    @extend_schema(
        summary="Reject a claim (editors)",
        description="A rejected claim leaves the default list (ask for `status=rejected`) but keeps its row.",
        request=ClaimReviewSerializer,
        responses={200: ClaimSerializer, 409: ClaimConflictSerializer},
        parameters=[_IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        return self._review(request, pk, claim_reject)

    def _review(self, request: Request, pk: str, service) -> Response:
        claim = self._claim(pk)
        serializer = ClaimReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = self._expected_version(request, claim, serializer.validated_data.get("version"))
        return self._versioned(request, service, claim=claim.pk, expected_version=version)

    def _expected_version(self, request: Request, claim: Claim, body_version: int | None) -> int:
        version, self._via_if_match = expected_version(
            request,
            current_data=ClaimSerializer(claim).data,
            current_version=claim.version,
            body_version=body_version,
        )
        return version

    def _versioned(self, request: Request, service, **kwargs) -> Response:
        try:
            claim = service(user=request.user, **kwargs)
        except VersionConflict as exc:
            # The client's If-Match matched a moment ago; another write won the row lock since.
            if self._via_if_match:
                raise PreconditionFailed() from None
            return _conflict(exc)
        return _represent(claim.pk)
