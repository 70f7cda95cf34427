"""Visit counts for a year from the server's database: a site's (all its kiosks
together, in its time zone: the same JSON as a kiosk's own report, kiosk.reports.yearly,
with ``source`` ``server`` and the visits recorded by each kiosk), or the network's
(every site's and their sum, kiosk.reports.network).

The tallies are brought up to date first (kiosk.reports.site_tally.refresh_sites, a
short write when nothing changed), then each site's year is one packed row: a network
of 500 sites is read in a handful of queries. The workshops are counted as a kiosk
counts its own, for the sites that held one that year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.reports.network import NetworkReport, SiteReport, network_total
from kiosk.reports.site_tally import packed_year_counts, refresh_sites
from kiosk.reports.tally import check_year
from kiosk.reports.yearly import YearlyReport, build_report, year_bounds
from kiosk.server.models import TALLY, Kiosk, Member, Site, Visit
from kiosk.server.snapshots import table_of
from kiosk.server.workshops.tables import (
    ServerAttendanceEntry,
    ServerEnrolment,
    ServerWorkshop,
    ServerWorkshopSession,
)
from kiosk.workshops.counts import WorkshopCounts, WorkshopTables, workshop_counts

SERVER_TABLES = WorkshopTables(
    ServerWorkshop, ServerWorkshopSession, ServerEnrolment, ServerAttendanceEntry
)


@dataclass(frozen=True)
class SiteRow:
    """A site as the reports need it."""

    id: int
    name: str
    timezone: ZoneInfo


def all_sites(session: Session) -> list[SiteRow]:
    """Every site of the server, by name."""
    return [
        SiteRow(site_id, name, ZoneInfo(zone))
        for site_id, name, zone in session.execute(
            select(Site.id, Site.name, Site.timezone).order_by(Site.name)
        )
    ]


def _new_members(session: Session, sites: Sequence[SiteRow], year: int) -> dict[int, int]:
    """Members registered in *year* per site, in each site's zone: one query per zone
    (a network has a few), not per site."""
    by_zone: dict[str, list[int]] = defaultdict(list)
    for site in sites:
        by_zone[str(site.timezone)].append(site.id)
    found: dict[int, int] = {site.id: 0 for site in sites}
    for zone, ids in by_zone.items():
        start, end = year_bounds(year, ZoneInfo(zone))
        for site_id, n in session.execute(
            select(Member.site_id, func.count())
            .where(Member.site_id.in_(ids), Member.created_at >= start, Member.created_at < end)
            .group_by(Member.site_id)
        ):
            found[int(site_id)] = int(n)
    return found


def _workshops(session: Session, sites: Sequence[SiteRow], year: int) -> dict[int, WorkshopCounts]:
    """Each site's workshops of *year*: counted for the sites that held a session
    around that year (one query finds them), zeros for the others."""
    start, end = year_bounds(year, ZoneInfo("UTC"))
    s = ServerWorkshopSession
    held = set(
        session.scalars(
            select(s.site_id)
            .where(s.starts_at >= start - timedelta(days=1), s.starts_at < end + timedelta(days=1))
            .distinct()
        )
    )
    return {
        site.id: (
            workshop_counts(session, site.timezone, year, SERVER_TABLES, site.id)
            if site.id in held
            else WorkshopCounts.none(year)
        )
        for site in sites
    }


def _refresh(sessions: sessionmaker[Session]) -> list[SiteRow]:
    with transaction(sessions) as session:
        sites = all_sites(session)
        refresh_sites(session, TALLY, table_of(Visit), {s.id: s.timezone for s in sites})
    return sites


def _reports(
    session: Session, sites: Sequence[SiteRow], year: int, now: datetime
) -> list[YearlyReport]:
    ids = [site.id for site in sites]
    counts = packed_year_counts(session, TALLY, (year, year - 1), ids)
    new, previous_new = _new_members(session, sites, year), _new_members(session, sites, year - 1)
    workshops = _workshops(session, sites, year)
    kiosks = {str(i): name for i, name in session.execute(select(Kiosk.id, Kiosk.name))}
    reports = []
    for site in sites:
        report = build_report(
            counts[(site.id, year)],
            counts[(site.id, year - 1)],
            new[site.id],
            previous_new[site.id],
            source="server",
            tz=site.timezone,
            generated_at=now,
            workshops=workshops[site.id],
        )
        by_kiosk = {kiosks.get(k, k): n for k, n in report.by_kiosk.items()}
        reports.append(replace(report, by_kiosk=by_kiosk))
    return reports


def site_report(
    sessions: sessionmaker[Session], site_id: int, year: int, now: datetime
) -> YearlyReport:
    """One site's year (ValueError for a year no report counts, LookupError for a
    site that is not there)."""
    check_year(year)
    sites = [site for site in _refresh(sessions) if site.id == site_id]
    if not sites:
        raise LookupError(f"no site number {site_id}")
    with sessions() as session:
        return _reports(session, sites, year, now)[0]


def network_report(
    sessions: sessionmaker[Session],
    year: int,
    now: datetime,
    only: Collection[int] | None = None,
) -> NetworkReport:
    """Every site's year (or those in *only*) and their sum."""
    check_year(year)
    sites = [site for site in _refresh(sessions) if only is None or site.id in only]
    with sessions() as session:
        reports = _reports(session, sites, year, now)
    return NetworkReport(
        year=year,
        generated_at=now,
        sites=tuple(SiteReport(site.name, r) for site, r in zip(sites, reports, strict=True)),
        total=network_total(year, reports, now),
    )
