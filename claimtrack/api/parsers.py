"""A JSON parser that refuses oversized bodies before reading them.

DRF reads the request stream itself, which bypasses Django's DATA_UPLOAD_MAX_MEMORY_SIZE
check (that check lives in `HttpRequest.body`), so the limit is enforced here.
"""

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and limit is not None and int(declared) > limit:
            raise RequestTooLarge(
                f"The request body is {int(declared):,} bytes; the limit is {limit:,} bytes."
            )
        data = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(data) > limit:
            raise RequestTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(f"The body is not UTF-8 (byte {exc.start:,}).") from None
        if "\x00" in text:
            # PostgreSQL text cannot hold NUL; refusing it here keeps it from failing deeper down.
            raise ParseError("The body contains a NUL character.")
        return super().parse(_Bytes(text.encode("utf-8")), media_type, parser_context)


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, *args) -> bytes:
        data, self._data = self._data, b""
        return data
