"""Threading statements across articles, on the real PostgreSQL database (stored vectors, locks)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.text import content_sha256
from claims.models import Claim, ClaimLink, Origin, ReviewStatus, Thread
from claims.selectors.threading import article_candidates, article_statements, overlap_query
from claims.services.threading import article_thread
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SHELLS = "North Korea is supplying artillery shells to Russia for the war in Ukraine"


def statement(
    text, *, kind="claim", speaker=None, target=None, when=DAY, article=None, outlet="Example News"
):
    """One article (or a new statement in `article`) whose whole body is the statement text."""
    if article is None:
        article = ArticleFactory(body=text, published_at=when, outlet=outlet)
        start = 0
    else:
        start = article.body.index(text)
    return ClaimFactory(
        article=article,
        kind=kind,
        speaker=speaker or ActorFactory(),
        target=target,
        content_start=start,
        content_end=start + len(text),
        quote_text=text,
    )


def test_the_same_claim_in_two_articles_repeats_and_shares_a_thread():
    usa = ActorFactory(name="United States", code="USA")
    first = statement(SHELLS, speaker=usa)
    second = statement(
        "The United States says North Korea supplies artillery shells to Russia.",
        speaker=usa,
        when=DAY + timedelta(days=2),
    )

    # The window reaches both ways: the earlier article, threaded again later, finds the new one.
    outcome = article_thread(article_id=first.article_id)
    again = article_thread(article_id=second.article_id)

    link = ClaimLink.objects.get()
    assert (link.source_id, link.target_id, link.relation) == (second.id, first.id, "repeats")
    assert (
        link.origin == Origin.MACHINE
        and link.review_status == ReviewStatus.PROPOSED
        and link.confidence > 0.5
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.thread_id == second.thread_id is not None
    assert outcome.links_added == 1 and outcome.threads_created == 1
    assert again.links_added == again.threads_created == 0
    thread = Thread.objects.get()
    assert (thread.statement_count, thread.article_count, thread.claim_count) == (2, 2, 2)
    assert (thread.first_seen, thread.last_seen) == (DAY, DAY + timedelta(days=2))
    assert thread.title_claim_id == first.id and thread.title == SHELLS


def test_a_denial_in_another_article_rebuts_from_the_denial_to_the_claim():
    usa, prk = ActorFactory(name="United States"), ActorFactory(name="North Korea")
    claim = statement(SHELLS, speaker=usa, target=prk)
    denial = statement(
        "North Korea denied supplying artillery shells to Russia for the war in Ukraine",
        kind="denial",
        speaker=prk,
        target=usa,
        when=DAY + timedelta(days=1),
    )

    article_thread(article_id=denial.article_id)

    link = ClaimLink.objects.get()
    assert (link.source_id, link.target_id, link.relation) == (denial.id, claim.id, "rebuts")
    thread = Thread.objects.get()
    assert (thread.claim_count, thread.denial_count) == (1, 1)


def test_a_denial_of_an_embedded_claim_rebuts_the_claim_in_the_other_article_through_it():
    """ "North Korea denied American claims that X": the embedded X (a US claim) repeats the US
    claim of the other article, and the denial joins their thread through its own link to X."""
    usa, prk = ActorFactory(name="United States"), ActorFactory(name="North Korea")
    original = statement(SHELLS, speaker=usa, target=prk)
    body = "North Korea has denied American claims that it is supplying artillery shells to Russia for the war in Ukraine."
    article = ArticleFactory(body=body, published_at=DAY + timedelta(days=3))
    embedded_text = "it is supplying artillery shells to Russia for the war in Ukraine"
    embedded = statement(embedded_text, speaker=usa, target=prk, article=article)
    denial = statement(
        "American claims that it is supplying artillery shells to Russia for the war in Ukraine",
        kind="denial",
        speaker=prk,
        target=usa,
        article=article,
    )
    ClaimLink.objects.create(source=denial, target=embedded, relation="rebuts")

    article_thread(article_id=article.id)

    thread_ids = set(Claim.objects.values_list("thread_id", flat=True))
    assert len(thread_ids) == 1 and None not in thread_ids
    assert ClaimLink.objects.filter(source=embedded, target=original, relation="repeats").exists()


def test_rethreading_changes_nothing():
    first = statement(SHELLS)
    second = statement(
        "Officials say North Korea sends artillery shells to Russia.", when=DAY + timedelta(days=1)
    )
    third = statement(
        "North Korea denied sending artillery shells to Russia", kind="denial", when=DAY + timedelta(days=2)
    )
    for claim in (first, second, third):
        article_thread(article_id=claim.article_id)
    links = list(
        ClaimLink.objects.order_by("id").values_list("id", "source_id", "target_id", "relation", "confidence")
    )
    threads = list(Claim.objects.order_by("id").values_list("id", "thread_id"))
    versions = list(Thread.objects.order_by("id").values_list("id", "version", "statement_count"))
    assert links and len({t for _, t in threads}) == 1

    for claim in (third, first, second):
        outcome = article_thread(article_id=claim.article_id)
        assert (outcome.links_added, outcome.links_removed, outcome.threads_created) == (0, 0, 0)

    assert (
        list(
            ClaimLink.objects.order_by("id").values_list(
                "id", "source_id", "target_id", "relation", "confidence"
            )
        )
        == links
    )
    assert list(Claim.objects.order_by("id").values_list("id", "thread_id")) == threads
    assert list(Thread.objects.order_by("id").values_list("id", "version", "statement_count")) == versions


def test_an_unrelated_statement_is_not_threaded():
    statement(SHELLS)
    other = statement(
        "The central bank raised interest rates by half a point on Tuesday.", when=DAY + timedelta(days=1)
    )
    article_thread(article_id=other.article_id)
    assert not ClaimLink.objects.exists() and not Thread.objects.exists()


def test_candidates_stay_within_the_time_window(settings):
    settings.THREADING_WINDOW_DAYS = 10
    statement(SHELLS, when=DAY - timedelta(days=40))
    near = statement(SHELLS + " and Belarus", when=DAY - timedelta(days=5))
    new = statement(SHELLS + ", officials said", when=DAY)
    article_thread(article_id=new.article_id)
    assert list(ClaimLink.objects.values_list("target_id", flat=True)) == [near.id]


def test_an_ambassador_counts_as_his_state_in_the_candidates():
    prk = ActorFactory(name="North Korea")
    ambassador = ActorFactory(name="North Korean ambassador", kind="person", affiliation=prk)
    text = "Pyongyang rejects the sanctions resolution on artillery shells as hostile"
    by_state = statement(text, speaker=prk, when=DAY - timedelta(days=1))
    by_stranger = statement(text + ", said an observer", speaker=ActorFactory(), when=DAY - timedelta(days=1))
    by_ambassador = statement(
        "The sanctions resolution on artillery shells is hostile", speaker=ambassador, when=DAY
    )
    row = article_statements(article_id=by_ambassador.article_id)[0]
    assert row.speakers == {ambassador.id, prk.id}
    found = article_candidates(
        article_id=row.article_id,
        queries={row.id: overlap_query(["sanction", "shell"])},
        actors={row.id: row.speakers | row.targets},
        window=(DAY - timedelta(days=9), DAY + timedelta(days=9)),
        limit=5,
    )
    # The same words, but North Korea's own statement ranks first: the ambassador speaks for it.
    assert found == {row.id: [by_state.id, by_stranger.id]}
    assert str(prk.id) in row.sketch.speakers


def test_an_editor_rejected_link_is_never_proposed_again():
    first = statement(SHELLS)
    second = statement(
        "Officials say North Korea sends artillery shells to Russia.", when=DAY + timedelta(days=1)
    )
    article_thread(article_id=second.article_id)
    link = ClaimLink.objects.get()
    link.review_status = ReviewStatus.REJECTED
    link.origin = Origin.MACHINE
    link.save()

    article_thread(article_id=second.article_id)
    article_thread(article_id=first.article_id)

    assert list(ClaimLink.objects.values_list("id", "review_status")) == [(link.id, "rejected")]
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {None}
    assert not Thread.objects.exists()


def test_a_statement_an_editor_placed_stays_in_its_thread():
    first = statement(SHELLS)
    second = statement(
        "Officials say North Korea sends artillery shells to Russia.", when=DAY + timedelta(days=1)
    )
    article_thread(article_id=second.article_id)
    elsewhere = Thread.objects.create(origin=Origin.EDITOR)
    Claim.objects.filter(pk=second.pk).update(thread=elsewhere, thread_origin=Origin.EDITOR)

    article_thread(article_id=second.article_id)
    article_thread(article_id=first.article_id)

    second.refresh_from_db()
    assert second.thread_id == elsewhere.id


def test_a_statement_joining_two_threads_merges_them_into_the_oldest():
    a = statement("North Korea supplies artillery shells to Russia", when=DAY)
    b = statement(
        "North Korea supplies artillery shells to Russia, officials said", when=DAY + timedelta(days=1)
    )
    article_thread(article_id=b.article_id)
    old = Thread.objects.get()
    d = statement("Russian trains carry Korean missiles across the border", when=DAY + timedelta(days=1))
    young = Thread.objects.create()
    Claim.objects.filter(pk=d.pk).update(thread=young)
    c = statement(
        "Russia receives Korean missiles and artillery shells by rail", when=DAY + timedelta(days=2)
    )
    for other in (a, d):
        ClaimLink.objects.create(
            source=c,
            target=other,
            relation="repeats",
            origin=Origin.EDITOR,
            review_status=ReviewStatus.CONFIRMED,
        )

    outcome = article_thread(article_id=c.article_id)

    assert outcome.threads_merged == 1
    assert set(Claim.objects.values_list("thread_id", flat=True)) == {old.id}
    young.refresh_from_db()
    old.refresh_from_db()
    assert young.merged_into_id == old.id and young.statement_count == 0
    assert (old.statement_count, old.article_count) == (4, 4)


def test_two_threads_an_editor_worked_on_are_never_merged_by_the_machine():
    a = statement("North Korea supplies artillery shells to Russia", when=DAY)
    d = statement("Russian trains carry Korean missiles across the border", when=DAY + timedelta(days=1))
    first, second = Thread.objects.create(origin=Origin.EDITOR), Thread.objects.create(origin=Origin.EDITOR)
    Claim.objects.filter(pk=a.pk).update(thread=first)
    Claim.objects.filter(pk=d.pk).update(thread=second)
    c = statement(
        "Russia receives Korean missiles and artillery shells by rail", when=DAY + timedelta(days=2)
    )
    for other in (a, d):
        ClaimLink.objects.create(
            source=c,
            target=other,
            relation="repeats",
            origin=Origin.EDITOR,
            review_status=ReviewStatus.CONFIRMED,
        )

    article_thread(article_id=c.article_id)

    assert dict(Claim.objects.values_list("id", "thread_id")) == {
        a.id: first.id,
        d.id: second.id,
        c.id: first.id,
    }
    assert not Thread.objects.filter(merged_into__isnull=False).exists()


def test_threading_an_article_costs_the_same_queries_however_many_statements_and_stored_claims(
    django_assert_num_queries,
):
    for i in range(6):
        archived = statement(f"{SHELLS} number {i}", when=DAY - timedelta(days=i + 1))
        article_thread(article_id=archived.article_id)  # one thread, for every article to join

    def article_with(n, tag=""):
        sentences = [
            f"Report {i}{tag}: North Korea supplies artillery shells to Russia, case {i}." for i in range(n)
        ]
        article = ArticleFactory(body=" ".join(sentences), published_at=DAY)
        for text in sentences:
            statement(text, article=article)
        return article

    small = article_with(2)
    # The lock, the window, the article's names, the statements, their links, term statistics,
    # one candidate search for all statements, the candidates' rows, then links and threads
    # written for the article.
    with CaptureQueriesContext(connection) as few:
        article_thread(article_id=small.id)
    # Made after the small one is threaded, as analysis would make it: its names are read when
    # it is threaded, so no link of the small one was scored without them.
    large = article_with(8)
    with django_assert_num_queries(len(few)):
        article_thread(article_id=large.id)
    searches = [q for q in few.captured_queries if "CROSS JOIN LATERAL" in q["sql"]]
    assert len(searches) == 2  # term statistics and the candidate search, once each

    # Ten times the archive, the same queries.
    for i in range(60):
        archived = statement(f"{SHELLS} number {i}, archive", when=DAY - timedelta(days=i % 20 + 1))
        article_thread(article_id=archived.article_id)
    again = article_with(8, tag="b")
    with django_assert_num_queries(len(few)):
        article_thread(article_id=again.id)


def test_a_statement_is_matched_with_its_articles_names_read_again_when_the_text_changes():
    body = "Aid worker Lena Varga was seized near Tabqa. Friends of Varga said she had driven to Tabqa."
    article = ArticleFactory(body=body, published_at=DAY)
    statement("Aid worker Lena Varga was seized near Tabqa", article=article)

    article_thread(article_id=article.id)

    article.refresh_from_db()
    assert {"Varga", "Tabqa"} <= set(article.salient_names)
    assert {"Varga", "Tabqa"} <= article_statements(article_id=article.id)[0].sketch.names

    revised = body.replace("Tabqa", "Raqqa")
    Article.objects.filter(pk=article.id).update(body=revised, content_sha256=content_sha256(revised))
    article_thread(article_id=article.id)

    article.refresh_from_db()
    assert "Raqqa" in article.salient_names and "Tabqa" not in article.salient_names


# The third statement matches both earlier ones, which do not match each other.
ARRIVING = (
    "North Korea is shipping artillery shells to Russia by rail",
    "Russian troops in Ukraine are firing North Korean ballistic missiles",
    "North Korea is shipping artillery shells and ballistic missiles to Russian troops in Ukraine",
)


def _arrive_and_thread() -> list[Claim]:
    """Each article threaded as it arrives, before the next one exists."""
    claims = []
    for day, text in enumerate(ARRIVING):
        claims.append(statement(text, when=DAY + timedelta(days=day)))
        article_thread(article_id=claims[-1].article_id)
    return claims


def _threads_of(claims: list[Claim]) -> list[int | None]:
    return [Claim.objects.get(pk=c.pk).thread_id for c in claims]


def test_a_statement_matching_two_threads_joins_the_one_it_matches_best_and_rethreading_settles():
    # The third statement's two pairs would merge two propositions; it joins one thread only
    # (_keep_best_threads). The first statement, threaded again, finds the third in that thread.
    claims = _arrive_and_thread()
    arrived = _threads_of(claims)
    assert arrived[2] is not None and arrived.count(arrived[2]) == 2

    article_thread(article_id=claims[0].article_id)
    settled = _threads_of(claims)
    assert len(set(settled)) == 1 and None not in settled
    for claim in claims:
        article_thread(article_id=claim.article_id)
    assert _threads_of(claims) == settled


def test_with_one_link_per_statement_the_arrival_order_leaves_a_statement_out(settings):
    # Why the default keeps two: the last statement sees both pairs and keeps only its best.
    settings.THREADING_LINKS_PER_STATEMENT = 1
    claims = _arrive_and_thread()
    assert _threads_of(claims)[0] is None
    article_thread(article_id=claims[0].article_id)
    assert len(set(_threads_of(claims))) == 1


def _disputed(body: str, claim: str, denial: str, *, when) -> tuple[Claim, Claim]:
    """An article holding a claim and the denial its extraction linked to it."""
    article = ArticleFactory(body=body, published_at=when)
    said = statement(claim, article=article)
    denied = statement(denial, kind="denial", article=article)
    ClaimLinkFactory(source=denied, target=said, relation="rebuts")
    return said, denied


def test_two_articles_disputing_one_claim_share_a_thread_though_no_pair_matches_alone(settings):
    # No single pair reaches this threshold; the two disputes, pooled, do.
    settings.THREADING_SIMILARITY = 0.99
    first = _disputed(
        "Islamic State said Gill Rosenberg was captured near Kobani. Kurdish commanders in Kobani "
        "called the allegations propaganda. Rosenberg, a volunteer, joined the YPG.",
        "Gill Rosenberg was captured near Kobani",
        "the allegations propaganda",
        when=DAY,
    )
    second = _disputed(
        "Pro-IS websites say Rosenberg was kidnapped. Friends of Rosenberg in Kobani said the "
        "allegations were propaganda and she is safe in Kobani.",
        "Rosenberg was kidnapped",
        "the allegations were propaganda and she is safe in Kobani",
        when=DAY + timedelta(days=1),
    )
    everyone = (*first, *second)
    for claim in everyone:
        article_thread(article_id=claim.article_id)
    threads = _threads_of(list(everyone))
    assert len(set(threads)) == 1 and None not in threads
    cross = ClaimLink.objects.exclude(source__article_id=F("target__article_id"))
    # The best pair's link, and the other pair taking its side: each claim repeats the other
    # article's claim and each denial its denial, so each denial rebuts the other's claim too.
    pairs = {frozenset(pair) for pair in cross.values_list("source_id", "target_id")}
    assert pairs == {frozenset((first[0].id, second[0].id)), frozenset((first[1].id, second[1].id))}
    assert set(cross.values_list("relation", flat=True)) == {"repeats"}

    # Either article threaded again keeps the links: the groups still tell one dispute.
    for claim in (first[0], second[0]):
        article_thread(article_id=claim.article_id)
        assert cross.count() == 2 and _threads_of(list(everyone)) == threads

    # A member of the first dispute repeated word for word in a copy of its article matches
    # alone, so that article's group no longer looks for another; the group link still holds.
    copy = ArticleFactory(body=first[0].article.body + " (Updated.)", published_at=DAY + timedelta(days=2))
    repeated = statement(first[0].quote_text, article=copy)
    article_thread(article_id=copy.id)
    article_thread(article_id=first[0].article_id)
    assert cross.count() == 3
    assert len(set(_threads_of([*everyone, repeated]))) == 1

    # Without the link inside the second article, its statements say too little alone.
    ClaimLink.objects.filter(source=second[1], target=second[0]).delete()
    article_thread(article_id=second[0].article_id)
    assert cross.count() == 1 and Claim.objects.get(pk=second[0].pk).thread_id is None


RESTATED = "North Korea is supplying artillery shells to Russia for its war in Ukraine"


def _restating_article(usa, *, when=DAY):
    """One article telling the US claim twice in other words, and once by another speaker."""
    body = f"{SHELLS}. Officials added that {RESTATED}. A Russian spokesman said: {SHELLS}."
    article = ArticleFactory(body=body, published_at=when)
    first = statement(SHELLS, speaker=usa, article=article)
    again = statement(RESTATED, speaker=usa, article=article)
    start = body.rindex(SHELLS)
    other_side = ClaimFactory(
        article=article,
        kind="claim",
        speaker=ActorFactory(name="Russia"),
        content_start=start,
        content_end=start + len(SHELLS),
        quote_text=SHELLS,
    )
    return first, again, other_side


def test_an_articles_restatements_of_one_claim_share_a_thread_and_keep_it():
    usa = ActorFactory(name="United States", code="USA")
    first, again, other_side = _restating_article(usa)

    article_thread(article_id=first.article_id)
    threads = dict(Claim.objects.values_list("id", "thread_id"))
    outcome = article_thread(article_id=first.article_id)

    # No link is made for them (they are the article's own): only the thread holds them together.
    assert not ClaimLink.objects.exists()
    assert threads[first.id] == threads[again.id] is not None
    assert threads[other_side.id] is None  # another speaker's words are not a restatement
    assert (outcome.links_added, outcome.links_removed, outcome.threads_created) == (0, 0, 0)
    assert dict(Claim.objects.values_list("id", "thread_id")) == threads


def test_a_restatement_an_editor_placed_elsewhere_stays_there():
    usa = ActorFactory(name="United States", code="USA")
    first, again, _ = _restating_article(usa)
    elsewhere = Thread.objects.create(origin=Origin.EDITOR)
    Claim.objects.filter(pk=again.pk).update(thread=elsewhere, thread_origin=Origin.EDITOR)

    article_thread(article_id=first.article_id)

    again.refresh_from_db()
    first.refresh_from_db()
    assert again.thread_id == elsewhere.id and first.thread_id is None
