"""Cross-article matching: the same proposition repeated or answered, in sentences of our own."""

from extraction.matching import Sketch, Thresholds, best_matches, match, similarity

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


def test_statements_that_share_only_common_words_do_not_match():
    other = Sketch("e1", "friday", "claim", "The ministry said it would announce its plans for the war soon")

    assert match(CLAIM, other) is None


def test_statements_of_one_article_are_never_matched_here():
    same_article = Sketch("a2", "monday", "claim", CLAIM.content, speakers=US)

    assert match(CLAIM, same_article) is None


def test_different_numbers_make_different_claims():
    twelve = "Militants killed 12 soldiers in an attack on the border post at Rafah"
    forty = "Militants killed 40 soldiers in an attack on the border post at Rafah"

    assert similarity(twelve, twelve) > similarity(twelve, forty)


def test_rare_names_weigh_more_than_common_words():
    shared_name = similarity("Emwazi was identified by investigators", "Emwazi grew up in London")
    shared_common = similarity("the man was identified by investigators", "the man grew up in town")

    assert shared_name > shared_common


def test_best_matches_ranks_the_candidates_and_drops_the_weak():
    strong = Sketch(
        "f1", "x", "claim", "North Korea shipped artillery shells to Russia for the war in Ukraine"
    )
    weak = Sketch("f2", "y", "claim", "Russia is at war in Ukraine")

    ranked = best_matches(CLAIM, [weak, strong])

    assert [s.key for s, _ in ranked][:1] == ["f1"]
    assert all(m.confidence >= Thresholds().confidence for _, m in ranked)
