"""API representations of articles and the shapes of article ingestion requests."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from claimtrack.api.fields import StrictCharField, StrictSerializer

from ..models import Article

MAX_BULK = 100


class AnalysisSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Article.AnalysisState.choices)
    detail = serializers.CharField(help_text="The state in words; `pending` means waiting for a worker.")
    extractor_version = serializers.CharField(allow_blank=True)
    error = serializers.CharField(allow_blank=True)
    analyzed_at = serializers.DateTimeField(allow_null=True)


class ArticleSerializer(serializers.ModelSerializer):
    analysis = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "byline",
            "published_at",
            "language",
            "source_kind",
            "ingested_at",
            "revision",
            "analysis",
        ]
        read_only_fields = fields

    @extend_schema_field(AnalysisSerializer)
    def get_analysis(self, article: Article) -> dict:
        return {
            "state": article.analysis_state,
            "detail": article.analysis_detail,
            "extractor_version": article.analysis_extractor_version,
            "error": article.analysis_error,
            "analyzed_at": article.analyzed_at,
        }


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField(help_text="The text every span offset (Unicode code points) refers to.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]
        read_only_fields = fields


class ArticleCreateSerializer(StrictSerializer):
    """Exactly one of `text` (plain text, Markdown or HTML) and `url` (fetched by the server)."""

    text = StrictCharField(required=False, trim_whitespace=False)
    url = serializers.URLField(required=False, max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, max_length=500)
    outlet = StrictCharField(required=False, allow_blank=True, max_length=200)
    byline = StrictCharField(required=False, allow_blank=True, max_length=300)
    published_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, data):
        if ("text" in data) == ("url" in data):
            raise ValidationError(
                {"non_field_errors": ["Send either `text` or `url`, not both and not neither."]}
            )
        if "url" in data and ("title" in data or "byline" in data):
            raise ValidationError({"title": ["A fetched page gives its own title and byline."]})
        return data


class ArticleBulkItemSerializer(ArticleCreateSerializer):
    url = serializers.URLField(
        required=False, max_length=2000, help_text="The article's address (not fetched)."
    )

    def validate(self, data):
        if "text" not in data:
            raise ValidationError({"text": ["Each article in a bulk request needs its text."]})
        return data


class ArticleBulkCreateSerializer(StrictSerializer):
    articles = ArticleBulkItemSerializer(many=True, allow_empty=False, max_length=MAX_BULK)


class ArticleCreatedSerializer(serializers.Serializer):
    duplicate = serializers.BooleanField(help_text="True when the same text was stored before.")
    revised = serializers.BooleanField(
        help_text="True when the URL was stored before with another text: the article now holds this one as a new revision."
    )
    article = ArticleSerializer()


class ArticleBulkCreatedSerializer(serializers.Serializer):
    results = ArticleCreatedSerializer(many=True)
