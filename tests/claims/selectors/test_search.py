import pytest

from claims.models import Claim
from claims.selectors.search import claim_filter_text
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_full_text_search_matches_word_forms_and_phrases():
    article = ArticleFactory(
        body="Officials said shells were shipped to Russia. The ministry denied supplying arms."
    )
    shipped = ClaimFactory(
        article=article, content_start=15, content_end=44, quote_text="shells were shipped to Russia"
    )
    denied = ClaimFactory(
        article=article, content_start=46, content_end=81, quote_text="The ministry denied supplying arms"
    )

    def found(text):
        return set(claim_filter_text(Claim.objects.all(), text))

    assert found("ship") == {shipped}  # stemming: "shipped" matches "ship"
    assert found('"supplying arms"') == {denied}
    assert found("russia -shells") == set()
    assert found("   ") == {shipped, denied}


def test_the_sqlite_demo_reads_phrases_exclusions_and_or_as_postgresql_does(settings):
    # The zero-setup demo has no full-text search: the same syntax becomes substring matches
    # (run here on PostgreSQL, whose ILIKE gives the same answers as SQLite's LIKE).
    settings.USING_POSTGRES = False
    article = ArticleFactory(body="x" * 200)
    shells = ClaimFactory(article=article, quote_text="it supplies artillery shells to Russia")
    ukraine = ClaimFactory(article=article, quote_text="artillery shells for the war in Ukraine")
    talks = ClaimFactory(article=article, quote_text="The ministry said talks had failed")

    def found(text):
        return set(claim_filter_text(Claim.objects.all(), text))

    assert found('"artillery shells"') == {shells, ukraine}
    assert found('"Artillery Shells" -ukraine') == {shells}
    assert found("shells russia") == {shells}
    assert found("talks or Ukraine") == {ukraine, talks}
    assert found('-"artillery shells"') == {talks}
    assert found('"shells to russia') == {shells}  # an unclosed quote ends the phrase
