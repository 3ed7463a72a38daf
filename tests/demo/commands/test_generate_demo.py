import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from articles.models import Article
from claims.models import Claim, ClaimLink

pytestmark = pytest.mark.django_db


def test_generate_demo_writes_consistent_threads_in_batches(capsys):
    call_command("generate_demo", articles=60, claims=900, batch_size=200, seed=5)
    out = capsys.readouterr().out
    assert Article.objects.count() == 60 and Claim.objects.count() == 900
    assert out.count("statements/s") >= 4  # progress after every batch
    assert "Done: 60 articles, 900 statements" in out

    kinds = dict(Claim.objects.values_list("kind").annotate(n=Count("id")))
    assert set(kinds) == set(Claim.Kind.values)
    assert Claim.objects.values("speaker").distinct().count() > 30
    assert Article.objects.values("outlet").distinct().count() > 5
    # Every span points at the text it claims to: the reader highlights exactly.
    for claim in Claim.objects.select_related("article", "speaker")[:300]:
        body = claim.article.body
        assert body[claim.content_start : claim.content_end] == claim.quote_text
        assert body[claim.speaker_start : claim.speaker_end] == claim.speaker.name
        assert claim.published_at == claim.article.published_at
    # A rebuttal is a denial by the accused, restating what it denies.
    rebuttals = ClaimLink.objects.filter(relation="rebuts").select_related("source", "target__speaker")
    assert rebuttals.count() > 20
    for link in rebuttals:
        assert link.source.kind == "denial" and link.target.kind in ("claim", "accusation")
        assert link.source.quote_text == link.target.quote_text
        accuser = link.target.speaker
        # Aimed at the state or body the accuser speaks for.
        body = accuser.affiliation_id if accuser.kind == "person" and accuser.affiliation_id else accuser.id
        assert link.source.target_id == body
    assert ClaimLink.objects.filter(relation="repeats").exists()


def test_generate_demo_appends_and_the_same_seed_does_not_collide():
    call_command("generate_demo", articles=5, claims=20, seed=1)
    call_command("generate_demo", articles=5, claims=20, seed=2)
    assert Article.objects.count() == 10 and Claim.objects.count() == 40


@pytest.mark.parametrize(("articles", "claims"), [(0, 10), (10, 5)])
def test_generate_demo_refuses_impossible_sizes(articles, claims):
    with pytest.raises(CommandError):
        call_command("generate_demo", articles=articles, claims=claims)
