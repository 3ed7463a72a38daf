"""Page chrome around an article's text: share and comment widgets, cookie notices, bylines.

Only whole lines at the start or the end of a text are ever removed: the article itself is
what claims are extracted from, so a rule that misfires must cost a widget, never a sentence.
Rules describe English web pages in general; each is a full-line match.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .dates import parse_date_line

_I = re.IGNORECASE

# Lines that open a block of chrome running to the end of the page (the related-stories list,
# the comment form). Everything after one of them goes, provided no paragraph follows.
_SECTION_MARKERS = re.compile(
    r"leave an? (?:reply|comment)(?: cancel reply)?|(?:\d+|no) (?:comments?|responses?|replies)"
    r"|comments?|discussion|share(?: this)?(?: article| story| post| page)?|like this"
    r"|related(?: posts| articles| stories| content| news| coverage| reading)?"
    r"|(?:you|readers) (?:may|might) also (?:like|enjoy)|more (?:stories|articles|news|from [\w .&'-]{1,60})"
    r"|read (?:more|next|also)|recommended(?: for you| stories| articles)?|most (?:read|popular)"
    r"|trending(?: now)?|post navigation|tags?|filed under|categor(?:y|ies)|about the author",
    _I,
)

_CHROME_LINES = re.compile(
    r"cancel reply|comments are closed|(?:be the first to )?comment(?: on this (?:article|story))?"
    r"|share (?:on|via|to) [\w +.-]{1,30}(?: \(opens in (?:a )?new window\))?"
    r"|click to (?:share|email|print|open|tweet|pin)\b.{0,80}|(?:opens in (?:a )?new window)"
    r"|like loading(?:\.{3}|…)?|loading(?:\.{3}|…)|like|tweet|print|e-?mail|share|copy link|copied"
    r"|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|pocket|tumblr|threads|bluesky|more"
    r"|tags?\s*:.{0,300}|filed under\s*:?.{0,300}|categor(?:y|ies)\s*:.{0,300}|posted in [^.!?]{1,120}"
    r"|your email address will not be published\.?(?: required fields are marked \*)?"
    r"|required fields are marked \*|(?:comment|name|e-?mail|website|url)\s*\*?\s*:?"
    r"|save my name,? email,? and website in this browser for the next time i comment\.?"
    r"|(?:post|submit|add) (?:a )?comment|notify me of (?:follow-up comments|new posts|new comments)\b.{0,40}"
    r"|this site uses akismet to reduce spam\..{0,80}|you must be (?:logged in|registered) to post a comment\.?"
    r"|log in to (?:reply|comment)|reply|report (?:this )?comment|\d+ (?:likes?|shares?)"
    r"|advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|skip navigation|menu"
    r"|(?:previous|next|older|newer) (?:post|article|story|entry)(?:\s*:.{0,200})?"
    r"|[«‹←].{0,120}|.{0,120}[»›→]"
    r"|(?:follow|like|join) us on .{1,80}|subscribe(?: (?:to|for) .{1,80})?|sign up (?:for|to) .{1,80}"
    r"|(?:get|receive) (?:our|the) (?:free )?newsletter.{0,80}"
    r"|(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,200}|all rights reserved\.?"
    r"|\d+ min(?:ute)?s? read|reading time:? .{1,20}|listen to (?:this )?article.{0,40}"
    r"|accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|decline|got it|i agree|ok(?:ay)?"
    r"|(?:manage|customi[sz]e) (?:cookies|preferences|settings|consent)|cookie (?:settings|preferences|policy)"
    r"|privacy policy|terms (?:of (?:use|service)|and conditions)",
    _I,
)

# A cookie notice speaks about cookies to the reader of this site ("we use", "by continuing",
# "your experience"); a closing paragraph of a story about cookie law mentions cookies too,
# but not in that voice, and must stay.
_COOKIE_NOTICE = re.compile(
    r"(?=.*\bcookies?\b)(?=.*(?:\bwe (?:and our partners )?use\b|\b(?:this|our) (?:web)?site\b"
    r"|\bby (?:continuing|using|clicking|browsing)\b|\byou (?:agree|consent|accept)\b|\byour (?:browsing )?experience\b"
    r"|\bcookie (?:policy|settings|preferences|notice)\b)).{0,500}",
    _I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Particles that may sit lowercase inside a personal name (Ursula von der Leyen).
_NAME_PARTICLES = _words(
    "de da das do dos du del della der den van von la le al el bin ibn ben bint y e zu ter ten"
)
# Words that would make "By Tuesday" or "By March" look like a name.
_NOT_NAMES = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june"
    " july august september october november december today tomorrow yesterday"
)
_ROLE_WORDS = _words(
    "staff writer writers reporter reporters correspondent correspondents editor editors contributor"
    " contributors columnist bureau chief senior special desk team newsroom analyst producer"
)
_BYLINE_PREFIX = re.compile(r"(?:(?:written|posted|reported|words|story|text|article)\s+)?by\s*:?\s+", _I)
# The separators pages put between byline, date and reading time on one line.
_META_SEPARATORS = re.compile(r"\s+[|·•—–-]\s+|\s*[|·•]\s*")
_DATE_THEN_BYLINE = re.compile(r"(?P<date>.+?),?\s+(?P<byline>by\s+.+)", _I)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$|[:;,]$""")


