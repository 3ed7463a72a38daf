"""Cross-article matching: the same proposition repeated or answered, in sentences of our own."""

from extraction.matching import (
    Sketch,
    ThreadProfile,
    Thresholds,
    _content_terms,
    _lemma,
    _terms,
    best_group_threads,
    best_matches,
    best_threads,
    group_link,
    group_links,
    match,
    match_thread,
    restatement_groups,
    salient_names,
    similarity,
)

US = frozenset({"USA"})
NK = frozenset({"PRK"})

CLAIM = Sketch(
    "a1",
    "monday",
    "claim",
    "North Korea has shipped artillery shells to Russia for its war in Ukraine",
    speakers=US,
    targets=NK,
)


def test_the_same_claim_in_other_words_repeats_it():
    other = Sketch("b1", "tuesday", "claim", "Pyongyang shipped artillery shells to Russia", speakers=US)

    found = match(CLAIM, other)

    assert found is not None
    assert found.relation == "repeats"
    assert found.confidence >= Thresholds().confidence


def test_a_denial_of_the_claim_rebuts_it_and_counts_the_actors():
    denial = Sketch(
        "c1", "wednesday", "denial", "it supplies artillery shells to Russia", speakers=NK, targets=US
    )
    unrelated_sides = Sketch("c2", "wednesday", "denial", "it supplies artillery shells to Russia")

    found = match(CLAIM, denial)

    assert found is not None and found.relation == "rebuts"
    assert found.confidence > match(CLAIM, unrelated_sides).confidence


def test_a_negated_claim_answers_the_positive_one():
    negated = Sketch("d1", "thursday", "claim", "North Korea has not shipped any artillery shells to Russia")

    assert match(CLAIM, negated).relation == "rebuts"


def test_one_actors_claims_repeat_each_other_though_one_says_no():
    # The same side telling its story again does not contradict itself; another side does.
    story = "North Korea has not shipped any artillery shells to Russia"
    again = Sketch("d2", "friday", "claim", story, speakers=US)
    other_side = Sketch("d3", "friday", "claim", story, speakers=NK)

    assert match(CLAIM, again).relation == "repeats"
    assert match(CLAIM, other_side).relation == "rebuts"


def test_a_negation_of_another_word_leaves_the_stance_alone():
    # "not yet confirmed" negates the confirming, which the other statement does not assert.
    a = Sketch("n1", "x", "claim", "officials have not yet confirmed the authenticity of the hostage video")
    b = Sketch(
        "n2", "y", "claim", "intelligence officials are working to determine the hostage video's authenticity"
    )

    found = match(a, b)

    assert found is not None and found.relation == "repeats"


def test_two_denials_repeat_each_other_even_when_one_says_not():
    a = Sketch(
        "d2", "x", "denial", "the Kurdish commander Rosenberg was not captured by the militants in Kobani"
    )
    b = Sketch(
        "d3", "y", "denial", "reports that militants captured the Kurdish commander Rosenberg in Kobani"
    )

    assert match(a, b).relation == "repeats"


def test_statements_that_share_only_common_words_do_not_match():
    other = Sketch("e1", "friday", "claim", "The ministry said it would announce its plans for the war soon")

    assert match(CLAIM, other) is None


def test_short_references_never_match_on_their_own():
    # What "the accusation" refers to is the extractor's business in its article, not ours.
    assert similarity("the accusation", "these allegations") == 0.0
    assert similarity("to be part of the terrorist group", "strikes against the terrorist group") == 0.0


def test_statements_of_one_article_are_never_matched_here():
    same_article = Sketch("a2", "monday", "claim", CLAIM.content, speakers=US)

    assert match(CLAIM, same_article) is None


def test_different_numbers_make_different_claims():
    twelve = "Militants killed 12 soldiers in an attack on the border post at Rafah"
    forty = "Militants killed 40 soldiers in an attack on the border post at Rafah"

    assert similarity(twelve, twelve) > similarity(twelve, forty)


def test_rare_names_weigh_more_than_common_words():
    shared_name = similarity(
        "Mohammed Emwazi was questioned by investigators in Westminster",
        "Mohammed Emwazi studied computer programming at Westminster",
    )
    shared_common = similarity(
        "the young man was questioned by investigators in the town",
        "the young man studied computer programming in the town",
    )

    assert shared_name > shared_common


