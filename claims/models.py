from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q


class Origin(models.TextChoices):
    MACHINE = "machine", "Machine"
    EDITOR = "editor", "Editor"


# Separates the pieces of a statement split across several spans ("…", she said, "…"): quote_text
# is its content spans' text joined by it, wherever a statement is written (extraction, editing).
SPAN_JOINER = " … "


def span_pair(start: int | None, end: int | None) -> list[int] | None:
    """A [start, end) span as stored in two columns, JSON-ready; None when unset."""
    return None if start is None else [start, end]


def join_spans(body: str, spans: Iterable[Sequence[int]]) -> str:
    """The text of `spans` in `body`, joined by SPAN_JOINER: a statement's quote_text."""
    return SPAN_JOINER.join(body[start:end] for start, end in spans)


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"
    EDITED = "edited", "Edited"


def _span_ok(prefix: str, *, nullable: bool) -> Q:
    start, end = f"{prefix}_start", f"{prefix}_end"
    # Explicit NOT NULLs: a comparison with NULL is unknown, and CHECK lets unknown pass.
    ordered = Q(
        **{f"{start}__isnull": False, f"{end}__isnull": False, f"{start}__gte": 0, f"{start}__lt": F(end)}
    )
    if not nullable:
        return ordered
    return Q(**{f"{start}__isnull": True, f"{end}__isnull": True}) | ordered


class Mention(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="mentions")
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)

    class Meta:
        ordering = ["article_id", "start"]
        indexes = [models.Index(fields=["article", "start"], name="mention_article_pos_idx")]
        constraints = [models.CheckConstraint(condition=Q(start__lt=F("end")), name="mention_span_ordered")]

    def __str__(self) -> str:
        return self.text


class ClaimQuerySet(models.QuerySet):
    def visible(self) -> "ClaimQuerySet":
        """What analysts see: everything an editor has not rejected."""
        return self.exclude(review_status=ReviewStatus.REJECTED)


# Opening quotation marks an article's quote may start with.
QUOTE_MARKS = frozenset("\"'“‘„«‹「『")


