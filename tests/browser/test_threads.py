"""Threads in a real browser: an analyst follows a statement from the reader to its thread; an
editor rejects a machine link on the thread page and the rejection holds."""

import pytest
from django.urls import reverse

from claims.models import ClaimLink, Origin, ReviewStatus, Thread
from tests.browser_support import log_in, screenshot
from tests.claims.views.test_threads import threaded_story
from tests.factories import UserFactory

# Transactional: the live server's thread must see the test's rows.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]


def test_an_analyst_opens_a_thread_from_the_readers_also_in_n_articles(page, live_server):
    claims = threaded_story()
    claim = claims[0]
    log_in(page, live_server, UserFactory(role="analyst"), reverse("article-detail", args=[claim.article_id]))

    note = page.locator(f"#statement-{claim.id} a.thread-link")
    assert note.inner_text() == "also in 2 articles"
    assert "KCNA Watch" in page.locator(f"#statement-{claim.id} .thread-note").inner_text()
    screenshot(page, "reader-thread-note")
    note.click()
    page.wait_for_url(f"**/threads/{claim.thread_id}/#claim-{claim.id}")

    assert page.locator("h1.proposition").inner_text() == claim.quote_text
    # The chart: one lane per outlet, a dot per statement, asserting and denying apart.
    assert page.locator(".outlet-chart .lane-label").all_text_contents() == [
        "Wire One",
        "Daily Two",
        "KCNA Watch",
    ]
    assert page.locator(".outlet-chart .dot.side-asserting").count() == 2
    assert page.locator(".outlet-chart .dot.side-denying").count() == 1
    # Both sides, the envoy with the state he speaks for.
    asserting = page.locator(".side-asserting li").all_inner_texts()
    assert asserting == ["United States", "Alexander Yakovenko for Russia"]
    assert page.locator(".side-denying li").all_inner_texts() == ["North Korea"]
    assert page.locator("#thread-edit").count() == 0  # analysts get no actions
    screenshot(page, "thread")

    # A dot opens the denial at its place in its article.
    denial = claims[2]
    page.click(f".outlet-chart a[data-claim-id='{denial.id}']")
    page.wait_for_url(f"**/articles/{denial.article_id}/#claim-{denial.id}")
    assert "selected" in page.locator(f"#statement-{denial.id}").get_attribute("class")
    assert page.problems == []


def test_an_editor_rejects_a_machine_link_and_it_stays_rejected_after_reload(page, live_server):
    claims = threaded_story()
    link = ClaimLink.objects.filter(origin=Origin.MACHINE, source__article_id=claims[1].article_id).first()
    assert link is not None and link.review_status == ReviewStatus.PROPOSED
    path = reverse("thread-detail", args=[claims[0].thread_id])
    log_in(page, live_server, UserFactory(role="editor"), path)

    row = page.locator(f"#link-{link.id}")
    assert row.get_attribute("data-status") == "proposed"
    with page.expect_navigation():
        row.locator("button[data-action=reject-link]").click()
    row = page.locator(f"#link-{link.id}")
    assert row.get_attribute("data-status") == "rejected"
    assert row.locator("button[data-action=reject-link]").count() == 0
    page.reload()
    assert page.locator(f"#link-{link.id}").get_attribute("data-status") == "rejected"
    assert ClaimLink.objects.get(pk=link.pk).review_status == ReviewStatus.REJECTED
    screenshot(page, "thread-link-rejected")
    assert page.problems == []


def test_an_editor_splits_a_statement_out_then_merges_the_threads_again(page, live_server):
    claims = threaded_story()
    story = Thread.objects.get(pk=claims[0].thread_id)
    denial = claims[2]
    log_in(page, live_server, UserFactory(role="editor"), reverse("thread-detail", args=[story.id]))

    page.check(f"input[name=split][value='{denial.id}']")
    with page.expect_navigation():
        page.click("button[data-action=split]")
    new = Thread.objects.exclude(pk=story.pk).get(merged_into__isnull=True)
    assert page.url.endswith(reverse("thread-detail", args=[new.id]))
    assert [c.id for c in new.members.all()] == [denial.id]
    assert page.locator(".thread-members .statement").count() == 1

    # Merging states both threads' versions; the page reads the other's from the API first.
    page.fill("input[name=merge-into]", str(story.id))
    with page.expect_navigation():
        page.click("button[data-action=merge]")
    assert page.url.endswith(reverse("thread-detail", args=[story.id]))
    assert page.locator(".thread-members .statement").count() == 3
    assert Thread.objects.get(pk=new.pk).merged_into_id == story.id

    # A wrong thread number is refused, saying which thread is missing, and nothing changes.
    page.fill("input[name=merge-into]", "999999")
    page.click("button[data-action=merge]")
    errors = page.wait_for_selector("#thread-edit .edit-errors:not([hidden])")
    assert errors.inner_text().strip() == "There is no thread 999999."
    assert Thread.objects.get(pk=story.pk).merged_into_id is None
    # So is a move into a thread that does not exist.
    page.locator(f"#claim-{denial.id} input[name=move-to]").fill("999998")
    page.locator(f"#claim-{denial.id} button[data-action=move]").click()
    page.wait_for_function(
        "() => document.querySelector('#thread-edit .edit-errors').textContent.includes('999998')"
    )
    assert errors.inner_text().strip() == "There is no thread 999998."
    assert Thread.objects.get(pk=story.pk).members.filter(pk=denial.pk).exists()
    # The console errors are the browser reporting the API's 404s for those threads.
    assert len(page.problems) == 2 and all("404" in problem for problem in page.problems)
