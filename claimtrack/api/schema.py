"""OpenAPI: every operation documents the errors it can answer with, so clients (and the
schemathesis run in the test suite) can rely on the status codes as well as the bodies."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

_ERROR = {
    "type": "object",
    "description": "`detail` for a whole-request error, or a list of messages per field.",
    "additionalProperties": True,
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


class ClaimtrackAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        view = self.view
        errors = {
            "400": _error("Invalid input: a message per field."),
            "401": _error("Not authenticated."),
            "403": _error("Your role does not allow this."),
            "429": _error("Too many requests; see Retry-After."),
        }
        if "{" in self.path:
            errors["404"] = _error("No such object.")
        if self.method in ("POST", "PUT", "PATCH"):
            errors["413"] = _error("The request body is over the limit.")
            errors["415"] = _error("Send application/json.")
        if getattr(view, "versioned_write", False) and self.method != "GET":
            errors["409"] = _error("Stale `version`: someone changed the object since you read it.")
            errors["412"] = _error("Stale If-Match: the ETag no longer matches.")
        if getattr(view, "conditional_get", False) and self.method == "GET" and "{" in self.path:
            responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)."})
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses


def error_response(description: str):
    from drf_spectacular.utils import OpenApiResponse

    return OpenApiResponse(response=_ERROR, description=description)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; create a key with `manage.py create_api_token USER`.",
        }
