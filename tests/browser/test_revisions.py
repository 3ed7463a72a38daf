"""A story updated at its URL, as an analyst reads it: the reader says which revision it shows,
what changed, and keeps the editor's confirmed statement on the new text."""

import pytest
from django.urls import reverse

from articles.services import article_create
from claims.models import Claim, ReviewStatus
from claims.services.editing import claim_confirm
from tests.browser_support import log_in, screenshot
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]

URL = "https://news.example/2026/12/border"
V1 = (
    "Border talks.\n\nThe Ministry said the border was closed. "
    "The Embassy denied that the border was closed. The Council said talks would resume."
)
# The update adds a sentence carrying markup: article text is untrusted and must show as text.
V2 = (
    "Border talks (updated).\n\nThe Mayor said the bridge <img src=x onerror=alert(1)> was open. "
    "The Ministry said the border was closed. The Embassy denied that the border was closed."
)


@pytest.fixture(autouse=True)
def fake_extractor(settings):
    settings.CLAIMTRACK_EXTRACTOR = "tests.fake_extractor.extract"


def test_the_reader_shows_what_changed_and_keeps_the_confirmed_denial(page, live_server):
    editor, analyst = UserFactory(role="editor"), UserFactory(role="analyst")
    article = article_create(body=V1, url=URL).article
    denial = Claim.objects.get(article=article, kind="denial")
    claim_confirm(user=editor, claim=denial, expected_version=denial.version)
    assert article_create(body=V2, url=URL).revised

    log_in(page, live_server, analyst, reverse("article-detail", args=[article.id]))
    note = page.locator("#revision-note")
    assert note.locator("summary").inner_text() == "revision 2 of 2 · what changed"
    assert not note.locator(".revision-changes").is_visible()
    note.locator("summary").click()
    added = note.locator("li.added").all_inner_texts()
    removed = note.locator("li.removed").all_inner_texts()
    assert any("<img src=x onerror=alert(1)>" in line for line in added)  # shown as text
    assert any("talks would resume" in line for line in removed)
    assert page.locator("#article-text img").count() == 0
    screenshot(page, "reader-revision")

    # The confirmed denial is the same statement, highlighted on the new text's offsets.
    kept = Claim.objects.get(pk=denial.pk)
    assert kept.review_status == ReviewStatus.CONFIRMED
    mark = page.locator(f"mark.hl.role-content[data-claim-id='{kept.id}']")
    assert mark.inner_text() == "that the border was closed"
    assert int(mark.get_attribute("data-start")) == V2.index("that the border was closed")
    assert page.problems == []
