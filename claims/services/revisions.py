"""An article got a new text (articles.services, same URL): move its statements to that text.

Runs in the revising transaction (articles.signals.article_revised), before the new text is
analysed. Every span is carried to where the same words are in the new text; the analysis that
follows then matches the editor's statements as any re-analysis does (same kind, overlapping
content) and keeps their decisions. An editor's statement whose words are gone is deleted with
a history record (it stays in the history, revertible); the machine's are simply deleted.
"""

from __future__ import annotations

from articles.models import Article
from articles.revisions import span_mapper
from history.models import ChangeRecord
from history.services import change_record

from ..models import Claim, Mention
from .snapshots import claim_snapshot
from .validation import set_content_spans


def claims_follow_revision(*, article: Article, old_body: str, new_body: str) -> dict[str, int]:
    """Carry the article's statements and mentions to its new text; counts moved and dropped."""
    mapped = span_mapper(old_body, new_body)
    counts = {"moved": 0, "dropped": 0, "decisions_dropped": 0}
    for claim in Claim.objects.filter(article=article).select_related("speaker", "target").order_by("id"):
        spans = [mapped(start, end) for start, end in claim.content_spans]
        if any(span is None for span in spans):
            if claim.is_editor_decision:
                before = claim_snapshot(claim)
                claim_id = claim.pk
                claim.delete()
                claim.pk = claim_id  # delete() clears it; the record names the row that was
                change_record(
                    user=None,
                    action=ChangeRecord.Action.DELETE,
                    obj=claim,
                    article=article,
                    before=before,
                    after={"reason": f"not in revision {article.revision} of the article's text"},
                )
                counts["decisions_dropped"] += 1
            else:
                claim.delete()
            counts["dropped"] += 1
            continue
        claim.article = article  # the spans are checked against the new text
        set_content_spans(claim, [list(span) for span in spans])
        for field in ("speaker", "cue"):
            start, end = getattr(claim, f"{field}_start"), getattr(claim, f"{field}_end")
            moved = mapped(start, end) if start is not None else None
            setattr(claim, f"{field}_start", moved[0] if moved else None)
            setattr(claim, f"{field}_end", moved[1] if moved else None)
        original = claim.extracted_as
        if isinstance(original, dict) and original.get("spans"):
            moved_spans = [mapped(s, e) for s, e in original["spans"]]
            claim.extracted_as = (
                None
                if any(s is None for s in moved_spans)
                else {**original, "spans": [list(s) for s in moved_spans]}
            )
        claim.version += 1  # sync clients and open edit panels must see the row changed
        claim.save()
        counts["moved"] += 1
    for mention in Mention.objects.filter(article=article):
        span = mapped(mention.start, mention.end)
        if span is None:
            mention.delete()
        else:
            mention.start, mention.end = span
            mention.save(update_fields=["start", "end"])
    return counts


def on_article_revised(sender, *, article: Article, old_body: str, new_body: str, **kwargs) -> None:
    claims_follow_revision(article=article, old_body=old_body, new_body=new_body)
