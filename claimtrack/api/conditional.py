"""ETags for detail representations, conditional GET, and If-Match on writes."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since you read it (If-Match does not match its ETag)."
    default_code = "precondition_failed"


def etag_for(data) -> str:
    """A strong ETag over the JSON representation: it changes whenever any field shown changes."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return '"' + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def conditional_response(request: Request, data) -> Response:
    """200 with an ETag, or 304 when the client's If-None-Match already names this representation."""
    etag = etag_for(data)
    if_none_match = request.headers.get("If-None-Match", "")
    tags = [tag.removeprefix("W/") for tag in _tags(if_none_match)]
    if "*" in tags or etag in tags:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})


def expected_version(
    request: Request, *, current_data, current_version: int, body_version
) -> tuple[int, bool]:
    """The version the client read, from If-Match or the body's `version`; and whether If-Match said so.

    If-Match must be the ETag of the representation as it is now, or the write is refused (412)
    before anything is attempted; the version read alongside is then checked again under a row
    lock by the service, so a write that slips in between is refused too (the view answers 412).
    """
    if_match = request.headers.get("If-Match")
    if if_match is not None:
        tags = _tags(if_match)
        if "*" in tags:
            raise ValidationError({"version": ["If-Match must be the ETag you read, not '*'."]})
        if etag_for(current_data) not in tags:
            raise PreconditionFailed()
        return current_version, True
    if body_version is None:
        raise ValidationError(
            {"version": ["Send the version you read, as `version` or as an If-Match ETag."]}
        )
    return body_version, False
