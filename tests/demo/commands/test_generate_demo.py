import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F

from articles.models import Article
from claims.models import Claim, ClaimLink, SyncChange

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


def _stored_vectors() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM claims_claim ORDER BY id")
        return dict(cursor.fetchall())


def test_the_bulk_load_stores_what_the_triggers_would_have():
    call_command("generate_demo", articles=30, claims=300, batch_size=100, seed=9)
    loaded = _stored_vectors()
    assert len(loaded) == 300 and all(loaded.values())
    # The trigger recomputes every vector from the text: nothing changes.
    Claim.objects.update(quote_text=F("quote_text"))
    assert _stored_vectors() == loaded
    # The sync feed lists every statement and link once, at its version.
    changes = set(SyncChange.objects.values_list("kind", "object_id", "version", "deleted"))
    assert {(k, i, v, d) for k, i, v, d in changes if k == "claim"} == {
        ("claim", i, 1, False) for i in loaded
    }
    links = set(ClaimLink.objects.values_list("id", flat=True))
    assert links and {i for k, i, _, _ in changes if k == "link"} == links
    # And the triggers are on again: an ordinary write is vectorised and fed as before.
    claim = Claim.objects.first()
    Claim.objects.filter(pk=claim.pk).update(quote_text="Kobani volunteers", version=2)
    assert _stored_vectors()[claim.pk] == "'kobani':1 'volunt':2"
    assert SyncChange.objects.filter(kind="claim", object_id=claim.pk, version=2).exists()
    # The search index is back without its pending list (claims/0013), nothing left pending.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'claim_search_vector_idx'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]


def test_the_words_vary_like_news_not_like_a_template():
    call_command("generate_demo", articles=200, claims=2000, seed=4)
    texts = list(Claim.objects.values_list("quote_text", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE ndoc = 1) FROM ts_stat('SELECT search_vector FROM claims_claim')"
        )
        lexemes, once = cursor.fetchone()
    # Thousands of distinct words, most of them rare (a template vocabulary has a few hundred).
    assert lexemes > 2000 and once > lexemes / 3
    # Denials restate what they deny and repeats copy: the rest differ.
    assert len(set(texts)) > 0.6 * len(texts)
