// The ingestion page: show the inputs of the chosen source, and poll each new article's
// analysis state until it is done or failed, so the editor sees it change without reloading.
const form = document.querySelector("form.ingest");
if (form) {
  const show = function () {
    const checked = form.querySelector("input[name=source]:checked");
    const source = checked ? checked.value : "text";
    for (const panel of form.querySelectorAll(".source-panel")) {
      panel.hidden = panel.dataset.source !== source;
    }
  };
  form.addEventListener("change", show);
  show();
}

const POLL_MS = 1500;
const GIVE_UP_AFTER = 400; // polls: ten minutes

function poll(item, count) {
  fetch(item.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then(function (status) {
      const state = item.querySelector("[data-field=state]");
      const detail = item.querySelector("[data-field=detail]");
      state.textContent = status.state;
      state.className = "state state-" + status.state;
      if (status.state === "done") {
        detail.textContent = " · " + status.statements + " statement" + (status.statements === 1 ? "" : "s") + " found";
      } else if (status.state === "failed") {
        detail.textContent = " · " + (status.error || "analysis failed");
      } else if (count < GIVE_UP_AFTER) {
        setTimeout(() => poll(item, count + 1), POLL_MS);
      }
    })
    .catch(function () {
      if (count < GIVE_UP_AFTER) setTimeout(() => poll(item, count + 1), POLL_MS * 4);
    });
}

for (const item of document.querySelectorAll("[data-status-url]")) poll(item, 0);
