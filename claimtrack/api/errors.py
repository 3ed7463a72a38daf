"""Turn the services' errors into HTTP answers: a message per field, never a 500.

Only the base classes of claimtrack.errors are mapped, so this module knows no app.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claimtrack.errors import NON_FIELD, ServiceError, VersionConflict

from .parsers import RequestTooLarge


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        # Django's own check (in HttpRequest.body) fired before our parser's; same answer.
        exc = RequestTooLarge()
    if isinstance(exc, ServiceError):
        return Response(exc.field_errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404 | NotFound) and (named := _not_found(context)):
        # Django's "No ClaimLink matches the given query." names a model class, not what the
        # API calls the resource; say which one is missing in the API's words.
        exc = NotFound(named)
    if isinstance(exc, VersionConflict):
        current = exc.current
        return Response(
            {"detail": str(exc), "current_version": current.version},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


def _not_found(context) -> str | None:
    """ "There is no link 129." for a ViewSet's object URL (its router basename and `pk`)."""
    name = getattr(context.get("view"), "basename", None)
    pk = str((context.get("kwargs") or {}).get("pk", ""))
    # Only an id is echoed back: a path segment of any other shape is not worth repeating.
    if not name or not (pk.isascii() and pk.isdigit() and len(pk) <= 18):
        return None
    return f"There is no {name.replace('-', ' ')} {pk}."
