"""Response headers the whole site shares."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

from claimtrack.api.parsers import DECODED_BODY_ATTRIBUTE, declared_too_large
from claimtrack.strict_json import JSONInputError, loads_strict


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that does not set its own.

    Article text is untrusted and shown on many pages; escaping is the first defence, and this
    header is the second: even a missed escape cannot run a script or load one from elsewhere.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY.strip()
        self.exempt = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PATHS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exempt = bool(self.exempt) and request.path.startswith(self.exempt)
        if self.policy and not exempt and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class JSONBodyMiddleware:
    """Every body written to a JSON endpoint (the API, the editing endpoints) is strict JSON.

    Checked here, in front of DRF and of the plain Django JSON views alike, so that no view, old
    or new, ever sees a body that could crash it: over the size limit 413, not JSON 415, and
    invalid UTF-8, NUL, nesting past 64 levels, duplicate keys, NaN or numbers no column holds
    400, each with a message. A body-less write (confirm, delete) passes; its view decides.
    """

    PREFIXES = ("/api/", "/edit/")
    WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in self.WRITES and request.path_info.startswith(self.PREFIXES):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        if message := declared_too_large(request.META):
            return self._answer(request, 413, message)
        try:
            body = request.body
        except RequestDataTooBig:
            return self._answer(request, 413, "The request body is over the limit.")
        if not body:
            return None
        if request.content_type != "application/json":
            return self._answer(
                request, 415, f"Send application/json, not {request.content_type or 'no type'}."
            )
        try:
            setattr(request, DECODED_BODY_ATTRIBUTE, loads_strict(body))
        except JSONInputError as exc:
            return self._answer(request, 400, str(exc), field=exc.field)
        return None

    @staticmethod
    def _answer(request: HttpRequest, status: int, message: str, field: str | None = None) -> HttpResponse:
        # The shapes each side's clients already read: the editing panel `error` (and `errors`
        # per field), the API `detail` or, for one field, a list of messages under its name.
        if request.path_info.startswith("/edit/"):
            body = {"error": message, **({"errors": {field: [message]}} if field else {})}
        else:
            body = {field: [message]} if field else {"detail": message}
        return JsonResponse(body, status=status)
