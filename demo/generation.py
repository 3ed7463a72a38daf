"""Synthetic news at scale, for benchmarks and for trying the pages with a realistic volume.

Actors are the shipped knowledge base (states, organisations, media, officials; loaded by
actors.services.actors_load_knowledge_base when missing), so the data
looks like what the extractor would store. Every article is built sentence by sentence and each
statement's spans are computed while the text is written: the article reader highlights them
exactly. Denials answer earlier accusations against their speaker ("rebuts"), and some claims
restate earlier ones ("repeats"), so threads run across articles and weeks.

The words follow news rather than a template's handful: articles cover *stories* that start,
run for days or weeks and end, a few big ones and many small ones (heavy-tailed); a story has its
own rarer words, place, number and actors, which its statements share, and every statement also
carries words drawn by their frequency in English (`wordfreq`), so the words' document
frequencies spread from every statement to a handful, as in a real archive. Threading and
full-text search then meet what they meet in production: a story's words are frequent within its
weeks and rare outside them.

On PostgreSQL the rows are written set-based: COPY into a temporary table, then one INSERT …
SELECT per table that computes the search vector with the expression of the claims' trigger and
records the sync feed's rows in the same statement, with those two row triggers disabled for the
length of that batch's transaction only (ALTER TABLE … DISABLE TRIGGER is transactional: another
session never sees them off, and writers to claims wait for the batch to commit).
"""

from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import json
import random
import re
import secrets
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from django.db import connection, models, transaction
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

PLACES = (
    "the border", "the Black Sea", "the capital", "the disputed islands", "the demilitarised zone",
    "the northern provinces", "the port", "the nuclear site", "the frontline", "the strait",
    "Kobani", "Aleppo", "Mosul", "Raqqa", "Donetsk", "Kharkiv", "Crimea", "Odesa", "Gaza",
    "the West Bank", "Golan", "Idlib", "Benghazi", "Sanaa", "Aden", "Hodeidah", "Kabul", "Kandahar",
    "Quetta", "Kashmir", "Ladakh", "Taipei", "the Spratly Islands", "Yongbyon", "Kaesong",
    "Sinuiju", "Vladivostok", "Kaliningrad", "Minsk", "Tbilisi", "Nagorno-Karabakh", "Basra",
    "Tikrit", "Homs", "Deir ez-Zor", "Khartoum", "Darfur", "Tripoli", "Bamako", "Timbuktu",
    "Mogadishu", "the Sahel", "Caracas", "Havana", "the Strait of Hormuz", "the Red Sea",
    "the Baltic", "the Arctic", "Hong Kong", "Xinjiang", "Tibet", "Bushehr", "Natanz", "Fordow",
)  # fmt: skip
GOODS = ("artillery shells", "ballistic missiles", "drones", "fuel", "ammunition", "fighter jets",
         "air-defence systems", "enriched uranium", "dual-use chips", "small arms", "tanks",
         "cruise missiles", "grain", "fertiliser", "crude oil", "centrifuges", "satellites",
         "body armour", "mortars", "rocket launchers", "helicopters", "warships", "cash")  # fmt: skip
SECTORS = ("power grid", "banking system", "election commission", "water utilities", "hospitals",
           "satellite network", "railways", "ports authority", "pipeline", "central bank",
           "telecoms network", "nuclear plant", "airport", "refinery")  # fmt: skip
