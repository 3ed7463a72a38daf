"""Claims in exchange formats, written row by row so an export of millions stays in constant memory.

Each writer takes an iterable of claims (from `claims.api.selectors.claim_export_queryset`,
read with `.iterator()`) and yields text chunks for a streaming response.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from .api.serializers import ClaimSerializer, iso
from .models import Claim

# GDELT's CAMEO root events: 010 "make statement", 016 "deny accusation", 111 "criticize or
# denounce", 112 "accuse". A denial of a claim that was not an accusation is still a denial
# in CAMEO's sense (016), which is what analysts comparing with GDELT expect.
CAMEO_EVENT_CODES = {
    Claim.Kind.CLAIM: "010",
    Claim.Kind.DENIAL: "016",
    Claim.Kind.CRITICISM: "111",
    Claim.Kind.ACCUSATION: "112",
}
SCHEMA_ORG_ACTOR_TYPES = {"person": "Person", "state": "Country", "media": "NewsMediaOrganization"}
_QUOTE_CONTEXT = 32  # characters of prefix/suffix in a TextQuoteSelector


def _safe_cell(value: Any) -> Any:
    # Article text is untrusted: a cell beginning with = + - @ is a formula to a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_stream(header: list[str], rows: Iterable[list[Any]], *, delimiter: str = ",") -> Iterator[str]:
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


CSV_HEADER = [
    "id",
    "kind",
    "status",
    "speaker_id",
    "speaker_name",
    "speaker_code",
    "target_id",
    "target_name",
    "target_code",
    "content",
    "direct_quote",
    "content_spans",
    "speaker_span",
    "cue_span",
    "cue",
    "confidence",
    "origin",
    "extractor_version",
    "version",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_at",
    "created_at",
    "updated_at",
]


def _span_text(start: int | None, end: int | None) -> str:
    return "" if start is None else f"{start}-{end}"


def claims_csv(claims: Iterable[Claim]) -> Iterator[str]:
    def rows():
        for c in claims:
            speaker, target, article = c.speaker, c.target, c.article
            yield [
                c.id,
                c.kind,
                c.review_status,
                speaker.id if speaker else "",
                speaker.name if speaker else "",
                speaker.code if speaker else "",
                target.id if target else "",
                target.name if target else "",
                target.code if target else "",
                c.quote_text,
                "true" if c.direct_quote else "false",
                " ".join(f"{s}-{e}" for s, e in c.content_spans),
                _span_text(c.speaker_start, c.speaker_end),
                _span_text(c.cue_start, c.cue_end),
                getattr(c, "cue_text", None) or "",
                c.confidence,
                c.origin,
                c.extractor_version,
                c.version,
                article.id,
                article.title,
                article.url or "",
                article.outlet,
                iso(c.published_at) or "",
                iso(c.created_at),
                iso(c.updated_at),
            ]

    return _csv_stream(CSV_HEADER, rows())


def claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    """One API representation per line: what the claims list returns, without paging."""
    serializer = ClaimSerializer()
    for claim in claims:
        yield (
            json.dumps(serializer.to_representation(claim), ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"
        )


def _json_array_document(opening: str, items: Iterable[dict[str, Any]], closing: str) -> Iterator[str]:
    yield opening
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)
        first = False
    yield closing


def _article_iri(claim: Claim, api_url: Callable[[str], str]) -> str:
    # The article's own address when it has one; otherwise the API's, so the IRI still resolves.
    return claim.article.url or api_url(f"articles/{claim.article_id}/")


def _piece_texts(claim: Claim) -> list[str | None]:
    """The text of each content span, recovered from quote_text (spans joined by ' … ')."""
    spans = claim.content_spans
    if len(spans) == 1:
        return [claim.quote_text]
    pieces = claim.quote_text.split(" … ")
    if len(pieces) == len(spans) and all(len(p) == e - s for p, (s, e) in zip(pieces, spans, strict=True)):
        return list(pieces)
    return [None] * len(spans)


def web_annotation(claim: Claim, api_url: Callable[[str], str]) -> dict[str, Any]:
    """A W3C Web Annotation: the statement's text in the article, its kind and speaker as bodies."""
    source = _article_iri(claim, api_url)
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
    return {
        "id": api_url(f"claims/{claim.id}/"),
        "type": "Annotation",
        "motivation": "classifying",
        "created": iso(claim.created_at),
        "modified": iso(claim.updated_at),
        "body": bodies,
        "target": targets[0] if len(targets) == 1 else targets,
    }


