"""Statements as JSON Lines: the API representation of each, without paging."""

import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder

from ..api.serializers import ClaimSerializer
from ..models import Claim


def claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    """One API representation per line: what the claims list returns, without paging."""
    serializer = ClaimSerializer()
    for claim in claims:
        yield (
            json.dumps(serializer.to_representation(claim), ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"
        )
