// Editing in the article reader (editors only): confirm, reject, change kind/speaker/target/
// spans/note, add a statement from a selection, link and unlink statements, create an actor.
// Everything goes through the REST API (/api/v1/) with the session and its CSRF token; after a
// change the reader's text and statement list are re-read and swapped in, so nothing reloads.
//
// The panel holds a claim in the API's one claim shape. Offsets are code points, as the server
// stores them; ./offsets.js converts the browser's selection. Every value from the server is
// put into the page with textContent, never as HTML.
import { createApi, errorLines } from "./api.js";
import { selectionOffsets, textAt } from "./offsets.js";
import { select } from "./reader.js";

const panel = document.getElementById("edit-panel");
const text = document.getElementById("article-text");

const $ = (selector, root = panel) => root.querySelector(selector);
const $$ = (selector, root = panel) => Array.from(root.querySelectorAll(selector));
// URLs are rendered with 0 in place of the id: the one "/0/" segment is the id.
const url = (name, id) => panel.dataset[name].replace("/0/", "/" + id + "/");

const SEARCH_SIZE = 20;
// The fields of a claim an editor changes, as the API's writes name them.
const SIMPLE_FIELDS = ["kind", "content_spans", "speaker_span", "cue_span", "direct_quote", "note"];
const INVERSE = { rebuts: "rebutted by", supports: "supported by", repeats: "repeated in" };

let api = null;
let loaded = null; // the claim as the server last sent it
let draft = null; // the editor's unsaved version of it, in write-field names (see editable)
let selection = null; // the last selection in the article, [start, end) in code points

// The claim as the panel edits it: the API's read shape mapped onto its write fields.
function editable(claim) {
  return {
    kind: claim.kind,
    speaker: claim.speaker,
    target: claim.target,
    content_spans: claim.spans.content,
    speaker_span: claim.spans.speaker,
    cue_span: claim.spans.cue,
    direct_quote: claim.direct_quote,
    note: claim.note,
  };
}

// --- messages -----------------------------------------------------------------------------

function status(message) {
  $(".edit-status").textContent = message;
}

function showErrors(data) {
  const box = $(".edit-errors");
  box.replaceChildren(
    ...errorLines(data).map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    })
  );
  box.hidden = false;
}

function clearMessages() {
  $(".edit-errors").hidden = true;
  $(".edit-conflict").hidden = true;
}

function show(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object" && !Array.isArray(value) && "name" in value) return value.name;
  if (Array.isArray(value)) return Array.isArray(value[0]) ? value.map((s) => s.join("–")).join(", ") : value.join("–");
  return String(value);
}

// 409: someone else saved first. Show what they changed; keep the editor's draft on screen.
let conflictCurrent = null;

function showConflict(data) {
  const box = $(".edit-conflict");
  $(".conflict-text", box).textContent = data.detail;
  const list = $(".conflict-changes", box);
  list.replaceChildren();
  const change = data.change;
  if (change) {
    const head = document.createElement("li");
    head.textContent = (change.user || "someone") + " at " + new Date(change.at).toLocaleString() + ":";
    list.append(head);
    for (const field of Object.keys(change.after || {})) {
      const li = document.createElement("li");
      li.className = "conflict-field";
      li.textContent = field.replace(/_/g, " ") + ": " + show(change.before && change.before[field]) + " → " + show(change.after[field]);
      list.append(li);
    }
  }
  conflictCurrent = data.current;
  box.hidden = false;
}

// --- the reader ---------------------------------------------------------------------------

// Re-read the reader page and swap in its text and statement list (not a page reload: the
// panel, the scroll position and the editor's place are kept).
async function refreshReader(selectId) {
  const asked = selections;
  const response = await fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const swap = (selector) => {
    const fresh = doc.querySelector(selector);
    const here = document.querySelector(selector);
    if (fresh && here) here.replaceChildren(...Array.from(fresh.childNodes, (n) => document.importNode(n, true)));
  };
  swap("#article-text");
  swap(".statement-list");
  swap(".statements h2 .count");
  swap(".rejected-box");
  // The editor may have moved on (n, p, a click) while the page was re-read: keep their choice
  // rather than pull them back to the statement just saved.
  const id = selections === asked ? selectId : wanted;
  if (id && document.getElementById("statement-" + id)) select(id);
  else if (id) load(id); // rejected: gone from the reader, still editable here
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
  select(list[next].dataset.claimId);
}

// --- the statement ------------------------------------------------------------------------

