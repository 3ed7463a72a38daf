// Editing in the article reader (editors only): confirm, reject, change kind/speaker/target/
// spans/note, add a statement from a selection, link and unlink statements. Everything goes
// through the JSON endpoints under /edit/ with fetch(); after a change the reader's text and
// statement list are re-read from the server and swapped in, so nothing reloads the page.
//
// Offsets: the server speaks Unicode code points. Selections are converted by
// window.claimtrackOffsets (static/js/offsets.js), which counts UTF-16 units in the DOM.
// Every value from the server is put into the page with textContent, never as HTML.
(function () {
  "use strict";
  const panel = document.getElementById("edit-panel");
  const text = document.getElementById("article-text");
  if (!panel || !text) return;

  const $ = (selector, root = panel) => root.querySelector(selector);
  const $$ = (selector, root = panel) => Array.from(root.querySelectorAll(selector));
  // URLs are rendered with 0 in place of the id: the one "/0/" segment is the id.
  const url = (name, id) => panel.dataset[name].replace("/0/", "/" + id + "/");
  const csrf = $("input[name=csrfmiddlewaretoken]").value;

  let loaded = null; // the statement as the server last sent it
  let draft = null; // the editor's unsaved version of it
  let selection = null; // the last selection in the article, [start, end) in code points

  // --- server -------------------------------------------------------------------------------

  async function call(method, address, body) {
    const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (method === "POST") {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRFToken"] = csrf;
      options.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(address, options);
    } catch (error) {
      return { ok: false, status: 0, data: { error: "The server could not be reached; nothing was saved." } };
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { error: "Unexpected answer from the server (" + response.status + ")." };
    }
    return { ok: response.ok, status: response.status, data };
  }

  function status(message) {
    $(".edit-status").textContent = message;
  }

  function showErrors(data) {
    const box = $(".edit-errors");
    box.replaceChildren();
    const lines = [data.error || "Something went wrong."];
    for (const [field, messages] of Object.entries(data.errors || {})) {
      lines.push(field.replace(/_/g, " ") + ": " + messages.join(" "));
    }
    for (const line of lines) {
      const p = document.createElement("p");
      p.textContent = line;
      box.append(p);
    }
    box.hidden = false;
  }

  function clearMessages() {
    $(".edit-errors").hidden = true;
    $(".edit-conflict").hidden = true;
  }

  // 409: someone else saved first. Show what they changed; keep the editor's draft on screen.
  function showConflict(data) {
    const box = $(".edit-conflict");
    $(".conflict-text", box).textContent = data.error;
    const list = $(".conflict-changes", box);
    list.replaceChildren();
    const change = data.change;
    if (change) {
      const head = document.createElement("li");
      head.textContent = (change.user || "someone") + " at " + new Date(change.at).toLocaleString() + ":";
      list.append(head);
      for (const field of Object.keys(change.after || {})) {
        const li = document.createElement("li");
        li.textContent = field.replace(/_/g, " ") + ": " + show(change.before && change.before[field]) + " → " + show(change.after[field]);
        li.className = "conflict-field";
        list.append(li);
      }
    }
    box.dataset.current = JSON.stringify(data.current);
    box.hidden = false;
  }

  function show(value) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "object" && !Array.isArray(value) && "name" in value) return value.name;
    if (Array.isArray(value)) return Array.isArray(value[0]) ? value.map((s) => s.join("–")).join(", ") : value.join("–");
    return String(value);
  }

  // --- the reader ---------------------------------------------------------------------------

  // Re-read the reader page and swap in its text and statement list (not a page reload: the
  // panel, the scroll position and the editor's place are kept).
  async function refreshReader(selectId) {
    const response = await fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const freshText = doc.getElementById("article-text");
    const freshList = doc.querySelector(".statement-list");
    const freshCount = doc.querySelector(".statements h2 .count");
    if (freshText) text.replaceChildren(...Array.from(freshText.childNodes, (n) => document.importNode(n, true)));
    const list = document.querySelector(".statement-list");
    if (freshList && list) list.replaceChildren(...Array.from(freshList.childNodes, (n) => document.importNode(n, true)));
    const count = document.querySelector(".statements h2 .count");
    if (freshCount && count) count.textContent = freshCount.textContent;
    if (selectId && document.getElementById("statement-" + selectId)) {
      window.claimtrackReader.select(selectId);
    } else if (selectId) {
      load(selectId); // rejected: gone from the reader, still editable here
    }
  }

  function items() {
    return Array.from(document.querySelectorAll(".statement-item"));
  }

  function step(delta) {
    const list = items();
    if (!list.length) return;
    const at = loaded ? list.findIndex((li) => li.dataset.claimId === String(loaded.id)) : -1;
    let next = at + delta;
    if (at === -1) next = delta > 0 ? 0 : list.length - 1;
    if (next < 0 || next >= list.length) return;
    window.claimtrackReader.select(list[next].dataset.claimId);
  }

  // --- the statement ------------------------------------------------------------------------

  // Loads overlap when an editor moves fast (n, n, c…): only the latest one may fill the panel.
  let loadSeq = 0;

  async function load(claimId) {
    const mine = ++loadSeq;
    const result = await call("GET", url("claimUrl", claimId));
    if (mine !== loadSeq) return;
    if (!result.ok) return showErrors(result.data);
    clearMessages();
    setLoaded(result.data);
  }

  function setLoaded(claim) {
    loadSeq++; // anything still loading is older than this
    loaded = claim;
    draft = JSON.parse(JSON.stringify(claim));
    render();
  }

  function render() {
    const box = $(".edit-claim");
    box.hidden = !draft;
    if (!draft) return;
    $('[data-show="id"]').textContent = "#" + draft.id;
    $('[data-show="version"]').textContent = loaded.version;
    $('[data-show="review_status"]').textContent = loaded.review_status;
    $('[data-show="origin"]').textContent = loaded.origin;
    $('[data-show="spans"]').textContent = describeSpans(draft.content_spans);
    $('[data-show="speaker_span"]').textContent = draft.speaker_span ? describeSpans([draft.speaker_span]) : "—";
    $('[data-show="cue_span"]').textContent = draft.cue_span ? describeSpans([draft.cue_span]) : "—";
    $("select[name=kind]").value = draft.kind;
    $("input[name=direct_quote]").checked = draft.direct_quote;
    $("textarea[name=note]").value = draft.note;
    for (const field of ["speaker", "target"]) {
      const el = $('[data-actor-field="' + field + '"] .actor-current');
      el.textContent = draft[field] ? draft[field].name : "none";
    }
    $(".history-link").href = url("historyUrl", draft.id);
    $('[data-action="confirm"]').disabled = loaded.review_status === "confirmed";
    $('[data-action="reject"]').disabled = loaded.review_status === "rejected";
    renderLinks();
    $(".dirty").hidden = Object.keys(changes()).length === 0;
  }

  // A span as the text it covers: offsets alone mean nothing to an editor.
  function describeSpans(spans) {
    const body = Array.from(text.textContent); // code points, like the offsets
    return spans.map(([s, e]) => "“" + body.slice(s, e).join("").slice(0, 80) + "” (" + s + "–" + e + ")").join(", ");
  }

  function renderLinks() {
    const list = $(".edit-links");
    list.replaceChildren();
    for (const link of loaded.links || []) {
      const li = document.createElement("li");
      const other = link.other;
      const words = link.direction === "out" ? "this " + link.relation + " " : "rebutted/linked by: ";
      li.textContent = words + (other.speaker ? other.speaker.name : "unknown speaker") + ": " + other.quote_text.slice(0, 120);
      if (other.article.id !== loaded.article) li.textContent += " (in " + other.article.title.slice(0, 50) + ")";
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small";
      remove.textContent = "remove";
      remove.addEventListener("click", () => unlink(link.id));
      li.append(" ", remove);
      list.append(li);
    }
    if (!list.children.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "No links.";
      list.append(li);
    }
  }

  // The fields where the draft differs from what was loaded: only those are sent.
  function changes() {
    if (!draft || !loaded) return {};
    const out = {};
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    for (const field of ["kind", "content_spans", "speaker_span", "cue_span", "direct_quote", "note"]) {
      if (!same(draft[field], loaded[field])) out[field] = draft[field];
    }
    for (const field of ["speaker", "target"]) {
      const a = draft[field] ? draft[field].id : null;
      const b = loaded[field] ? loaded[field].id : null;
      if (a !== b) out[field] = a;
    }
    return out;
  }

  function readForm() {
    if (!draft) return;
    draft.kind = $("select[name=kind]").value;
    draft.direct_quote = $("input[name=direct_quote]").checked;
    draft.note = $("textarea[name=note]").value;
  }

  // A write on the loaded statement: 409 shows the conflict, 400 the field errors.
  async function write(address, body, done) {
    clearMessages();
    status("Saving…");
    const result = await call("POST", address, { version: loaded.version, ...body });
    if (result.status === 409) {
      status("Not saved: someone else changed this statement.");
      return showConflict(result.data);
    }
    if (!result.ok) {
      status("Not saved.");
      return showErrors(result.data);
    }
    setLoaded(result.data);
    await refreshReader(result.data.id);
    status(done); // only now: the reader shows the change too
    return result.data;
  }

  async function save() {
    readForm();
    const body = changes();
    if (!Object.keys(body).length) return status("Nothing to save.");
    await write(url("updateUrl", loaded.id), body, "Saved.");
  }

  async function confirmClaim() {
    if (loaded) await write(url("confirmUrl", loaded.id), {}, "Confirmed.");
  }

  async function rejectClaim() {
    if (!loaded) return;
    const id = loaded.id;
    const list = items();
    const at = list.findIndex((li) => li.dataset.claimId === String(id));
    const result = await write(url("rejectUrl", id), {}, "Rejected.");
    // The rejected statement leaves the reader; carry on with the one that followed it.
    const after = items();
    if (result && after.length && at !== -1) window.claimtrackReader.select(after[Math.min(at, after.length - 1)].dataset.claimId);
  }

  async function createClaim() {
    if (!selection) return status("Select the statement's text in the article first.");
    clearMessages();
    const result = await call("POST", panel.dataset.createUrl, {
      kind: $("select[name=new-kind]").value,
      content_spans: [selection],
    });
    if (!result.ok) return showErrors(result.data);
    setLoaded(result.data);
    await refreshReader(result.data.id);
    status("Statement added; now set its speaker.");
  }

  async function link(targetId) {
    clearMessages();
    const result = await call("POST", panel.dataset.linkUrl, {
      source: loaded.id,
      target: targetId,
      relation: $("select[name=link-relation]").value,
    });
    if (!result.ok) return showErrors(result.data);
    loaded.links = result.data.source.links;
    renderLinks();
    await refreshReader(loaded.id);
    status("Linked.");
  }

  async function unlink(linkId) {
    clearMessages();
    const result = await call("POST", url("unlinkUrl", linkId), {});
    if (!result.ok) return showErrors(result.data);
    await refreshReader(loaded.id);
    await load(loaded.id);
    status("Link removed.");
  }

  // --- searches -----------------------------------------------------------------------------

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function resultButton(label, onClick) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "result";
    button.textContent = label;
    button.addEventListener("click", onClick);
    li.append(button);
    return li;
  }

  async function searchActors(query) {
    if (!query.trim()) return [];
    const result = await call("GET", panel.dataset.actorSearchUrl + "?q=" + encodeURIComponent(query));
    return result.ok ? result.data.results : [];
  }

  for (const box of $$(".actor-field")) {
    const field = box.dataset.actorField;
    const results = $(".actor-results", box);
    $(".actor-query", box).addEventListener(
      "input",
      debounce(async (event) => {
        const actors = await searchActors(event.target.value);
        results.replaceChildren(
          ...actors.map((actor) =>
            resultButton(actor.name + (actor.code ? " (" + actor.code + ")" : "") + " · " + actor.kind, () => {
              draft[field] = actor;
              results.replaceChildren();
              $(".actor-query", box).value = "";
              readForm();
              render();
            })
          )
        );
      }, 200)
    );
    $('[data-action="clear-actor"]', box).addEventListener("click", () => {
      readForm();
      draft[field] = null;
      render();
    });
  }

  const linkResults = $(".link-results");
  $(".link-query").addEventListener(
    "input",
    debounce(async (event) => {
      const query = event.target.value;
      if (!loaded || !query.trim()) return linkResults.replaceChildren();
      if ($("select[name=link-mode]").value === "actor") {
        const actors = await searchActors(query);
        linkResults.replaceChildren(...actors.map((actor) => resultButton("statements by " + actor.name, () => listStatements("actor=" + actor.id))));
      } else {
        await listStatements("q=" + encodeURIComponent(query));
      }
    }, 250)
  );

  async function listStatements(query) {
    const result = await call("GET", panel.dataset.claimSearchUrl + "?" + query + "&exclude=" + loaded.id);
    if (!result.ok) return showErrors(result.data);
    if (!result.data.results.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "No statements found.";
      return linkResults.replaceChildren(li);
    }
    linkResults.replaceChildren(
      ...result.data.results.map((claim) =>
        resultButton(
          (claim.speaker ? claim.speaker.name : "unknown speaker") + " (" + claim.kind + "): " + claim.quote_text.slice(0, 140) + " — " + claim.article.title.slice(0, 50),
          () => {
            linkResults.replaceChildren();
            $(".link-query").value = "";
            link(claim.id);
          }
        )
      )
    );
  }

  // --- spans from the selection -------------------------------------------------------------

  document.addEventListener("selectionchange", () => {
    const offsets = window.claimtrackOffsets && window.claimtrackOffsets.selectionOffsets(text);
    if (!offsets) return; // keep the last one: clicking a button must not lose it
    selection = offsets;
    const chars = Array.from(text.textContent).slice(offsets[0], offsets[1]).join("");
    $(".selection-text").textContent = "“" + chars.slice(0, 100) + (chars.length > 100 ? "…" : "") + "” (" + offsets[0] + "–" + offsets[1] + ")";
  });

  for (const button of $$("[data-span]")) {
    button.addEventListener("click", () => {
      if (!draft) return;
      if (!selection) return status("Select text in the article first.");
      readForm();
      const which = button.dataset.span;
      if (which === "content") draft.content_spans = [selection.slice()];
      else if (which === "content-add") draft.content_spans = [...draft.content_spans, selection.slice()].sort((a, b) => a[0] - b[0]);
      else draft[which] = selection.slice();
      render();
    });
  }
  for (const button of $$("[data-span-clear]")) {
    button.addEventListener("click", () => {
      if (!draft) return;
      readForm();
      draft[button.dataset.spanClear] = null;
      render();
    });
  }

  // --- wiring -------------------------------------------------------------------------------

  $('[data-action="save"]').addEventListener("click", save);
  $('[data-action="discard"]').addEventListener("click", () => {
    clearMessages();
    setLoaded(loaded);
  });
  $('[data-action="confirm"]').addEventListener("click", confirmClaim);
  $('[data-action="reject"]').addEventListener("click", rejectClaim);
  $('[data-action="create"]').addEventListener("click", createClaim);
  $('[data-action="load-current"]').addEventListener("click", async () => {
    const current = JSON.parse($(".edit-conflict").dataset.current || "null");
    clearMessages();
    if (current) setLoaded(current);
    status("Their version is loaded; make your change again if it still applies.");
    await refreshReader(current && current.id);
  });
  for (const button of $$('[data-action="create-actor"]')) {
    button.addEventListener("click", async () => {
      clearMessages();
      const result = await call("POST", panel.dataset.actorCreateUrl, {
        name: $("input[name=new-actor-name]").value,
        kind: $("select[name=new-actor-kind]").value,
      });
      if (!result.ok) return showErrors(result.data);
      readForm();
      draft[button.dataset.as] = result.data;
      $("input[name=new-actor-name]").value = "";
      status("Actor " + result.data.name + " created; save to use it.");
      render();
    });
  }
  for (const input of $$("select[name=kind], input[name=direct_quote], textarea[name=note]")) {
    input.addEventListener("input", () => {
      readForm();
      $(".dirty").hidden = Object.keys(changes()).length === 0;
    });
  }

  document.addEventListener("claimtrack:select", (event) => {
    // Re-selecting the statement in the panel (also after each save) keeps the draft as it is.
    if (loaded && loaded.id === event.detail.claimId) return;
    if (loaded && draft && Object.keys(changes()).length && loaded.id !== event.detail.claimId) {
      status("Unsaved changes to #" + loaded.id + " were dropped.");
    }
    load(event.detail.claimId);
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || event.target.isContentEditable) return;
    const actions = { c: confirmClaim, x: rejectClaim, n: () => step(1), p: () => step(-1) };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
})();
