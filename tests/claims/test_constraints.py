"""Integrity rules live in the database, so they hold for every writer, not only the ORM's full_clean."""

import pytest
from django.db import IntegrityError, transaction

from actors.models import ActorAlias
from articles.models import Article
from claims.models import Claim, ClaimLink
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def _violates(name: str, write) -> None:
    with pytest.raises(IntegrityError, match=name), transaction.atomic():
        write()


def test_two_articles_cannot_share_a_content_hash():
    first = ArticleFactory()
    _violates("content_sha256", lambda: ArticleFactory(body="other", content_sha256=first.content_sha256))


def test_article_url_is_unique_when_present_but_may_be_missing_on_many():
    ArticleFactory(url=None)
    ArticleFactory(url=None)
    ArticleFactory(url="https://example.org/a")
    _violates("url", lambda: ArticleFactory(url="https://example.org/a"))
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_empty_article_body_is_refused():
    _violates("article_body_not_empty", lambda: ArticleFactory(body=""))


def test_normalised_alias_is_unique_across_actors():
    ActorAlias.objects.create(actor=ActorFactory(), alias="U.S.", normalised="us")
    _violates(
        "normalised", lambda: ActorAlias.objects.create(actor=ActorFactory(), alias="US", normalised="us")
    )


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"content_start": 10, "content_end": 10}, "claim_content_span_ordered"),
        ({"content_start": 12, "content_end": 3}, "claim_content_span_ordered"),
        ({"speaker_start": 5, "speaker_end": 2}, "claim_speaker_span_ordered"),
        ({"speaker_start": 5, "speaker_end": None}, "claim_speaker_span_ordered"),
        ({"cue_start": 4, "cue_end": 4}, "claim_cue_span_ordered"),
        ({"confidence": 1.5}, "claim_confidence_0_1"),
    ],
)
def test_claim_spans_and_confidence_are_checked_by_the_database(fields, constraint):
    _violates(constraint, lambda: ClaimFactory(**fields))


def test_a_link_never_points_at_its_own_claim():
    claim = ClaimFactory()
    _violates(
        "link_not_to_itself", lambda: ClaimLink.objects.create(source=claim, target=claim, relation="rebuts")
    )


def test_one_link_per_source_target_and_relation():
    link = ClaimLinkFactory()
    _violates(
        "link_unique_per_relation",
        lambda: ClaimLink.objects.create(source=link.source, target=link.target, relation="rebuts"),
    )
    ClaimLink.objects.create(source=link.source, target=link.target, relation="supports")
    assert ClaimLink.objects.count() == 2


def test_visible_claims_hide_only_rejected_ones():
    kept = ClaimFactory(review_status="confirmed")
    ClaimFactory(review_status="rejected")
    proposed = ClaimFactory()
    assert set(Claim.objects.visible()) == {kept, proposed}
