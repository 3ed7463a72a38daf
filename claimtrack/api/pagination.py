"""Keyset ("cursor") pagination for the API, on claimtrack.keyset (the one keyset implementation).

A view lists the orderings it allows (`orderings`, `default_ordering`); each ends in a unique
column, so every row has exactly one position. The cursor carries the ordering's name and the
last row's values.
"""

from django.db.models import Model, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from claimtrack.keyset import InvalidCursor, Keyset, Ordering

__all__ = ["KeysetPagination", "Ordering", "keyset_rows"]


def keyset_rows(queryset: QuerySet, *, keyset: Keyset, after: list | None, limit: int) -> list[Model]:
    """The first `limit` rows of `queryset` after the row holding `after` (None: from the start)."""
    queryset = queryset.order_by(*keyset.order_by())
    if after is not None:
        queryset = queryset.filter(keyset.after(after))
    return list(queryset[:limit])


class KeysetPagination(BasePagination):
    """`?cursor=` pages through a view's `orderings` (`?ordering=`); `?page_size=` up to 200."""

    page_size = 50
    max_page_size = 200
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list[Model]:
        orderings: dict[str, Ordering] = view.orderings
        name = request.query_params.get("ordering") or view.default_ordering
        if name not in orderings:
            raise ValidationError({"ordering": [f"Use one of: {', '.join(orderings)}."]})
        self.request = request
        self.page_size_value = self._page_size(request)
        self.keyset = Keyset(name, queryset.model, orderings[name])
        values = None
        if raw := request.query_params.get(self.cursor_query_param):
            try:
                values = self.keyset.decode(raw)
            except InvalidCursor as exc:
                message = "Invalid cursor; use the `next` link of a response with the same ordering."
                raise ValidationError({self.cursor_query_param: [message]}) from exc
        # A view may find its pages another way (the claims list's full-text search does), as
        # long as a page is the same: the rows after the cursor, in the keyset's order.
        fetch = getattr(view, "keyset_rows", None) or keyset_rows
        rows = fetch(queryset, keyset=self.keyset, after=values, limit=self.page_size_value + 1)
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

    def _next_link(self) -> str | None:
        if not self.has_next:
            return None
        return self._link_after(self.rows[-1])

    def _link_after(self, row: Model) -> str:
        cursor = self.keyset.token_after(row)
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, cursor)

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
                "name": self.cursor_query_param,
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
