import codecs

import pytest

from articles.errors import IngestError
from articles.ingestion import decode_bytes

LIMIT = 1024


def test_utf8_text_decodes_and_loses_its_byte_order_mark():
    assert decode_bytes(codecs.BOM_UTF8 + "Pyongyang denies – “never”".encode(), limit=LIMIT) == (
        "Pyongyang denies – “never”"
    )


def test_utf16_with_a_byte_order_mark_is_text_not_binary():
    assert decode_bytes("Moscow rejects report".encode("utf-16"), limit=LIMIT) == "Moscow rejects report"


def test_a_declared_latin1_page_is_read_as_windows_1252_like_browsers_do():
    assert decode_bytes(b"\x93Never\x94, said the caf\xe9 owner", limit=LIMIT, encoding="ISO-8859-1") == (
        "“Never”, said the café owner"
    )


def test_an_unknown_declared_encoding_falls_back_to_utf8():
    assert decode_bytes("café".encode(), limit=LIMIT, encoding="x-no-such-charset") == "café"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The input is empty."),
        (b" \n\t\r\n  ", "The input holds only whitespace."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "The input is a PDF document, not text."),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "The input is a ZIP archive (or a Word/OpenDocument file), not text.",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The input is a PNG image, not text."),
        (b"\x1f\x8b\x08\x00", "The input is a gzip archive, not text."),
        (
            b"Title\n\nText with a\x00NUL",
            "The input contains NUL bytes (first at byte 18); it looks like binary data.",
        ),
        (b"ab\x01\x02\x03\x04\x05cd" * 3, "The input has 15 control characters; it looks like binary data."),
        (b"North Korea \xff denies", "The input is not valid UTF-8: byte 0xff at offset 12."),
        ("caf\u00e9".encode("latin-1"), "The input is not valid UTF-8: byte 0xe9 at offset 3."),
    ],
    ids=[
        "empty",
        "whitespace",
        "pdf",
        "zip",
        "png",
        "gzip",
        "nul",
        "controls",
        "invalid-utf8",
        "latin1-as-utf8",
    ],
)
def test_bad_input_is_refused_with_a_one_line_reason(data, message):
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, limit=LIMIT)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_a_truncated_multibyte_character_reports_where_it_starts():
    with pytest.raises(IngestError, match=r"byte 0xe2 at offset 5\.$"):
        decode_bytes("Kim: “no”".encode()[:7], limit=LIMIT)


def test_size_is_checked_on_the_raw_bytes_before_decoding():
    # Invalid UTF-8 too, so only a size check that runs first can produce this message.
    with pytest.raises(IngestError, match=r"^The input is 1,025 bytes; the limit is 1,024 bytes\.$"):
        decode_bytes(b"\xff" * (LIMIT + 1), limit=LIMIT)


def test_input_exactly_at_the_limit_is_accepted():
    assert len(decode_bytes(b"a" * LIMIT, limit=LIMIT)) == LIMIT


def test_a_stray_control_character_in_real_text_is_not_binary():
    text = "Title\n\nA paragraph that ends with a DOS end-of-file mark.\x1a"
    assert decode_bytes(text.encode(), limit=LIMIT) == text
