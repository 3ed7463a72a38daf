"""Turn the services' errors into HTTP answers: a message per field, never a 500.

Only the base classes of claimtrack.errors are mapped, so this module knows no app.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
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
    if isinstance(exc, VersionConflict):
        current = exc.current
        return Response(
            {"detail": str(exc), "current_version": current.version},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
