"""Pure helpers on article text: normalisation and the content hash that dedupes articles."""

import hashlib
import re
import unicodedata

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def clean_body(text: str) -> str:
    """Normalise line endings and blank runs so the same text always hashes the same.

    NFC keeps composed characters composed: offsets are code points, and the same visible
    text from two sources must not differ in length.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "")
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_line(text: str, limit: int = 500) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:limit]
