"""The sync feed (/api/v1/changes/): a client that replays it holds exactly the server's rows.

Transactional tests: the feed serves only changes of transactions that have ended, so the test
must commit what it writes (a test wrapped in one transaction would never see its own changes).
"""

import dataclasses
import math
from datetime import timedelta

import psycopg2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from actors.models import Actor
from articles.models import Article
from articles.services import article_create
from claims.models import Claim, ClaimLink, SyncChange, SyncFeedState, Thread, Tombstone
from claims.services.actor_merging import actor_merge
from claims.services.analysis import article_analyze
from claims.services.editing import claim_confirm, claim_update, link_create, link_delete
from claims.services.sync_retention import sync_changes_prune
from claims.services.thread_editing import link_reject, thread_merge, thread_split
from claims.services.threading import article_thread
from tests.claims.services.test_threading import DAY, SHELLS, statement
from tests.factories import ArticleFactory, UserFactory
from tests.fake_extractor import extract as fake_extract

pytestmark = pytest.mark.usefixtures("role_groups")

TEXT = (
    "Dispatch {n}.\n\nThe Ministry said the border was closed on day {n}. "
    "The Embassy denied that the border was closed. The Council condemned the closure."
)


def extract_without_denials(text: str):
    """The next extractor version no longer finds the denials: re-analysis deletes them."""
    result = fake_extract(text)
    kept = tuple(s for s in result.statements if s.kind != "denial")
    ids = {s.id for s in kept}
    links = tuple(link for link in result.links if link.source in ids and link.target in ids)
    return dataclasses.replace(result, extractor_version="fake-2", statements=kept, links=links)


class SyncClient:
    """What a REST client keeps: rows by (kind, id) with their versions, and a position."""

    def __init__(self, api: APIClient, page_size: int) -> None:
        self.api, self.page_size = api, page_size
        self.rows: dict[tuple[str, int], int | None] = {}
        self.merged: dict[tuple[str, int], int] = {}
        self.next = f"/api/v1/changes/?page_size={page_size}"

    def sync(self) -> int:
        """Read until the feed has no more; how many pages that took."""
        pages = 0
        while True:
            response = self.api.get(self.next)
            assert response.status_code == 200, response.content[:300]
            body = response.json()
            pages += 1
            for entry in body["results"]:
                key = (entry["kind"], entry["id"])
                if entry["deleted"]:
                    self.rows.pop(key, None)
                    if entry["replaced_by"] is not None:
                        self.merged[key] = entry["replaced_by"]
                else:
                    self.rows[key] = entry["version"]
                    self.merged.pop(key, None)  # a merge undone
            self.next = body["next"]
            if not body["more"]:
                return pages


def server_rows() -> dict[tuple[str, int], int | None]:
    rows: dict[tuple[str, int], int | None] = {}
    rows.update((("claim", pk), v) for pk, v in Claim.objects.values_list("id", "version"))
    rows.update((("link", pk), v) for pk, v in ClaimLink.objects.values_list("id", "version"))
    rows.update(
        (("actor", pk), None) for pk in Actor.objects.filter(merged_into=None).values_list("id", flat=True)
    )
    rows.update(
        (("thread", pk), v) for pk, v in Thread.objects.filter(merged_into=None).values_list("id", "version")
    )
    return rows


@pytest.fixture
def editor_api(role_groups):
    editor = UserFactory(role="editor")
    api = APIClient()
    api.force_authenticate(editor)
    return editor, api


