"""Strict JSON for request bodies: one decoder that no body can crash, with a 4xx for each refusal.

The standard library's decoder is lenient where a web API must not be (duplicate keys, NaN and
Infinity, numbers no column can hold) and recurses once per nesting level, so a body of a thousand
nested arrays ends in a RecursionError, a 500. This module refuses all of that with a message,
before the data reaches a serializer, a service or the database.
"""

import gc
import json
import math
import re
from typing import Any

MAX_DEPTH = 64
# Integers beyond a signed 64-bit column would fail in the database, after validation.
_INT_RANGE = (-(2**63), 2**63 - 1)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
# For bytes.translate, which runs in C: braces count as brackets, every other byte is dropped.
_SAME_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JSONInputError(ValueError):
    """The body is not acceptable JSON; the message says why (answered as 400).

    `field` names the top-level key whose value is at fault, when there is one, so that the
    answer can be a message for that field like any other validation error.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class _Unrepresentable:
    """Stands in for a number no column can hold until decoding ends and its place is known."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal

    def message(self) -> str:
        shown = self.literal if len(self.literal) <= 30 else self.literal[:30] + "…"
        return f"The number {shown} is too large."


def _too_deep(text: str) -> bool:
    """True when brackets outside strings nest deeper than MAX_DEPTH, found without recursion.

    Each pass deletes the innermost bracket pairs (str.replace runs in C), so a well-nested body
    of depth d is empty of pairs after d passes: pairs left after MAX_DEPTH passes mean deeper.
    Unbalanced brackets are left for the decoder to report.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    brackets = _STRING.sub("", text).encode().translate(_SAME_BRACKETS, _NOT_BRACKETS).decode()
    for _ in range(MAX_DEPTH):
        shorter = brackets.replace("[]", "")
        if shorter == brackets:
            return False
        brackets = shorter
    return "[]" in brackets


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JSONInputError(f"The key {key[:50]!r} appears twice in one object.")
        if "\x00" in key:
            raise JSONInputError("A key contains a NUL character.")
        result[key] = value
    return result


def _int(literal: str) -> int | _Unrepresentable:
    # Checked on the literal first: int() of a 100,000-digit string is itself slow (and limited).
    if len(literal.lstrip("-")) > 19 or not _INT_RANGE[0] <= (value := int(literal)) <= _INT_RANGE[1]:
        return _Unrepresentable(literal)
    return value


def _float(literal: str) -> float | _Unrepresentable:
    value = float(literal)
    return value if math.isfinite(value) else _Unrepresentable(literal)


def _flag(number: Any, flagged: list[_Unrepresentable]) -> Any:
    if isinstance(number, _Unrepresentable):
        flagged.append(number)
    return number


def _find_unrepresentable(value: Any) -> tuple[_Unrepresentable, str | None] | None:
    """The first stand-in in the decoded value, with the top-level key it sits under."""
    tops = list(value.items()) if isinstance(value, dict) else [(None, value)]
    for field, top in tops:
        stack = [top]
        while stack:
            item = stack.pop()
            if isinstance(item, _Unrepresentable):
                return item, field
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _constant(name: str) -> None:
    raise JSONInputError(f"{name} is not a JSON number.")


def _check_strings(value: Any) -> None:
    # "\u0000" escapes decode to NUL, which PostgreSQL text cannot store.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise JSONInputError("A string contains a NUL character.")
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def loads_strict(data: bytes) -> Any:
    """Decode a request body, or raise JSONInputError with a message for the client."""
    if not data.strip():
        raise JSONInputError("The request body is empty; send JSON.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JSONInputError(f"The body is not UTF-8 (byte {exc.start:,}).") from None
    if "\x00" in text:
        raise JSONInputError("The body contains a NUL character.")
    if _too_deep(text):
        raise JSONInputError(f"The JSON is nested more than {MAX_DEPTH} levels deep.")
    # A body of a million small arrays makes the cyclic garbage collector run over and over while
    # they are built (nearly three times the decoding time); none of them can form a cycle.
    flagged: list[_Unrepresentable] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=lambda literal: _flag(_int(literal), flagged),
            parse_float=lambda literal: _flag(_float(literal), flagged),
            parse_constant=_constant,
        )
    except JSONInputError:
        raise
    except json.JSONDecodeError as exc:
        raise JSONInputError(
            f"The body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        # Only unbalanced brackets get here; balanced ones deeper than MAX_DEPTH were refused above.
        raise JSONInputError("The body is not valid JSON: its brackets do not match.") from None
    except ValueError as exc:
        raise JSONInputError(f"The body is not valid JSON: {exc}.") from None
    finally:
        if gc_was_enabled:
            gc.enable()
    if flagged and (found := _find_unrepresentable(value)):
        number, field = found
        raise JSONInputError(number.message(), field=field)
    if "\\u0000" in text:  # only an escape can put a NUL into a decoded string
        _check_strings(value)
    return value
