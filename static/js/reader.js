// The article reader: a click on a highlighted span, or on a statement in the side panel,
// selects that statement; #claim-<id> in the address selects one on load. The editing panel
// imports `select` and listens for the "claimtrack:select" event this module dispatches.
const text = document.getElementById("article-text");

export function select(claimId, { scroll = true } = {}) {
  if (!text) return;
  const id = String(claimId);
  for (const el of document.querySelectorAll(".hl.active, .statement-item.selected")) {
    el.classList.remove("active", "selected");
  }
  for (const mark of text.querySelectorAll("mark.hl")) {
    if (mark.dataset.claims.split(" ").includes(id)) mark.classList.add("active");
  }
  const item = document.getElementById("statement-" + id);
  if (!item) return;
  item.classList.add("selected");
  // A rejected statement (editors see them) sits in a folded list: unfold it.
  const folded = item.closest("details");
  if (folded) folded.open = true;
  if (scroll) {
    item.scrollIntoView({ block: "nearest" });
    const first = text.querySelector("mark.hl.active");
    if (first) first.scrollIntoView({ block: "nearest" });
  }
  item.focus({ preventScroll: true });
  if (location.hash !== "#claim-" + id) history.replaceState(null, "", "#claim-" + id);
  document.dispatchEvent(new CustomEvent("claimtrack:select", { detail: { claimId: Number(id) } }));
}

function fromHash() {
  const match = /^#claim-(\d+)$/.exec(location.hash);
  if (match) select(match[1]);
}

if (text) {
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.hl");
    // A drag that selects text is not a click on a statement (editors select spans that way).
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.claims.split(" ");
    const current = document.querySelector(".statement-item.selected");
    // Clicking again where statements overlap cycles through them, innermost first.
    let next = mark.dataset.claimId;
    if (current && ids.includes(current.dataset.claimId)) {
      const order = [mark.dataset.claimId, ...ids.filter((i) => i !== mark.dataset.claimId)];
      next = order[(order.indexOf(current.dataset.claimId) + 1) % order.length];
    }
    select(next);
  });

  // Editors also select the rejected statements listed under the others.
  const rejected = document.querySelector(".rejected-box");
  if (rejected) {
    rejected.addEventListener("click", (event) => {
      const item = event.target.closest(".rejected-item");
      if (item) select(item.dataset.claimId, { scroll: false });
    });
  }

  const list = document.querySelector(".statement-list");
  if (list) {
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a.claim-link");
      if (link && link.getAttribute("href").startsWith("#")) {
        event.preventDefault();
        select(link.dataset.claimRef);
        return;
      }
      const item = event.target.closest(".statement-item");
      if (item && !event.target.closest("a")) select(item.dataset.claimId, { scroll: false });
    });
  }

  window.addEventListener("hashchange", fromHash);
  // Runs before any module that imports this one: those look for `.statement-item.selected`.
  fromHash();
}
