"""Editing in the article reader with a real browser (Playwright driving Debian's Chromium).

Screenshots land in test-artifacts/.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from articles.services import article_create
from claims.models import AnalysisJob, Claim, ClaimLink
from claims.services.editing import claim_update
from tests.browser_support import log_in, screenshot
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, UserFactory

# Transactional: the live server's thread must see the test's rows.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = (ROOT / "demo" / "seed" / "nk-denial.txt").read_text(encoding="utf-8")


def _log_in(page, live_server, user, next_path: str) -> None:
    # What the panel asks the server, as (method, path): it must all be the REST API's.
    page.calls = []
    page.on(
        "request",
        lambda request: (
            request.resource_type == "fetch"
            and page.calls.append((request.method, request.url.removeprefix(live_server.url)))
        ),
    )
    log_in(page, live_server, user, next_path)
    page.wait_for_selector("#edit-panel")


def _api_calls(page) -> list[tuple[str, str]]:
    """The panel's requests, minus its re-reads of the reader page itself."""
    return [(method, path) for method, path in page.calls if not path.startswith("/articles/")]


def _select(page, claim: Claim) -> None:
    page.click(f"#statement-{claim.id} .quote")
    page.wait_for_function(
        "id => document.querySelector('#edit-panel [data-show=id]').textContent === '#' + id", arg=claim.id
    )


def _select_text(page, phrase: str) -> None:
    """Select `phrase` in the article the way a mouse drag would (a DOM Range)."""
    page.evaluate(
        """phrase => {
            const text = document.getElementById('article-text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node, all = '', nodes = [];
            while ((node = walker.nextNode())) { nodes.push([node, all.length]); all += node.data; }
            const at = all.indexOf(phrase);
            const locate = (pos) => { for (const [n, s] of nodes) if (pos <= s + n.data.length) return [n, pos - s]; };
            const [sn, so] = locate(at), [en, eo] = locate(at + phrase.length);
            const range = document.createRange();
            range.setStart(sn, so); range.setEnd(en, eo);
            getSelection().removeAllRanges(); getSelection().addRange(range);
        }""",
        phrase,
    )
    page.wait_for_function(
        "phrase => document.querySelector('#edit-panel .selection-text').textContent.includes(phrase.slice(0, 20))",
        arg=phrase,
    )


