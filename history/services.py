"""Recording an editor change. Every editor write calls change_record in its own transaction,
so the history can never disagree with the data."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import ChangeRecord


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, so the history reads 'kind: claim → denial'."""
    keys = [key for key in after if key != "version" and before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after.get(key) for key in keys}


def change_record(
    *,
    user,
    action: str,
    obj: models.Model,
    article: models.Model | int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeRecord:
    """Record one change of `obj`; `article` (an Article or its id) files it under that article."""
    article_id = article.pk if isinstance(article, models.Model) else article
    return ChangeRecord.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        article_id=article_id,
        before=before,
        after=after,
    )


def change_record_diff(
    *,
    user,
    action: str,
    obj: models.Model,
    article: models.Model | int | None,
    before: dict[str, Any],
    after: dict[str, Any],
    before_extra: dict[str, Any] | None = None,
) -> ChangeRecord:
    """Record a change of `obj` from two whole snapshots, keeping only the fields that changed.

    `before_extra` joins the recorded before side as given: what a snapshot cannot show, such
    as the statements a merge or split moved.
    """
    diff_before, diff_after = snapshot_diff(before, after)
    return change_record(
        user=user,
        action=action,
        obj=obj,
        article=article,
        before={**diff_before, **before_extra} if before_extra else diff_before,
        after=diff_after,
    )


def change_mark_reverted(*, change: ChangeRecord, by: ChangeRecord) -> None:
    """Point a change at the REVERT record that undid it."""
    change.reverted_by = by
    change.save(update_fields=["reverted_by"])
