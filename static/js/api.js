// The REST API (/api/v1/) as claimtrack's own pages call it: the session cookie authenticates,
// and every write carries the CSRF token, which DRF's SessionAuthentication insists on.
// Answers come back as { ok, status, data }; a failure never throws.

export function createApi(csrfToken) {
  async function request(method, url, body) {
    const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (method !== "GET") {
      options.headers["X-CSRFToken"] = csrfToken;
      if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
      }
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      return { ok: false, status: 0, data: { detail: "The server could not be reached; nothing was saved." } };
    }
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (error) {
        data = { detail: "Unexpected answer from the server (" + response.status + ")." };
      }
    }
    return { ok: response.ok, status: response.status, data };
  }

  return {
    get: (url) => request("GET", url),
    post: (url, body) => request("POST", url, body || {}),
    patch: (url, body) => request("PATCH", url, body),
    delete: (url) => request("DELETE", url),
  };
}

// An API error body as lines a person can read: `detail`, then a line per field. DRF nests
// the messages of list fields by position ({"content_spans": {"0": ["…"]}}).
export function errorLines(data) {
  if (!data || typeof data !== "object") return ["Something went wrong."];
  const lines = [];
  const flatten = (value) =>
    typeof value === "string" ? [value] : Object.values(value || {}).flatMap((inner) => flatten(inner));
  for (const [field, value] of Object.entries(data)) {
    const messages = flatten(value).join(" ");
    if (field === "detail") lines.unshift(messages);
    else if (field === "non_field_errors") lines.push(messages);
    else lines.push(field.replace(/_/g, " ") + ": " + messages);
  }
  return lines.length ? lines : ["Something went wrong."];
}
