// The thread page's editing actions (editors only): confirm or reject a link, move a statement
// into another thread, merge this thread into another, split ticked statements out. Each goes
// to the REST API (/api/v1/) with the session and its CSRF token, states the version it read,
// and on success reloads the page (or opens the thread the statements went to). Messages from
// the server are shown with textContent, never as HTML.
import { createApi, errorLines } from "./api.js";

const panel = document.getElementById("thread-edit");
if (panel) init(panel);

function init(panel) {
  const api = createApi(panel.querySelector("input[name=csrfmiddlewaretoken]").value);
  // URLs are rendered with 0 in place of the id: the one "/0/" segment is the id.
  const url = (name, id) => panel.dataset[name].replace("/0/", "/" + id + "/");
  const threadId = Number(panel.dataset.threadId);
  const version = Number(panel.dataset.version);
  const statusLine = panel.querySelector(".edit-status");
  const errorBox = panel.querySelector(".edit-errors");

  function fail(data) {
    errorBox.replaceChildren(
      ...errorLines(data).map((line) => {
        const p = document.createElement("p");
        p.textContent = line;
        return p;
      })
    );
    errorBox.hidden = false;
    statusLine.textContent = "";
    panel.scrollIntoView({ block: "nearest" });
  }

  // The API's 404 names no thread ("No Thread matches the given query."); say which one.
  const missing = (result, id) =>
    result.status === 404 ? { ok: false, status: 404, data: { detail: "There is no thread " + id + "." } } : result;

  function number(input, what) {
    const value = Number(input && input.value);
    if (!Number.isInteger(value) || value < 1) {
      fail({ detail: "Give the number of the thread to " + what + "." });
      return null;
    }
    return value;
  }

  const actions = {
    "confirm-link": (button) =>
      api.post(url("confirmUrl", button.dataset.linkId), { version: Number(button.dataset.version) }),
    "reject-link": (button) =>
      api.post(url("rejectUrl", button.dataset.linkId), { version: Number(button.dataset.version) }),
    async move(button) {
      const into = number(button.closest(".move").querySelector("input[name=move-to]"), "move it into");
      if (into === null) return null;
      const result = await api.post(url("moveUrl", into), {
        claim: Number(button.dataset.claimId),
        version: Number(button.dataset.version),
      });
      return missing(result, into);
    },
    async merge() {
      const into = number(panel.querySelector("input[name=merge-into]"), "merge into");
      if (into === null) return null;
      // The merge states both threads' versions: read the other one's first.
      const other = await api.get(url("apiThreadUrl", into));
      if (!other.ok) return missing(other, into);
      const result = await api.post(url("mergeUrl", threadId), { into, version, into_version: other.data.version });
      if (result.ok) result.goTo = result.data.id;
      return result;
    },
    async split() {
      const claims = Array.from(document.querySelectorAll("input[name=split]:checked"), (box) => Number(box.value));
      if (!claims.length) {
        fail({ detail: "Tick the statements to split out first." });
        return null;
      }
      const result = await api.post(url("splitUrl", threadId), { claims, version });
      if (result.ok) result.goTo = result.data.id;
      return result;
    },
  };

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || !(button.dataset.action in actions)) return;
    errorBox.hidden = true;
    statusLine.textContent = "Saving…";
    button.disabled = true;
    const result = await actions[button.dataset.action](button);
    button.disabled = false;
    if (result === null) return;
    if (!result.ok) {
      fail(result.data);
      return;
    }
    statusLine.textContent = "Saved.";
    if (result.goTo && result.goTo !== threadId) location.assign(url("pageUrl", result.goTo));
    else location.reload();
  });
}