def test_synonyms_of_one_event_meet():
    kidnapped = "militants kidnapped the aid worker near the Turkish border crossing"
    abducted = "militants abducted the aid worker near the Turkish border crossing"
    freed = "militants freed the aid worker near the Turkish border crossing"

    assert similarity(kidnapped, abducted) > similarity(kidnapped, freed)


def test_names_of_one_actor_meet():
    dotted = "the U.S. imposed new sanctions on the shipping companies of Iran"
    named = "Washington imposed new sanctions on the shipping companies of Iran"
    other = "Brazil imposed new sanctions on the shipping companies of Iran"

    assert similarity(dotted, named) > similarity(dotted, other)


def test_the_articles_names_give_a_pronoun_its_subject():
    names_a = frozenset({"Rosenberg", "Kobani", "YPG"})
    names_b = frozenset({"Rosenberg", "Kobani", "YPG"})
    elsewhere = frozenset({"Mosul", "Nineveh", "Peshmerga"})
    claim = "Islamic State militants say the volunteer Rosenberg was abducted in the besieged town"
    pronoun = "Islamic State militants say she was captured in the besieged town"

    with_subject = similarity(claim, pronoun, names_a=names_a, names_b=names_b)
    other_story = similarity(claim, pronoun, names_a=names_a, names_b=elsewhere)

    assert with_subject > other_story


def test_a_pronoun_subject_makes_the_articles_names_its_own_words():
    names = frozenset({"Okafor", "Warri", "Delta"})
    pronoun = _terms("she was abducted by gunmen outside the refinery", names)
    reported = _terms("a colleague said she was abducted by gunmen outside the refinery", names)
    described = _terms("the engineer was abducted by gunmen outside the refinery", names)

    assert "okafor" in pronoun.weights
    # Only a content that starts with the pronoun: further in it may be anyone's.
    assert "okafor" not in reported.weights
    assert "okafor" not in described.weights
    assert "okafor" in described.full  # still the article's context, at a lower weight


def test_a_pronoun_subject_meets_the_name_another_article_leaves_to_its_context():
    ours = frozenset({"Okafor", "Warri", "Delta"})
    theirs = frozenset({"Okafor", "Warri", "Shell"})
    other = "gunmen have kidnapped a Nigerian woman outside the refinery in the creeks"

    she = similarity("she was abducted by gunmen outside the refinery", other, names_a=ours, names_b=theirs)
    they = similarity(
        "they were abducted by gunmen outside the refinery", other, names_a=ours, names_b=theirs
    )

    assert she > they


def test_the_knowledge_bases_actors_are_not_a_pronouns_subject():
    names = frozenset({"Okafor", "Nigeria"})

    terms = _terms("she was abducted by gunmen outside the refinery", names)

    assert "okafor" in terms.weights
    assert not any(term.startswith("@") for term in terms.weights)


def test_news_synonyms_of_one_thing_meet():
    pairs = [
        ("the disease reached the camp from travellers", "the virus reached the camp from travellers"),
        ("one of the detainees may fight again", "one of the men held there may fight again"),
    ]
    for a, b in pairs:
        shared = _content_terms(a)[0].keys() & _content_terms(b)[0].keys()
        assert any(term.startswith("~") for term in shared), (a, b)


def test_salient_names_are_the_most_mentioned_rare_names():
    text = (
        "Officials in Ruritania said Zenda had been detained. Zenda's lawyer denied it. "
        "The Ruritania ministry said Zenda would appear in court on Monday. Reporters asked "
        "whether Zenda was held in Strelsau. The Monday hearing was delayed."
    )

    names = salient_names(text)

    assert {"Zenda", "Ruritania"} <= names
    assert "Monday" not in names  # calendar words are not what an article is about
    assert "Strelsau" not in names  # one mention is not salience
    assert "Officials" not in names


def test_best_matches_ranks_the_candidates_and_drops_the_weak():
    strong = Sketch(
        "f1", "x", "claim", "North Korea shipped artillery shells to Russia for the war in Ukraine"
    )
    weak = Sketch("f2", "y", "claim", "Russia is at war in Ukraine")

    ranked = best_matches(CLAIM, [weak, strong])

    assert [s.key for s, _ in ranked][:1] == ["f1"]
    assert all(m.confidence >= Thresholds().confidence for _, m in ranked)


