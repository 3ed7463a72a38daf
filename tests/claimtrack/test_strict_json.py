"""claimtrack.strict_json on its own: what it accepts, what it refuses, and why (no database)."""

from functools import reduce

import pytest

from claimtrack.strict_json import MAX_DEPTH, JSONInputError, loads_strict


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (b'{"text": "Russia denied it.", "version": 3}', {"text": "Russia denied it.", "version": 3}),
        (b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, reduce(lambda inner, _: [inner], range(MAX_DEPTH - 1), [])),
        (
            b'{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"{{{{"}',
            {"s": "[" * 75 + '"{{{{'},
        ),
        ('{"name": "Pyongyang 평양 🚀"}'.encode(), {"name": "Pyongyang 평양 🚀"}),
        (b"[-9223372036854775808, 9223372036854775807, 1.5e300]", [-(2**63), 2**63 - 1, 1.5e300]),
    ],
)
def test_plain_json_is_decoded_as_usual(body, value):
    assert loads_strict(body) == value


@pytest.mark.parametrize(
    ("body", "message", "field"),
    [
        (b"", "empty", None),
        (b"  \n", "empty", None),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "more than 64 levels", None),
        (b'{"a": ' * 1000 + b"1" + b"}" * 1000, "more than 64 levels", None),
        (b"[[]" * 100 + b"]" * 100, "more than 64 levels", None),  # deep without long runs of "["
        (b"[" * 100_000, "brackets do not match", None),
        (b'{"a": 1, "a": 2}', "appears twice", None),
        (b'{"version": NaN}', "NaN is not a JSON number", None),
        (b"[-Infinity]", "-Infinity is not a JSON number", None),
        (b'{"confidence": 1e400}', "too large", "confidence"),
        (b'{"speaker": 9223372036854775808}', "too large", "speaker"),
        (b'{"articles": [1, ' + b"9" * 5000 + b"]}", "too large", "articles"),
        (b"9" * 5000, "too large", None),
        (b'{"text": "a\x00b"}', "NUL", None),
        (b'{"text": "a\\u0000b"}', "NUL", None),
        (b'{"\\u0000": 1}', "NUL", None),
        (b'{"text": "\xff"}', "not UTF-8", None),
        (bytes(range(256)), "not UTF-8", None),
        (b'{"text": "unfinished', "not valid JSON", None),
    ],
)
def test_hostile_json_is_refused_with_a_reason(body, message, field):
    with pytest.raises(JSONInputError, match=message) as refused:
        loads_strict(body)
    assert refused.value.field == field
