"""Reads of the recorded changes: of one object, of an article, or all recent ones.

Each change becomes a HistoryEntry whose rows are (field, before, after) already rendered as short
text, so the template shows values without knowing the JSON shapes. 2 queries per page.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import ChangeRecord

HISTORY_LIMIT = 200


@dataclass
class HistoryEntry:
    change: ChangeRecord
    subject: str
    rows: list[tuple[str, str, str]]


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and "name" in value:
        return f"{value['name']} (#{value['id']})" if "id" in value else str(value["name"])
    if isinstance(value, list):
        if value and all(isinstance(v, list) for v in value):
            return ", ".join(f"{a}–{b}" for a, b in value)
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]}–{value[1]}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _rows(change: ChangeRecord) -> list[tuple[str, str, str]]:
    before, after = change.before or {}, change.after or {}
    keys = [
        k for k in (*after.keys(), *(k for k in before if k not in after)) if k not in ("version", "merge")
    ]
    return [(key.replace("_", " "), _show(before.get(key)), _show(after.get(key))) for key in keys]


def _subject(change: ChangeRecord) -> str:
    model = change.content_type.model
    if model == "claim":
        return f"statement #{change.object_id}"
    if model == "claimlink":
        data = change.after or change.before or {}
        return f"link #{change.object_id}: #{data.get('source')} {data.get('relation', '')} #{data.get('target')}"
    return f"{change.content_type.name} #{change.object_id}"


def history_entries(changes: QuerySet[ChangeRecord]) -> list[HistoryEntry]:
    """The newest HISTORY_LIMIT of `changes`, ready to show."""
    rows = list(
        changes.select_related("user", "content_type", "article", "reverted_by__user").order_by("-at", "-id")[
            :HISTORY_LIMIT
        ]
    )
    return [HistoryEntry(change=c, subject=_subject(c), rows=_rows(c)) for c in rows]


def changes_of(*, model: type[models.Model], object_id: int) -> QuerySet[ChangeRecord]:
    """The recorded changes of one object."""
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=object_id
    )


def changes_of_type(model: type[models.Model]) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(model))


def article_history(*, article_id: int) -> list[HistoryEntry]:
    return history_entries(ChangeRecord.objects.filter(article_id=article_id))


def recent_history() -> list[HistoryEntry]:
    return history_entries(ChangeRecord.objects.all())


def latest_change(*, obj: models.Model) -> ChangeRecord | None:
    """The newest recorded change of an object, with who made it: what a conflict message shows."""
    return changes_of(model=type(obj), object_id=obj.pk).select_related("user").order_by("-at", "-id").first()
