"""The pages in a real browser: Playwright driving Debian's Chromium against the live server.

Screenshots land in test-artifacts/ (kept by CI as artifacts, ignored by git).
"""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.browser_support import log_in, screenshot
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.support.seed import create_seed

# Transactional: the live server's thread must see the test's rows.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]


def _log_in(page, live_server, user, next_path: str) -> None:
    page.goto(live_server.url + next_path)
    assert "/login/" in page.url  # anonymous: sent to log in first
    log_in(page, live_server, user, next_path)


def test_analyst_follows_north_koreas_denial_to_the_us_claim(page, live_server):
    seed = create_seed()
    ArticleFactory(title="Unrelated talks", body="Elsewhere, talks continued on trade.")
    analyst = UserFactory(role="analyst")

    _log_in(page, live_server, analyst, reverse("timeline"))
    assert page.locator(".statement").count() == 5
    screenshot(page, "timeline")

    page.fill("input[name=who]", "North Korea")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**actor={seed.prk.id}**")
    assert page.locator("h1").inner_text() == "Timeline: North Korea"
    assert page.locator(".lane-chart .dot").count() == 5  # all five involve North Korea
    screenshot(page, "timeline-north-korea")

    # The denial's dot in the lane chart opens the statement in its article.
    page.click(f".lane-chart a[data-claim-id='{seed.nk_denial.id}']")
    page.wait_for_url(f"**/articles/{seed.article.id}/#claim-{seed.nk_denial.id}")
    denial_item = page.locator(f"#statement-{seed.nk_denial.id}")
    assert "selected" in denial_item.get_attribute("class")
    speaker = page.locator(f"mark.hl.kind-denial.role-speaker[data-claim-id='{seed.nk_denial.id}']")
    assert speaker.inner_text() == "North Korea"
    assert (speaker.get_attribute("data-start"), speaker.get_attribute("data-end")) == ("80", "91")
    assert "active" in speaker.get_attribute("class")
    screenshot(page, "reader-denial")

    # The denial is linked to the claim it rebuts; following the link selects the US claim.
    link = denial_item.locator("a.claim-link")
    assert link.inner_text().startswith("United States: it supplies artillery shells")
    link.click()
    us_item = page.locator(f"#statement-{seed.us_claim.id}")
    assert "selected" in us_item.get_attribute("class")
    assert "rebutted by" in us_item.inner_text().lower()
    # "American" is the US claim's speaker inside North Korea's denial. With the US claim
    # selected, a click on it moves to the denial that contains it, and the next one back.
    american = page.locator("mark.hl[data-start='103']")
    assert american.get_attribute("data-claim-id") == str(seed.us_claim.id)
    american.click()
    assert "selected" in denial_item.get_attribute("class")
    american.click()
    assert "selected" in us_item.get_attribute("class")
    screenshot(page, "reader-us-claim")
    assert page.problems == []


def test_offsets_survive_emoji_between_browser_and_server(page, live_server):
    body = "Crowds cheered 🎉🇰🇵 as the ministry denied the report 😀 entirely."
    article = ArticleFactory(title="Emoji", body=body)
    start = body.index("denied")
    end = start + len("denied the report")
    claim = ClaimFactory(article=article, kind="denial", content_start=start, content_end=end, cue_start=None)
    _log_in(page, live_server, UserFactory(role="analyst"), reverse("article-detail", args=[article.id]))

    mark = page.locator(f"mark.hl[data-claim-id='{claim.id}']")
    assert mark.inner_text() == "denied the report"
    assert int(mark.get_attribute("data-start")) == start  # code points, not UTF-16 units
    # Select "the ministry" in the browser; the page reports the server's code-point offsets.
    offsets = page.evaluate(
        """async () => {
            const { selectionOffsets } = await import('/static/js/offsets.js');
            const text = document.getElementById('article-text');
            const node = [...text.querySelectorAll('[data-start]')].find(e => e.textContent.includes('the ministry')).firstChild;
            const at = node.textContent.indexOf('the ministry');
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 'the ministry'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return selectionOffsets(text);
        }"""
    )
    assert body[offsets[0] : offsets[1]] == "the ministry"
    assert offsets[0] == body.index("the ministry")
    # The page's scripts are ES modules: the helpers are imported, not read from window.
    offsets_module = "import('/static/js/offsets.js')"
    assert page.evaluate(f"async () => (await {offsets_module}).codePointsToUtf16('a🎉b', 2)") == 3
    assert page.evaluate(f"async () => (await {offsets_module}).utf16ToCodePoints('a🎉b', 3)") == 2
    assert page.evaluate("typeof window.claimtrackOffsets") == "undefined"
    assert page.problems == []


