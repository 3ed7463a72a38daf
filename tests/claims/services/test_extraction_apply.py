"""apply_extraction: the machine's rows are replaced, every editor decision stays as it was."""

import logging

import pytest
from django.forms.models import model_to_dict

from actors.models import Actor, ActorAlias
from articles.models import Article
from claims.models import Claim, ClaimLink, Mention, Origin, ReviewStatus
from claims.services import apply_extraction
from claims.services.extraction_apply import StaleAnalysis
from extraction.types import Actor as XActor
from extraction.types import ExtractionResult, Link, Statement
from tests.factories import ActorAliasFactory, ActorFactory, ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "North Korea has denied American claims that it ships artillery shells to Russia. "
    "The White House said the shipments continued through the autumn. "
    "Pyongyang condemned the new sanctions as hostile."
)


def span(text: str, body: str = BODY) -> tuple[int, int]:
    start = body.index(text)
    return (start, start + len(text))


PRK = XActor(
    "a1", "North Korea", "state", "PRK", mentions=(span("North Korea"),), kb_key="PRK", aliases=("Pyongyang",)
)
USA = XActor(
    "a2", "United States", "state", "USA", mentions=(span("American"),), kb_key="USA", aliases=("American",)
)
WH = XActor("a3", "White House", "organisation", None, affiliation="a2", mentions=(span("The White House"),))

CLAIM = Statement(
    "s1",
    "claim",
    "a2",
    span("American"),
    span("claims"),
    (span("it ships artillery shells to Russia"),),
    "a1",
    False,
    0.8,
)
DENIAL = Statement(
    "s2",
    "denial",
    "a1",
    span("North Korea"),
    span("denied"),
    (span("American claims that it ships artillery shells to Russia"),),
    "a2",
    False,
    0.9,
)
SAID = Statement(
    "s3",
    "claim",
    "a3",
    span("The White House"),
    span("said"),
    (span("the shipments continued through the autumn"),),
    None,
    False,
    0.7,
)
CONDEMN = Statement(
    "s4",
    "criticism",
    "a1",
    span("Pyongyang"),
    span("condemned"),
    (span("the new sanctions as hostile"),),
    None,
    False,
    0.6,
)
LINK = Link("s2", "s1", "rebuts", 0.9)


def result(*statements, links=(LINK,), actors=(PRK, USA, WH), version="test-1") -> ExtractionResult:
    return ExtractionResult(
        version, tuple(actors), tuple(statements or (CLAIM, DENIAL, SAID, CONDEMN)), tuple(links)
    )


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


@pytest.fixture
def known_states():
    prk = ActorFactory(name="North Korea", kb_key="PRK", code="PRK")
    usa = ActorFactory(name="United States", kb_key="USA", code="USA")
    return prk, usa


def snapshot(claim: Claim) -> dict:
    return model_to_dict(Claim.objects.get(pk=claim.pk)) | {
        "updated_at": Claim.objects.get(pk=claim.pk).updated_at
    }


def test_first_run_stores_claims_mentions_links_and_records_the_analysis(article, known_states):
    prk, usa = known_states
    outcome = apply_extraction(article=article, result=result())

    assert (outcome.added, outcome.removed, outcome.kept) == (4, 0, 0)
    article.refresh_from_db()
    assert article.analysis_state == Article.AnalysisState.DONE
    assert article.analysis_extractor_version == "test-1"
    assert article.analyzed_at is not None and article.analysis_error == ""
    denial = Claim.objects.get(article=article, kind="denial")
    assert (denial.speaker, denial.target, denial.origin, denial.review_status) == (
        prk,
        usa,
        "machine",
        "proposed",
    )
    assert denial.quote_text == "American claims that it ships artillery shells to Russia"
    assert denial.published_at == article.published_at
    assert denial.extractor_version == "test-1"
    assert (denial.cue_start, denial.cue_end) == span("denied")
    claim = Claim.objects.get(article=article, kind="claim", speaker=usa)
    assert list(ClaimLink.objects.values_list("source", "target", "relation")) == [
        (denial.id, claim.id, "rebuts")
    ]
    assert set(Mention.objects.filter(article=article).values_list("text", flat=True)) == {
        "North Korea",
        "American",
        "The White House",
    }


def test_multi_span_quote_text_is_joined_with_an_ellipsis(article, known_states):
    two = Statement("s9", "claim", "a2", None, None, (span("shipments continued"), span("North Korea")), None)
    apply_extraction(article=article, result=result(two, links=()))
    claim = Claim.objects.get(article=article)
    assert claim.quote_text == "North Korea … shipments continued"
    assert (claim.content_start, claim.content_end) == span("North Korea")
    assert claim.content_spans == [list(span("North Korea")), list(span("shipments continued"))]


