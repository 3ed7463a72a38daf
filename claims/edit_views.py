"""JSON endpoints the article reader's editing panel calls with fetch(). Thin: parse, call a
service, answer. Permissions are the services' to enforce; these views only turn the outcome
into a status code: 400 bad input, 401 not logged in, 403 role, 404 missing, 409 conflict."""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import can_read
from actors.editing import actor_create
from actors.models import Actor
from articles.models import Article

from .edit_json import actor_json, change_json, claim_brief_json, claim_json
from .edit_selectors import actor_search, claim_for_editing, claim_search
from .exceptions import EditError, VersionConflict
from .history import latest_change
from .models import Claim, ClaimLink
from .services.editing import (
    UPDATABLE_FIELDS,
    claim_confirm,
    claim_create,
    claim_reject,
    claim_update,
    link_create,
    link_delete,
)


class _NotFound(Exception):
    pass


def _error(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def json_endpoint(view: Callable[..., dict[str, Any]]) -> Callable[..., JsonResponse]:
    """Authentication, JSON parsing and the mapping of service errors to HTTP statuses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        if not request.user.is_authenticated:
            return _error(401, "Log in first.")
        if not can_read(request.user):
            return _error(403, "Your account has no role in claimtrack.")
        payload: dict[str, Any] = {}
        if request.method == "POST" and request.body:
            try:
                payload = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                return _error(400, "The request body is not JSON.")
            if not isinstance(payload, dict):
                return _error(400, "Send a JSON object.")
        try:
            status, body = view(request, payload, *args, **kwargs)
        except PermissionDenied as exc:
            return _error(403, str(exc) or "You may not do this.")
        except _NotFound as exc:
            return _error(404, str(exc))
        except EditError as exc:
            return _error(400, "Some fields need fixing.", errors=exc.field_errors)
        except VersionConflict as exc:
            current = claim_for_editing(claim_id=exc.current.pk) or exc.current
            change = latest_change(obj=exc.current)
            who = change.user.get_username() if change and change.user else "someone"
            return _error(
                409,
                f"{who} changed this statement since you loaded it (you had version "
                f"{exc.expected_version}, it is now version {exc.current.version}). Nothing was saved; "
                "review their change, then make yours again.",
                current=claim_json(current),
                change=change_json(change),
            )
        return JsonResponse(body, status=status)

    return wrapper


def _get(model, pk: Any, label: str):
    try:
        return model.objects.get(pk=int(pk))
    except (TypeError, ValueError, model.DoesNotExist) as exc:
        raise _NotFound(f"No such {label}.") from exc


def _optional_actor(payload: dict[str, Any], field: str) -> Actor | None:
    value = payload.get(field)
    if value is None or value == "":
        return None
    try:
        return Actor.objects.get(pk=int(value))
    except (TypeError, ValueError, Actor.DoesNotExist) as exc:
        raise EditError({field: ["No such actor."]}) from exc


def _claim_response(claim_id: int, status: int = 200) -> tuple[int, dict[str, Any]]:
    claim = claim_for_editing(claim_id=claim_id)
    if claim is None:
        raise _NotFound("No such statement.")
    return status, claim_json(claim)


@require_GET
@json_endpoint
def claim_detail(request: HttpRequest, payload, pk: int):
    return _claim_response(pk)


@require_POST
@json_endpoint
def claim_update_view(request: HttpRequest, payload: dict[str, Any], pk: int):
    claim = _get(Claim, pk, "statement")
    changes = {name: payload[name] for name in UPDATABLE_FIELDS if name in payload}
    for field in ("speaker", "target"):
        if field in changes:
            changes[field] = _optional_actor(payload, field)
    unknown = set(payload) - UPDATABLE_FIELDS - {"version"}
    if unknown:
        raise EditError({name: ["This field cannot be changed here."] for name in sorted(unknown)})
    claim_update(user=request.user, claim=claim, expected_version=payload.get("version"), **changes)
    return _claim_response(claim.pk)


@require_POST
@json_endpoint
def claim_confirm_view(request: HttpRequest, payload: dict[str, Any], pk: int):
    claim_confirm(
        user=request.user, claim=_get(Claim, pk, "statement"), expected_version=payload.get("version")
    )
    return _claim_response(pk)


@require_POST
@json_endpoint
def claim_reject_view(request: HttpRequest, payload: dict[str, Any], pk: int):
    claim_reject(
        user=request.user, claim=_get(Claim, pk, "statement"), expected_version=payload.get("version")
    )
    return _claim_response(pk)


@require_POST
@json_endpoint
def claim_create_view(request: HttpRequest, payload: dict[str, Any], pk: int):
    article = _get(Article, pk, "article")
    claim = claim_create(
        user=request.user,
        article=article,
        kind=payload.get("kind"),
        content_spans=payload.get("content_spans"),
        speaker=_optional_actor(payload, "speaker"),
        target=_optional_actor(payload, "target"),
        speaker_span=payload.get("speaker_span"),
        cue_span=payload.get("cue_span"),
        direct_quote=bool(payload.get("direct_quote", False)),
        note=payload.get("note", ""),
    )
    return _claim_response(claim.pk, status=201)


@require_POST
@json_endpoint
def link_create_view(request: HttpRequest, payload: dict[str, Any]):
    source = _get(Claim, payload.get("source"), "statement")
    try:
        target = Claim.objects.get(pk=int(payload.get("target")))
    except (TypeError, ValueError, Claim.DoesNotExist) as exc:
        raise EditError({"target": ["Choose the statement to link to."]}) from exc
    link = link_create(
        user=request.user,
        source=source,
        target=target,
        relation=payload.get("relation", ClaimLink.Relation.REBUTS),
    )
    return 201, {"id": link.pk, "source": _claim_response(source.pk)[1]}


@require_POST
@json_endpoint
def link_delete_view(request: HttpRequest, payload: dict[str, Any], pk: int):
    link = _get(ClaimLink, pk, "link")
    link_delete(user=request.user, link=link)
    return 200, {"deleted": pk}


@require_GET
@json_endpoint
def claim_search_view(request: HttpRequest, payload):
    actor = request.GET.get("actor", "")
    exclude = request.GET.get("exclude", "")
    claims = claim_search(
        text=request.GET.get("q", "")[:200],
        actor_id=int(actor) if actor.isdigit() else None,
        exclude_id=int(exclude) if exclude.isdigit() else None,
    )
    return 200, {"results": [claim_brief_json(claim) for claim in claims]}


@require_GET
@json_endpoint
def actor_search_view(request: HttpRequest, payload):
    actors = actor_search(text=request.GET.get("q", "")[:200])
    return 200, {"results": [actor_json(actor) for actor in actors]}


@require_POST
@json_endpoint
def actor_create_view(request: HttpRequest, payload: dict[str, Any]):
    actor = actor_create(
        user=request.user,
        name=payload.get("name", ""),
        kind=payload.get("kind", ""),
        code=str(payload.get("code", "") or ""),
    )
    return 201, actor_json(actor)
