"""The history of one statement: its own changes and those of the links from or to it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from history.models import ChangeRecord
from history.selectors import HistoryEntry, changes_of, history_entries

from ..models import Claim, ClaimLink


def claim_history(*, claim_id: int) -> list[HistoryEntry]:
    touches = Q()
    for side in ("before", "after"):
        for end in ("source", "target"):
            touches |= Q(**{f"{side}__{end}": claim_id})
    link_changes = ChangeRecord.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(ClaimLink)) & touches
    )
    return history_entries(changes_of(model=Claim, object_id=claim_id) | link_changes)
