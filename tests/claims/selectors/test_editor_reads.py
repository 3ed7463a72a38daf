"""Reads behind review and history keep a fixed number of queries (the editing panel's read is
the claim API's: tests/claims/api/test_editing.py)."""

import pytest

from claims.selectors.history import claim_history
from claims.selectors.review import ReviewFilters, extractor_quality, review_counts, review_queue
from claims.services.editing import claim_update, link_delete
from history.selectors import article_history
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def test_review_reads_are_one_query_each(django_assert_num_queries):
    for confidence in (0.5, 0.1, 0.9):
        ClaimFactory(confidence=confidence)
    with django_assert_num_queries(1):
        page = review_queue(filters=ReviewFilters(), limit=2)
        [claim.speaker.name for claim in page.claims]
    assert [c.confidence for c in page.claims] == [0.1, 0.5] and page.next_cursor
    with django_assert_num_queries(1):
        assert review_counts(filters=ReviewFilters())["proposed"] == 3
    with django_assert_num_queries(1):
        extractor_quality()


def test_history_reads_are_fixed_whatever_the_number_of_changes(editor, django_assert_num_queries):
    claim = ClaimFactory()
    for version in range(1, 6):
        claim_update(user=editor, claim=claim, expected_version=version, note=f"note {version}")
    link = ClaimLinkFactory(source=claim)
    link_delete(user=editor, link=link)
    with django_assert_num_queries(1):  # content types come from the cache the services filled
        entries = claim_history(claim_id=claim.pk)
    assert len(entries) == 6 and entries[0].change.action == "delete"
    with django_assert_num_queries(1):
        assert len(article_history(article_id=claim.article_id)) == 6
