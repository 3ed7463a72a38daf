"""Pieces the API's views share."""

from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound

from .conditional import conditional_response
from .pagination import KeysetPagination


def parse_id(raw: str) -> int:
    """A path id as an int; anything that cannot be a row id is a 404 (never a database error)."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise NotFound()
    return int(raw)


class IdLookupMixin:
    # For generic views: `get_object` refuses ids the database could not even compare. (A
    # comment, not a docstring: drf-spectacular would show it as the operations' description.)

    # Any segment reaches the view, so a malformed id gets the API's JSON 404, not a page.
    lookup_value_regex = "[^/]+"

    def get_object(self):
        parse_id(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        return super().get_object()


class ConditionalRetrieveMixin:
    """Detail GET with an ETag, and 304 Not Modified when If-None-Match names it."""

    conditional_get = True

    def retrieve(self, request, *args, **kwargs):
        return conditional_response(request, self.get_serializer(self.get_object()).data)


class ListRetrieveViewSet(
    ConditionalRetrieveMixin,
    IdLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    # A collection read by keyset pages and its rows by id (ETag, JSON 404 for a bad id).
    # Subclasses still name their own `permission_classes`: every view states its role check.
    # (Comments, not a docstring: drf-spectacular would show it as every operation's description.)

    pagination_class = KeysetPagination