# Content templates by kind. Slots: {t} the target, {o} another actor, {g} goods, {p} a place,
# {s} a sector, {n} a number, {k}/{j} the story's own words, {w} words drawn by frequency.
CLAIM_CONTENT = (
    "{t} had shipped {n} {g} to {o} {w}",
    "{t} was preparing a missile test near {p} {w}",
    "{t} had moved {n} troops towards {p}, {k} {w}",
    "talks with {t} on {k} had collapsed over {g}",
    "{t} was helping {o} evade sanctions on {g} and {k} {w}",
    "{t} had agreed to supply {o} with {n} {g} {w}",
    "the attack on the {s} was launched from {t}, citing {k} {j}",
    "{t} had violated the ceasefire near {p} {n} times {w}",
    "{n} people were killed near {p} in a strike blamed on {t} {w}",
    "{t} had detained {n} {k} suspects near {p}",
    "{o} and {t} had signed a secret deal on {k} and {g}",
    "the {k} {j} was carried out by {t} {w}",
    "{t} had been funding {k} groups in {p} {w}",
    "{t} intercepted {n} {g} bound for {o} near {p}",
    "satellite images showed {g} at {p}, {w}",
    "{t} planned to expand its {k} programme by {n} percent {w}",
)
ACCUSATION_CONTENT = (
    "supplying {g} to {o} {w}",
    "attacking the {s} of {o} {w}",
    "violating the ceasefire near {p}, {k} {w}",
    "lying about its {g} programme and {k}",
    "smuggling {n} {g} through {p} {w}",
    "spreading false reports about {o} and {k} {w}",
    "torturing {n} {k} prisoners {w}",
    "shelling civilians in {p} {w}",
    "stealing {k} {j} from {o} {w}",
    "interfering in the {s} of {o}",
    "hiding {g} near {p} {w}",
)
CRITICISM_CONTENT = (
    "missile launch near {p} {w}",
    "decision to send {n} {g} to {o}",
    "hostile policy towards {o} on {k} {w}",
    "military drills near {p} {w}",
    "treatment of journalists and {k} {w}",
    "veto at the Security Council on {k}",
    "crackdown on {k} protesters in {p} {w}",
    "handling of the {k} {j} {w}",
    "sanctions on the {s} of {o} {w}",
)
DENIAL_FALLBACK = (
    "it had any dealings with {o} over {g} {w}",
    "its forces were anywhere near {p} {w}",
    "it had anything to do with the {k} {j}",
    "it held {n} {k} prisoners {w}",
)

# A share of new stories per article, and their mean length in days: about 25 new stories a
# day at 100 articles a day, some 150 running at once.
_NEW_STORY_PER_ARTICLE = 0.25
_STORY_DAYS = 6.0
_STORY_SHARE = 0.75  # statements of an article about its story; the rest about other news


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
class _Story:
    words: tuple[str, ...]
    place: str
    goods: str
    number: int
    target: _Voice
    other: _Voice
    weight: float
    ends: int  # the article number after which nobody writes about it


@dataclass
class _Builder:
    rng: random.Random
    voices: list[_Voice]
    # Cumulative, computed once: random.choices would otherwise re-add the weights on every pick.
    weights: list[float]
    by_id: dict[int, _Voice]
    articles_per_day: float
    # Recent hostile statements per targeted body, so its denials can answer them.
    against: dict[int, deque[_Said]] = field(default_factory=dict)
    recent_targets: deque[int] = field(default_factory=lambda: deque(maxlen=400))
    recent_claims: deque[_Said] = field(default_factory=lambda: deque(maxlen=400))
    stories: list[_Story] = field(default_factory=list)
    story: _Story | None = None  # what the article being written is about


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
    builder = _builder(rng, actors, articles_per_day=articles / days)
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Entries other sessions left in a GIN pending list (where it is on) are read whole by
            # every search until vacuum merges them: merged now.
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                "WHERE i.indrelid = %s::regclass AND am.amname = 'gin'",
                [Claim._meta.db_table],
            )
            # BRIN summarises a block range only when vacuum (or autosummarize, through autovacuum)
            # reaches it; until then every search by date reads it whole (claims/0016).
            cursor.execute(
                "SELECT brin_summarize_new_values(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                "WHERE i.indrelid = %s::regclass AND am.amname = 'brin'",
                [Claim._meta.db_table],
            )
            # Fresh planner statistics: the pages and threading plan on them (and threading reads
            # the search vector's most common lexemes from them).
            for model in (Article, Claim, ClaimLink):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    stats.seconds = time.monotonic() - started
    return stats


# --- words ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    words: list[str]
    cumulative: list[float]  # by frequency in English: most draws are common words
    story_words: list[str]  # the rarer band a story's own words come from