def test_a_statement_joins_the_thread_and_takes_its_side():
    thread = ThreadProfile.of(
        "t1",
        [
            CLAIM,
            Sketch(
                "g1",
                "monday",
                "denial",
                "North Korea denied that it shipped artillery shells to Russia",
                speakers=NK,
                targets=US,
            ),
        ],
    )
    repeat = Sketch(
        "h1", "friday", "claim", "North Korea shipped more artillery shells to Russia by rail", speakers=US
    )
    denial = Sketch(
        "h2", "friday", "denial", "Pyongyang shipped no artillery shells to Russia", speakers=NK, targets=US
    )

    joined = match_thread(repeat, thread)
    answered = match_thread(denial, thread)

    assert joined is not None and joined.thread == "t1"
    assert (joined.member.key, joined.relation) == ("a1", "repeats")
    assert answered is not None and (answered.member.key, answered.relation) == ("g1", "repeats")


def test_a_thread_is_not_joined_through_a_statement_of_the_same_article():
    thread = ThreadProfile.of("t2", [CLAIM])
    same_article = Sketch("a3", "monday", "claim", CLAIM.content)

    assert match_thread(same_article, thread) is None


def test_best_threads_puts_the_closer_thread_first():
    shells = ThreadProfile.of("shells", [CLAIM])
    drones = ThreadProfile.of(
        "drones",
        [Sketch("k1", "monday", "claim", "Iran has supplied attack drones to Russia for its war in Ukraine")],
    )
    new = Sketch("k2", "sunday", "claim", "North Korea keeps shipping artillery shells to Russia")

    ranked = best_threads(new, [drones, shells])

    assert [m.thread for m in ranked][:1] == ["shells"]


def test_statements_linked_in_their_article_join_a_thread_together():
    names = frozenset({"Hartmann", "Tabqa"})
    thread = ThreadProfile.of(
        "nurse",
        [
            Sketch(
                "b1",
                "tuesday",
                "claim",
                "the German nurse was abducted by the militia near Tabqa",
                names=names,
            ),
            Sketch(
                "b2",
                "tuesday",
                "denial",
                "the reports of her abduction were a hoax of militia accounts",
                names=names,
            ),
            Sketch("b3", "tuesday", "denial", "Hartmann is safe and was never in Tabqa", names=names),
        ],
    )
    dam = ThreadProfile.of(
        "dam", [Sketch("c1", "tuesday", "claim", "the dam at Tabqa was damaged by shelling", names=names)]
    )
    group = [
        Sketch("a1", "wednesday", "denial", "Hartmann was not kidnapped", names=names),
        Sketch("a2", "wednesday", "claim", "she had been kidnapped", names=names),
        Sketch("a3", "wednesday", "denial", "the story a hoax", names=names),
    ]

    found = best_group_threads(group, [dam, thread])

    # "the story a hoax" says nothing alone; with the claim it answers it is the nurse's thread.
    assert best_threads(group[2], [dam, thread]) == []
    assert [m.match.thread for m in found] == ["nurse"]
    assert (found[0].anchor.key, found[0].match.member.key, found[0].match.relation) == (
        "a2",
        "b1",
        "repeats",
    )
    assert found[0].match.confidence >= Thresholds().confidence


def test_a_group_never_joins_a_thread_through_its_own_article():
    own = Sketch("a1", "wednesday", "claim", "the militia abducted the German nurse near Tabqa")
    group = [own, Sketch("a2", "wednesday", "denial", "the militia abducted the German nurse near Tabqa")]

    assert best_group_threads(group, [ThreadProfile.of("t", [own])]) == []


def test_accents_do_not_keep_one_name_apart():
    accented = "five detainees released from Guantánamo Bay have returned to the fight"
    plain = "five detainees released from Guantanamo Bay have returned to the fight"

    assert similarity(accented, plain) == similarity(plain, plain)


def test_a_group_joins_no_thread_of_another_story_on_the_wars_actors_alone():
    # Both articles name Islamic State and Syria, as every article of that war does; the nurse
    # and the engineer they are about are not the same story.
    nurse = frozenset({"Islamic State", "Syria", "Varga"})
    engineer = frozenset({"Islamic State", "Syria", "Hartmann"})
    group = [
        Sketch(
            "a1",
            "wednesday",
            "claim",
            "Islamic State fighters seized the aid convoy in northern Syria",
            names=nurse,
        ),
        Sketch(
            "a2", "wednesday", "denial", "the convoy was never seized by Islamic State fighters", names=nurse
        ),
    ]
    dam = ThreadProfile.of(
        "dam",
        [
            Sketch(
                "b1",
                "tuesday",
                "claim",
                "Islamic State fighters seized the dam in northern Syria",
                names=engineer,
            )
        ],
    )

    assert best_group_threads(group, [dam]) == []