def test_a_client_replaying_the_feed_after_each_step_holds_the_servers_rows(editor_api, settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"
    editor, api = editor_api
    client = SyncClient(api, page_size=7)  # small pages: every step crosses page boundaries
    compared = []

    def check(step: str) -> None:
        client.sync()
        expected = server_rows()
        assert client.rows == expected, step
        compared.append((step, len(expected)))

    # 1. Create: two articles analysed (eagerly, on commit): claims, links, proposed actors.
    first = article_create(body=TEXT.format(n=1)).article
    second = article_create(body=TEXT.format(n=2)).article
    assert Claim.objects.count() == 6 and ClaimLink.objects.count() == 2
    check("create")

    # 2. Edit: a note, a confirmation, an editor link made and removed (a real deletion).
    claims = list(Claim.objects.filter(article=first).order_by("content_start"))
    claim_update(user=editor, claim=claims[0], expected_version=claims[0].version, note="checked")
    denial = Claim.objects.get(article=second, kind="denial")
    claim_confirm(user=editor, claim=denial, expected_version=denial.version)
    link = link_create(user=editor, source=claims[2], target=claims[0], relation="supports")
    check("edit, link")
    link_delete(user=editor, link=link)
    check("unlink")
    assert Tombstone.objects.filter(kind="link", object_id=link.pk).exists()

    # 3. Re-analyse with an extractor that no longer finds denials: the unconfirmed denial and
    # its machine link are deleted; the confirmed one in the second article stays.
    settings.CLAIMTRACK_EXTRACTOR = "tests.claims.api.test_changes.extract_without_denials"
    doomed = Claim.objects.get(article=first, kind="denial")
    doomed_links = list(ClaimLink.objects.filter(source=doomed).values_list("id", flat=True))
    for article in (first, second):
        assert article_analyze(article_id=article.id, content_hash=article.content_sha256).status == "done"
    assert not Claim.objects.filter(pk=doomed.pk).exists() and Claim.objects.filter(pk=denial.pk).exists()
    check("re-analyse")
    assert ("claim", doomed.pk) not in client.rows
    assert all(("link", pk) not in client.rows for pk in doomed_links) and doomed_links

    # 4. Merge actors: the duplicate is gone for the client, which learns what replaced it.
    ministry = Actor.objects.filter(name="The Ministry").order_by("id")
    embassy = Actor.objects.get(name="The Embassy")
    actor_merge(user=editor, source=embassy, into=ministry.first())
    check("merge")
    assert client.merged == {("actor", embassy.pk): ministry.first().pk}
    assert Tombstone.objects.get(kind="actor", object_id=embassy.pk).replaced_by == ministry.first().pk
    print("sync replay rows compared:", compared)


def test_ten_thousand_changes_page_through_the_cursor_with_constant_queries(editor_api):
    _, api = editor_api
    article = ArticleFactory(body="Bulk.\n\n" + "The Ministry said so. " * 10)
    Claim.objects.bulk_create(
        Claim(
            article=article,
            kind="claim",
            content_start=7,
            content_end=28,
            content_spans=[[7, 28]],
            quote_text="The Ministry said so.",
        )
        for _ in range(10_000)
    )
    Claim.objects.filter(id__in=Claim.objects.order_by("id").values("id")[:500]).delete()
    total = SyncChange.objects.count()
    assert total >= 10_500

    client = SyncClient(api, page_size=1000)
    queries: list[int] = []
    real_get = api.get

    def counted_get(url, *args, **kwargs):
        with CaptureQueriesContext(connection) as ctx:
            response = real_get(url, *args, **kwargs)
        queries.append(len(ctx.captured_queries))
        return response

    api.get = counted_get
    pages = client.sync()
    assert pages == math.ceil(total / 1000) + (1 if total % 1000 == 0 else 0)
    # One query a page (the first also reads the user's roles): page 11 costs what page 1 costs.
    assert max(queries) <= 2 and set(queries[1:]) == {1}, queries
    assert client.rows == server_rows() and len(client.rows) == 9_500
    print(f"10k feed: {total} changes, {pages} pages of 1000, {queries[-1]} query per page")


def test_a_change_committed_after_a_still_open_transaction_waits_for_it(editor_api, settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"
    _, api = editor_api
    client = SyncClient(api, page_size=50)
    client.sync()
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()")  # an older transaction, still open
        article_create(body=TEXT.format(n=3))  # committed after it
        client.sync()
        assert not client.rows  # held back: a change of the open one could still sort before
        other.commit()
    finally:
        other.close()
    client.sync()
    assert client.rows == server_rows() and len(client.rows) > 0


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [(None, 401, 401), ("outsider", 403, 403), ("analyst", 200, 403), ("editor", 200, 405)],
)
def test_each_role_against_the_feed(role_groups, role, read, write):
    api = APIClient()
    if role:
        api.force_authenticate(UserFactory(role=None if role == "outsider" else role))
    assert api.get("/api/v1/changes/").status_code == read
    assert api.post("/api/v1/changes/", {}, format="json").status_code == write  # the feed is read-only


def test_a_bad_cursor_is_a_400(editor_api):
    _, api = editor_api
    response = api.get("/api/v1/changes/?since=not-a-cursor")
    assert response.status_code == 400 and "since" in response.json()


def _cross_article_story(assertion: str, denial: str) -> tuple[Claim, Claim]:
    """Two articles on one proposition (a claim, then its denial), threaded by the machine."""
    claim, denied = statement(assertion), statement(denial, kind="denial", when=DAY + timedelta(days=1))
    for item in (claim, denied):
        article_thread(article_id=item.article_id)
    return claim, denied


def test_threads_are_in_the_feed_created_updated_merged_and_deleted(editor_api):
    editor, api = editor_api
    client = SyncClient(api, page_size=5)
    _, denial = _cross_article_story(SHELLS, "North Korea denied supplying artillery shells to Russia")
    client.sync()
    thread = Thread.objects.get()
    assert client.rows == server_rows() and client.rows[("thread", thread.pk)] == thread.version

    # Updated: an editor splits the denial out; the old thread's counts and version change.
    new = thread_split(user=editor, thread=thread, claim_ids=[denial.pk], expected_version=thread.version)
    client.sync()
    thread.refresh_from_db()
    assert client.rows == server_rows()
    assert client.rows[("thread", thread.pk)] == thread.version and ("thread", new.pk) in client.rows

    # Merged: the split-out thread goes back in; the client learns where it went.
    new.refresh_from_db()
    thread_merge(
        user=editor, thread=new, into=thread, expected_version=new.version, into_version=thread.version
    )
    client.sync()
    assert client.rows == server_rows() and ("thread", new.pk) not in client.rows
    assert client.merged[("thread", new.pk)] == thread.pk
    assert Tombstone.objects.filter(kind="thread", object_id=new.pk, replaced_by=thread.pk).exists()

    # Deleted: a machine thread whose only link an editor rejects loses both statements.
    _cross_article_story(
        "The Health Ministry said cholera killed ninety children in Sanaa last month",
        "The Houthi government denied that cholera killed ninety children in Sanaa last month",
    )
    machine = Thread.objects.exclude(pk__in=[thread.pk, new.pk]).get()
    client.sync()
    assert ("thread", machine.pk) in client.rows
    link = ClaimLink.objects.get(source__thread=machine)
    link_reject(user=editor, link=link, expected_version=link.version)
    assert not Thread.objects.filter(pk=machine.pk).exists()
    client.sync()
    assert client.rows == server_rows() and ("thread", machine.pk) not in client.rows
    assert Tombstone.objects.filter(kind="thread", object_id=machine.pk).exists()


# --- retention ------------------------------------------------------------------------------


def _age_the_feed(days: int = 60) -> None:
    SyncChange.objects.update(changed_at=timezone.now() - timedelta(days=days))


def _prune_all(batch: int = 3) -> int:
    """Housekeeping rounds until a whole pass removes nothing."""
    removed, idle = 0, 0
    while idle < 2:
        n = sync_changes_prune(batch=batch)
        removed += n
        idle = 0 if n else idle + 1
    return removed


def test_pruning_keeps_the_latest_entry_of_every_row_so_a_first_sync_still_gets_them_all(
    editor_api, settings
):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"
    settings.CLAIMTRACK_SYNC_RETENTION_DAYS = 30
    editor, _ = editor_api
    article = article_create(body=TEXT.format(n=1)).article
    claims = list(Claim.objects.filter(article=article).order_by("content_start"))
    for claim in claims[:2]:
        claim_update(user=editor, claim=claim, expected_version=claim.version, note="seen")
    doomed = claims[2]
    doomed.delete()
    before = SyncChange.objects.count()
    _age_the_feed()

    assert _prune_all() > 0
    kept = SyncChange.objects.count()
    assert kept < before and kept == len(server_rows())
    assert not SyncChange.objects.filter(kind="claim", object_id=doomed.pk).exists()
    fresh = SyncClient(editor_api[1], page_size=4)
    fresh.sync()
    assert fresh.rows == server_rows()


def test_a_client_older_than_a_pruned_tombstone_is_told_to_sync_again_and_a_later_one_is_not(
    editor_api, settings
):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"
    settings.CLAIMTRACK_SYNC_RETENTION_DAYS = 30
    _, api = editor_api
    article_create(body=TEXT.format(n=2))
    behind = SyncClient(api, page_size=50)
    behind.sync()
    Claim.objects.filter(pk=Claim.objects.order_by("id").first().pk).delete()
    current = SyncClient(api, page_size=50)
    current.sync()
    _age_the_feed()
    _prune_all()

    response = api.get(behind.next)
    assert response.status_code == 410
    assert "sync again from the start" in response.json()["detail"]
    current.sync()  # read past the tombstone before it was pruned: nothing missed
    restarted = SyncClient(api, page_size=50)
    restarted.sync()
    assert restarted.rows == current.rows == server_rows()


def test_no_retention_keeps_every_entry(editor_api, settings):
    settings.CLAIMTRACK_SYNC_RETENTION_DAYS = 0
    ArticleFactory()
    Claim.objects.create(article=Article.objects.get(), kind="claim", content_start=0, content_end=1)
    Claim.objects.all().delete()
    _age_the_feed()
    before = SyncChange.objects.count()
    assert sync_changes_prune() == 0 and SyncChange.objects.count() == before > 0


def test_a_pass_stops_at_the_first_young_entry_and_the_next_waits(editor_api, settings):
    settings.CLAIMTRACK_SYNC_RETENTION_DAYS = 30
    article = ArticleFactory()
    claim = Claim.objects.create(article=article, kind="claim", content_start=0, content_end=1)
    Claim.objects.filter(pk=claim.pk).update(note="old")
    _age_the_feed()
    Claim.objects.filter(pk=claim.pk).update(note="new")  # young, supersedes the old two
    Claim.objects.filter(pk=claim.pk).update(note="newer")  # young, supersedes the young one

    assert _prune_all() == 2  # the two old entries; the young superseded one stays for now
    assert SyncChange.objects.filter(kind="claim", object_id=claim.pk).count() == 2
    _age_the_feed()
    assert sync_changes_prune() == 0  # a pass ended moments ago: the next waits its interval
    SyncFeedState.objects.update(pruned_at=timezone.now() - timedelta(hours=2))
    assert _prune_all() == 1
    assert SyncChange.objects.filter(kind="claim", object_id=claim.pk).count() == 1