@cache
def _vocabulary() -> _Vocabulary:
    from wordfreq import top_n_list, word_frequency

    # The 40,000 most frequent English words, letters only; the 60 most frequent are left to the
    # templates (a drawn "the of and" reads as noise, and the database drops them anyway).
    words = [w for w in top_n_list("en", 40_000) if re.fullmatch(r"[a-z]{3,}", w)][60:]
    cumulative = list(itertools.accumulate(word_frequency(w, "en") for w in words))
    return _Vocabulary(words=words, cumulative=cumulative, story_words=words[2_000:])


def _drawn(rng: random.Random, count: int) -> str:
    vocab = _vocabulary()
    total = vocab.cumulative[-1]
    return " ".join(
        vocab.words[min(len(vocab.words) - 1, bisect.bisect(vocab.cumulative, rng.random() * total))]
        for _ in range(count)
    )


def _builder(rng: random.Random, actors: list[Actor], *, articles_per_day: float) -> _Builder:
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
    return _Builder(
        rng=rng,
        voices=voices,
        weights=cumulative,
        by_id={v.actor_id: v for v in voices},
        articles_per_day=articles_per_day,
    )


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


def _new_story(b: _Builder, number: int) -> _Story:
    rng = b.rng
    target = _pick(b)
    other = _other(b, target.body_id)
    days = max(0.5, rng.expovariate(1 / _STORY_DAYS))
    return _Story(
        words=tuple(rng.choice(_vocabulary().story_words) for _ in range(rng.randint(2, 4))),
        place=rng.choice(PLACES),
        goods=rng.choice(GOODS),
        number=rng.choice((rng.randint(2, 30), rng.randint(30, 900), rng.randint(1000, 50_000))),
        target=target,
        other=other,
        # Heavy-tailed: most stories get a few articles, a few get thousands.
        weight=rng.paretovariate(1.1),
        ends=number + int(days * b.articles_per_day) + 1,
    )


def _story_for(b: _Builder, number: int) -> _Story:
    b.stories = [s for s in b.stories if s.ends >= number]
    if not b.stories or b.rng.random() < _NEW_STORY_PER_ARTICLE:
        b.stories.append(_new_story(b, number))
        return b.stories[-1]
    return b.rng.choices(b.stories, weights=[s.weight for s in b.stories])[0]


# --- rows -------------------------------------------------------------------------------------