def test_numbers_in_words_are_numbers():
    # "five" and "5" are one count; "one" is left alone (it is as often a pronoun).
    words = "the five prisoners released in the swap have rejoined the insurgency"
    digits = "the 5 prisoners released in the swap have rejoined the insurgency"
    other = "the 7 prisoners released in the swap have rejoined the insurgency"

    assert _content_terms(words)[2] == {"5"}
    assert _content_terms("one of the officials said so")[2] == set()
    assert similarity(words, digits) > similarity(words, other)


def test_a_copula_before_a_name_is_an_identification():
    # "X is <Name>" says who someone is, as "identified as" does; negated, it denies it.
    assert "~identify" in _content_terms("the masked man in the video is Karim Zubaydi")[0]
    assert "~identify" not in _content_terms("the masked man in the video is tall")[0]
    named = Sketch("i1", "a", "claim", "the hooded gunman in the video is Karim Zubaydi")
    identified = Sketch("i2", "b", "claim", "officials identified the hooded gunman as Karim Zubaydi")
    denied = Sketch("i3", "c", "claim", "the hooded gunman in the video is not Karim Zubaydi")

    assert similarity(named.content, identified.content) > similarity(
        "the hooded gunman in the video wore black", identified.content
    )
    assert match(named, denied).relation == "rebuts"


def test_a_capitalised_word_inside_a_name_keeps_its_name():
    # "Jihadi" in "Jihadi Karim" is part of a name, not the class of militants.
    weights, names, _, _ = _content_terms("police said the man called Jihadi Karim had left")
    assert "jihadi" in weights and "jihadi" in names
    assert "~militant" not in weights
    assert "~militant" in _content_terms("police said the jihadi had left the country")[0]


def test_a_silent_e_is_restored_before_an_ending():
    # The frequency guess alone took "planes" for "plan" and "noted" for "not".
    assert _lemma("planes") == "plane"
    assert _lemma("noted") == "note"
    assert _lemma("used") == "use"
    assert _lemma("planned") == "plan"
    assert _lemma("visited") == "visit"
    assert _lemma("opened") == "open"
    planes = "the missing planes could be used in an attack"
    aircraft = "the missing aircraft could be used in an attack"
    assert "~aircraft" in _content_terms(planes)[0]
    assert similarity(planes, aircraft) > 0.5


def test_the_doer_and_the_doctrine_are_one_term():
    assert _lemma("terrorists") == _lemma("terrorism") == "terrorism"
    assert _lemma("extremist") == "extremism"
    assert similarity(
        "the freed prisoner has returned to terrorism in the border province",
        "the freed prisoner has joined terrorists in the border province",
    ) > similarity(
        "the freed prisoner has returned to farming in the border province",
        "the freed prisoner has joined terrorists in the border province",
    )


def test_an_abbreviated_month_is_the_month():
    assert _content_terms("the attack planned for Sept. 11") == _content_terms(
        "the attack planned for September 11"
    )
    assert "sept" not in _content_terms("the attack planned for Sept. 11")[1]


def _dispute(article: str, names: frozenset[str], claim: str, denial: str) -> list[Sketch]:
    return [
        Sketch(f"{article}-c", article, "claim", claim, names=names),
        Sketch(f"{article}-d", article, "denial", denial, names=names),
    ]


def test_two_disputes_pooled_link_where_no_pair_of_them_does_and_either_way_round():
    first = _dispute(
        "a", frozenset({"Kobani"}), "Gill Rosenberg was captured near Kobani", "the allegations propaganda"
    )
    second = _dispute(
        "b",
        frozenset({"Kobani", "Rosenberg"}),
        "Rosenberg was kidnapped",
        "the allegations were propaganda and she is safe in Kobani",
    )
    strict = Thresholds(similarity=0.99)
    assert not [(a, b) for a in first for b in second if match(a, b, thresholds=strict)]

    a, b, linked = group_link(first, second, thresholds=strict)
    b2, a2, again = group_link(second, first, thresholds=strict)
    assert (a.key, b.key, linked) == (a2.key, b2.key, again)
    assert linked.confidence >= strict.confidence


