// Job detail page: poll the job's JSON status every second and update the progress bar, the
// counts, the buttons and the failures without a reload; stop once the job has ended.
// Which statuses count as "still running" is the server's to say: the page carries them in
// data-active-statuses (space-separated), so the browser polls exactly while the server would.
const section = document.getElementById("job");
if (section) watch(section);

function watch(section) {
  const url = section.dataset.statusUrl;
  const ACTIVE = section.dataset.activeStatuses.split(/\s+/).filter(Boolean);
  const bar = document.getElementById("job-progress");
  const label = document.getElementById("job-status-label");
  const cancel = document.getElementById("job-cancel");
  const retry = document.getElementById("job-retry");
  const list = document.getElementById("job-failures");
  const none = document.getElementById("job-no-failures");

  function renderFailures(failures) {
    // textContent only: titles and error messages come from untrusted article text.
    list.replaceChildren(
      ...failures.map((f) => {
        const li = document.createElement("li");
        if (f.article_url) {
          const a = document.createElement("a");
          a.href = f.article_url;
          a.textContent = f.article_title || "article " + f.article_id;
          li.append(a);
        } else {
          li.append("a deleted article");
        }
        const err = document.createElement("span");
        err.className = "error";
        err.textContent = f.error;
        li.append(": ", err);
        return li;
      })
    );
    none.hidden = failures.length > 0;
  }

  function render(job) {
    bar.max = Math.max(job.total, 1);
    bar.value = job.done + job.failed;
    bar.textContent = job.done + job.failed + " / " + job.total;
    for (const el of section.querySelectorAll("[data-field]")) {
      const value = job[el.dataset.field];
      if (value !== undefined) el.textContent = String(value);
    }
    label.textContent = job.status_display;
    label.className = "status status-" + job.status;
    const active = ACTIVE.includes(job.status);
    if (cancel) cancel.hidden = !active;
    if (retry) retry.hidden = active || job.failed === 0;
    renderFailures(job.failures);
    section.dataset.status = job.status;
    return active;
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok && !render(await response.json())) return; // ended: stop polling
    } catch (err) {
      // A dropped request (server restart, network blip) is retried on the next tick.
    }
    setTimeout(poll, 1000);
  }

  if (ACTIVE.includes(section.dataset.status)) setTimeout(poll, 1000);
}
