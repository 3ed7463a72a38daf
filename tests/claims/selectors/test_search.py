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
