"""Response headers the whole site shares."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
