"""Statements as W3C Web Annotations (JSON-LD): the text in the article, its kind and speaker."""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..api.serializers import iso
from ..models import SPAN_JOINER, Claim
from .streams import ApiUrl, article_iri, json_array_stream


def _piece_texts(claim: Claim) -> list[str | None]:
    """The text of each content span, recovered from quote_text (spans joined by SPAN_JOINER)."""
    spans = claim.content_spans
    if len(spans) == 1:
        return [claim.quote_text]
    pieces = claim.quote_text.split(SPAN_JOINER)
    if len(pieces) == len(spans) and all(len(p) == e - s for p, (s, e) in zip(pieces, spans, strict=True)):
        return list(pieces)
    return [None] * len(spans)


def web_annotation(claim: Claim, api_url: ApiUrl) -> dict[str, Any]:
    """A W3C Web Annotation: the statement's text in the article, its kind and speaker as bodies."""
    source = article_iri(claim, api_url)
    targets = []
    for index, ((start, end), exact) in enumerate(zip(claim.content_spans, _piece_texts(claim), strict=True)):
        selectors: list[dict[str, Any]] = []
        if exact is not None:
            quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
            if index == 0:
                quote["prefix"] = getattr(claim, "quote_prefix", None) or ""
                quote["suffix"] = getattr(claim, "quote_suffix", None) or ""
            selectors.append(quote)
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
        targets.append({"type": "SpecificResource", "source": source, "selector": selectors})
    speaker = claim.speaker
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": claim.kind},
    ]
    if speaker is not None:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "identifying",
                "value": speaker.name,
                "id": api_url(f"actors/{speaker.id}/"),
            }
        )
    if claim.thread_id is not None:
        # The proposition it belongs to across articles, as a linking body to the thread.
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": api_url(f"threads/{claim.thread_id}/"),
            }
        )
    return {
        "id": api_url(f"claims/{claim.id}/"),
        "type": "Annotation",
        "motivation": "classifying",
        "created": iso(claim.created_at),
        "modified": iso(claim.updated_at),
        "body": bodies,
        "target": targets[0] if len(targets) == 1 else targets,
    }


def claims_web_annotations(claims: Iterable[Claim], api_url: ApiUrl) -> Iterator[str]:
    opening = json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": api_url("claims/export/annotations/"),
            "type": "AnnotationCollection",
            "label": "claimtrack statements",
        }
    )
    # The collection's single page is embedded; the items are streamed into it.
    opening = opening[:-1] + ', "first": {"type": "AnnotationPage", "startIndex": 0, "items": ['
    return json_array_stream(opening, (web_annotation(c, api_url) for c in claims), "\n]}}\n")