def _write_batch(b: _Builder, numbers: range, stamps: list[datetime], counts: list[int], run: str):
    rng = b.rng
    articles: list[dict] = []
    drafts: list[list[tuple]] = []
    for n, stamp in zip(numbers, stamps, strict=True):
        b.story = _story_for(b, n)
        sentences = []
        for _ in range(counts[n]):
            sentences.append(_statement(b))
            # Remembered at once, so a later sentence of this very batch may answer it.
            _remember(b, sentences[-1])
        body, spans = _compose(sentences, rng, f"demo-{run}-{n}")
        articles.append(
            {
                "title": _headline(sentences[0])[:500],
                "body": body,
                "outlet": rng.choice(OUTLETS),
                "byline": "",
                "published_at": stamp,
                "ingested_at": stamp,
                "content_sha256": hashlib.sha256(body.encode()).hexdigest(),
                "analysis_state": Article.AnalysisState.DONE,
                "analysis_extractor_version": EXTRACTOR_VERSION,
                "analyzed_at": stamp,
            }
        )
        drafts.append(list(zip(sentences, spans, strict=True)))
    article_ids = _reserve_ids(Article, len(articles))
    for row, article_id in zip(articles, article_ids, strict=True):
        row["id"] = article_id
    now = timezone.now()
    claims: list[dict] = []
    for article, draft in zip(articles, drafts, strict=True):
        for sentence, (speaker_span, cue_span, content_span) in draft:
            status = rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]
            sentence.row = {
                "article_id": article["id"],
                "published_at": article["published_at"],
                "speaker_id": sentence.speaker.actor_id,
                "target_id": sentence.target_id,
                "speaker_start": speaker_span[0],
                "speaker_end": speaker_span[1],
                "cue_start": cue_span[0],
                "cue_end": cue_span[1],
                "content_start": content_span[0],
                "content_end": content_span[1],
                "content_spans": [list(content_span)],
                "quote_text": sentence.content,
                "kind": sentence.kind,
                "direct_quote": sentence.direct,
                "confidence": round(rng.uniform(0.55, 0.99), 2),
                "origin": Origin.EDITOR if status == ReviewStatus.EDITED else Origin.MACHINE,
                "review_status": status,
                "extractor_version": EXTRACTOR_VERSION,
                "created_at": now,
                "updated_at": now,
            }
            claims.append(sentence.row)
    for row, claim_id in zip(claims, _reserve_ids(Claim, len(claims)), strict=True):
        row["id"] = claim_id
    links = [
        {
            "source_id": s.row["id"],
            "target_id": s.answers.sentence.row["id"],
            "relation": s.relation,
            "confidence": round(rng.uniform(0.6, 0.95), 2),
            "created_at": now,
        }
        for draft in drafts
        for s, _ in draft
        if s.answers is not None
        and s.answers.sentence.row is not None
        and s.answers.sentence.row["id"] != s.row["id"]
    ]
    for row, link_id in zip(links, _reserve_ids(ClaimLink, len(links)), strict=True):
        row["id"] = link_id
    if connection.vendor == "postgresql":
        _copy_rows(Article, articles)
        _bulk_load(Claim, claims, vector=True)
        links_made = _bulk_load(ClaimLink, links, vector=False)
    else:
        Article.objects.bulk_create(Article(**row) for row in articles)
        Claim.objects.bulk_create(Claim(**row) for row in claims)
        links_made = len(
            ClaimLink.objects.bulk_create((ClaimLink(**row) for row in links), ignore_conflicts=True)
        )
    return len(articles), len(claims), links_made


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for rows about to be written, so statements can name their article and links
    their statements before anything is inserted."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite (the quick start): one writer at a time, so the next free ids are ours.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


def _columns(model: type[models.Model]) -> list[models.Field]:
    # Every stored column but the search vector, which the database computes.
    return [f for f in model._meta.concrete_fields if f.column != "search_vector"]


