"""Threading's candidate search on PostgreSQL: which stored statements it proposes, and what it
looks up (term statistics from the planner, a required overlap of two rare words)."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from claims.models import ReviewStatus
from claims.selectors import threading as selectors
from claims.selectors.threading import (
    Term,
    article_candidates,
    overlap_query,
    search_lexemes,
    term_statistics,
)
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WINDOW = (DAY - timedelta(days=30), DAY + timedelta(days=30))


_bodies = itertools.count()


def stored(text, *, when=DAY, speaker=None, article=None, **fields):
    # The text opens a body of its own (articles are unique by text).
    article = article or ArticleFactory(body=f"{text}\n\n{next(_bodies)}", published_at=when)
    return ClaimFactory(
        article=article,
        published_at=article.published_at,
        speaker=speaker or ActorFactory(),
        content_start=0,
        content_end=len(text),
        quote_text=text,
        **fields,
    )


def search(probe, *lexemes, limit=10):
    return article_candidates(
        article_id=probe.article_id,
        queries={probe.id: overlap_query(lexemes)},
        actors={probe.id: frozenset({probe.speaker_id})},
        window=WINDOW,
        limit=limit,
    ).get(probe.id, [])


def test_overlap_query_asks_for_two_of_the_words_and_quotes_them():
    assert overlap_query([]) == ""
    assert overlap_query(["kobani"]) == "'kobani'"
    assert overlap_query(["kobani", "foley", "o'neil"]) == (
        "'kobani' & 'foley' | 'kobani' & 'o''neil' | 'foley' & 'o''neil'"
    )


def test_candidates_share_two_of_the_rare_words_within_the_window_in_other_articles():
    probe = stored("Kurdish fighters captured the volunteer near Kobani, activists said")
    both = stored("The volunteer was captured near Kobani by Kurdish units", when=DAY - timedelta(days=3))
    one_word = stored("Shelling resumed near Kobani overnight", when=DAY - timedelta(days=2))
    stored("The volunteer was captured near Kobani last year", when=DAY - timedelta(days=90))
    stored(
        "The volunteer was captured near Kobani, editors say not",
        when=DAY - timedelta(days=1),
        review_status=ReviewStatus.REJECTED,
    )
    same_article = stored("the volunteer near Kobani", article=probe.article)

    found = search(probe, "kobani", "volunt", "captur")

    assert both.id in found
    assert one_word.id not in found  # one shared word is not enough when there are two to share
    assert same_article.id not in found
    assert len(found) == 1  # nor the one outside the window, nor the rejected one


def test_an_undated_statement_is_placed_by_its_article_ingestion_date():
    probe = stored("Kurdish fighters captured the volunteer near Kobani")
    undated_article = ArticleFactory(body="The volunteer was captured near Kobani", published_at=None)
    undated = stored("The volunteer was captured near Kobani", article=undated_article)
    # ingested_at is now: inside a window around now, outside one around 2026-11-02 only if far.
    window = (
        undated_article.ingested_at - timedelta(days=1),
        undated_article.ingested_at + timedelta(days=1),
    )
    found = article_candidates(
        article_id=probe.article_id,
        queries={probe.id: overlap_query(["kobani", "volunt"])},
        actors={},
        window=window,
        limit=5,
    )
    assert found == {probe.id: [undated.id]}


def test_actor_sharing_candidates_rank_first_and_the_limit_holds():
    speaker = ActorFactory()
    probe = stored("Kobani volunteer captured", speaker=speaker)
    strangers = [stored("Kobani volunteer captured again") for _ in range(3)]
    friend = stored("Kobani volunteer captured again", speaker=speaker)
    found = search(probe, "kobani", "volunt", limit=2)
    assert found[0] == friend.id and len(found) == 2 and found[1] in {s.id for s in strangers}


def test_one_search_answers_every_statement_of_the_article(django_assert_num_queries):
    article = ArticleFactory(body="two statements", published_at=DAY)
    shells = stored("artillery shells shipped to Russia", article=article)
    kobani = stored("volunteer captured near Kobani", article=article)
    about_shells = stored("Russia received artillery shells")
    about_kobani = stored("Kobani volunteer was captured")
    with django_assert_num_queries(1):
        found = article_candidates(
            article_id=article.id,
            queries={
                shells.id: overlap_query(["artilleri", "shell"]),
                kobani.id: overlap_query(["kobani", "volunt"]),
            },
            actors={},
            window=WINDOW,
            limit=5,
        )
    assert found == {shells.id: [about_shells.id], kobani.id: [about_kobani.id]}


def test_term_statistics_stem_words_and_read_the_planner_estimates(monkeypatch):
    for i in range(40):
        stored(f"the ministry said talks had failed, report {i}")
    stored("a volunteer near Kobani")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")

    stats = term_statistics(words=["ministry", "Kobani", "Foley", "the"])

    assert [t.lexeme for t in stats["ministry"]] == ["ministri"]
    assert stats["ministry"][0].rows == pytest.approx(40, rel=0.2)  # in 40 of 41 statements
    assert stats["Kobani"][0].rows == pytest.approx(1, rel=0.2)
    assert stats["Foley"] == [Term("Foley", "foley", None)]  # rarer than any the planner lists
    assert "the" not in stats  # a stop word has no lexeme

    # Rarest in the archive first; a term too common to look up is left out.
    words = ["ministry", "Kobani", "Foley"]
    assert search_lexemes(words=words, statistics=stats, limit=5) == ["foley", "kobani", "ministri"]
    monkeypatch.setattr(selectors, "COMMON_TERM_ROWS", 10)
    assert search_lexemes(words=words, statistics=stats, limit=5) == ["foley", "kobani"]
    assert search_lexemes(words=words, statistics=stats, limit=1) == ["foley"]
    # A hyphenated word counts once, by its whole.
    hyphenated = term_statistics(words=["dual-use", "chips"])
    assert search_lexemes(words=["dual-use", "chips"], statistics=hyphenated, limit=5) == ["dual-us", "chip"]