class Claim(models.Model):
    """One statement: a claim, accusation, denial or criticism made by a speaker."""

    class Kind(models.TextChoices):
        CLAIM = "claim", "Claim"
        ACCUSATION = "accusation", "Accusation"
        DENIAL = "denial", "Denial"
        CRITICISM = "criticism", "Criticism"

    # The three foreign keys have no index of their own: claim_article_pos_idx, claim_speaker_idx
    # and claim_target_idx begin with them, and every index is one more write on every statement
    # written or re-threaded.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="claims", db_index=False
    )
    # Copied from the article so the timeline can order and page on one indexed table.
    published_at = models.DateTimeField(null=True, blank=True)
    speaker = models.ForeignKey(
        "actors.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        db_index=False,
    )
    target = models.ForeignKey(
        "actors.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targeted_by",
        db_index=False,
    )
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    # The first content span, for ordering and overlap tests; all spans are in content_spans.
    content_start = models.PositiveIntegerField()
    content_end = models.PositiveIntegerField()
    content_spans = models.JSONField(default=list)
    quote_text = models.TextField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    direct_quote = models.BooleanField(default=False)
    confidence = models.FloatField(default=1.0)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    # What the extractor first produced ({"kind": ..., "spans": [[s, e], ...]}), never edited:
    # re-analysis recognises a statement an editor has since re-kinded or re-spanned by it.
    extracted_as = models.JSONField(null=True, blank=True, editable=False)
    note = models.TextField(blank=True)
    # Optimistic locking: every write states the version it read and bumps it.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The proposition this statement belongs to across articles (claims.services.threading).
    thread = models.ForeignKey(
        "Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # `editor` once an editor placed the statement (moved, split out, merged): threading then
    # never moves it again, whatever the matcher says later.
    thread_origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    # to_tsvector('english', quote_text), kept by a database trigger on PostgreSQL (migration
    # claims/0007); NULL on SQLite, where searches fall back to plain text matching.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "article_id", "content_start", "id"]
        indexes = [
            models.Index(
                fields=["-published_at", "article", "content_start", "id"], name="claim_timeline_idx"
            ),
            models.Index(fields=["article", "content_start"], name="claim_article_pos_idx"),
            # The included columns let an actor page count a busy actor's statements by kind,
            # month and accuser from the index alone (index-only scans), not from 100k heap rows.
            models.Index(
                fields=["speaker", "-published_at"],
                include=["kind", "review_status"],
                name="claim_speaker_idx",
            ),
            models.Index(
                fields=["target", "-published_at"],
                include=["kind", "review_status", "speaker"],
                name="claim_target_idx",
            ),
            models.Index(fields=["kind", "-published_at"], name="claim_kind_idx"),
            models.Index(fields=["review_status", "confidence"], name="claim_review_idx"),
            models.Index(fields=["updated_at", "id"], name="claim_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_span_ok("content", nullable=False), name="claim_content_span_ordered"
            ),
            models.CheckConstraint(
                condition=_span_ok("speaker", nullable=True), name="claim_speaker_span_ordered"
            ),
            models.CheckConstraint(condition=_span_ok("cue", nullable=True), name="claim_cue_span_ordered"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_0_1"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quote_text[:80]}"

    @property
    def speaker_span(self) -> list[int] | None:
        return span_pair(self.speaker_start, self.speaker_end)

    @property
    def cue_span(self) -> list[int] | None:
        return span_pair(self.cue_start, self.cue_end)

    @property
    def draws_quote_marks(self) -> bool:
        """A direct quote whose text does not already open with a quotation mark (the pages draw
        marks around direct quotes; the extractor's spans usually hold the article's own, and
        two pairs read ““like this””)."""
        return self.direct_quote and self.quote_text.lstrip()[:1] not in QUOTE_MARKS

    @property
    def is_editor_decision(self) -> bool:
        return self.origin == Origin.EDITOR or self.review_status != ReviewStatus.PROPOSED


class ClaimLink(models.Model):
    class Relation(models.TextChoices):
        REBUTS = "rebuts", "Rebuts"
        SUPPORTS = "supports", "Supports"
        REPEATS = "repeats", "Repeats"

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="incoming_links")
    relation = models.CharField(max_length=16, choices=Relation.choices)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    confidence = models.FloatField(default=1.0)
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target", "relation"], name="link_target_relation_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="link_not_to_itself"),
            models.UniqueConstraint(fields=["source", "target", "relation"], name="link_unique_per_relation"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="link_confidence_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"


class Thread(models.Model):
    """One proposition followed across articles: the statements asserting and denying it.

    Counts, dates and title are aggregates of the members, recomputed by the threading and
    thread-editing services whenever membership changes (claims.services.threading).
    """

    title = models.TextField(blank=True)
    # Its earliest asserting statement (claim or accusation), else its earliest statement.
    title_claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True)
    statement_count = models.PositiveIntegerField(default=0)
    article_count = models.PositiveIntegerField(default=0)
    claim_count = models.PositiveIntegerField(default=0)
    accusation_count = models.PositiveIntegerField(default=0)
    denial_count = models.PositiveIntegerField(default=0)
    criticism_count = models.PositiveIntegerField(default=0)
    # `editor` once an editor merged, split or moved statements into it: the machine never merges
    # two such threads into one (it would undo the editor's split).
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MACHINE)
    # Set when the thread was merged into another: its id keeps resolving, to the survivor.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [
            models.Index(fields=["-last_seen", "-id"], name="thread_last_seen_idx"),
            models.Index(fields=["updated_at", "id"], name="thread_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="thread_not_merged_into_self"),
            models.CheckConstraint(condition=Q(version__gte=1), name="thread_version_positive"),
        ]

    def __str__(self) -> str:
        return f"Thread {self.pk}: {self.title[:80]}"


class AnalysisJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    # The statuses of a job that is still going: defined once, here; the jobs pages hand them to
    # their script (data-active-statuses), so the browser polls exactly while the server would.
    ACTIVE_STATUSES = (Status.QUEUED, Status.RUNNING)

    class Task(models.TextChoices):
        # Extract again, write the statements and thread them (the threading runs in the same task).
        ANALYSIS = "analysis", "Re-analysis"
        # Thread the stored statements again, extracting nothing (after a matcher or settings change).
        RETHREAD = "rethread", "Re-threading"

    task = models.CharField(max_length=16, choices=Task.choices, default=Task.ANALYSIS)
    # {"all": true} | {"since": ..., "until": ..., "outlet": ..., "actor": id} | {"articles": [ids]}
    scope = models.JSONField(default=dict)
    extractor_version = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    total = models.PositiveIntegerField(default=0)
    # How many analysis tasks the fan-out has sent so far (progress of the fan-out itself).
    enqueued = models.PositiveIntegerField(default=0)
    # The last article id the fan-out has queued; it pages by id (keyset), never by offset.
    fanout_cursor = models.PositiveBigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    claims_added = models.PositiveIntegerField(default=0)
    claims_removed = models.PositiveIntegerField(default=0)
    claims_kept = models.PositiveIntegerField(default=0)
    # Threading's counts, from analysis and re-threading tasks alike (claims.services.threading).
    links_added = models.PositiveIntegerField(default=0)
    links_removed = models.PositiveIntegerField(default=0)
    threads_created = models.PositiveIntegerField(default=0)
    threads_merged = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error_summary = models.TextField(blank=True)
    # Last sign of life: the fan-out moved or an article was counted. The watchdog
    # (claims.services.jobs.job_watchdog) resumes, then fails, a job that stays silent too long.
    progress_at = models.DateTimeField(null=True, blank=True)
    watchdog_resumes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="job_done_within_total"),
        ]

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def progress(self) -> float:
        return 1.0 if not self.total else min(1.0, (self.done + self.failed) / self.total)


