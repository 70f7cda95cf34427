"""``GET /api/v1/reports/visits?year=Y``: the yearly visit counts of all kiosks.

A kiosk asks with its token (staff mode shows the server's counts); a staff member
signed in to the web pages (kiosk.server.web.routes) asks with the session cookie. Each has
``ServerSettings.report_rate_per_minute`` requests a minute (kiosk.server.throttle),
shared by every server process; more gets 429 and Retry-After.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Query, Request, status

from kiosk.reports.tally import FIRST_YEAR, LAST_YEAR
from kiosk.reports.yearly import YearlyReport
from kiosk.server.deps import ReportReaderDep, SettingsDep
from kiosk.server.report import visit_report
from kiosk.server.schemas import ErrorOut
from kiosk.server.throttle import spend_report_token

router = APIRouter(tags=["reports"])
YEAR = Query(ge=FIRST_YEAR, le=LAST_YEAR, description="the calendar year, in the site's time zone")


@router.get(
    "/reports/visits",
    summary="Visit counts of a year, all kiosks together",
    response_model=YearlyReport,
    responses={
        401: {"model": ErrorOut, "description": "no kiosk token and no staff session"},
        429: {"model": ErrorOut, "description": "too many reports asked: see Retry-After"},
    },
)
def visits_of_year(
    request: Request,
    settings: SettingsDep,
    reader: ReportReaderDep,
    year: Annotated[int, YEAR],
) -> YearlyReport:
    """The counts documented in the README (``source`` is ``server``; ``by_kiosk`` too)."""
    per_minute = settings.report_rate_per_minute
    wait = spend_report_token(request.app.state.sessions, f"reports:{reader}", per_minute)
    if wait:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"more than {per_minute} reports a minute; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    return visit_report(
        request.app.state.sessions, year, ZoneInfo(settings.timezone), datetime.now(UTC)
    )