def test_running_twice_changes_nothing_and_keeps_ids(article, known_states):
    apply_extraction(article=article, result=result())
    before = {c.pk: snapshot(c) for c in Claim.objects.filter(article=article)}
    links_before = list(ClaimLink.objects.values_list("source", "target", "relation"))

    outcome = apply_extraction(article=article, result=result())

    assert (outcome.added, outcome.removed, outcome.kept) == (0, 0, 4)
    assert {c.pk: snapshot(c) for c in Claim.objects.filter(article=article)} == before
    assert list(ClaimLink.objects.values_list("source", "target", "relation")) == links_before
    assert Mention.objects.filter(article=article).count() == 3


def test_machine_claims_no_longer_found_are_replaced(article, known_states):
    apply_extraction(article=article, result=result())
    moved = Statement("s5", "claim", "a3", None, span("said"), (span("the shipments continued"),), None)

    outcome = apply_extraction(article=article, result=result(CLAIM, DENIAL, moved, version="test-2"))

    assert (outcome.added, outcome.removed, outcome.kept) == (1, 2, 2)
    assert Claim.objects.filter(article=article).count() == 3
    assert not Claim.objects.filter(article=article, kind="criticism").exists()
    assert (
        Claim.objects.get(article=article, speaker__name="White House").quote_text
        == "the shipments continued"
    )
    assert set(Claim.objects.values_list("extractor_version", flat=True)) == {"test-2"}
    assert ClaimLink.objects.count() == 1  # rebuilt between the kept pair


def test_every_kind_of_editor_decision_survives_reanalysis(article, known_states):
    editor = UserFactory()
    apply_extraction(article=article, result=result())
    claims = {
        c.kind + (c.speaker.name if c.speaker else ""): c for c in Claim.objects.filter(article=article)
    }
    confirmed = claims["claimUnited States"]
    confirmed.review_status, confirmed.version = ReviewStatus.CONFIRMED, 2
    confirmed.save()
    edited = claims["denialNorth Korea"]
    # The editor re-kinds the denial as a criticism and narrows it: re-analysis must still know it.
    edited.kind, edited.review_status, edited.note = Claim.Kind.CRITICISM, ReviewStatus.EDITED, "narrowed"
    edited.content_start, edited.content_end = span("American claims")
    edited.content_spans, edited.quote_text = [list(span("American claims"))], "American claims"
    edited.save()
    rejected = claims["claimWhite House"]
    rejected.review_status = ReviewStatus.REJECTED
    rejected.save()
    added = ClaimFactory(
        article=article,
        kind=Claim.Kind.ACCUSATION,
        content_start=span("the new sanctions")[0],
        content_end=span("the new sanctions")[1],
        origin=Origin.EDITOR,
        review_status=ReviewStatus.CONFIRMED,
        updated_by=editor,
    )
    editor_link = ClaimLink.objects.create(
        source=added, target=confirmed, relation="supports", origin=Origin.EDITOR, created_by=editor
    )
    # An editor confirmed a machine link too.
    ClaimLink.objects.filter(origin=Origin.MACHINE).update(review_status=ReviewStatus.CONFIRMED)
    before = {c.pk: snapshot(c) for c in (confirmed, edited, rejected, added)}
    links_before = set(ClaimLink.objects.values_list("pk", "source", "target", "relation", "review_status"))

    outcome = apply_extraction(article=article, result=result(version="test-2"))

    assert {c.pk: snapshot(c) for c in (confirmed, edited, rejected, added)} == before
    assert (
        set(ClaimLink.objects.values_list("pk", "source", "target", "relation", "review_status"))
        == links_before
    )
    assert ClaimLink.objects.filter(pk=editor_link.pk).exists()
    # Nothing duplicated: the criticism was re-extracted, everything else matched a decision.
    assert Claim.objects.filter(article=article).count() == 5
    assert Claim.objects.get(pk=rejected.pk).review_status == ReviewStatus.REJECTED
    assert Claim.objects.filter(article=article, kind="criticism", review_status="proposed").count() == 1
    assert (outcome.added, outcome.removed) == (0, 0)


def test_a_rejected_statement_stays_rejected_and_its_links_are_not_rebuilt(article, known_states):
    apply_extraction(article=article, result=result())
    Claim.objects.filter(kind="claim", speaker__kb_key="USA").update(review_status=ReviewStatus.REJECTED)

    apply_extraction(article=article, result=result(version="test-2"))

    claims = Claim.objects.filter(article=article, kind="claim", speaker__kb_key="USA")
    assert [c.review_status for c in claims] == [ReviewStatus.REJECTED]
    assert not ClaimLink.objects.exists()  # the rebuttal of a rejected claim has nothing to stand on
    assert Claim.objects.visible().filter(article=article).count() == 3


def test_machine_links_point_at_the_editor_claims_they_match(article, known_states):
    apply_extraction(article=article, result=result(CLAIM, DENIAL, links=()))
    Claim.objects.filter(kind="denial").update(review_status=ReviewStatus.CONFIRMED)
    Claim.objects.filter(kind="claim").update(origin=Origin.EDITOR)

    apply_extraction(article=article, result=result(CLAIM, DENIAL))

    link = ClaimLink.objects.get()
    assert (link.source.kind, link.target.kind, link.origin) == ("denial", "claim", "machine")
    assert Claim.objects.filter(article=article).count() == 2


