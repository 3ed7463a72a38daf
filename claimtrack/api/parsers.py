"""The API's JSON parser: size limit first, then claimtrack.strict_json's rules.

DRF reads the request stream itself, which bypasses Django's DATA_UPLOAD_MAX_MEMORY_SIZE
check (that check lives in `HttpRequest.body`), so the limit is enforced here too.
"""

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from claimtrack.strict_json import JSONInputError, loads_strict

# Set on the HttpRequest by claimtrack.middleware.JSONBodyMiddleware, which decodes every body
# sent to a JSON endpoint before any view runs: the parser then need not decode it again.
DECODED_BODY_ATTRIBUTE = "_claimtrack_json_body"


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def declared_too_large(meta: dict) -> str | None:
    """The refusal for a Content-Length over the limit, before a byte of the body is read."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    declared = meta.get("CONTENT_LENGTH")
    if declared and declared.isdigit() and limit is not None and int(declared) > limit:
        return f"The request body is {int(declared):,} bytes; the limit is {limit:,} bytes."
    return None


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        django_request = getattr(request, "_request", None)
        if django_request is not None and hasattr(django_request, DECODED_BODY_ATTRIBUTE):
            return getattr(django_request, DECODED_BODY_ATTRIBUTE)
        if request is not None and (refusal := declared_too_large(request.META)):
            raise RequestTooLarge(refusal)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        data = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(data) > limit:
            raise RequestTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        try:
            return loads_strict(data)
        except JSONInputError as exc:
            raise ParseError(refusal_detail(exc)) from None


def refusal_detail(exc: JSONInputError) -> str | dict[str, list[str]]:
    """A message for the field at fault, as validation errors are, or for the whole body."""
    return {exc.field: [str(exc)]} if exc.field else str(exc)