// Loads overlap when an editor moves fast (n, n, c…): only the latest one may fill the panel.
let loadSeq = 0;
// Selections so far and the latest one (refreshReader must not undo one made while it ran).
let selections = 0;
let wanted = null;

async function load(claimId) {
  const mine = ++loadSeq;
  const result = await api.get(url("claimUrl", claimId));
  if (mine !== loadSeq) return;
  if (!result.ok) return showErrors(result.data);
  clearMessages();
  setLoaded(result.data);
}

function setLoaded(claim) {
  loadSeq++; // anything still loading is older than this
  loaded = claim;
  draft = editable(claim);
  render();
}

function render() {
  const box = $(".edit-claim");
  box.hidden = !draft;
  if (!draft) return;
  $('[data-show="id"]').textContent = "#" + loaded.id;
  $('[data-show="version"]').textContent = loaded.version;
  $('[data-show="review_status"]').textContent = loaded.status;
  $('[data-show="origin"]').textContent = loaded.origin;
  $('[data-show="spans"]').textContent = describeSpans(draft.content_spans);
  $('[data-show="speaker_span"]').textContent = draft.speaker_span ? describeSpans([draft.speaker_span]) : "—";
  $('[data-show="cue_span"]').textContent = draft.cue_span ? describeSpans([draft.cue_span]) : "—";
  $("select[name=kind]").value = draft.kind;
  $("input[name=direct_quote]").checked = draft.direct_quote;
  $("textarea[name=note]").value = draft.note;
  for (const field of ["speaker", "target"]) {
    $('[data-actor-field="' + field + '"] .actor-current').textContent = draft[field] ? draft[field].name : "none";
  }
  $(".history-link").href = url("historyUrl", loaded.id);
  $('[data-action="confirm"]').disabled = loaded.status === "confirmed";
  $('[data-action="reject"]').disabled = loaded.status === "rejected";
  renderLinks();
  $(".dirty").hidden = Object.keys(changes()).length === 0;
}

// A span as the text it covers: offsets alone mean nothing to an editor.
function describeSpans(spans) {
  const body = text.textContent;
  return spans.map(([s, e]) => "“" + textAt(body, s, e).slice(0, 80) + "” (" + s + "–" + e + ")").join(", ");
}

