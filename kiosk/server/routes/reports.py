"""``GET /api/v1/reports/visits?year=Y``: the yearly visit counts of all kiosks.

A kiosk asks with its token (staff mode shows the server's counts); a staff member
signed in to the web pages (kiosk.server.web.routes) asks with the session cookie.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Query, Request, status

from kiosk.server.accounts import kiosk_for_token
from kiosk.server.deps import Credentials, SettingsDep
from kiosk.server.report import visit_report
from kiosk.server.schemas import ErrorOut
from kiosk.server.staff_session import signed_in_staff

router = APIRouter(tags=["reports"])
YEAR = Query(ge=2000, le=2100, description="the calendar year, in the site's time zone")


def authorized(request: Request, credentials: Credentials) -> bool:
    if signed_in_staff(request) is not None:
        return True
    if credentials is None:
        return False
    with request.app.state.sessions() as session:
        return kiosk_for_token(session, credentials.credentials) is not None


@router.get(
    "/reports/visits",
    summary="Visit counts of a year, all kiosks together",
    responses={401: {"model": ErrorOut, "description": "no kiosk token and no staff session"}},
)
def visits_of_year(
    request: Request,
    settings: SettingsDep,
    credentials: Credentials,
    year: Annotated[int, YEAR],
) -> dict[str, Any]:
    """The JSON documented in the README (``source`` is ``server``; ``by_kiosk`` too)."""
    if not authorized(request, credentials):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a kiosk token or a staff session is needed",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return visit_report(
        request.app.state.sessions, year, ZoneInfo(settings.timezone), datetime.now(UTC)
    )
