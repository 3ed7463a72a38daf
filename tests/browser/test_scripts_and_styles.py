"""Every page's own scripts are ES modules and every style sheet is linked in the head; colours
come from one token set. The browser check loads each page in Chromium; the template and CSS
checks read the files, so a page no test visits cannot slip through either."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from claims.models import AnalysisJob
from tests.browser_support import log_in
from tests.factories import ActorFactory, ClaimFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
# Swagger UI's own page ships its bundles as classic scripts; it is the library's, not ours.
THIRD_PARTY_TEMPLATES = {"api/swagger_ui.html"}


def _templates() -> list[Path]:
    base = ROOT / "templates"
    return sorted(p for p in base.rglob("*.html") if str(p.relative_to(base)) not in THIRD_PARTY_TEMPLATES)


@pytest.mark.parametrize("template", _templates(), ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_templates_load_scripts_as_modules_and_style_sheets_only_in_the_head_block(template):
    name = str(template.relative_to(ROOT / "templates"))
    source = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert 'type="module"' in tag, f"{name}: {tag} is a classic script"
    assert "<style" not in source, f"{name}: inline <style> (the CSP forbids it; use a style sheet)"
    if name == "base.html":
        head = source[: source.index("</head>")]
        assert source.count('rel="stylesheet"') == head.count('rel="stylesheet"')
        return
    for link in re.finditer(r'<link rel="stylesheet"[^>]*>', source):
        before = source[: link.start()]
        # A page's own style sheets go into base.html's stylesheets block, which sits in <head>.
        assert before.rfind("{% block stylesheets %}") > before.rfind("{% endblock %}"), (
            f"{name}: style sheet outside the stylesheets block"
        )


def test_the_only_classic_scripts_are_swagger_uis():
    source = (ROOT / "templates" / "api" / "swagger_ui.html").read_text(encoding="utf-8")
    assert all("swagger" in tag or "script_url" in tag for tag in re.findall(r"<script\b[^>]*>", source))


def test_colours_are_defined_once_in_the_token_set():
    css = ROOT / "static" / "css"
    tokens = (css / "tokens.css").read_text(encoding="utf-8")
    assert ":root" in tokens
    defined = set(re.findall(r"(--[a-z0-9-]+):", tokens))
    for sheet in sorted(css.glob("*.css")):
        if sheet.name == "tokens.css":
            continue
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", text), f"{sheet.name} defines a colour"
        assert not re.search(r"var\(--[a-z0-9-]+\s*,", text), f"{sheet.name} has a fallback colour"
        assert ":root" not in text, f"{sheet.name} defines tokens of its own"
        used = set(re.findall(r"var\((--[a-z0-9-]+)\)", text))
        assert used <= defined, f"{sheet.name} uses undefined tokens {sorted(used - defined)}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("role_groups")
def test_no_page_loads_a_classic_script_or_a_style_sheet_outside_the_head(page, live_server):
    claim = ClaimFactory(target=ActorFactory())
    job = AnalysisJob.objects.create(scope={"articles": [claim.article_id]}, status="done")
    admin = UserFactory(role="admin")  # sees every page and the editing panel
    paths = [
        reverse("home"),
        reverse("timeline"),
        reverse("article-list"),
        reverse("article-detail", args=[claim.article_id]),
        reverse("actor-list"),
        reverse("actor-detail", args=[claim.speaker_id]),
        reverse("actor-edit", args=[claim.speaker_id]),
        reverse("ingest"),
        reverse("job-list"),
        reverse("job-detail", args=[job.id]),
        reverse("review-queue"),
        reverse("review-quality"),
        reverse("history-recent"),
        reverse("history-claim", args=[claim.id]),
    ]
    log_in(page, live_server, admin, paths[0])
    for path in paths:
        page.goto(live_server.url + path)
        found = page.evaluate(
            """() => ({
                classic: [...document.scripts].filter((s) => s.type !== "module").map((s) => s.src || "inline"),
                modules: [...document.scripts].map((s) => s.src),
                bodySheets: document.querySelectorAll("body link[rel=stylesheet], style").length,
                globals: ["claimtrackReader", "claimtrackOffsets"].filter((name) => name in window),
            })"""
        )
        assert found["classic"] == [], (path, found["classic"])
        assert found["bodySheets"] == 0, path
        assert found["globals"] == [], (path, found["globals"])
    # The reader's panel really ran as a module graph (editor.js imports reader.js, offsets.js, api.js).
    page.goto(live_server.url + reverse("article-detail", args=[claim.article_id]) + f"#claim-{claim.id}")
    page.wait_for_function(
        "id => document.querySelector('#edit-panel [data-show=id]').textContent === '#' + id", arg=claim.id
    )
    assert page.problems == []


@pytest.mark.django_db
def test_the_job_page_tells_its_script_which_statuses_are_active(client, analyst):
    job = AnalysisJob.objects.create(scope={"all": True})
    client.force_login(analyst)
    page = client.get(reverse("job-detail", args=[job.id])).content.decode()
    active = " ".join(str(status) for status in AnalysisJob.ACTIVE_STATUSES)
    assert active == "queued running"
    assert f'data-active-statuses="{active}"' in page
    # The script has no list of its own to drift from the server's.
    script = (ROOT / "static" / "js" / "jobs.js").read_text(encoding="utf-8")
    assert '"queued"' not in script and '"running"' not in script


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("role_groups")
def test_the_job_page_polls_while_the_job_is_active_and_stops_when_it_ends(page, live_server):
    job = AnalysisJob.objects.create(scope={"all": True}, status="running", total=4, done=1)
    log_in(page, live_server, UserFactory(role="editor"), reverse("job-detail", args=[job.id]))
    assert page.locator("#job-cancel").is_visible()
    AnalysisJob.objects.filter(pk=job.pk).update(status="done", done=4)
    page.wait_for_function("() => document.getElementById('job').dataset.status === 'done'")
    assert page.locator("#job-status-label").inner_text() == "Done"
    assert page.locator("#job-cancel").is_hidden()
    assert page.locator("#job-progress").get_attribute("value") == "4"
    polls = []
    page.on("request", lambda request: "status.json" in request.url and polls.append(request.url))
    page.wait_for_timeout(2500)
    assert polls == []  # ended: no more polling
    assert page.problems == []
