"""manage.py reanalyze: scope options, --wait progress, clear errors for bad input."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.models import ActorAlias
from claims.models import AnalysisJob
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fake_extractor(settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"


def reanalyze(*args: str) -> str:
    out = StringIO()
    call_command("reanalyze", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_all_with_wait_runs_the_job_and_prints_the_outcome():
    ArticleFactory(body="The Ministry said talks failed.")
    ArticleFactory(body="The Embassy denied it.")
    output = reanalyze("--all", "--wait")
    job = AnalysisJob.objects.get()
    assert (job.status, job.total, job.done) == ("done", 2, 2)
    assert f"Job {job.pk} queued: all articles." in output
    assert "2 analysed, 0 failed; claims added 2, removed 0, kept 0" in output


def test_filters_become_the_job_scope():
    actor = ActorFactory(name="Ministry of Truth")
    ActorAlias.objects.create(actor=actor, alias="MiniTrue", normalised="minitrue")
    article = ArticleFactory(outlet="Daily", body="Something.")
    ClaimFactory(article=article, speaker=actor)
    reanalyze(
        "--since", "2020-01-01", "--until", "2030-01-01T00:00:00Z", "--outlet", "Daily", "--actor", "MiniTrue"
    )
    scope = AnalysisJob.objects.get().scope
    assert scope["outlet"] == "Daily" and scope["actor"] == actor.pk
    assert scope["since"].startswith("2020-01-01T00:00:00") and scope["until"].startswith("2030-01-01")
    other = ArticleFactory(body="Something else.")
    reanalyze("--article", str(article.pk), str(other.pk))
    assert AnalysisJob.objects.order_by("-id").first().scope["articles"] == [article.pk, other.pk]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Say which articles"),
        (("--since", "yesterday"), "Not a date"),
        (("--actor", "Nobody At All"), "No actor is known as"),
        (("--since", "2025-01-01", "--until", "2024-01-01"), "before 'until'"),
        (("--article", "12345"), "There is no article #12345."),
    ],
)
def test_bad_input_is_a_clear_error_and_no_job(args, message):
    with pytest.raises(CommandError, match=message):
        reanalyze(*args)
    assert not AnalysisJob.objects.exists()