// The claim carries its linked claims (`linked`), so listing them costs no request.
function renderLinks() {
  const list = $(".edit-links");
  list.replaceChildren();
  for (const end of loaded.linked) {
    const li = document.createElement("li");
    const other = end.claim;
    const words = end.direction === "out" ? "this " + end.relation + " " : INVERSE[end.relation] + ": ";
    li.textContent = words + (other.speaker ? other.speaker.name : "unknown speaker") + ": " + other.content.slice(0, 120);
    if (other.article.id !== loaded.article.id) li.textContent += " (in " + other.article.title.slice(0, 50) + ")";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small";
    remove.textContent = "remove";
    remove.addEventListener("click", () => unlink(end.id));
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
  const before = editable(loaded);
  const out = {};
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const field of SIMPLE_FIELDS) {
    if (!same(draft[field], before[field])) out[field] = draft[field];
  }
  for (const field of ["speaker", "target"]) {
    const a = draft[field] ? draft[field].id : null;
    const b = before[field] ? before[field].id : null;
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

// A versioned write on the loaded statement: 409 shows the conflict, 400 the field errors.
async function write(send, done) {
  clearMessages();
  status("Saving…");
  const result = await send(loaded.version);
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
  await write((version) => api.patch(url("claimUrl", loaded.id), { version, ...body }), "Saved.");
}

async function confirmClaim() {
  if (loaded) await write((version) => api.post(url("confirmUrl", loaded.id), { version }), "Confirmed.");
}

async function rejectClaim() {
  if (!loaded) return;
  const id = loaded.id;
  const at = items().findIndex((li) => li.dataset.claimId === String(id));
  const result = await write((version) => api.post(url("rejectUrl", id), { version }), "Rejected.");
  // The rejected statement leaves the reader; carry on with the one that followed it.
  const after = items();
  if (result && after.length && at !== -1) select(after[Math.min(at, after.length - 1)].dataset.claimId);
}

async function createClaim() {
  if (!selection) return status("Select the statement's text in the article first.");
  clearMessages();
  const result = await api.post(panel.dataset.claimsUrl, {
    article: Number(panel.dataset.articleId),
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
  const result = await api.post(panel.dataset.linksUrl, {
    source: loaded.id,
    target: targetId,
    relation: $("select[name=link-relation]").value,
  });
  if (!result.ok) return showErrors(result.data);
  await load(loaded.id);
  await refreshReader(loaded.id);
  status("Linked.");
}

async function unlink(linkId) {
  clearMessages();
  const result = await api.delete(url("linkUrl", linkId));
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

function query(params) {
  return "?" + new URLSearchParams({ ...params, page_size: SEARCH_SIZE }).toString();
}

// Live actors (not merged away) whose name or alias holds the text, or whose code it is.
async function searchActors(words) {
  if (!words.trim()) return [];
  const result = await api.get(panel.dataset.actorsUrl + query({ q: words, merged: "false" }));
  return result.ok ? result.data.results : [];
}

async function listStatements(params) {
  const linkResults = $(".link-results");
  const result = await api.get(panel.dataset.claimsUrl + query(params));
  if (!result.ok) return showErrors(result.data);
  const found = result.data.results.filter((claim) => claim.id !== loaded.id);
  if (!found.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = "No statements found.";
    return linkResults.replaceChildren(li);
  }
  linkResults.replaceChildren(
    ...found.map((claim) =>
      resultButton(
        (claim.speaker ? claim.speaker.name : "unknown speaker") + " (" + claim.kind + "): " + claim.content.slice(0, 140) + " — " + claim.article.title.slice(0, 50),
        () => {
          linkResults.replaceChildren();
          $(".link-query").value = "";
          link(claim.id);
        }
      )
    )
  );
}

// --- wiring -------------------------------------------------------------------------------

function wireActorFields() {
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
              readForm();
              draft[field] = actor;
              results.replaceChildren();
              $(".actor-query", box).value = "";
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
  for (const button of $$('[data-action="create-actor"]')) {
    button.addEventListener("click", async () => {
      clearMessages();
      const result = await api.post(panel.dataset.actorsUrl, {
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
}

function wireLinkSearch() {
  $(".link-query").addEventListener(
    "input",
    debounce(async (event) => {
      const words = event.target.value;
      if (!loaded || !words.trim()) return $(".link-results").replaceChildren();
      if ($("select[name=link-mode]").value === "actor") {
        const actors = await searchActors(words);
        $(".link-results").replaceChildren(
          ...actors.map((actor) => resultButton("statements by " + actor.name, () => listStatements({ said_by: actor.id })))
        );
      } else {
        await listStatements({ q: words });
      }
    }, 250)
  );
}

function wireSpans() {
  document.addEventListener("selectionchange", () => {
    const offsets = selectionOffsets(text);
    if (!offsets) return; // keep the last one: clicking a button must not lose it
    selection = offsets;
    const chars = textAt(text.textContent, offsets[0], offsets[1]);
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
}

function wireActions() {
  $('[data-action="save"]').addEventListener("click", save);
  $('[data-action="discard"]').addEventListener("click", () => {
    clearMessages();
    setLoaded(loaded);
  });
  $('[data-action="confirm"]').addEventListener("click", confirmClaim);
  $('[data-action="reject"]').addEventListener("click", rejectClaim);
  $('[data-action="create"]').addEventListener("click", createClaim);
  $('[data-action="load-current"]').addEventListener("click", async () => {
    const current = conflictCurrent;
    clearMessages();
    if (current) setLoaded(current);
    status("Their version is loaded; make your change again if it still applies.");
    await refreshReader(current && current.id);
  });
  for (const input of $$("select[name=kind], input[name=direct_quote], textarea[name=note]")) {
    input.addEventListener("input", () => {
      readForm();
      $(".dirty").hidden = Object.keys(changes()).length === 0;
    });
  }

  document.addEventListener("claimtrack:select", (event) => {
    selections++;
    wanted = event.detail.claimId;
    // Re-selecting the statement in the panel (also after each save) keeps the draft as it is.
    // It also outdates a load still on its way (the statement after a rejected one, say), which
    // would otherwise fill the panel with another statement than the one selected.
    if (loaded && loaded.id === event.detail.claimId) {
      loadSeq++;
      return;
    }
    if (loaded && Object.keys(changes()).length) status("Unsaved changes to #" + loaded.id + " were dropped.");
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
}

if (panel && text) {
  api = createApi($("input[name=csrfmiddlewaretoken]").value);
  wireActorFields();
  wireLinkSearch();
  wireSpans();
  wireActions();
  // The reader may have selected a statement (from #claim-<id>) before this module ran.
  const selected = document.querySelector(".statement-item.selected, .rejected-item.selected");
  if (selected) load(Number(selected.dataset.claimId));
}
