"""The yearly report as staff get it at the kiosk or from ``fablab-kiosk report``: from
the central server when it answers (all kiosks together), else from this kiosk's own
database, saying which and how many visits here the server has not heard of yet."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.models import OutboxEvent
from kiosk.reports.yearly import YearlyReport, local_report
from kiosk.site import Site
from kiosk.sync.client import SyncClient, SyncError
from kiosk.sync.pull import state_row

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportResult:
    report: YearlyReport
    source: str  # "server" or "local"
    server_problem: str | None  # why the server's counts are not shown (None: they are)
    waiting_visits: int  # visits here not yet on the server (not in its counts)


def _server(site: Site) -> tuple[str | None, str | None]:
    with site.transaction() as session:
        state = state_row(session)
        return state.server_url, state.token


def _waiting_visits(site: Site) -> int:
    with site.sessions() as session:
        found = session.scalar(
            select(func.count()).where(
                OutboxEvent.kind == "visit",
                OutboxEvent.sent_at.is_(None),
                OutboxEvent.rejected_at.is_(None),
            )
        )
    return int(found or 0)


def yearly_report(
    site: Site,
    year: int,
    *,
    use_server: bool = True,
    timeout: tuple[float, float] = (3.0, 15.0),
    client: SyncClient | None = None,
) -> ReportResult:
    """The server's report if it answers, else the local one (never raises for the
    server: its problem is in ``server_problem``)."""
    problem: str | None = None
    waiting = _waiting_visits(site)
    if use_server:
        url, token = _server(site)
        if url and token:
            own = client is None
            client = client or SyncClient(
                url, token, timeout=timeout, site_code=site.settings.site_id
            )
            try:
                return ReportResult(client.visit_report(year), "server", None, waiting)
            except SyncError as exc:
                problem = str(exc)
                log.warning("report from the server failed, local counts shown: %s", exc)
            finally:
                if own:
                    client.close()
        else:
            problem = "this kiosk is not connected to a server"
    report = local_report(site.sessions, year, site.settings.tz, site.now())
    return ReportResult(report, "local", problem, waiting)
