from django.conf import settings
from django.db import models
from django.db.models import Q


class Article(models.Model):
    class AnalysisState(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class SourceKind(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML"
        MARKDOWN = "markdown", "Markdown"

    title = models.CharField(max_length=500)
    # Every span in claimtrack is a code-point offset into this exact text.
    body = models.TextField()
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(max_length=200, blank=True, db_index=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.TEXT)
    content_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    ingested_at = models.DateTimeField(auto_now_add=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The text's revision: 1 when first stored, +1 each time the same URL brings a changed text.
    # Earlier texts are kept as ArticleRevision rows; revision_changes says what the latest changed.
    revision = models.PositiveIntegerField(default=1)
    revision_changes = models.JSONField(default=dict, blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)

    analysis_state = models.CharField(
        max_length=16, choices=AnalysisState.choices, default=AnalysisState.PENDING, db_index=True
    )
    analysis_extractor_version = models.CharField(max_length=32, blank=True)
    analysis_error = models.TextField(blank=True)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    # The names the article is most about (extraction.matching.salient_names), which threading
    # gives each of its statements as context ("she was captured": whom?), and the content hash
    # they were read from: threading reads them again when the text changed.
    salient_names = models.JSONField(default=list, blank=True)
    salient_names_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_published_idx"),
            models.Index(fields=["-ingested_at"], name="article_ingested_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(content_sha256__regex=r"^[0-9a-f]{64}$"), name="article_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def analysis_detail(self) -> str:
        """The analysis state in words, for API clients and pages."""
        if self.analysis_state == self.AnalysisState.PENDING:
            # Also true while the broker is down: the task waits in the outbox, then in the queue.
            return "Waiting for a worker to analyse it."
        if self.analysis_state == self.AnalysisState.FAILED:
            return f"Analysis failed: {self.analysis_error}"
        return f"Analysed by extractor {self.analysis_extractor_version}."

    @property
    def display_date(self):
        return self.published_at or self.ingested_at


class ArticleRevision(models.Model):
    """An earlier text of an article, kept when the same URL brought a changed one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    body = models.TextField()
    content_sha256 = models.CharField(max_length=64)
    # When this text was stored, and when a newer one replaced it.
    ingested_at = models.DateTimeField()
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} revision {self.number}"
