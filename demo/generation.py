"""Synthetic news at scale, for benchmarks and for trying the pages with a realistic volume.

Actors are the shipped knowledge base (states, organisations, media, officials; loaded by
actors.services.actors_load_knowledge_base when missing), so the data
looks like what the extractor would store. Every article is built sentence by sentence and each
statement's spans are computed while the text is written: the article reader highlights them
exactly. Denials answer earlier accusations against their speaker ("rebuts"), and some claims
restate earlier ones ("repeats"), so threads run across articles and weeks.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import secrets
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from actors.models import Actor
from actors.services import actors_load_knowledge_base
from articles.models import Article
from claims.models import Claim, ClaimLink, Origin, ReviewStatus

EXTRACTOR_VERSION = "demo"
OUTLETS = (
    "Reuters", "Associated Press", "Agence France-Presse", "BBC News", "Al Jazeera", "Yonhap",
    "Kyodo News", "NHK World", "TASS", "Xinhua", "KCNA", "Voice of America", "Deutsche Welle",
    "France 24", "The Guardian", "Korea Herald", "Le Monde", "NK News",
)  # fmt: skip
# The actors that dominate international news; others appear, less often.
PROMINENT = {
    "USA": 40, "RUS": 36, "CHN": 30, "UKR": 26, "PRK": 24, "IRN": 18, "ISR": 16, "KOR": 14,
    "GBR": 12, "FRA": 11, "DEU": 11, "JPN": 10, "IGOUNO": 14, "IGONAT": 10, "IGOEEC": 10,
    "TUR": 8, "IND": 8, "SYR": 6, "SAU": 6, "IGOUNOSCO": 6, "IGOUNOIAE": 5, "TWN": 6, "VEN": 4,
}  # fmt: skip
KIND_WEIGHTS = {"claim": 40, "accusation": 25, "denial": 20, "criticism": 15}
STATUS_WEIGHTS = {
    ReviewStatus.PROPOSED: 80,
    ReviewStatus.CONFIRMED: 12,
    ReviewStatus.EDITED: 5,
    ReviewStatus.REJECTED: 3,
}

_KINDS, _KIND_CUM = list(KIND_WEIGHTS), list(itertools.accumulate(KIND_WEIGHTS.values()))
_STATUSES, _STATUS_CUM = list(STATUS_WEIGHTS), list(itertools.accumulate(STATUS_WEIGHTS.values()))

PLACES = ("the border", "the Black Sea", "the capital", "the disputed islands", "the demilitarised zone",
          "the northern provinces", "the port", "the nuclear site", "the frontline", "the strait")  # fmt: skip
GOODS = ("artillery shells", "ballistic missiles", "drones", "fuel", "ammunition", "fighter jets",
         "air-defence systems", "enriched uranium", "dual-use chips", "small arms")  # fmt: skip
SECTORS = ("power grid", "banking system", "election commission", "water utilities", "hospitals",
           "satellite network", "railways", "ports authority")  # fmt: skip
# Content templates by kind; {t} is the target, {o} another actor.
CLAIM_CONTENT = (
    "{t} had shipped {g} to {o}",
    "{t} was preparing a missile test near {p}",
    "{t} had moved troops towards {p}",
    "talks with {t} had collapsed over {g}",
    "{t} was helping {o} evade sanctions on {g}",
    "{t} had agreed to supply {o} with {g}",
    "the attack on the {s} was launched from {t}",
    "{t} had violated the ceasefire near {p}",
)
ACCUSATION_CONTENT = (
    "supplying {g} to {o}",
    "attacking the {s} of {o}",
    "violating the ceasefire near {p}",
    "lying about its {g} programme",
    "smuggling {g} through {p}",
    "spreading false reports about {o}",
)
CRITICISM_CONTENT = (
    "missile launch near {p}",
    "decision to send {g} to {o}",
    "hostile policy towards {o}",
    "military drills near {p}",
    "treatment of journalists",
    "veto at the Security Council",
)
DENIAL_FALLBACK = ("it had any dealings with {o} over {g}", "its forces were anywhere near {p}")


@dataclass
class DemoStats:
    articles: int = 0
    claims: int = 0
    links: int = 0
    actors_created: int = 0
    seconds: float = 0.0


@dataclass
class _Voice:
    actor_id: int
    name: str
    # For people, the state or body they speak for: the target of accusations is that body.
    body_id: int


@dataclass
class _Said:
    sentence: _Sentence
    speaker: _Voice
    content: str


@dataclass
class _Builder:
    rng: random.Random
    voices: list[_Voice]
    # Cumulative, computed once: random.choices would otherwise re-add the weights on every pick.
    weights: list[float]
    by_id: dict[int, _Voice]
    # Recent hostile statements per targeted body, so its denials can answer them.
    against: dict[int, deque[_Said]] = field(default_factory=dict)
    recent_targets: deque[int] = field(default_factory=lambda: deque(maxlen=400))
    recent_claims: deque[_Said] = field(default_factory=lambda: deque(maxlen=400))


def actors_from_knowledge_base() -> tuple[list[Actor], int]:
    """The knowledge base's actors, loaded where missing; returns (actors, how many were new)."""
    loaded = actors_load_knowledge_base()
    return list(Actor.objects.filter(kb_key__isnull=False)), loaded.actors_created


