"""``GET /api/v1/reports/visits?year=Y[&site=NAME | &network=1]``: a year's visit counts.

A kiosk asks with its token (staff mode shows the server's counts) and gets its own
site's; a staff member signed in to the web pages (kiosk.server.web.routes) asks with
the session cookie and gets their site's, or, with a network account, any site's
(``site``) or the network's (``network=1``: every site and their sum). Who sees what:
kiosk.server.report_access. Each reader has ``ServerSettings.report_rate_per_minute``
requests a minute (kiosk.server.throttle), shared by every server process; more gets
429 and Retry-After.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from kiosk.reports.network import NetworkReport
from kiosk.reports.tally import FIRST_YEAR, LAST_YEAR
from kiosk.reports.yearly import YearlyReport
from kiosk.server.deps import ReportReaderDep, SettingsDep
from kiosk.server.report import all_sites, network_report, site_report
from kiosk.server.report_access import ReportRefused, scope_for
from kiosk.server.schemas import ErrorOut
from kiosk.server.throttle import spend_report_token

router = APIRouter(tags=["reports"])
YEAR = Query(ge=FIRST_YEAR, le=LAST_YEAR, description="the calendar year, in each site's zone")
SITE = Query(max_length=120, description="a site's name (a network account's choice)")
NETWORK = Query(description="every site and their total (a network account)")


@router.get(
    "/reports/visits",
    summary="Visit counts of a year: a site's kiosks together, or the network's",
    response_model=YearlyReport | NetworkReport,
    responses={
        400: {"model": ErrorOut, "description": "both a site and the network asked"},
        401: {"model": ErrorOut, "description": "no kiosk token and no staff session"},
        403: {"model": ErrorOut, "description": "another site's counts, for a site's reader"},
        404: {"model": ErrorOut, "description": "no site of that name"},
        429: {"model": ErrorOut, "description": "too many reports asked: see Retry-After"},
    },
)
def visits_of_year(
    request: Request,
    settings: SettingsDep,
    reader: ReportReaderDep,
    year: Annotated[int, YEAR],
    site: Annotated[str | None, SITE] = None,
    network: Annotated[bool, NETWORK] = False,
) -> YearlyReport | NetworkReport:
    """A site's counts as documented in the README (``source`` ``server``, ``by_kiosk``
    too); with ``network=1``, ``{year, generated_at, sites: [{site, report}], total}``."""
    sessions = request.app.state.sessions
    with sessions() as session:
        sites = all_sites(session)
    try:
        scope = scope_for(reader, sites, site, network)
    except ReportRefused as refused:
        raise HTTPException(refused.status, str(refused)) from refused
    per_minute = settings.report_rate_per_minute
    wait = spend_report_token(sessions, f"reports:{reader.key}", per_minute)
    if wait:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"more than {per_minute} reports a minute; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    now = datetime.now(UTC)
    if scope.site is None:
        return network_report(sessions, year, now)
    return site_report(sessions, scope.site.id, year, now)
