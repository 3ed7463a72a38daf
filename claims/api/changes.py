"""GET /api/v1/changes/: what changed in claims, links, actors and threads since a client's last sync."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accounts.permissions import ReadAnalystWriteEditor
from claimtrack.api.pagination import KeysetPagination, Ordering

from ..models import SyncChange
from ..selectors.changes import annotate_feed_state, change_feed, position_expired, sync_feed_state


class SyncChangeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(
        source="object_id", help_text="The claim's, link's, actor's or thread's id."
    )
    deleted = serializers.BooleanField(
        help_text=(
            "The row is gone (a tombstone): a deleted claim, link or thread, or an actor or thread "
            "merged into `replaced_by`."
        )
    )
    replaced_by = serializers.IntegerField(
        allow_null=True,
        help_text="For a merged actor or thread: the actor or thread its statements now belong to.",
    )
    version = serializers.IntegerField(
        allow_null=True,
        help_text="The claim's, link's or thread's version after the change; null for actors.",
    )

    class Meta:
        model = SyncChange
        fields = ["kind", "id", "deleted", "replaced_by", "version", "changed_at"]
        read_only_fields = fields


class CursorExpired(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = (
        "This position is older than the feed keeps (CLAIMTRACK_SYNC_RETENTION_DAYS): deletions "
        "after it are no longer listed. Drop your copy and sync again from the start (without `since`)."
    )
    default_code = "cursor_expired"


class ChangesPagination(KeysetPagination):
    """The one keyset cursor, named `since`, with a `next` link on every page (also the last)."""

    cursor_query_param = "since"
    page_size = 200
    max_page_size = 1000

    generation_query_param = "generation"

    def paginate_queryset(self, queryset, request, view=None):
        rows = super().paginate_queryset(annotate_feed_state(queryset), request, view)
        if rows:
            first = rows[0]
            state = (first.feed_horizon_txid or 0, first.feed_horizon_id or 0, first.feed_generation or 0)
        else:
            state = sync_feed_state()
        self.generation = state[2]
        if raw := request.query_params.get(self.cursor_query_param):
            # Decoded by the call above already, so the token is valid: (txid, id).
            position = tuple(self.keyset.decode(raw))
            given = request.query_params.get(self.generation_query_param, "")
            generation = int(given) if given.isascii() and given.isdigit() and len(given) < 10 else 0
            if position_expired(position=position, generation=generation, state=state):
                raise CursorExpired()
        return rows

    def _link_after(self, row) -> str:
        link = super()._link_after(row)
        return replace_query_param(link, self.generation_query_param, self.generation)

    def get_paginated_response(self, data) -> Response:
        # At the end of the feed `next` is where to continue from later, so a client always
        # keeps a position: after the last row read, or the position it came with.
        nxt = self._link_after(self.rows[-1]) if self.rows else self.request.build_absolute_uri()
        return Response({"next": nxt, "more": self.has_next, "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "more", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "description": "Request this next; at the end of the feed, keep it for the next sync.",
                },
                "more": {"type": "boolean", "description": "Whether `next` already holds more changes."},
                "results": schema,
            },
        }


class FeedUnavailable(APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_detail = "The changes feed needs PostgreSQL (the quick start's SQLite has none)."
    default_code = "not_implemented"


@extend_schema(
    summary="Changes to claims, links, actors and threads, for sync clients",
    description=(
        "Every insert, update and deletion of a claim, link, actor or thread, oldest first; merged "
        "actors and threads appear as deleted with `replaced_by`. Start without `since`, follow `next` while `more` "
        "is true, and keep the last `next` for the next sync. To replay: for each entry, drop the "
        "row when `deleted`, else fetch it (`/api/v1/claims/{id}/`, `/links/{id}/`, `/actors/{id}/`, "
        "`/threads/{id}/`) "
        "or keep its `version`. An object may appear several times; the last entry wins. "
        "Entries are kept CLAIMTRACK_SYNC_RETENTION_DAYS once superseded (tombstones too); a "
        "position older than a removed tombstone is answered 410: sync again from the start. "
        "Analysts and above."
    ),
    parameters=[OpenApiParameter("ordering", exclude=True)],
)
class ChangeFeedView(generics.ListAPIView):
    permission_classes = [ReadAnalystWriteEditor]
    serializer_class = SyncChangeSerializer
    pagination_class = ChangesPagination
    orderings = {"feed": Ordering(("txid", "id"))}
    default_ordering = "feed"
    queryset = SyncChange.objects.none()

    def get_queryset(self):
        if not settings.USING_POSTGRES:
            raise FeedUnavailable()
        return change_feed()