class AnalysisJobFailure(models.Model):
    job = models.ForeignKey(AnalysisJob, on_delete=models.CASCADE, related_name="failures")
    article = models.ForeignKey("articles.Article", null=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "article"], name="job_failure_once_per_article")
        ]

    def __str__(self) -> str:
        return f"Job {self.job_id}, article {self.article_id}: {self.error[:80]}"


class AnalysisJobArticle(models.Model):
    """One article's completion within a job, written once.

    Celery may deliver a task twice (a worker killed before it acknowledged, a visibility
    timeout); the unique constraint makes only the first completion count in the job's totals.
    """

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed"

    job = models.ForeignKey(AnalysisJob, on_delete=models.CASCADE, related_name="completions")
    # Not a foreign key: the record must survive the article's deletion to keep the counts true.
    article_id = models.PositiveBigIntegerField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    extract_ms = models.PositiveIntegerField(null=True, blank=True)
    total_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "article_id"], name="job_article_completed_once")
        ]

    def __str__(self) -> str:
        return f"Job {self.job_id}, article {self.article_id}: {self.outcome}"


class SyncChange(models.Model):
    """One change to a claim, link, actor or thread, for sync clients (`/api/v1/changes/`).

    Written by PostgreSQL triggers (migrations claims.0009 and 0011), not by Python: every path that
    inserts, updates or deletes a row (services, cascades, bulk writes, re-analysis) is recorded,
    and none can forget to. `txid` is the writing transaction's id; the feed is ordered by
    (txid, id) and serves only transactions older than every one still running, so a client
    that has read up to a position never misses a change committed later below it.
    """

    class Kind(models.TextChoices):
        CLAIM = "claim", "Claim"
        LINK = "link", "Link"
        ACTOR = "actor", "Actor"
        THREAD = "thread", "Thread"

    txid = models.BigIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # A deleted row, or an actor or thread merged into another (replaced_by names what it became).
    deleted = models.BooleanField(default=False)
    replaced_by = models.BigIntegerField(null=True, blank=True)
    # The row's version after the change (claims, links and threads; actors have none).
    version = models.PositiveIntegerField(null=True, blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["txid", "id"]
        indexes = [
            models.Index(fields=["txid", "id"], name="syncchange_feed_idx"),
            # The pruner's question: is there a later entry for the same row?
            models.Index(fields=["kind", "object_id", "txid", "id"], name="syncchange_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {'deleted' if self.deleted else 'changed'}"


class SyncFeedState(models.Model):
    """The sync feed's pruning state, one row (claims.services.sync_retention).

    `horizon_*`: the latest feed position of a tombstone the pruner removed, and `generation`
    counts its moves. A position before the horizon in a link handed out before the horizon
    last moved may have missed a deletion: that client is told to sync again from the start
    (HTTP 410). A link handed out since (a client reading the compacted feed from the start)
    misses nothing, wherever it points. `scan_*`: where the pruner's current pass over the old
    entries has got to (0, 0: between passes), `pruned_at` when the last pass ended.
    """

    horizon_txid = models.BigIntegerField(default=0)
    horizon_id = models.BigIntegerField(default=0)
    generation = models.PositiveIntegerField(default=0)
    scan_txid = models.BigIntegerField(default=0)
    scan_id = models.BigIntegerField(default=0)
    pruned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"sync feed pruned through ({self.horizon_txid}, {self.horizon_id})"


class TombstoneManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted=True)


class Tombstone(SyncChange):
    """What sync clients learn about a row that is gone: a deleted claim, link or thread, a merged
    actor or thread."""

    objects = TombstoneManager()

    class Meta:
        proxy = True

    @property
    def deleted_at(self):
        return self.changed_at
