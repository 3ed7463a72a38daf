from django.contrib import admin

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "outlet",
        "published_at",
        "analysis_state",
        "analysis_extractor_version",
        "ingested_at",
    )
    list_filter = ("analysis_state", "source_kind", "outlet", "language", "published_at")
    search_fields = ("title", "url", "outlet", "byline")
    date_hierarchy = "published_at"
    readonly_fields = ("content_sha256", "ingested_at", "ingested_by", "analyzed_at")