def test_editor_changes_a_speaker_and_links_a_rebuttal_and_a_reanalysis_keeps_both(page, live_server):
    # The seed article, analysed by the real extractor (in-process: Celery is eager here).
    article = article_create(body=SEED_TEXT, title="North Korea denies arms deal").article
    article.refresh_from_db()
    assert article.analysis_state == "done", article.analysis_error
    statement = (
        Claim.objects.filter(article=article, kind="claim", origin="machine")
        .order_by("content_start")
        .first()
    )
    denial = Claim.objects.filter(article=article, kind="denial").order_by("-content_start").first()
    assert statement and denial
    new_speaker = ActorFactory(name="Korean Central News Agency", kind="media")
    # A claim in another article for the denial to rebut.
    elsewhere = ArticleFactory(
        title="Washington briefing",
        body="The State Department said Pyongyang is secretly supplying shells to Moscow.",
    )
    start = elsewhere.body.index("Pyongyang")
    briefing = ClaimFactory(
        article=elsewhere,
        speaker=ActorFactory(name="State Department"),
        content_start=start,
        content_end=len(elsewhere.body) - 1,
        quote_text=elsewhere.body[start:-1],
        review_status="confirmed",
    )
    editor = UserFactory(role="editor")
    _log_in(page, live_server, editor, reverse("article-detail", args=[article.id]))
    loads = len(page.loads)

    # Change the speaker: search actors, pick one, save.
    _select(page, statement)
    speaker_box = page.locator('[data-actor-field="speaker"]')
    speaker_box.locator(".actor-query").fill(new_speaker.name[:8])
    speaker_box.locator(".actor-results button", has_text=new_speaker.name).first.click()
    assert speaker_box.locator(".actor-current").inner_text() == new_speaker.name
    page.click('#edit-panel [data-action="save"]')
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent === 'Saved.'"
    )
    assert new_speaker.name in page.locator(f"#statement-{statement.id} .statement-head").inner_text()
    screenshot(page, "edit-speaker-changed")

    # Link the denial as a rebuttal of the claim in the other article, found by its words.
    _select(page, denial)
    page.fill("#edit-panel .link-query", "secretly supplying")
    page.locator("#edit-panel .link-results button", has_text="State Department").click()
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent === 'Linked.'"
    )
    assert "secretly supplying" in page.locator("#edit-panel .edit-links").inner_text()
    assert "secretly supplying" in page.locator(f"#statement-{denial.id} .links").inner_text()
    screenshot(page, "edit-rebuttal-linked")
    assert len(page.loads) == loads, "editing must not reload the page"
    calls = _api_calls(page)
    assert calls and all(path.startswith("/api/v1/") for _, path in calls), calls
    assert ("PATCH", f"/api/v1/claims/{statement.id}/") in calls
    assert ("POST", "/api/v1/links/") in calls

    # Selecting a claim with links is one request: its linked claims come embedded.
    before = len(page.calls)
    _select(page, statement)
    page.wait_for_function("() => document.querySelector('#edit-panel .edit-links li') !== null")
    _select(page, denial)
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-links').textContent.includes('secretly supplying')"
    )
    assert _api_calls(page)[-1] == ("GET", f"/api/v1/claims/{denial.id}/")
    assert len(page.calls) - before == 2, page.calls[before:]

    statement.refresh_from_db()
    assert (statement.speaker_id, statement.review_status, statement.version) == (new_speaker.id, "edited", 2)
    link = ClaimLink.objects.get(source=denial, target=briefing)
    assert (link.origin, link.review_status, link.created_by) == ("editor", "confirmed", editor)

    # Re-analyse the article through the jobs page; the editor's work must survive it.
    page.goto(live_server.url + reverse("job-list"))
    page.fill("textarea[name=articles]", str(article.id))
    page.click("form.job-form button[type=submit]")
    job = AnalysisJob.objects.order_by("-id").first()
    assert job is not None
    for _ in range(150):
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            break
        page.wait_for_timeout(200)
    assert job.status == "done" and job.done == 1, job.error_summary

    statement.refresh_from_db()
    assert statement.speaker_id == new_speaker.id and statement.review_status == "edited"
    assert ClaimLink.objects.filter(source=denial, target=briefing, origin="editor").exists()
    assert (
        Claim.objects.filter(article=article, kind="claim", content_start=statement.content_start).count()
        == 1
    )
    page.goto(live_server.url + reverse("article-detail", args=[article.id]) + f"#claim-{denial.id}")
    assert "secretly supplying" in page.locator(f"#statement-{denial.id} .links").inner_text()
    assert new_speaker.name in page.locator(f"#statement-{statement.id} .statement-head").inner_text()
    screenshot(page, "edit-after-reanalysis")
    assert page.problems == []


