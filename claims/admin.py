from django.contrib import admin

from .models import AnalysisJob, AnalysisJobFailure, Claim, ClaimLink, Mention, Thread


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "kind",
        "speaker",
        "target",
        "short_text",
        "review_status",
        "origin",
        "confidence",
        "published_at",
    )
    list_filter = ("kind", "review_status", "origin", "direct_quote", "extractor_version")
    search_fields = ("quote_text", "speaker__name", "target__name", "article__title")
    list_select_related = ("speaker", "target")
    # A select of every thread would load them all: ids instead.
    raw_id_fields = ("article", "speaker", "target", "updated_by", "thread")
    date_hierarchy = "published_at"

    @admin.display(description="text")
    def short_text(self, claim: Claim) -> str:
        return claim.quote_text[:100]


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    list_display = ("id", "source", "relation", "target", "origin", "review_status", "confidence")
    list_filter = ("relation", "origin", "review_status")
    search_fields = ("source__quote_text", "target__quote_text")
    raw_id_fields = ("source", "target", "created_by")
    list_select_related = ("source", "target")


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("text", "actor", "article", "start", "end", "origin")
    list_filter = ("origin", "actor__kind")
    search_fields = ("text", "actor__name")
    raw_id_fields = ("article", "actor")
    list_select_related = ("actor", "article")


class AnalysisJobFailureInline(admin.TabularInline):
    model = AnalysisJobFailure
    extra = 0
    raw_id_fields = ("article",)


@admin.register(AnalysisJob)
class AnalysisJobAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "status",
        "total",
        "done",
        "failed",
        "claims_added",
        "claims_removed",
        "claims_kept",
        "extractor_version",
        "requested_by",
        "created_at",
    )
    list_filter = ("status", "extractor_version")
    readonly_fields = ("created_at", "started_at", "finished_at")
    inlines = [AnalysisJobFailureInline]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    # Read here; editors change threads through the thread services (history, version checks).
    list_display = ("id", "title", "statement_count", "article_count", "denial_count", "last_seen", "origin")
    list_filter = ("origin",)
    search_fields = ("title",)
    readonly_fields = [f.name for f in Thread._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
