"""``POST /api/v1/events``: a kiosk pushes a batch of events."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.routing import APIRoute

from kiosk.server.deps import KioskDep, SessionDep, SettingsDep
from kiosk.server.ingest import IncomingEvent, apply_events
from kiosk.server.schemas import ErrorOut, EventBatchIn, EventResultOut, EventResultsOut
from kiosk.server.sites import Sender


class _BodyReadLater(Request):
    """A request whose body, when it is not JSON, reads as a sentence saying so."""

    async def json(self) -> Any:
        try:
            return await super().json()
        except ValueError as exc:  # not JSON, or not UTF-8
            return f"the body is not JSON: {exc}"


class TokenBeforeBody(APIRoute):
    """FastAPI parses a JSON body before it runs the dependencies, so a body that is not
    JSON was answered 422 (or 400 when not UTF-8) before a missing token was answered
    401. Here the parse cannot fail: the token is checked first, then the sentence
    that stands for the body is refused as not a batch, 422 (docs/sync-api.md)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(_BodyReadLater(request.scope, request.receive))

        return handle


router = APIRouter(tags=["sync"], route_class=TokenBeforeBody)


@router.post(
    "/events",
    summary="Push a batch of events",
    response_model=EventResultsOut,
    response_model_exclude_none=True,
    responses={
        401: {"model": ErrorOut, "description": "missing or unknown kiosk token"},
        413: {"model": ErrorOut, "description": "body over the size limit (2 MiB)"},
        429: {"model": ErrorOut, "description": "over the rate: wait Retry-After seconds"},
    },
)
def push_events(
    batch: EventBatchIn, session: SessionDep, kiosk: KioskDep, settings: SettingsDep
) -> EventResultsOut:
    """Each event is applied once however often it arrives (``duplicate`` after the
    first time); late events are placed by their own ``occurred_at``; a malformed event
    is ``rejected`` with its reason and the others are still applied."""
    if len(batch.events) > settings.batch_max:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"at most {settings.batch_max} events per batch",
        )
    events = [IncomingEvent(e.id, e.kind, e.occurred_at, e.payload) for e in batch.events]
    results = apply_events(session, Sender.of(kiosk), events, settings.clock())
    return EventResultsOut(
        results=[EventResultOut(id=r.id, status=r.status, error=r.error) for r in results]
    )