def test_the_other_statements_of_two_linked_disputes_take_their_sides_either_way_round():
    first = _dispute(
        "a", frozenset({"Kobani"}), "Gill Rosenberg was captured near Kobani", "the allegations propaganda"
    )
    first.append(Sketch("a-d2", "a", "denial", "she is safe", names=frozenset({"Kobani"})))
    second = _dispute(
        "b",
        frozenset({"Kobani", "Rosenberg"}),
        "Rosenberg was kidnapped",
        "the allegations were propaganda and she is safe in Kobani",
    )
    strict = Thresholds(similarity=0.99)
    links = group_links(first, second, thresholds=strict)
    anchor = group_link(first, second, thresholds=strict)
    assert links[0] == anchor
    # Each claim repeats the other side's claim, each denial a denial of the other side.
    sides = {(a.key, b.key): m.relation for a, b, m in links[1:]}
    assert set(sides.values()) == {"repeats"}
    assert all(a.stance == b.stance for a, b, _ in links[1:])
    assert ("a-c", "b-c") in sides or (anchor[0].key, anchor[1].key) == ("a-c", "b-c")
    assert any(a == "a-d2" for a, _ in sides)
    swapped = {(b.key, a.key): m for a, b, m in group_links(second, first, thresholds=strict)}
    assert swapped == {(a.key, b.key): m for a, b, m in links}
    assert all(m.grouped for _, _, m in links)


def test_a_statement_alone_or_another_story_is_no_group_link():
    first = _dispute(
        "a", frozenset({"Kobani"}), "Gill Rosenberg was captured near Kobani", "the allegations propaganda"
    )
    assert group_link(first, first[:1]) is None
    elsewhere = _dispute(
        "c", frozenset({"Mosul"}), "the militants were captured near Mosul", "the allegations were propaganda"
    )
    assert group_link(first, elsewhere) is None


SEALS = frozenset({"Varnholt", "Eskerby"})


def _restatement_keys(sketches, **kwargs):
    return [[s.key for s in group] for group in restatement_groups(sketches, **kwargs)]


def test_an_articles_restatements_of_one_claim_form_one_group():
    statements = [
        Sketch(
            "r1", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", US, names=SEALS
        ),
        Sketch("r2", "friday", "claim", "the city council will vote on the harbour budget", US, names=SEALS),
        Sketch("r3", "friday", "claim", "the trawler dumped toxic sludge off Eskerby", US, names=SEALS),
    ]

    assert _restatement_keys(statements) == [["r1", "r3"], ["r2"]]


def test_restatements_of_other_speakers_or_stances_stay_apart():
    claim = Sketch("r1", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", US)
    other_side = Sketch("r2", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", NK)
    denial = Sketch("r3", "friday", "denial", "the Varnholt trawler dumped toxic sludge off Eskerby", US)
    negated = Sketch(
        "r4", "friday", "claim", "the Varnholt trawler never dumped toxic sludge off Eskerby", US
    )

    assert _restatement_keys([claim, other_side, denial, negated]) == [["r1"], ["r2"], ["r3"], ["r4"]]


def test_statements_without_a_speaker_restate_one_another_but_not_a_speakers():
    unattributed = Sketch("r1", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby")
    again = Sketch("r2", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby")
    attributed = Sketch("r3", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", US)

    assert _restatement_keys([unattributed, again, attributed]) == [["r1", "r2"], ["r3"]]


def test_restatements_are_of_one_article_and_at_the_threshold():
    here = Sketch("r1", "friday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", US)
    elsewhere = Sketch("s1", "saturday", "claim", "the Varnholt trawler dumped toxic sludge off Eskerby", US)
    looser = Sketch("r2", "friday", "claim", "toxic sludge from a trawler washed up on the beaches", US)
    sim = similarity(here.content, looser.content)

    assert _restatement_keys([here, elsewhere]) == [["r1"], ["s1"]]
    assert 0 < sim < 1
    assert _restatement_keys([here, looser], thresholds=Thresholds(restatement=sim)) == [["r1", "r2"]]
    assert _restatement_keys([here, looser], thresholds=Thresholds(restatement=sim + 0.01)) == [
        ["r1"],
        ["r2"],
    ]
