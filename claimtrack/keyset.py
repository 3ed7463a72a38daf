"""Keyset ("cursor") paging, the one implementation every cursor uses: the API's `?cursor=`,
the timeline's, the review queue's and the article list's `?after=`.

No OFFSET: page 20,000 costs what page 1 costs, and rows inserted or changed while someone pages
do not shift the pages not read yet. An ordering lists model fields (`-` for descending) and
ends in a unique one, so every row has exactly one position; a token carries the ordering's
name and the last row's values.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q
from django.db.models.expressions import OrderBy

# (field name, descending, nullable)
Part = tuple[str, bool, bool]


@dataclass(frozen=True, slots=True)
class Ordering:
    """Model fields, `-` for descending; the last must be unique (usually `id`)."""

    fields: tuple[str, ...]

    def parts(self, model: type[Model]) -> list[Part]:
        out = []
        for spec in self.fields:
            name = spec.lstrip("-")
            out.append((name, spec.startswith("-"), model._meta.get_field(name).null))
        return out

    def order_by(self, model: type[Model]) -> list[OrderBy]:
        return [_order_by(*part) for part in self.parts(model)]


def _order_by(name: str, descending: bool, nullable: bool) -> OrderBy:
    # Nulls are placed as PostgreSQL places them by default (largest), so the indexes apply,
    # and written out so that SQLite (nulls smallest) pages the same way.
    if descending:
        return F(name).desc(nulls_first=True) if nullable else F(name).desc()
    return F(name).asc(nulls_last=True) if nullable else F(name).asc()


def _beyond(name: str, descending: bool, nullable: bool, value: Any) -> Q | None:
    """Rows strictly after `value` in this one field's order; None when there are none."""
    if descending:
        if value is None:
            return Q(**{f"{name}__isnull": False})
        return Q(**{f"{name}__lt": value})
    if value is None:
        return None
    after = Q(**{f"{name}__gt": value})
    return after | Q(**{f"{name}__isnull": True}) if nullable else after


def keyset_after(parts: list[Part], values: list[Any]) -> Q:
    """Rows after the row holding `values`, as (f1 beyond v1) OR (f1 = v1 AND f2 beyond v2) OR …"""
    branches: list[Q] = []
    equal = Q()
    for (name, descending, nullable), value in zip(parts, values, strict=True):
        step = _beyond(name, descending, nullable, value)
        if step is not None:
            branches.append(equal & step)
        equal &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    condition = reduce(or_, branches) if branches else Q(pk__in=[])
    # A plain range on the leading column as well: it is what lets the database start the index
    # scan at the cursor instead of filtering every row before it.
    name, descending, nullable = parts[0]
    if values[0] is not None:
        if descending:
            condition &= Q(**{f"{name}__lte": values[0]})
        elif not nullable:
            condition &= Q(**{f"{name}__gte": values[0]})
    return condition


class InvalidCursor(ValueError):
    """A token this ordering did not write (edited, truncated, or of another ordering)."""


@dataclass(frozen=True, slots=True)
class Keyset:
    """One named ordering of one model, and the tokens that mark a position in it."""

    name: str
    model: type[Model]
    ordering: Ordering

    def order_by(self) -> list[OrderBy]:
        return self.ordering.order_by(self.model)

    def values_of(self, row: Model) -> list[Any]:
        return [getattr(row, name) for name, _, _ in self.ordering.parts(self.model)]

    def after(self, values: list[Any]) -> Q:
        """The rows after the row that holds `values`."""
        return keyset_after(self.ordering.parts(self.model), values)

    def encode(self, values: list[Any]) -> str:
        plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
        payload = json.dumps({"o": self.name, "v": plain}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def token_after(self, row: Model) -> str:
        return self.encode(self.values_of(row))

    def decode(self, token: str) -> list[Any]:
        """The values a token carries, typed as the fields are; InvalidCursor for anything else."""
        parts = self.ordering.parts(self.model)
        try:
            padded = token + "=" * (-len(token) % 4)
            payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if payload["o"] != self.name or len(payload["v"]) != len(parts):
                raise ValueError("a cursor of another ordering")
            values = [
                None if value is None else self.model._meta.get_field(name).to_python(value)
                for (name, _, _), value in zip(parts, payload["v"], strict=True)
            ]
        except (
            ValueError,
            KeyError,
            TypeError,
            UnicodeError,
            binascii.Error,
            AttributeError,
            ValidationError,
        ) as exc:
            raise InvalidCursor(str(exc)) from exc
        for (name, _, nullable), value in zip(parts, values, strict=True):
            if value is None and not nullable:
                raise InvalidCursor(f"{name} cannot be empty")
            # Out-of-range numbers would reach the database and fail there, as a 500.
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                raise InvalidCursor("number out of range")
        return values

    def decode_or_none(self, token: str) -> list[Any] | None:
        """For pages: a bad link starts at page 1 instead of failing."""
        if not token:
            return None
        try:
            return self.decode(token)
        except InvalidCursor:
            return None
