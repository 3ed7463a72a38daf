"""Statements as CAMEO-coded event rows, GDELT style, tab-separated."""

from collections.abc import Iterable, Iterator

from ..models import Claim
from .streams import ApiUrl, article_iri, csv_stream

# GDELT's CAMEO root events: 010 "make statement", 016 "deny accusation", 111 "criticize or
# denounce", 112 "accuse". A denial of a claim that was not an accusation is still a denial
# in CAMEO's sense (016), which is what analysts comparing with GDELT expect.
CAMEO_EVENT_CODES = {
    Claim.Kind.CLAIM: "010",
    Claim.Kind.DENIAL: "016",
    Claim.Kind.CRITICISM: "111",
    Claim.Kind.ACCUSATION: "112",
}

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
    # Not a GDELT column: claimtrack's thread (the proposition across articles), empty when none.
    "ThreadID",
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


def claims_cameo(claims: Iterable[Claim], api_url: ApiUrl) -> Iterator[str]:
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
                article_iri(c, api_url),
                c.thread_id or "",
            ]

    return csv_stream(CAMEO_HEADER, rows(), delimiter="\t")