def test_an_editor_link_keeps_the_machine_claim_it_points_at(article, known_states):
    apply_extraction(article=article, result=result())
    said = Claim.objects.get(speaker__name="White House")
    other = ClaimFactory(article=article, origin=Origin.EDITOR, kind=Claim.Kind.DENIAL)
    ClaimLink.objects.create(source=other, target=said, relation="rebuts", origin=Origin.EDITOR)

    apply_extraction(article=article, result=result(CLAIM, DENIAL, version="test-2"))

    assert Claim.objects.filter(pk=said.pk).exists()
    assert ClaimLink.objects.filter(source=other, target=said).exists()


def test_statements_with_spans_outside_the_text_are_skipped_and_logged(article, known_states, caplog):
    beyond = Statement("s8", "claim", "a1", None, None, ((len(BODY) - 3, len(BODY) + 5),))
    bad_cue = Statement("s7", "claim", "a1", None, (5, 2), (span("North Korea"),))
    bad_kind = Statement("s6", "rumour", "a1", None, None, (span("North Korea"),))
    with caplog.at_level(logging.WARNING, logger="claims.services.extraction_apply"):
        outcome = apply_extraction(article=article, result=result(CLAIM, beyond, bad_cue, bad_kind, links=()))
    assert outcome.added == 1 and outcome.skipped_statements == 3
    assert Claim.objects.filter(article=article).count() == 1
    assert "s8" in caplog.text and "outside the text" in caplog.text
    assert Article.objects.get(pk=article.pk).analysis_state == "done"


def test_actors_resolve_by_alias_and_unknown_ones_are_proposed(article):
    prk = ActorFactory(name="Democratic People's Republic of Korea")
    ActorAliasFactory(actor=prk, alias="North Korea", normalised="north korea")
    merged_away = ActorFactory(name="USA (duplicate)", merged_into=ActorFactory(name="United States"))
    ActorAliasFactory(actor=merged_away, alias="United States", normalised="united states")
    no_kb = [
        XActor(a.id, a.name, a.kind, a.code, a.affiliation, a.mentions, None, a.aliases) for a in (PRK, USA)
    ]
    pronoun = XActor("a3", "White House", "organisation", None, "a2", WH.mentions, None, ("it", "the WH"))

    apply_extraction(article=article, result=result(actors=(*no_kb, pronoun)))

    assert Claim.objects.get(kind="denial").speaker == prk
    assert Claim.objects.get(kind="denial").target == merged_away.merged_into
    white_house = Actor.objects.get(name="White House")
    assert white_house.status == Actor.Status.PROPOSED
    assert white_house.affiliation == merged_away.merged_into
    assert set(white_house.aliases.values_list("normalised", flat=True)) == {"white house", "wh"}
    assert not ActorAlias.objects.filter(normalised="it").exists()
    # A second article naming the White House reuses the proposed actor.
    again = ArticleFactory(body="The White House said so.")
    wh = XActor("a1", "White House", "organisation", mentions=((0, 15),))
    apply_extraction(article=again, result=ExtractionResult("test-1", (wh,), (), ()))
    assert Actor.objects.filter(name="White House").count() == 1
    assert Mention.objects.get(article=again).actor == white_house


def test_actors_with_a_knowledge_base_key_are_found_by_it_or_created_confirmed(article, known_states):
    prk, _ = known_states
    apply_extraction(article=article, result=result())
    assert Claim.objects.get(kind="denial").speaker == prk
    assert Actor.objects.filter(kb_key__in=["PRK", "USA"]).count() == 2

    other = ArticleFactory(body="Russia said nothing.")
    rus = XActor("a1", "Russia", "state", "RUS", mentions=((0, 6),), kb_key="RUS")
    apply_extraction(article=other, result=ExtractionResult("test-1", (rus,), (), ()))
    created = Actor.objects.get(kb_key="RUS")
    assert (created.status, created.code) == (Actor.Status.CONFIRMED, "RUS")


def test_a_changed_text_is_refused_as_stale(article, known_states):
    stale = Article.objects.get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(content_sha256="f" * 64)
    with pytest.raises(StaleAnalysis):
        apply_extraction(article=stale, result=result())
    assert not Claim.objects.exists()


def test_kept_machine_claims_follow_a_corrected_publication_date(article, known_states):
    apply_extraction(article=article, result=result())
    ids = set(Claim.objects.values_list("id", flat=True))
    article.published_at = None
    article.save()
    apply_extraction(article=article, result=result())
    assert set(Claim.objects.values_list("id", flat=True)) == ids
    assert set(Claim.objects.values_list("published_at", flat=True)) == {None}
