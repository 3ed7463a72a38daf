"""What the formats share: CSV and JSON array streams, and the IRI that names an article."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from ..models import Claim

ApiUrl = Callable[[str], str]


def _safe_cell(value: Any) -> Any:
    # Article text is untrusted: a cell beginning with = + - @ is a formula to a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_stream(header: list[str], rows: Iterable[list[Any]], *, delimiter: str = ",") -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for count, row in enumerate(rows, 1):
        writer.writerow([_safe_cell(value) for value in row])
        if count % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_array_stream(opening: str, items: Iterable[dict[str, Any]], closing: str) -> Iterator[str]:
    yield opening
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)
        first = False
    yield closing


def article_iri(claim: Claim, api_url: Callable[[str], str]) -> str:
    # The article's own address when it has one; otherwise the API's, so the IRI still resolves.
    return claim.article.url or api_url(f"articles/{claim.article_id}/")
