"""Plain text, HTML and Markdown to a ParsedArticle. Pure functions: no database, no network."""

import re
from datetime import datetime
from pathlib import PurePosixPath

import markdown
import trafilatura
from lxml import html as lxml_html

from articles.errors import IngestError

from .chrome import StrippedText, strip_chrome
from .dates import parse_date
from .decoding import decode_bytes
from .types import ParsedArticle, SourceKind

_EXTENSIONS = {
    ".txt": SourceKind.TEXT,
    ".text": SourceKind.TEXT,
    ".html": SourceKind.HTML,
    ".htm": SourceKind.HTML,
    ".xhtml": SourceKind.HTML,
    ".md": SourceKind.MARKDOWN,
    ".markdown": SourceKind.MARKDOWN,
    ".mdown": SourceKind.MARKDOWN,
    ".mkd": SourceKind.MARKDOWN,
}
_CONTENT_TYPES = {
    "text/html": SourceKind.HTML,
    "application/xhtml+xml": SourceKind.HTML,
    "text/markdown": SourceKind.MARKDOWN,
    "text/x-markdown": SourceKind.MARKDOWN,
}
# The extensions a folder walk picks up; a file named explicitly is read whatever its name.
INGESTIBLE_EXTENSIONS = frozenset(_EXTENSIONS)

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_BLOCK_TAG = re.compile(r"</(?:p|div|article|h[1-6]|li|section)>", re.I)
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+\S")
_SETEXT_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# C0 controls that survive decoding (a stray DOS end-of-file mark, an escape) mean nothing in
# an article and would only shift offsets; page breaks become line breaks.
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PAGE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")

_BLOCK_CONTAINERS = frozenset({"div", "blockquote", "section", "article", "thead", "tbody", "tfoot", "dl"})
_LISTS = frozenset({"ul", "ol"})


def kind_from_name(filename: str | None) -> SourceKind | None:
    if not filename:
        return None
    return _EXTENSIONS.get(PurePosixPath(filename).suffix.lower())


def kind_from_content_type(content_type: str | None) -> SourceKind | None:
    if not content_type:
        return None
    return _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def sniff_kind(text: str) -> SourceKind:
    """HTML when it opens like a page; Markdown when it opens with a heading; else plain text."""
    head = text[:4096]
    if _HTML_START.match(head) or (head.lstrip().startswith("<") and len(_HTML_BLOCK_TAG.findall(head)) >= 2):
        return SourceKind.HTML
    if _FRONT_MATTER.match(text.lstrip("\ufeff")):
        return SourceKind.MARKDOWN
    lines = head.lstrip().split("\n", 2)
    if lines and _MARKDOWN_HEADING.match(lines[0]):
        return SourceKind.MARKDOWN
    if len(lines) > 1 and lines[0].strip() and _SETEXT_UNDERLINE.fullmatch(lines[1]):
        return SourceKind.MARKDOWN
    return SourceKind.TEXT


def parse_document(
    data: bytes,
    *,
    limit: int,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
) -> ParsedArticle:
    """Decode and parse an uploaded file or a fetched page; raises IngestError on bad input."""
    kind = kind_from_name(filename) or kind_from_content_type(content_type)
    encoding = charset_from_content_type(content_type)
    if encoding is None and kind in (SourceKind.HTML, None) and (match := _META_CHARSET.search(data[:4096])):
        encoding = match.group(1).decode("ascii")
    text = decode_bytes(data, limit=limit, encoding=encoding)
    return parse_text(text, kind=kind, url=url)


def parse_text(text: str, *, kind: SourceKind | None = None, url: str | None = None) -> ParsedArticle:
    """Parse already decoded text; the kind is sniffed when not given."""
    if not text.strip():
        raise IngestError("The article text is empty.")
    kind = kind or sniff_kind(text)
    if kind is SourceKind.HTML:
        return parse_html(text, url=url)
    if kind is SourceKind.MARKDOWN:
        return parse_markdown(text, url=url)
    return parse_plain(text, url=url)


def parse_plain(text: str, *, url: str | None = None) -> ParsedArticle:
    """Plain text: the first line is the headline, and it stays the first line of the body."""
    stripped = strip_chrome(_tidy(text))
    return _article(stripped.text, kind=SourceKind.TEXT, url=url, stripped=stripped)