def test_a_stale_save_shows_the_other_editors_change_and_keys_confirm_and_move_on(page, live_server):
    article = ArticleFactory(
        title="Talks", body="The ministry said talks had failed. The envoy denied it at once."
    )
    first = ClaimFactory(
        article=article, content_start=0, content_end=34, quote_text=article.body[:34], kind="claim"
    )
    second = ClaimFactory(
        article=article,
        content_start=36,
        content_end=len(article.body),
        quote_text=article.body[36:],
        kind="claim",
    )
    rival = UserFactory(role="editor", username="rival-editor")
    editor = UserFactory(role="editor")
    _log_in(page, live_server, editor, reverse("article-detail", args=[article.id]))

    _select(page, second)
    # Someone else saves the same statement meanwhile.
    claim_update(user=rival, claim=second, expected_version=1, kind="accusation", note="it is an accusation")
    page.select_option("#edit-panel select[name=kind]", "denial")
    page.click('#edit-panel [data-action="save"]')
    conflict = page.locator("#edit-panel .edit-conflict")
    conflict.wait_for(state="visible")
    text = conflict.inner_text()
    assert "rival-editor changed this statement" in text and "Nothing was saved" in text
    assert "kind: claim → accusation" in text
    screenshot(page, "edit-conflict")
    second.refresh_from_db()
    assert (second.kind, second.version) == ("accusation", 2)  # not overwritten

    page.click('#edit-panel [data-action="load-current"]')
    page.wait_for_function(
        "() => document.querySelector('#edit-panel select[name=kind]').value === 'accusation'"
    )

    # Keyboard: p moves to the previous statement, c confirms it, n moves on, x rejects.
    page.evaluate("document.activeElement.blur()")  # keys act when no field has the focus
    page.keyboard.press("p")
    page.wait_for_function(
        "id => document.querySelector('#edit-panel [data-show=id]').textContent === '#' + id", arg=first.id
    )
    page.keyboard.press("c")
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent === 'Confirmed.'"
    )
    page.keyboard.press("n")
    page.wait_for_function(
        "id => document.querySelector('#edit-panel [data-show=id]').textContent === '#' + id", arg=second.id
    )
    page.keyboard.press("x")
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent === 'Rejected.'"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.review_status, second.review_status) == ("confirmed", "rejected")
    # Out of the list analysts see; editors find it under "Rejected".
    assert page.locator(f".statement-list #statement-{second.id}").count() == 0
    assert page.locator(f".rejected-box #statement-{second.id}").count() == 1
    # The 409 the browser received is reported in the console; nothing else may be.
    assert [p for p in page.problems if "409" not in p] == []


def test_a_statement_rejected_by_mistake_is_found_under_rejected_and_confirmed_back(page, live_server):
    article = ArticleFactory(body="The ministry denied the report. Officials said talks had failed.")
    denial = ClaimFactory(article=article, kind="denial", content_start=13, content_end=30)
    other = ClaimFactory(article=article, content_start=41, content_end=63)
    editor = UserFactory(role="editor")
    _log_in(page, live_server, editor, reverse("article-detail", args=[article.id]))
    _select(page, denial)
    page.keyboard.press("x")
    # It leaves the list for the folded "Rejected" one, and the panel moves on to the next.
    page.wait_for_selector(f".rejected-box #statement-{denial.id}", state="attached")
    assert page.locator(f".statement-list #statement-{denial.id}").count() == 0
    assert page.locator(".rejected-statements summary .count").inner_text() == "1"
    assert Claim.objects.get(pk=denial.pk).review_status == "rejected"

    # Later, from the address a timeline of rejected statements links to, it is still there.
    page.goto(live_server.url + reverse("timeline") + "?status=rejected")
    page.goto(live_server.url + reverse("article-detail", args=[article.id]) + f"#claim-{denial.id}")
    page.wait_for_function(
        "id => document.querySelector('#edit-panel [data-show=id]').textContent === '#' + id", arg=denial.id
    )
    assert page.locator(".rejected-statements").get_attribute("open") is not None
    assert page.locator('#edit-panel [data-show="review_status"]').inner_text() == "rejected"
    page.keyboard.press("c")
    page.wait_for_selector(f".statement-list #statement-{denial.id}")
    assert page.locator(".rejected-box .rejected-item").count() == 0
    assert Claim.objects.get(pk=denial.pk).review_status == "confirmed"
    assert Claim.objects.get(pk=other.pk).review_status == "proposed"
    screenshot(page, "edit-rejected-confirmed-back")
    assert page.problems == []


