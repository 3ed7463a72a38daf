"""REST API for articles: analysts read them; editors push them in, one by one or in bulk."""

import django_filters as filters
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.pagination import Ordering
from claimtrack.api.views import ListRetrieveViewSet

from ..errors import IngestError
from ..models import Article
from ..services import article_ingest_text, article_ingest_url
from .serializers import (
    ArticleBulkCreatedSerializer,
    ArticleBulkCreateSerializer,
    ArticleCreatedSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
)


class ArticleFilter(filters.FilterSet):
    outlet = filters.CharFilter(field_name="outlet", max_length=200)
    published_after = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    analysis_state = filters.ChoiceFilter(choices=Article.AnalysisState.choices)

    class Meta:
        model = Article
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Without their text; the detail has it."),
    retrieve=extend_schema(summary="One article, with its text"),
)
class ArticleViewSet(ListRetrieveViewSet):
    permission_classes = [ReadAnalystWriteEditor]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ArticleFilter
    orderings = {
        "-published_at": Ordering(("-published_at", "-id")),
        "-ingested_at": Ordering(("-ingested_at", "-id")),
        "id": Ordering(("id",)),
    }
    default_ordering = "-published_at"
    queryset = Article.objects.none()

    def get_queryset(self):
        if self.action == "retrieve":
            return Article.objects.all()
        return Article.objects.defer("body")

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    @extend_schema(
        summary="Add an article (editors)",
        description="From `text`, or from a `url` the server fetches. The same text twice is stored once.",
        request=ArticleCreateSerializer,
        responses={201: ArticleCreatedSerializer, 200: ArticleCreatedSerializer},
    )
    def create(self, request: Request) -> Response:
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            if "url" in data:
                created = article_ingest_url(
                    url=data.pop("url"), **_only(data, "outlet", "published_at"), user=request.user
                )
            else:
                created = article_ingest_text(text=data.pop("text"), **data, user=request.user)
        except IngestError as exc:
            field = "url" if "url" in request.data else "text"
            return Response({field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "duplicate": created.duplicate,
            "revised": created.revised,
            "article": ArticleSerializer(created.article).data,
        }
        return Response(body, status=status.HTTP_200_OK if created.duplicate else status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add up to 100 articles from text (editors)",
        description="All or nothing: when one article is refused, none is stored.",
        request=ArticleBulkCreateSerializer,
        responses={200: ArticleBulkCreatedSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        serializer = ArticleBulkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        results = []
        with transaction.atomic():
            for index, item in enumerate(serializer.validated_data["articles"]):
                item = dict(item)
                try:
                    created = article_ingest_text(text=item.pop("text"), **item, user=request.user)
                except IngestError as exc:
                    transaction.set_rollback(True)
                    return Response(
                        {"articles": {str(index): {"text": [str(exc)]}}}, status=status.HTTP_400_BAD_REQUEST
                    )
                results.append(
                    {
                        "duplicate": created.duplicate,
                        "revised": created.revised,
                        "article": ArticleSerializer(created.article).data,
                    }
                )
        return Response({"results": results})


def _only(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}