def test_editor_ingests_text_and_sees_the_analysis_state_change(page, live_server):
    editor = UserFactory(role="editor")
    _log_in(page, live_server, editor, reverse("ingest"))
    page.check("input[name=source][value=text]")
    assert page.locator(".source-panel[data-source=url]").is_hidden()
    page.fill("textarea[name=text]", "Ministry denies report\n\nThe ministry denied the report on Monday.")
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector(".result")
    assert Article.objects.filter(title="Ministry denies report").exists()
    assert page.locator(".result strong").inner_text() == "Ingested:"

    # Analysis ran (in-process here), so the page already says done; its poll then adds the count.
    page.wait_for_selector(".result .state-done")
    page.wait_for_function("() => document.querySelector('.result [data-field=detail]').textContent !== ''")
    assert re.fullmatch(
        r"· [1-9]\d* statements? found", page.locator(".result [data-field=detail]").inner_text()
    )
    screenshot(page, "ingest-done")

    # The same text again is reported as a duplicate, with a link to the article.
    page.goto(live_server.url + reverse("ingest"))
    page.fill("textarea[name=text]", "Ministry denies report\n\nThe ministry denied the report on Monday.")
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector(".result.duplicate")
    assert "Already in claimtrack" in page.locator(".result").inner_text()

    # A bad URL is refused plainly (a 400, which the console reports), and nothing is stored.
    assert page.problems == []
    page.goto(live_server.url + reverse("ingest"))
    page.check("input[name=source][value=url]")
    page.fill("input[name=url]", "http://127.0.0.1:1/nothing-here")
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector(".result.error")
    screenshot(page, "ingest-error")
    assert Article.objects.count() == 1
    assert [p for p in page.problems if "status of 400" not in p] == []


def test_the_analysis_state_updates_without_a_reload(page, live_server):
    article = ArticleFactory(analysis_state=Article.AnalysisState.PENDING)
    _log_in(page, live_server, UserFactory(role="editor"), f"{reverse('ingest')}?article={article.id}")
    assert page.locator(".result [data-field=state]").inner_text() == "pending"
    # A worker finishes meanwhile.
    Article.objects.filter(id=article.id).update(
        analysis_state=Article.AnalysisState.FAILED, analysis_error="boom"
    )
    page.wait_for_selector(".result .state-failed")
    assert "boom" in page.locator(".result").inner_text()
    assert page.problems == []


def test_home_and_actor_pages_render_without_policy_violations(page, live_server):
    seed = create_seed()
    _log_in(page, live_server, UserFactory(role="admin"), reverse("home"))
    assert page.locator(".waiting .big").inner_text() == "5"
    for link in ("Timeline", "Articles", "Actors", "Ingest", "Admin"):
        assert page.locator(f".mainnav >> text={link}").count() == 1
    screenshot(page, "home")
    page.goto(live_server.url + reverse("actor-detail", args=[seed.prk.id]))
    assert page.locator(".bars").count() == 1
    assert "deputy director" in page.locator(".members").inner_text()
    screenshot(page, "actor-north-korea")
    page.goto(live_server.url + reverse("timeline") + "?q=ammunition")
    page.wait_for_selector(".statement")
    assert page.problems == []