def test_editor_adds_a_statement_from_a_selection_in_text_with_emoji(page, live_server):
    body = "Crowds cheered 🎉🇰🇵 in the square. The ministry 🚀 denied the report 😀 entirely, officials said."
    article = ArticleFactory(title="Emoji", body=body)
    ministry = ActorFactory(name="Ministry of Defence")
    _log_in(page, live_server, UserFactory(role="editor"), reverse("article-detail", args=[article.id]))

    _select_text(page, "denied the report 😀 entirely")
    page.select_option("#edit-panel select[name=new-kind]", "denial")
    page.click('#edit-panel [data-action="create"]')
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent.startsWith('Statement added')"
    )
    claim = Claim.objects.get(article=article)
    assert claim.quote_text == "denied the report 😀 entirely"
    assert (claim.content_start, claim.origin, claim.review_status) == (
        body.index("denied"),
        "editor",
        "confirmed",
    )

    # Speaker span from a selection, the speaker from the search, then save.
    _select_text(page, "The ministry")
    page.click('#edit-panel [data-span="speaker_span"]')
    box = page.locator('[data-actor-field="speaker"]')
    box.locator(".actor-query").fill("Ministry of")
    box.locator(".actor-results button", has_text="Ministry of Defence").click()
    page.click('#edit-panel [data-action="save"]')
    page.wait_for_function(
        "() => document.querySelector('#edit-panel .edit-status').textContent === 'Saved.'"
    )
    claim.refresh_from_db()
    assert body[claim.speaker_start : claim.speaker_end] == "The ministry"
    assert claim.speaker == ministry
    mark = page.locator(f"mark.hl.role-speaker[data-claim-id='{claim.id}']")
    assert mark.inner_text() == "The ministry"
    screenshot(page, "edit-new-statement-emoji")
    assert page.problems == []


def test_admin_reviews_reverts_and_undoes_a_merge_in_the_browser(page, live_server):
    article = ArticleFactory(
        title="Queue", body="The ministry said talks had failed. The envoy denied it at once."
    )
    unsure = ClaimFactory(article=article, confidence=0.2, quote_text="The envoy denied it", kind="denial")
    ClaimFactory(article=article, confidence=0.9, quote_text="The ministry said talks had failed")
    admin = UserFactory(role="admin")
    log_in(page, live_server, admin, reverse("review-queue"))

    # Least confident first; confirm it from the queue.
    first = page.locator(".review-item").first
    assert first.get_attribute("data-claim-id") == str(unsure.id)
    first.locator("button[value=confirm]").click()
    page.wait_for_selector(".message.success")
    assert Claim.objects.get(pk=unsure.pk).review_status == "confirmed"
    screenshot(page, "review-queue")

    # The history shows the change; the admin reverts it.
    page.goto(live_server.url + reverse("history-claim", args=[unsure.id]))
    assert "proposed" in page.locator("table.diff").inner_text()
    page.click("form.revert button")
    page.wait_for_selector(".message.success")
    assert Claim.objects.get(pk=unsure.pk).review_status == "proposed"
    assert "reverted by" in page.locator(".change.reverted").inner_text()
    screenshot(page, "history-reverted")

    # Merge a duplicate actor by name, then undo the merge.
    kept, duplicate = ActorFactory(name="North Korea"), ActorFactory(name="DPRK")
    ClaimFactory(article=article, speaker=duplicate)
    page.goto(live_server.url + reverse("actor-edit", args=[duplicate.id]))
    page.fill("form[action$='/edit/merge/'] input[name=into]", "North Korea")
    page.click("form[action$='/edit/merge/'] button")
    page.wait_for_url(f"**/actors/{kept.id}/edit/")
    assert Claim.objects.filter(speaker=kept).count() == 1
    page.click("form[action*='/actors/merges/'] button")
    page.wait_for_selector(".message.success")
    assert Claim.objects.filter(speaker=duplicate).count() == 1
    screenshot(page, "actor-merge-undone")
    assert page.problems == []