def generate_demo(
    *,
    articles: int,
    claims: int,
    days: int = 3 * 365,
    batch_size: int = 5000,
    seed: int | None = None,
    progress: Callable[[DemoStats], None] | None = None,
) -> DemoStats:
    """Write `articles` articles holding `claims` statements in total, in batches of ~`batch_size`."""
    if articles < 1 or claims < articles:
        raise ValueError("Need at least one article and at least one statement per article.")
    started = time.monotonic()
    rng = random.Random(seed)
    actors, created = actors_from_knowledge_base()
    builder = _builder(rng, actors)
    stats = DemoStats(actors_created=created)
    counts = _spread(claims, articles, rng)
    run = secrets.token_hex(4) if seed is None else f"s{seed}"
    end = timezone.now().replace(microsecond=0)
    start = end - timedelta(days=days)
    per_batch = max(1, batch_size * articles // claims)
    for first in range(0, articles, per_batch):
        numbers = range(first, min(articles, first + per_batch))
        stamps = [start + (end - start) * (n + rng.random()) / articles for n in numbers]
        with transaction.atomic():
            made = _write_batch(builder, numbers, stamps, counts, run)
        stats.articles += made[0]
        stats.claims += made[1]
        stats.links += made[2]
        stats.seconds = time.monotonic() - started
        if progress:
            progress(stats)
    return stats


def _builder(rng: random.Random, actors: list[Actor]) -> _Builder:
    speaking = [a for a in actors if a.kind in (Actor.Kind.STATE, Actor.Kind.ORGANISATION, Actor.Kind.PERSON)]
    codes = {a.id: a.code for a in actors}
    bodies = [
        a.affiliation_id if a.kind == Actor.Kind.PERSON and a.affiliation_id else a.id for a in speaking
    ]
    officials = Counter(body for actor, body in zip(speaking, bodies, strict=True) if body != actor.id)
    voices, weights = [], []
    for actor, body in zip(speaking, bodies, strict=True):
        voices.append(_Voice(actor.id, actor.name, body))
        weight = PROMINENT.get(codes.get(body) or "", 1.0)
        # A state's officials together speak half as often as the state itself, however many
        # of them the knowledge base lists (it lists dozens of Americans).
        weights.append(weight / 2 / officials[body] if body != actor.id else weight)
    if not voices:
        raise ValueError("No actors to speak: the knowledge base is empty.")
    cumulative = list(itertools.accumulate(weights))
    return _Builder(rng=rng, voices=voices, weights=cumulative, by_id={v.actor_id: v for v in voices})


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` statements over `parts` articles: uneven, at least one each, summing exactly."""
    base, extra = divmod(total, parts)
    counts = [base + (1 if i < extra else 0) for i in range(parts)]
    for i in range(parts - 1):
        shift = rng.randint(-base // 2, base // 2)
        if counts[i] + shift >= 1 and counts[i + 1] - shift >= 1:
            counts[i] += shift
            counts[i + 1] -= shift
    return counts


def _write_batch(b: _Builder, numbers: range, stamps: list[datetime], counts: list[int], run: str):
    rng = b.rng
    rows: list[Article] = []
    drafts: list[list[tuple]] = []
    for n, stamp in zip(numbers, stamps, strict=True):
        sentences = []
        for _ in range(counts[n]):
            sentences.append(_statement(b))
            # Remembered at once, so a later sentence of this very batch may answer it.
            _remember(b, sentences[-1])
        body, spans = _compose(sentences, rng, f"demo-{run}-{n}")
        title = _headline(sentences[0])
        rows.append(
            Article(
                title=title[:500],
                body=body,
                outlet=rng.choice(OUTLETS),
                byline="",
                published_at=stamp,
                content_sha256=hashlib.sha256(body.encode()).hexdigest(),
                analysis_state=Article.AnalysisState.DONE,
                analysis_extractor_version=EXTRACTOR_VERSION,
                analyzed_at=stamp,
            )
        )
        drafts.append(list(zip(sentences, spans, strict=True)))
    Article.objects.bulk_create(rows)
    claims: list[Claim] = []
    for article, draft in zip(rows, drafts, strict=True):
        for sentence, (speaker_span, cue_span, content_span) in draft:
            status = rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]
            claim = Claim(
                article_id=article.id,
                published_at=article.published_at,
                speaker_id=sentence.speaker.actor_id,
                target_id=sentence.target_id,
                speaker_start=speaker_span[0],
                speaker_end=speaker_span[1],
                cue_start=cue_span[0],
                cue_end=cue_span[1],
                content_start=content_span[0],
                content_end=content_span[1],
                content_spans=[list(content_span)],
                quote_text=sentence.content,
                kind=sentence.kind,
                direct_quote=sentence.direct,
                confidence=round(rng.uniform(0.55, 0.99), 2),
                origin=Origin.EDITOR if status == ReviewStatus.EDITED else Origin.MACHINE,
                review_status=status,
                extractor_version=EXTRACTOR_VERSION,
            )
            claims.append(claim)
            sentence.claim = claim
    intents = [
        (s.claim, s.answers.sentence.claim, s.relation)
        for draft in drafts
        for s, _ in draft
        if s.answers is not None and s.answers.sentence.claim is not None
    ]
    Claim.objects.bulk_create(claims)
    links = [
        ClaimLink(
            source_id=source.id,
            target_id=target.id,
            relation=relation,
            confidence=round(rng.uniform(0.6, 0.95), 2),
        )
        for source, target, relation in intents
        if source.id != target.id
    ]
    ClaimLink.objects.bulk_create(links, ignore_conflicts=True)
    return len(rows), len(claims), len(links)


@dataclass
class _Sentence:
    kind: str
    speaker: _Voice
    target_id: int | None
    cue: str
    content: str
    direct: bool
    answers: _Said | None = None
    relation: str = ""
    target_name: str = ""
    claim: Claim | None = None


def _pick(b: _Builder) -> _Voice:
    return b.rng.choices(b.voices, cum_weights=b.weights)[0]


def _other(b: _Builder, *not_these: int) -> _Voice:
    for _ in range(8):
        voice = _pick(b)
        if voice.body_id not in not_these:
            return voice
    return voice


def _fill(b: _Builder, template: str, target: _Voice, other: _Voice) -> str:
    rng = b.rng
    # States and bodies are what statements are about; their officials are who speak.
    return template.format(
        t=_body_name(b, target),
        o=_body_name(b, other),
        g=rng.choice(GOODS),
        p=rng.choice(PLACES),
        s=rng.choice(SECTORS),
    )


def _statement(b: _Builder) -> _Sentence:
    rng = b.rng
    kind = rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
    if kind == "denial" and b.recent_targets:
        # Someone recently accused answers: the denial restates what it rejects.
        body = rng.choice(b.recent_targets)
        said_list = b.against.get(body)
        if said_list:
            said = rng.choice(said_list)
            speaker = b.by_id.get(body) or _pick(b)
            if rng.random() < 0.3:
                # One of its officials speaks instead ("the foreign ministry spokesperson").
                officials = [v for v in b.voices if v.body_id == body and v.actor_id != body]
                speaker = rng.choice(officials) if officials else speaker
            return _Sentence(
                "denial", speaker, said.speaker.body_id, rng.choice(("denied", "rejected", "dismissed")),
                said.content, False, answers=said, relation=ClaimLink.Relation.REBUTS,
            )  # fmt: skip
    speaker = _pick(b)
    target = _other(b, speaker.body_id)
    other = _other(b, speaker.body_id, target.body_id)
    if kind == "claim" and b.recent_claims and rng.random() < 0.1:
        said = rng.choice(b.recent_claims)
        return _Sentence(
            "claim", said.speaker, _target_of(said), "repeated", said.content, False,
            answers=said, relation=ClaimLink.Relation.REPEATS,
        )  # fmt: skip
    if kind == "accusation":
        content = _fill(b, rng.choice(ACCUSATION_CONTENT), target, other)
        cue = rng.choice(("accused", "blamed"))
        return _Sentence(
            kind, speaker, target.body_id, cue, content, False, target_name=_body_name(b, target)
        )
    if kind == "criticism":
        content = f"{_body_name(b, target)}’s {_fill(b, rng.choice(CRITICISM_CONTENT), target, other)}"
        return _Sentence(
            kind,
            speaker,
            target.body_id,
            rng.choice(("condemned", "criticised", "denounced")),
            content,
            False,
        )
    if kind == "denial":
        content = _fill(b, rng.choice(DENIAL_FALLBACK), target, other)
        return _Sentence(kind, speaker, None, "denied", content, False)
    content = _fill(b, rng.choice(CLAIM_CONTENT), target, other)
    direct = rng.random() < 0.25
    if direct:
        # A quotation opens a sentence: capitalised here, so the stored text matches its span.
        content = content[:1].upper() + content[1:]
    return _Sentence(
        "claim", speaker, target.body_id, rng.choice(("said", "claimed", "reported")), content, direct
    )


def _target_of(said: _Said) -> int | None:
    return said.sentence.target_id


def _remember(b: _Builder, sentence: _Sentence) -> None:
    said = _Said(sentence=sentence, speaker=sentence.speaker, content=sentence.content)
    if sentence.kind in ("claim", "accusation") and sentence.target_id is not None:
        b.against.setdefault(sentence.target_id, deque(maxlen=20)).append(said)
        b.recent_targets.append(sentence.target_id)
    if sentence.kind == "claim":
        b.recent_claims.append(said)


def _compose(sentences: list[_Sentence], rng: random.Random, ref: str) -> tuple[str, list[tuple]]:
    """Write the article and return, per statement, its (speaker, cue, content) spans."""
    parts: list[str] = []
    pos = 0
    spans = []

    def put(text: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text)  # code points: Python's own string length
        return start, pos

    put(_headline(sentences[0]) + "\n\n")
    for i, s in enumerate(sentences):
        if i and i % 3 == 0:
            put("\n\n")
        elif i:
            put(" ")
        if s.kind == "accusation":
            speaker = put(s.speaker.name)
            put(" ")
            cue = put(s.cue)
            put(f" {s.target_name} {'of' if s.cue == 'accused' else 'for'} ")
            content = put(s.content)
            put(".")
        elif s.kind == "criticism":
            speaker = put(s.speaker.name)
            put(" ")
            cue = put(s.cue)
            put(" ")
            content = put(s.content)
            put(".")
        elif s.direct:
            put("“")
            content = put(s.content)
            put(",” ")
            cue = put("said")
            put(" ")
            speaker = put(s.speaker.name)
            put(".")
        else:
            speaker = put(s.speaker.name)
            put(" ")
            cue = put(s.cue)
            put(" claims that " if s.kind == "denial" else " that ")
            content = put(s.content)
            put(".")
        spans.append((speaker, cue, content))
    put(f"\n\nRef. {ref}")
    return "".join(parts), spans


def _body_name(b: _Builder, voice: _Voice) -> str:
    body = b.by_id.get(voice.body_id)
    return body.name if body else voice.name


def _headline(s: _Sentence) -> str:
    verb = {"claim": "says", "denial": "denies", "criticism": "condemns"}.get(s.kind)
    text = (
        f"{s.speaker.name} {verb} {s.content}"
        if verb
        else f"{s.speaker.name} accuses {s.target_name} of {s.content}"
    )
    return text[:1].upper() + text[1:]