@dataclass(frozen=True, slots=True)
class Byline:
    names: tuple[str, ...]
    affiliation: str = ""

    def __str__(self) -> str:
        if len(self.names) <= 2:
            return " and ".join(self.names)
        return ", ".join(self.names[:-1]) + " and " + self.names[-1]

    @property
    def outlet(self) -> str:
        """The affiliation when it names an outlet ("Reuters"), not a role ("Staff Writer")."""
        words = {word.lower().strip(".") for word in self.affiliation.split()}
        return "" if words & _ROLE_WORDS else self.affiliation


@dataclass(frozen=True, slots=True)
class StrippedText:
    text: str
    byline: Byline | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class _Meta:
    byline: Byline | None = None
    date: datetime | None = None
    updated: bool = False


def strip_chrome(text: str) -> StrippedText:
    """Remove chrome lines at both ends of the text; the first remaining line (the headline) stays.

    Bylines and dates on lines of their own next to the headline or at the end are returned
    as fields and removed; written inside a paragraph they stay where they are.
    """
    lines = text.split("\n")
    found: list[_Meta] = []
    start = _strip_head(lines, found)
    end = len(lines)
    while True:
        new_end = _strip_tail(lines, start + 1, _cut_at_section_marker(lines, start + 1, end), found)
        if new_end == end:
            break
        end = new_end
    body = "\n".join(lines[start:end]).strip()
    return StrippedText(text=body, byline=_first_byline(found), published_at=_best_date(found))


def is_chrome_line(line: str) -> bool:
    line = " ".join(line.split())
    return bool(
        _CHROME_LINES.fullmatch(line)
        or _SECTION_MARKERS.fullmatch(line.rstrip(":"))
        or _COOKIE_NOTICE.fullmatch(line)
    )


def parse_byline(line: str) -> Byline | None:
    """The names on a byline line such as "By JANE DOE and John Roe, Reuters"; None if it is not one."""
    line = " ".join(line.split())
    prefix = _BYLINE_PREFIX.match(line)
    if prefix is None or len(line) > 160:
        return None
    rest = line[prefix.end() :].strip()
    if not rest or (_SENTENCE_END.search(rest) and not re.search(r"\b\w{1,3}\.$", rest)):
        return None
    segments = [segment.strip() for segment in rest.split(",")]
    if not all(segments):
        return None
    # "A, B and C" lists names; "A, Reuters" is a name and an affiliation.
    if len(segments) > 1 and re.search(r"(?:\band\b|&)", segments[-1], _I):
        name_segments, affiliation = segments, ""
    else:
        name_segments, affiliation = segments[:1], ", ".join(segments[1:])
    names: list[str] = []
    for segment in name_segments:
        for name in re.split(r"\s+(?:and|&)\s+|^(?:and|&)\s+", segment, flags=_I):
            if not name:
                continue
            if not _looks_like_name(name):
                return None
            names.append(_tidy_name(name))
    if not names or (affiliation and not _looks_like_proper_noun(affiliation)):
        return None
    return Byline(
        names=tuple(names), affiliation=_tidy_name(affiliation) if affiliation.isupper() else affiliation
    )


def _skip_meta_lines(
    lines: list[str], start: int, found: list[_Meta], *, skippable: Callable[[str], bool]
) -> int:
    """Index of the first line from `start` that is neither blank, meta nor `skippable`; metas go to `found`."""
    index = start
    while index < len(lines) and _passes(lines[index], found, skippable):
        index += 1
    return index


