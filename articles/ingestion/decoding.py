"""Bytes to text, refusing what is not an article: empty, binary, badly encoded or too large."""

import codecs

from articles.errors import IngestError

# File signatures of formats people upload by mistake. Text never starts with these bytes.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Real text carries at most a stray control character or two (a form feed, a DOS end-of-file
# mark); binary data carries many.
_MAX_CONTROL_SHARE = 0.01
_CONTROL_ALLOWANCE = 2


def size_error(size: int, limit: int) -> IngestError:
    return IngestError(f"The input is {size:,} bytes; the limit is {limit:,} bytes.")


def check_size(size: int, *, limit: int) -> None:
    if size > limit:
        raise size_error(size, limit)


def decode_bytes(data: bytes, *, limit: int, encoding: str | None = None) -> str:
    """Decode an uploaded or fetched document to text, or raise IngestError saying why not.

    UTF-8 unless the source declared another encoding (an HTTP charset, an HTML meta tag);
    a UTF-16 byte-order mark wins over both, since it cannot be mistaken.
    """
    check_size(len(data), limit=limit)
    if not data:
        raise IngestError("The input is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    for magic, what in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise IngestError(f"The input is {what}, not text.")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise IngestError(
            f"The input contains NUL bytes (first at byte {offset:,}); it looks like binary data."
        )
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    if controls > _CONTROL_ALLOWANCE and controls > _MAX_CONTROL_SHARE * len(data):
        raise IngestError(f"The input has {controls:,} control characters; it looks like binary data.")
    text = _decode(data, _usable_encoding(encoding))
    if not text.strip():
        raise IngestError("The input holds only whitespace.")
    return text


def _usable_encoding(declared: str | None) -> str:
    if not declared:
        return "utf-8"
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        # A page that names an encoding Python does not know is almost always UTF-8 in fact.
        return "utf-8"
    # Pages labelled Latin-1 are in practice Windows-1252 (curly quotes in 0x80-0x9F); browsers
    # decode them that way too.
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise IngestError(
            f"The input is not valid {label}: byte 0x{data[exc.start]:02x} at offset {exc.start:,}."
        ) from None
    return text.removeprefix("\ufeff")
