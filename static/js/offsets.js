// Offsets between the browser and claimtrack. The server stores Unicode code points; the DOM
// (Range offsets, String.length) counts UTF-16 units, and an emoji is two of those. Every
// offset crossing that boundary goes through these functions.

// Code points in the first `units` UTF-16 units of `text`.
export function utf16ToCodePoints(text, units) {
  let points = 0;
  for (let i = 0; i < units && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    points++;
  }
  return points;
}

// UTF-16 units in the first `points` code points of `text`.
export function codePointsToUtf16(text, points) {
  let units = 0;
  for (let p = 0; p < points && units < text.length; p++) {
    units += text.codePointAt(units) > 0xffff ? 2 : 1;
  }
  return units;
}

// The code-point offset in the article of a DOM position inside the reader's text. Each
// segment element carries data-start (code points); within it, count what precedes.
export function pointToOffset(container, node, offset) {
  let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  while (el && !el.hasAttribute("data-start")) {
    if (el === container) return null;
    el = el.parentElement;
  }
  if (!el) return null;
  const range = document.createRange();
  range.selectNodeContents(el);
  range.setEnd(node, offset);
  return Number(el.dataset.start) + utf16ToCodePoints(el.textContent, range.toString().length);
}

// The selection as [start, end) code points into the article, or null.
export function selectionOffsets(container) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!container.contains(r.startContainer) || !container.contains(r.endContainer)) return null;
  const start = pointToOffset(container, r.startContainer, r.startOffset);
  const end = pointToOffset(container, r.endContainer, r.endOffset);
  if (start === null || end === null || start === end) return null;
  return [Math.min(start, end), Math.max(start, end)];
}

// The text of `body` between two code-point offsets (what a span covers).
export function textAt(body, start, end) {
  return Array.from(body).slice(start, end).join("");
}