def _copy_text(value: object) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_rows(model: type[models.Model], rows: Sequence[dict], *, into: str | None = None) -> None:
    """COPY the rows into the model's table (or `into`, a table of the same columns); a column a
    row leaves out gets the field's default."""
    fields = _columns(model)
    defaults = {f.attname: f.get_default() for f in fields}
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_text(row.get(f.attname, defaults[f.attname])) for f in fields))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(f.column for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {into or model._meta.db_table} ({columns}) FROM STDIN", buffer)


# The trigger function of claims/0008 computes exactly this; tests/demo checks that the stored
# vectors equal what the trigger stores.
_VECTOR = "to_tsvector('english'::regconfig, COALESCE(quote_text, ''))"
_SYNC_KINDS = {Claim: "claim", ClaimLink: "link"}


def _bulk_load(model: type[models.Model], rows: Sequence[dict], *, vector: bool) -> int:
    """Insert the rows set-based, as the row triggers would have left them: the search vector
    computed in the INSERT … SELECT, the sync feed's rows (what claimtrack_sync_change writes per
    row) inserted from the rows it returns. Returns how many rows were new."""
    if not rows:
        return 0
    table = model._meta.db_table
    kind = _SYNC_KINDS[model]
    columns = ", ".join(f.column for f in _columns(model))
    triggers = [f"{table}_sync_change"] + ([f"{table}_search_vector_trg"] if vector else [])
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE demo_load (LIKE {table}) ON COMMIT DROP")
        _copy_rows(model, rows, into="demo_load")
        for trigger in triggers:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        # The GIN indexes take a batch fastest through their pending list (sorted and merged in
        # one go); claims/0013 keeps it off otherwise, so it is merged before the batch commits.
        cursor.execute(
            "SELECT c.relname, COALESCE(c.reloptions, '{}') FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND am.amname = 'gin'",
            [table],
        )
        gin = cursor.fetchall()
        for index, _ in gin:
            cursor.execute(f"ALTER INDEX {index} SET (fastupdate = on)")
        computed = f", {_VECTOR}" if vector else ""
        cursor.execute(
            f"""
            WITH added AS (
                INSERT INTO {table} ({columns}{", search_vector" if vector else ""})
                SELECT {columns}{computed} FROM demo_load
                ON CONFLICT DO NOTHING
                RETURNING id, version
            )
            INSERT INTO claims_syncchange (txid, kind, object_id, deleted, replaced_by, version, changed_at)
            SELECT pg_current_xact_id()::text::bigint, %s, id, false, NULL, version, now() FROM added
            """,
            [kind],
        )
        made = cursor.rowcount
        # The deferred foreign-key checks run now: a table with pending trigger events cannot
        # have its triggers switched back on.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for trigger in triggers:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        for index, options in gin:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            off = "fastupdate=off" in options or "fastupdate=false" in options
            cursor.execute(f"ALTER INDEX {index} {'SET (fastupdate = off)' if off else 'RESET (fastupdate)'}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("DROP TABLE demo_load")
    return made


# --- sentences --------------------------------------------------------------------------------


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
    row: dict | None = None


def _pick(b: _Builder) -> _Voice:
    return b.rng.choices(b.voices, cum_weights=b.weights)[0]


def _other(b: _Builder, *not_these: int) -> _Voice:
    for _ in range(8):
        voice = _pick(b)
        if voice.body_id not in not_these:
            return voice
    return voice


def _fill(b: _Builder, template: str, target: _Voice, other: _Voice, story: _Story) -> str:
    rng = b.rng
    words = story.words
    # States and bodies are what statements are about; their officials are who speak. A story
    # keeps its place, goods and number most of the time; reporting varies the rest.
    text = template.format(
        t=_body_name(b, target),
        o=_body_name(b, other),
        g=story.goods if rng.random() < 0.7 else rng.choice(GOODS),
        p=story.place if rng.random() < 0.7 else rng.choice(PLACES),
        s=rng.choice(SECTORS),
        n=story.number if rng.random() < 0.6 else rng.randint(2, 5000),
        k=words[0] if rng.random() < 0.8 else rng.choice(words),
        j=words[-1],
        w=_drawn(rng, rng.randint(2, 9)),
    )
    return text.rstrip(" ,")


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
    if kind == "claim" and b.recent_claims and rng.random() < 0.1:
        said = rng.choice(b.recent_claims)
        return _Sentence(
            "claim", said.speaker, _target_of(said), "repeated", said.content, False,
            answers=said, relation=ClaimLink.Relation.REPEATS,
        )  # fmt: skip
    story = b.story if b.story is not None and rng.random() < _STORY_SHARE else None
    if story is None:
        # Other news of the day: a story of its own, told once.
        story = _new_story(b, 0)
    speaker = _pick(b)
    if speaker.body_id == story.target.body_id:
        speaker = _other(b, story.target.body_id)
    target, other = story.target, story.other
    if kind == "accusation":
        content = _fill(b, rng.choice(ACCUSATION_CONTENT), target, other, story)
        cue = rng.choice(("accused", "blamed"))
        return _Sentence(
            kind, speaker, target.body_id, cue, content, False, target_name=_body_name(b, target)
        )
    if kind == "criticism":
        content = f"{_body_name(b, target)}’s {_fill(b, rng.choice(CRITICISM_CONTENT), target, other, story)}"
        return _Sentence(
            kind,
            speaker,
            target.body_id,
            rng.choice(("condemned", "criticised", "denounced")),
            content,
            False,
        )
    if kind == "denial":
        content = _fill(b, rng.choice(DENIAL_FALLBACK), target, other, story)
        return _Sentence(kind, speaker, None, "denied", content, False)
    content = _fill(b, rng.choice(CLAIM_CONTENT), target, other, story)
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


def _compose(sentences: Iterable[_Sentence], rng: random.Random, ref: str) -> tuple[str, list[tuple]]:
    """Write the article and return, per statement, its (speaker, cue, content) spans."""
    sentences = list(sentences)
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
