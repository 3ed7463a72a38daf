"""Response headers the whole site shares, and the checks every request passes first."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string

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
    """Every body written to the API is strict JSON (claimtrack/strict_json.py).

    Checked here, in front of DRF, so that no view, old or new, and no code that reads the raw
    body ever sees one that could crash it: over the size limit 413, not JSON 415, and
    invalid UTF-8, NUL, nesting past 64 levels, duplicate keys, NaN or numbers no column holds
    400, each with a message. A body-less write (confirm, delete) passes; its view decides.
    """

    # Every JSON write endpoint lives under /api/ (the editing panel uses /api/v1/ too); a new
    # JSON view elsewhere should join this tuple.
    PREFIXES = ("/api/",)
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
            return self._answer(413, message)
        try:
            body = request.body
        except RequestDataTooBig:
            return self._answer(413, "The request body is over the limit.")
        if not body:
            return None
        if request.content_type != "application/json":
            return self._answer(415, f"Send application/json, not {request.content_type or 'no type'}.")
        try:
            setattr(request, DECODED_BODY_ATTRIBUTE, loads_strict(body))
        except JSONInputError as exc:
            return self._answer(400, str(exc), field=exc.field)
        return None

    @staticmethod
    def _answer(status: int, message: str, field: str | None = None) -> HttpResponse:
        # DRF's shapes: `detail` for the whole body, or a list of messages under a field's name.
        return JsonResponse({field: [message]} if field else {"detail": message}, status=status)


class NulInFormMiddleware:
    """A page asked with a NUL character (%00) in a query parameter or a form field is a 400.

    PostgreSQL text cannot hold NUL: a search, filter or form value carrying one made the
    database driver raise and the page answer 500. The API refuses NUL itself (its filters and
    strict JSON bodies); this covers every page at once, old or new.
    """

    SKIP = ("/api/", "/admin/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(self.SKIP):
            for where, values in (("address", request.GET), ("form", request.POST)):
                for name, value in values.lists():
                    if "\x00" in name or any("\x00" in v for v in value):
                        return self._refusal(request, where, name)
        return self.get_response(request)

    @staticmethod
    def _refusal(request: HttpRequest, where: str, name: str) -> HttpResponse:
        message = f"The {where} holds a NUL character (%00) in “{name.replace(chr(0), '')}”, which no text can hold."
        html = render_to_string("400.html", {"message": message}, request=request)
        return HttpResponseBadRequest(html)
