"""Keyset ("cursor") pagination: no OFFSET, so page 20,000 costs what page 1 costs, and rows
inserted or changed while a client pages do not shift the pages it has not read yet.

A view lists the orderings it allows; each ends in a unique column, so every row has exactly
one position. The cursor carries the ordering's name and the last row's values.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


@dataclass(frozen=True, slots=True)
class Ordering:
    """Model fields, `-` for descending; the last must be unique (usually `id`)."""

    fields: tuple[str, ...]

    def parts(self, model: type[Model]) -> list[tuple[str, bool, bool]]:
        """(field name, descending, nullable) per field."""
        out = []
        for spec in self.fields:
            name = spec.lstrip("-")
            out.append((name, spec.startswith("-"), model._meta.get_field(name).null))
        return out


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


def keyset_after(parts: list[tuple[str, bool, bool]], values: list[Any]) -> Q:
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


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


class KeysetPagination(BasePagination):
    """`?cursor=` pages through a view's `orderings` (`?ordering=`); `?page_size=` up to 200."""

    page_size = 50
    max_page_size = 200

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list[Model]:
        orderings: dict[str, Ordering] = view.orderings
        name = request.query_params.get("ordering") or view.default_ordering
        if name not in orderings:
            raise ValidationError({"ordering": [f"Use one of: {', '.join(orderings)}."]})
        self.request, self.ordering_name = request, name
        self.page_size_value = self._page_size(request)
        parts = orderings[name].parts(queryset.model)
        self.parts = parts
        queryset = queryset.order_by(*(_order_by(*part) for part in parts))
        raw = request.query_params.get("cursor")
        if raw:
            queryset = queryset.filter(keyset_after(parts, self._decode(raw, queryset.model)))
        rows = list(queryset[: self.page_size_value + 1])
        self.has_next = len(rows) > self.page_size_value
        self.rows = rows[: self.page_size_value]
        return self.rows

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get("page_size")
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def _decode(self, raw: str, model: type[Model]) -> list[Any]:
        try:
            padded = raw + "=" * (-len(raw) % 4)
            payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            ordering, values = payload["o"], payload["v"]
            if ordering != self.ordering_name or len(values) != len(self.parts):
                raise ValueError("cursor of another ordering")
            decoded = [
                None if value is None else model._meta.get_field(name).to_python(value)
                for (name, _, _), value in zip(self.parts, values, strict=True)
            ]
            # Out-of-range numbers would reach the database and fail there, as a 500.
            if any(isinstance(v, int) and not -(2**63) <= v < 2**63 for v in decoded):
                raise ValueError("number out of range")
            return decoded
        except (
            ValueError,
            KeyError,
            TypeError,
            UnicodeError,
            binascii.Error,
            AttributeError,
            DjangoValidationError,
        ) as exc:
            raise ValidationError(
                {"cursor": ["Invalid cursor; use the `next` link of a response with the same ordering."]}
            ) from exc

    def _next_link(self) -> str | None:
        if not self.has_next:
            return None
        last = self.rows[-1]
        values = [_encode(getattr(last, name)) for name, _, _ in self.parts]
        payload = json.dumps({"o": self.ordering_name, "v": values}, separators=(",", ":"))
        cursor = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
        return replace_query_param(self.request.build_absolute_uri(), "cursor", cursor)

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self._next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Opaque position from a previous response's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size, "default": 50},
            },
            {
                "name": "ordering",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": list(view.orderings), "default": view.default_ordering},
            },
        ]
