"""Claim exports, streamed: the filters of the claims list, every matching row, constant memory."""

from collections.abc import Callable, Iterator

from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request

from accounts.permissions import ReadAnalystWriteEditor

from ..exports import annotations, cameo, csv, jsonl, schema_org
from ..models import Claim
from .claims import CLAIM_ORDERINGS
from .filters import ClaimFilter
from .selectors import claim_export_queryset, claims_with_links

# Rows fetched per round trip: large enough to keep the database busy, small enough that
# memory stays flat however many claims match (links are read per chunk too).
CHUNK_SIZE = 1000


class _StreamRenderer(BaseRenderer):
    """Lets content negotiation accept the export's own media type; the body is streamed anyway."""

    format = "export"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class _ExportView(GenericAPIView):
    permission_classes = [ReadAnalystWriteEditor]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    queryset = Claim.objects.none()
    pagination_class = None
    media_type = "application/octet-stream"
    filename = "claims"
    writer: Callable[..., Iterator[str]]
    needs_urls = True

    def get_renderers(self):
        renderer = _StreamRenderer()
        renderer.media_type = self.media_type
        return [JSONRenderer(), renderer]

    def get_queryset(self):
        return claim_export_queryset()

    def get(self, request: Request) -> StreamingHttpResponse:
        name = request.query_params.get("ordering") or "-published_at"
        if name not in CLAIM_ORDERINGS:
            raise ValidationError({"ordering": [f"Use one of: {', '.join(CLAIM_ORDERINGS)}."]})
        fields = CLAIM_ORDERINGS[name].fields
        claims = self.filter_queryset(self.get_queryset()).order_by(*fields)
        rows = claims_with_links(claims, chunk_size=CHUNK_SIZE)
        if self.needs_urls:
            base = request.build_absolute_uri("/api/v1/")
            chunks = type(self).writer(rows, lambda path: base + path)
        else:
            chunks = type(self).writer(rows)
        response = StreamingHttpResponse(chunks, content_type=f"{self.media_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def _exported(summary: str) -> Callable[[type[_ExportView]], type[_ExportView]]:
    """Document an export's GET: its summary, the orderings, and the media type it streams."""

    def document(view: type[_ExportView]) -> type[_ExportView]:
        body = OpenApiTypes.OBJECT if view.media_type == "application/ld+json" else OpenApiTypes.STR
        schema = extend_schema(
            summary=summary,
            parameters=[
                OpenApiParameter("ordering", str, enum=list(CLAIM_ORDERINGS), default="-published_at"),
            ],
            responses={(200, view.media_type): body},
        )
        return extend_schema_view(get=schema)(view)

    return document


@_exported("Claims as CSV")
class ClaimCsvExport(_ExportView):
    media_type, filename = "text/csv", "claims.csv"
    writer = csv.claims_csv
    needs_urls = False


@_exported("Claims as JSON Lines (one API representation per line)")
class ClaimJsonLinesExport(_ExportView):
    media_type, filename = "application/jsonl", "claims.jsonl"
    writer = jsonl.claims_jsonl
    needs_urls = False


@_exported("Claims as W3C Web Annotations (JSON-LD)")
class ClaimWebAnnotationExport(_ExportView):
    media_type, filename = "application/ld+json", "claims.annotations.jsonld"
    writer = annotations.claims_web_annotations


@_exported("Claims as schema.org Claim (JSON-LD)")
class ClaimSchemaOrgExport(_ExportView):
    media_type, filename = "application/ld+json", "claims.schema-org.jsonld"
    writer = schema_org.claims_schema_org


@_exported("Claims as CAMEO-coded event rows (GDELT style, tab-separated)")
class ClaimCameoExport(_ExportView):
    media_type, filename = "text/tab-separated-values", "claims.cameo.tsv"
    writer = cameo.claims_cameo
