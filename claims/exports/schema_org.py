"""Statements as schema.org Claim items (JSON-LD)."""

from collections.abc import Iterable, Iterator
from typing import Any

from ..api.serializers import iso
from ..models import Claim
from .streams import ApiUrl, article_iri, json_array_stream

SCHEMA_ORG_ACTOR_TYPES = {"person": "Person", "state": "Country", "media": "NewsMediaOrganization"}


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


def schema_org_claim(claim: Claim, api_url: ApiUrl) -> dict[str, Any]:
    article = claim.article
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article_iri(claim, api_url),
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
    if claim.thread_id is not None:
        data["isPartOf"] = {"@id": api_url(f"threads/{claim.thread_id}/")}
    return data


def claims_schema_org(claims: Iterable[Claim], api_url: ApiUrl) -> Iterator[str]:
    opening = '{"@context": "https://schema.org", "@graph": ['
    return json_array_stream(opening, (schema_org_claim(c, api_url) for c in claims), "\n]}\n")
