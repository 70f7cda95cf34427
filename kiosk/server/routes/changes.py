"""``GET /api/v1/changes``: what other kiosks changed since the caller's cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.server.changelog import changes_since
from kiosk.server.deps import KioskDep, SessionDep, SettingsDep
from kiosk.server.schemas import ChangeOut, ChangesOut, ErrorOut
from kiosk.server.sites import Sender

router = APIRouter(tags=["sync"])
SEQ_MAX = 2**63 - 1


@router.get(
    "/changes",
    summary="Pull what other kiosks changed",
    response_model=ChangesOut,
    responses={
        401: {"model": ErrorOut, "description": "missing or unknown kiosk token"},
        429: {"model": ErrorOut, "description": "over the rate: wait Retry-After seconds"},
    },
)
def pull_changes(
    session: SessionDep,
    kiosk: KioskDep,
    settings: SettingsDep,
    since: Annotated[
        int,
        # a seq is a signed 64-bit integer (BIGSERIAL): beyond, no database can compare
        Query(ge=0, le=SEQ_MAX, description="the cursor of the last reply, 0 at first"),
    ] = 0,
    limit: Annotated[int | None, Query(ge=1, le=1000, description="at most (default 500)")] = None,
) -> ChangesOut:
    """Members (badge versions, erasures), certifications, machines and hours exceptions
    changed by other kiosks, in ``seq`` order; ``more`` means ask again at once."""
    count = min(limit or settings.changes_limit_default, settings.changes_limit_max)
    page = changes_since(session, Sender.of(kiosk), since, count)
    return ChangesOut(
        changes=[
            ChangeOut(seq=c.seq, kind=c.kind, payload=c.payload, occurred_at=c.occurred_at)
            for c in page.changes
        ],
        cursor=page.cursor,
        more=page.more,
    )