def claims_web_annotations(claims: Iterable[Claim], api_url: Callable[[str], str]) -> Iterator[str]:
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
    return _json_array_document(opening, (web_annotation(c, api_url) for c in claims), "\n]}}\n")


def _schema_org_actor(actor) -> dict[str, Any] | None:
    if actor is None:
        return None
    data: dict[str, Any] = {
        "@type": SCHEMA_ORG_ACTOR_TYPES.get(actor.kind, "Organization"),
        "name": actor.name,
    }
    if actor.code:
        data["identifier"] = actor.code
    if actor.affiliation is not None:
        key = "affiliation" if actor.kind == "person" else "parentOrganization"
        data[key] = {
            "@type": SCHEMA_ORG_ACTOR_TYPES.get(actor.affiliation.kind, "Organization"),
            "name": actor.affiliation.name,
        }
    return data


def schema_org_claim(claim: Claim, api_url: Callable[[str], str]) -> dict[str, Any]:
    article = claim.article
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": _article_iri(claim, api_url),
    }
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.published_at:
        appearance["datePublished"] = iso(article.published_at)
    data: dict[str, Any] = {
        "@type": "Claim",
        "@id": api_url(f"claims/{claim.id}/"),
        "text": claim.quote_text,
        "appearance": appearance,
        "additionalType": claim.kind,
    }
    if author := _schema_org_actor(claim.speaker):
        data["author"] = author
    if about := _schema_org_actor(claim.target):
        data["about"] = about
    if claim.published_at:
        data["datePublished"] = iso(claim.published_at)
    return data


def claims_schema_org(claims: Iterable[Claim], api_url: Callable[[str], str]) -> Iterator[str]:
    opening = '{"@context": "https://schema.org", "@graph": ['
    return _json_array_document(opening, (schema_org_claim(c, api_url) for c in claims), "\n]}\n")


CAMEO_HEADER = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "DATEADDED",
    "SOURCEURL",
]


def cameo_actor_code(actor) -> str:
    """The actor's own code, or its affiliation's: a minister speaks for the state (GDELT does the same)."""
    if actor is None:
        return ""
    if actor.code:
        return actor.code
    return actor.affiliation.code if actor.affiliation is not None else ""


def _country_code(actor) -> str:
    for candidate in (actor, getattr(actor, "affiliation", None)):
        if candidate is not None and candidate.kind == "state" and len(candidate.code) == 3:
            return candidate.code
    return ""


def claims_cameo(claims: Iterable[Claim], api_url: Callable[[str], str]) -> Iterator[str]:
    """GDELT-style event rows, tab-separated: who (actor 1) did what (CAMEO code) to whom (actor 2)."""

    def rows():
        for c in claims:
            code = CAMEO_EVENT_CODES[c.kind]
            when = c.published_at or c.article.ingested_at
            yield [
                c.id,
                when.strftime("%Y%m%d") if when else "",
                cameo_actor_code(c.speaker),
                c.speaker.name.upper() if c.speaker else "",
                _country_code(c.speaker),
                cameo_actor_code(c.target),
                c.target.name.upper() if c.target else "",
                _country_code(c.target),
                1,
                code,
                code,
                code[:2],
                1 if code[:2] == "01" else 3,  # verbal cooperation / verbal conflict
                1,
                c.created_at.strftime("%Y%m%d%H%M%S"),
                _article_iri(c, api_url),
            ]

    return _csv_stream(CAMEO_HEADER, rows(), delimiter="\t")
