"""The seed article with a few of its gold statements, as the extractor will store them.

Offsets are the gold ones (demo/seed/nk-denial.gold.json): code points into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from actors.models import Actor, ActorAlias
from articles.models import Article
from articles.text import content_sha256
from claims.models import Claim, ClaimLink
from demo.seed import seed_text

SEED_TEXT = seed_text()
PUBLISHED = datetime(2022, 9, 22, 8, 0, tzinfo=UTC)


@dataclass
class Seed:
    article: Article
    usa: Actor
    prk: Actor
    uno: Actor
    deputy: Actor
    us_claim: Claim
    nk_denial: Claim
    dd_denial: Claim
    un_condemns: Claim
    nk_criticises_un: Claim


def _statement(
    article: Article, kind: str, speaker: Actor, target: Actor | None, speaker_span, cue_span, content
):
    start, end = content
    return Claim.objects.create(
        article=article,
        published_at=article.published_at,
        speaker=speaker,
        target=target,
        speaker_start=speaker_span[0],
        speaker_end=speaker_span[1],
        cue_start=cue_span[0],
        cue_end=cue_span[1],
        content_start=start,
        content_end=end,
        content_spans=[[start, end]],
        quote_text=article.body[start:end],
        kind=kind,
        confidence=0.9,
    )


def create_seed(*, url: str = "https://example.org/nk-denial") -> Seed:
    article = Article.objects.create(
        title=SEED_TEXT.split("\n", 1)[0],
        body=SEED_TEXT,
        url=url,
        outlet="Seed article",
        published_at=PUBLISHED,
        content_sha256=content_sha256(SEED_TEXT),
    )
    usa = Actor.objects.create(name="United States", kind=Actor.Kind.STATE, code="USA")
    prk = Actor.objects.create(name="North Korea", kind=Actor.Kind.STATE, code="PRK")
    uno = Actor.objects.create(name="United Nations", kind=Actor.Kind.ORGANISATION, code="IGOUNO")
    deputy = Actor.objects.create(
        name="deputy director, military foreign affairs office", kind=Actor.Kind.PERSON, affiliation=prk
    )
    ActorAlias.objects.create(actor=prk, alias="DPRK", normalised="dprk")
    ActorAlias.objects.create(actor=prk, alias="Pyongyang", normalised="pyongyang")
    us_claim = _statement(article, "claim", usa, prk, (103, 111), (112, 118), (124, 212))
    nk_denial = _statement(article, "denial", prk, usa, (80, 91), (92, 102), (103, 212))
    dd_denial = _statement(article, "denial", deputy, None, (727, 746), (722, 726), (590, 721))
    un_condemns = _statement(article, "criticism", uno, prk, (2277, 2315), (2323, 2335), (2339, 2367))
    nk_criticises_un = _statement(article, "criticism", prk, uno, (2235, 2265), (2266, 2276), (2277, 2415))
    for source, target in ((nk_denial, us_claim), (dd_denial, us_claim), (nk_criticises_un, un_condemns)):
        ClaimLink.objects.create(source=source, target=target, relation=ClaimLink.Relation.REBUTS)
    return Seed(article, usa, prk, uno, deputy, us_claim, nk_denial, dd_denial, un_condemns, nk_criticises_un)


@pytest.fixture
def seed(db) -> Seed:
    """The seed article with the US claim, North Korea's denials and the rebuts links."""
    return create_seed()