def parse_html(page: str, *, url: str | None = None) -> ParsedArticle:
    """The main text of a web page, found by trafilatura, with the page's own metadata."""
    try:
        document = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_images=False
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise IngestError(f"The HTML page could not be parsed ({type(exc).__name__}).") from exc
    paragraphs = [line.strip() for line in (getattr(document, "text", None) or "").split("\n")]
    paragraphs = [line for line in paragraphs if line]
    if not paragraphs:
        raise IngestError("No article text found in the HTML page.")
    title = " ".join((document.title or "").split())
    if title and _norm(paragraphs[0]) != _norm(title):
        # The headline is part of what the extractor reads, as it is for plain text.
        paragraphs.insert(0, title)
    stripped = strip_chrome(_tidy("\n\n".join(paragraphs)))
    published = parse_date(document.date) if document.date else None
    return _article(
        stripped.text,
        kind=SourceKind.HTML,
        url=url,
        stripped=stripped,
        title=title,
        byline=_authors(document.author),
        published_at=published,
        outlet=document.sitename or "",
    )


def parse_markdown(source: str, *, url: str | None = None) -> ParsedArticle:
    """Markdown rendered to HTML, then to text block by block; the first heading is the title."""
    source = _tidy(source)
    meta: dict[str, str] = {}
    if match := _FRONT_MATTER.match(source):
        meta = _front_matter(match.group("yaml"))
        source = source[match.end() :]
    root = lxml_html.fragment_fromstring(
        markdown.markdown(source, extensions=["extra", "sane_lists"]) or "<p></p>", create_parent="div"
    )
    for element in root.xpath(".//script|.//style|.//template"):
        element.drop_tree()
    blocks = [block for child in root for block in _blocks(child)]
    headings = root.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")
    title = meta.get("title") or (_inline_text(headings[0]) if headings else "")
    opens_with_heading = len(root) > 0 and root[0].tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
    if meta.get("title") and not opens_with_heading:
        # The headline is part of what the extractor reads, as it is for plain text.
        blocks.insert(0, meta["title"])
    stripped = strip_chrome("\n\n".join(blocks))
    return _article(
        stripped.text,
        kind=SourceKind.MARKDOWN,
        url=url or meta.get("url") or None,
        stripped=stripped,
        title=title,
        byline=meta.get("author", ""),
        published_at=parse_date(meta["date"]) if meta.get("date") else None,
        outlet=meta.get("outlet", ""),
    )


def _article(
    body: str,
    *,
    kind: SourceKind,
    url: str | None,
    stripped: StrippedText,
    title: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    outlet: str = "",
) -> ParsedArticle:
    if not body.strip():
        raise IngestError("No article text is left once the page chrome is removed.")
    page_byline = stripped.byline
    return ParsedArticle(
        title=title or body.split("\n", 1)[0].strip(),
        body=body,
        byline=byline or (str(page_byline) if page_byline else ""),
        published_at=published_at or stripped.published_at,
        outlet=outlet or (page_byline.outlet if page_byline else ""),
        url=url,
        source_kind=kind,
    )


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _STRAY_CONTROLS.sub("", _PAGE_BREAKS.sub("\n", text))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _authors(author: str | None) -> str:
    # trafilatura separates several authors with semicolons.
    names = [name.strip() for name in (author or "").split(";") if name.strip()]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _front_matter(yaml_text: str) -> dict[str, str]:
    """The flat "key: value" lines of a YAML front matter block, under claimtrack's field names."""
    aliases = {
        "title": "title",
        "headline": "title",
        "author": "author",
        "authors": "author",
        "byline": "author",
        "date": "date",
        "published": "date",
        "published_at": "date",
        "outlet": "outlet",
        "source": "outlet",
        "site": "outlet",
        "publisher": "outlet",
        "url": "url",
        "link": "url",
    }
    meta: dict[str, str] = {}
    for line in yaml_text.split("\n"):
        key, sep, value = line.partition(":")
        field = aliases.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and field and value and field not in meta:
            meta[field] = value
    return meta


def _blocks(element: lxml_html.HtmlElement) -> list[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _BLOCK_CONTAINERS:
        return [block for child in element for block in _blocks(child)]
    if tag in _LISTS:
        items = [_inline_text(item) for item in element if item.tag == "li"]
        return ["\n".join(item for item in items if item)] if any(items) else []
    if tag == "table":
        rows = [" | ".join(_inline_text(cell) for cell in row) for row in element.iter("tr")]
        return ["\n".join(rows)] if rows else []
    if tag == "pre":
        text = element.text_content().strip("\n")
        return [text] if text.strip() else []
    if tag == "hr":
        return []
    text = _inline_text(element)
    return [text] if text else []


def _inline_text(element: lxml_html.HtmlElement) -> str:
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(" ".join(line.split()) for line in element.text_content().split("\n")).strip()
