"""The actor knowledge base: plain Python, no database."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import FrozenInstanceError

import pytest

from demo.seed import seed_gold
from extraction.knowledge import (
    KBEntry,
    KnowledgeBase,
    KnowledgeBaseError,
    load_knowledge_base,
    normalise_alias,
)
from extraction.knowledge.base import FORMS, KINDS

# The 193 UN member states, written out here rather than read from the data under test.
_UN_MEMBER_CODES = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
    DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
    HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
    LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
    NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
    ZWE
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())
UN_OBSERVERS = frozenset({"VAT", "PSE"})

# The gold's actor names are display names; these are the knowledge-base entries they mean.
SEED_ACTOR_KEYS = {
    "United States": "USA",
    "North Korea": "PRK",
    "Russia": "RUS",
    "United Nations": "IGOUNO",
    "Voice of America": "media:voa",
    "West": "group:west",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _resolves_to(kb: KnowledgeBase, entry: KBEntry | None, key: str) -> bool:
    """The entry is the actor or belongs to it ("UN Security Council" speaks for the UN)."""
    seen = set()
    while entry is not None and entry.key not in seen:
        if entry.key == key:
            return True
        seen.add(entry.key)
        entry = kb.get(entry.affiliation) if entry.affiliation else None
    return False


def _seed_surface_forms() -> list[tuple[str, str]]:
    gold = seed_gold()
    return [(alias, name) for name, aliases in gold["actors"].items() for alias in [name, *aliases]]


@pytest.mark.parametrize(("surface", "gold_name"), _seed_surface_forms())
def test_every_surface_form_of_the_seed_gold_resolves_to_its_actor(kb, surface, gold_name):
    entry = kb.lookup(surface)
    assert _resolves_to(kb, entry, SEED_ACTOR_KEYS[gold_name]), (surface, entry)


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("the U.S.", "USA"),
        ("U.S.A.", "USA"),
        ("America’s", "USA"),
        ("the Pentagon", "USA"),
        ("North Korea's", "PRK"),
        ("Kim Jong-un", "person:kim-jong-un"),
        ("Kim Jong Un", "person:kim-jong-un"),
        ("Guterres’", "person:antonio-guterres"),
        ("KCNA", "media:kcna"),
        ("Rodong Sinmun", "media:rodong-sinmun"),
        ("Xinhua", "media:xinhua"),
        ("the Associated Press", "media:ap"),
        ("NATO", "IGONAT"),
        ("IAEA", "IGOUNOIAE"),
        ("the Security Council", "IGOUNOSCO"),
        ("European Commission", "IGOEECCOM"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("UAE", "ARE"),
        ("PRC", "CHN"),
        ("ROK", "KOR"),
        ("Türkiye", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Putin", "person:vladimir-putin"),
        ("Lavrov", "person:sergei-lavrov"),
        ("Zelenskyy", "person:volodymyr-zelensky"),
        ("Xi", "person:xi-jinping"),
    ],
)
def test_lookup_finds_names_abbreviations_and_officials(kb, surface, key):
    assert kb.lookup(surface) == kb.get(key)


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Chinese", "CHN"),
        ("Beijing", "CHN"),
        ("Zhongnanhai", "CHN"),
        ("British", "GBR"),
        ("Downing Street", "GBR"),
        ("Whitehall", "GBR"),
        ("the Élysée", "FRA"),
        ("Berlin", "DEU"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Tehran", "IRN"),
        ("Iranian", "IRN"),
        ("Seoul", "KOR"),
        ("South Korean", "KOR"),
        ("Tokyo", "JPN"),
        ("Brussels", "IGOEEC"),
        ("Palestinian", "PSE"),
        ("Taiwanese", "TWN"),
        ("Kosovar", "XKX"),
        ("Americans", "USA"),
        ("North Koreans", "PRK"),
        ("the Houthis", "group:houthis"),
    ],
)
def test_demonyms_capitals_and_seats_of_power_resolve(kb, surface, key):
    assert kb.lookup(surface) == kb.get(key)


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("the US government", "USA"),
        ("the North Korean government", "PRK"),
        ("Russian authorities", "RUS"),
        ("Russia’s government", "RUS"),
        ("the Biden administration", None),  # a person's administration is not a state name
        ("the Chinese foreign ministry", "CHN"),
        ("the government of North Korea", "PRK"),
        ("the Iranian side", "IRN"),
        ("the North Korean ministry", "PRK"),
        ("North Korea’s state media", "PRK"),
        ("the U.S. State Department", "USA"),
        ("the British Foreign Office", "GBR"),
        ("the US Kremlin", None),  # an institution of another state
        ("UN officials", None),  # only states: the UN's officials are not the UN speaking
    ],
)
def test_a_state_body_after_a_state_name_or_demonym_means_the_state(kb, surface, key):
    assert kb.lookup(surface) == (kb.get(key) if key else None)


def test_every_un_member_and_observer_is_a_state_keyed_by_its_alpha3_code(kb):
    states = {e.key: e for e in kb.entries() if e.kind == "state"}
    assert len(UN_MEMBERS) == 193
    assert states.keys() >= UN_MEMBERS | UN_OBSERVERS
    for code in UN_MEMBERS | UN_OBSERVERS:
        assert states[code].code == code
    codes = [e.code for e in kb.entries() if e.code is not None]
    assert len(codes) == len(set(codes))
    assert {"TWN", "XKX", "ESH"} <= states.keys()


def test_every_state_has_the_demonym_and_capital_the_news_uses(kb):
    # Left out on purpose: shared demonyms ("Congolese", Dominica's "Dominican"), city-states
    # whose capital is their own name, and Brussels, which the news uses for the EU.
    no_demonym = {"COG", "COD", "DMA", "VAT"}
    no_capital = {"BEL", "DJI", "LUX", "MCO", "SGP", "SMR", "SYC", "VAT", "ESH", "HKG", "MAC", "PRI"}
    forms = defaultdict(set)
    for _surface, key, form in kb.surface_forms():
        forms[key].add(form)
    for entry in kb.entries():
        if entry.kind != "state":
            continue
        assert ("demonym" in forms[entry.key]) != (entry.key in no_demonym), entry.key
        assert ("capital" in forms[entry.key]) != (entry.key in no_capital), entry.key
        for demonym in entry.demonyms:
            assert kb.lookup(demonym) == entry, demonym


def test_no_normalised_alias_names_two_entries(kb):
    owners: dict[str, set[str]] = defaultdict(set)
    for surface, key, _form in kb.surface_forms():
        owners[normalise_alias(surface)].add(key)
    shared = {alias: keys for alias, keys in owners.items() if len(keys) > 1}
    assert shared == {}
    for surface, key, _form in kb.surface_forms():
        assert kb.lookup(surface).key == key, surface


@pytest.mark.parametrize("surface", ["Kim", "Bush", "Clinton", "Castro", "Congo", "Korea", "Korean", "Lee"])
def test_ambiguous_names_resolve_to_nobody(kb, surface):
    assert kb.lookup(surface) is None


def test_entries_are_complete_and_each_comes_after_the_entry_it_is_affiliated_with(kb):
    seen = set()
    for entry in kb.entries():
        assert entry.kind in KINDS
        assert entry.aliases[0] == entry.name
        if entry.affiliation is not None:
            assert entry.affiliation in seen, entry.key
        seen.add(entry.key)
        if entry.kind == "person":
            assert entry.role and entry.affiliation, entry.key
    assert kb.get("person:antonio-guterres").affiliation == "IGOUNO"
    assert kb.get("IGOUNOSCO").affiliation == "IGOUNO"
    assert kb.get("media:kcna").affiliation == "PRK"
    assert kb.get("media:voa").affiliation == "USA"
    assert kb.get("person:kim-jong-un").affiliation == "PRK"


def test_surface_forms_say_what_kind_of_surface_each_is(kb):
    forms = set(kb.surface_forms())
    assert {form for _s, _k, form in forms} <= set(FORMS)
    assert {
        ("VOA", "media:voa", "abbreviation"),
        ("Voice of America", "media:voa", "media"),
        ("American", "USA", "demonym"),
        ("Washington", "USA", "capital"),
        ("White House", "USA", "institution"),
        ("Antonio Guterres", "person:antonio-guterres", "official"),
        ("Guterres", "person:antonio-guterres", "official"),
    } <= forms


def test_role_titles_and_institution_nouns_are_lowercase_sets(kb):
    assert {"deputy director", "deputy minister", "spokesperson", "secretary-general", "diplomat"} <= (
        kb.role_titles()
    )
    assert {"ministry", "foreign ministry", "office", "government", "embassy"} <= kb.institution_nouns()
    assert all(t == t.lower() for t in kb.role_titles() | kb.institution_nouns())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S.’s", "us"),
        ("The  United\u00a0States", "united states"),
        ("Guterres’", "guterres"),
        ("North Korea's", "north korea"),
        ("Kim Jong-un", "kim jong un"),
        ("UN Secretary-General", "un secretary general"),
        ("“the West”", "west"),
        ("ＵＮ", "un"),  # full-width letters, NFKC
    ],
)
def test_normalise_alias(text, expected):
    assert normalise_alias(text) == expected


def test_curated_aliases_that_collide_fail_loading():
    records = [
        {"key": "GEO", "name": "Georgia", "kind": "state"},
        {"key": "US-GA", "name": "State of Georgia", "kind": "group", "aliases": {"name": ["Georgia"]}},
    ]
    with pytest.raises(KnowledgeBaseError, match="georgia"):
        KnowledgeBase(records)


def test_a_surname_two_people_share_is_dropped_but_their_full_names_still_resolve():
    kb = KnowledgeBase(
        [
            {"key": "X", "name": "Xland", "kind": "state"},
            {
                "key": "person:a",
                "name": "Ann Smith",
                "kind": "person",
                "affiliation": "X",
                "role": "minister",
            },
            {"key": "person:b", "name": "Bob Smith", "kind": "person", "affiliation": "X", "role": "envoy"},
            {"key": "person:c", "name": "Cy Jones", "kind": "person", "affiliation": "X", "role": "envoy"},
        ]
    )
    assert kb.lookup("Smith") is None
    assert kb.lookup("Ann Smith").key == "person:a"
    assert kb.lookup("Jones").key == "person:c"
    assert kb.get("person:c").aliases == ("Cy Jones", "Jones")


def test_a_dangling_affiliation_fails_loading():
    with pytest.raises(KnowledgeBaseError, match="affiliation"):
        KnowledgeBase([{"key": "person:a", "name": "Ann Smith", "kind": "person", "affiliation": "NOPE"}])


def test_entries_are_immutable(kb):
    with pytest.raises(FrozenInstanceError):
        kb.get("USA").name = "Elsewhere"


def test_the_knowledge_base_is_loaded_once_per_process():
    load_knowledge_base.cache_clear()
    first = load_knowledge_base()
    assert load_knowledge_base() is first


def test_generated_states_json_matches_its_generator():
    # A curated row edited without re-running the generator would ship stale data.
    from extraction.knowledge import build_states

    shipped = json.loads(build_states._OUT.read_text(encoding="utf-8"))
    assert build_states.build() == shipped


def test_every_person_has_a_gender_and_nobody_else_has_one(kb):
    for entry in kb.entries():
        assert (entry.gender in ("m", "f")) == (entry.kind == "person"), entry.key
    genders = {key: kb.get(key).gender for key in ("person:maria-zakharova", "person:sergei-lavrov")}
    assert genders == {"person:maria-zakharova": "f", "person:sergei-lavrov": "m"}


@pytest.mark.parametrize(
    "record",
    [
        {"key": "person:a", "name": "Ann Smith", "kind": "person", "gender": "female"},
        {"key": "person:a", "name": "Ann Smith", "kind": "person", "gender": None},
        {"key": "X", "name": "Xland", "kind": "state", "gender": "f"},
    ],
)
def test_a_gender_other_than_m_or_f_or_on_an_actor_that_is_not_a_person_fails_loading(record):
    with pytest.raises(KnowledgeBaseError, match="gender"):
        KnowledgeBase([record])


def test_a_person_without_a_gender_loads_with_none():
    kb = KnowledgeBase([{"key": "person:a", "name": "Ann Smith", "kind": "person"}])
    assert kb.get("person:a").gender is None
