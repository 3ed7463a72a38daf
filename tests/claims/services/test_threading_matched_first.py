"""Threading with the candidate search done before the lock (article_match, as re-threading
jobs do): the same result as threading in one go, and nothing stale is written when the
database moved on in between."""

from datetime import timedelta

import pytest

from claims.models import Claim, ClaimLink, ReviewStatus, Thread
from claims.services.threading import article_match, article_thread

from .test_threading import DAY, SHELLS, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    first = statement(SHELLS)
    second = statement(
        "Officials say North Korea sends artillery shells to Russia.", when=DAY + timedelta(days=1)
    )
    return first, second


def _state():
    links = sorted(ClaimLink.objects.values_list("source_id", "target_id", "relation", "review_status"))
    groups = {}
    for claim_id, thread_id in Claim.objects.values_list("id", "thread_id"):
        groups.setdefault(thread_id, set()).add(claim_id)
    return links, sorted(map(sorted, groups.values()))


def test_matching_first_then_writing_gives_what_threading_in_one_go_gives(pair):
    for claim in pair:
        article_thread(article_id=claim.article_id)
    expected = _state()
    ClaimLink.objects.all().delete()
    Claim.objects.update(thread=None)
    Thread.objects.all().delete()

    for claim in pair:
        article_thread(article_id=claim.article_id, matches=article_match(article_id=claim.article_id))

    assert _state() == expected and ClaimLink.objects.count() == 1


def test_a_candidate_deleted_after_the_search_is_not_linked(pair):
    first, second = pair
    matches = article_match(article_id=first.article_id)
    assert any(other.id == second.id for ranked in matches.ranked.values() for other, _ in ranked)
    second.delete()
    outcome = article_thread(article_id=first.article_id, matches=matches)
    assert outcome.links_added == 0 and not ClaimLink.objects.exists()


def test_a_candidate_rejected_or_rejected_as_a_pair_after_the_search_is_not_linked(pair, editor):
    first, second = pair
    matches = article_match(article_id=first.article_id)
    Claim.objects.filter(pk=second.pk).update(review_status=ReviewStatus.REJECTED)
    assert article_thread(article_id=first.article_id, matches=matches).links_added == 0

    Claim.objects.filter(pk=second.pk).update(review_status=ReviewStatus.PROPOSED)
    matches = article_match(article_id=first.article_id)
    ClaimLink.objects.create(
        source=second, target=first, relation="repeats", review_status=ReviewStatus.REJECTED
    )
    assert article_thread(article_id=first.article_id, matches=matches).links_added == 0
    assert list(ClaimLink.objects.values_list("review_status", flat=True)) == [ReviewStatus.REJECTED]


def test_the_write_joins_the_thread_a_candidate_is_in_now(pair):
    first, second = pair
    matches = article_match(article_id=first.article_id)
    elsewhere = Thread.objects.create()
    Claim.objects.filter(pk=second.pk).update(thread=elsewhere)  # threaded meanwhile
    article_thread(article_id=first.article_id, matches=matches)
    assert Claim.objects.get(pk=first.pk).thread_id == elsewhere.id


def test_statements_changed_after_the_search_are_matched_again_under_the_lock(pair):
    _, second = pair
    matches = article_match(article_id=second.article_id)
    Claim.objects.filter(pk=second.pk).update(
        quote_text="The central bank raised interest rates by half a point."
    )
    outcome = article_thread(article_id=second.article_id, matches=matches)
    assert outcome.links_added == 0 and not ClaimLink.objects.exists()
