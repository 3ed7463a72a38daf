"""What a request gets when the server fails: JSON under /api/, a plain page elsewhere.

Django calls `server_error` (handler500) for any exception no view handled, including those
raised in middleware (a session or token lookup during a database outage). A database that does
not answer is not the client's fault and not a bug: it gets 503 with Retry-After, so clients and
load balancers back off and retry instead of reporting a crash.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = "The database is not answering; try again in a moment."
FAILED = "The server failed to answer this request."


def _database_down(exc: BaseException | None) -> bool:
    # OperationalError and InterfaceError are connection-level failures; a plain DatabaseError
    # (IntegrityError, DataError…) reaching here is a bug, and stays a 500.
    return isinstance(exc, OperationalError | InterfaceError) or (
        type(exc) is DatabaseError and "connection" in str(exc).lower()
    )


def server_error(request: HttpRequest) -> HttpResponse:
    unavailable = _database_down(sys.exc_info()[1])
    status = 503 if unavailable else 500
    message = UNAVAILABLE if unavailable else FAILED
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        # Rendered without the request: context processors could query the database again.
        html = loader.get_template("server_error.html").render({"status": status, "message": message})
        response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