def _passes(line: str, found: list[_Meta], skippable: Callable[[str], bool]) -> bool:
    """Whether a line is part of the frame around the text: blank, meta (kept in `found`) or `skippable`."""
    line = line.strip()
    if not line:
        return True
    if (meta := _parse_meta(line)) is not None:
        found.append(meta)
        return True
    return skippable(line)


def _strip_head(lines: list[str], found: list[_Meta]) -> int:
    """Drop chrome before the headline and meta lines right after it; return the headline's index."""
    headline = _skip_meta_lines(lines, 0, found, skippable=is_chrome_line)
    # Between the headline and the first paragraph: "By Jane Doe", "12 March 2024 | 3 min read".
    # Section headings ("Related") are left alone here: after a headline they may head text.
    following = _skip_meta_lines(lines, headline + 1, found, skippable=_is_widget_line)
    if following > headline + 1 and any(line.strip() for line in lines[headline + 1 : following]):
        lines[headline + 1 : following] = [""] if following < len(lines) else []
    return headline


def _is_widget_line(line: str) -> bool:
    line = " ".join(line.split())
    return bool(_CHROME_LINES.fullmatch(line) or _COOKIE_NOTICE.fullmatch(line))


def _cut_at_section_marker(lines: list[str], start: int, end: int) -> int:
    """The earliest marker line ("Related", "Leave a Reply") after which only chrome follows."""
    for index in range(start, end):
        if not _SECTION_MARKERS.fullmatch(" ".join(lines[index].split()).rstrip(":")):
            continue
        if all(_is_listing_line(line) for line in lines[index + 1 : end]):
            return index
    return end


def _is_listing_line(line: str) -> bool:
    """A line that may follow a section marker: chrome, or a headline of another story."""
    line = line.strip()
    if not line or is_chrome_line(line) or _parse_meta(line):
        return True
    return len(line) <= 150 and not _SENTENCE_END.search(line)


def _strip_tail(lines: list[str], start: int, end: int, found: list[_Meta]) -> int:
    while end > start and _passes(lines[end - 1], found, is_chrome_line):
        end -= 1
    return end


def _parse_meta(line: str) -> _Meta | None:
    """A line made only of a byline and/or a date (and reading-time style chrome)."""
    line = " ".join(line.split())
    if (byline := parse_byline(line)) is not None:
        return _Meta(byline=byline)
    if (dated := parse_date_line(line)) is not None:
        return _Meta(date=dated[0], updated=dated[1])
    if match := _DATE_THEN_BYLINE.fullmatch(line):
        dated, byline = parse_date_line(match.group("date")), parse_byline(match.group("byline"))
        if dated and byline:
            return _Meta(byline=byline, date=dated[0], updated=dated[1])
    parts = [part for part in _META_SEPARATORS.split(line) if part.strip()]
    if len(parts) < 2:
        return None
    metas = [_parse_meta(part) for part in parts]
    if not any(metas) or not all(
        meta or is_chrome_line(part) for meta, part in zip(metas, parts, strict=True)
    ):
        return None
    bylines = [meta.byline for meta in metas if meta and meta.byline]
    dates = [meta for meta in metas if meta and meta.date]
    dates.sort(key=lambda meta: meta.updated)
    return _Meta(
        byline=bylines[0] if bylines else None,
        date=dates[0].date if dates else None,
        updated=dates[0].updated if dates else False,
    )


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or not _is_capitalised(words[0]) or words[0].lower() in _NOT_NAMES:
        return False
    return all(_is_capitalised(word) or word in _NAME_PARTICLES for word in words)


def _looks_like_proper_noun(text: str) -> bool:
    words = text.replace(",", " ").split()
    return 1 <= len(words) <= 8 and all(
        _is_capitalised(word) or word in _NAME_PARTICLES or word in {"of", "the", "and", "for", "&"}
        for word in words
    )


def _is_capitalised(word: str) -> bool:
    word = word.lstrip("(\"'“‘")
    return bool(word) and word[0].isupper() and not any(char.isdigit() for char in word)


def _tidy_name(name: str) -> str:
    # Wire bylines shout ("By JANE DOE"); store the name as it would be written in a sentence.
    return " ".join(word.title() if word.isupper() and len(word) > 2 else word for word in name.split())


def _first_byline(found: list[_Meta]) -> Byline | None:
    return next((meta.byline for meta in found if meta.byline), None)


def _best_date(found: list[_Meta]) -> datetime | None:
    # The first publication date found, not an "Updated:" one, when the page gives both.
    dated = [meta for meta in found if meta.date]
    dated.sort(key=lambda meta: meta.updated)
    return dated[0].date if dated else None
