"""Visit counts for a year from the server's database: all kiosks together, the same
JSON as the kiosk's own report (kiosk.reports.yearly) with ``source`` ``server`` and the visits
recorded by each kiosk, and the workshops the kiosks synced, counted as a kiosk counts its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.reports.yearly import YearlyReport, report_from
from kiosk.server.models import TALLY, Kiosk, Member, Visit
from kiosk.server.snapshots import table_of
from kiosk.server.workshops.tables import (
    ServerAttendanceEntry,
    ServerEnrolment,
    ServerWorkshop,
    ServerWorkshopSession,
)
from kiosk.workshops.counts import WorkshopTables, workshop_counts

SERVER_TABLES = WorkshopTables(
    ServerWorkshop, ServerWorkshopSession, ServerEnrolment, ServerAttendanceEntry
)


def visit_report(
    sessions: sessionmaker[Session], year: int, tz: ZoneInfo, now: datetime
) -> YearlyReport:
    report = report_from(
        sessions,
        tables=TALLY,
        visit=table_of(Visit),
        member=table_of(Member),
        year=year,
        tz=tz,
        now=now,
        source="server",
    )
    with sessions() as session:
        names = {kiosk_id: name for kiosk_id, name in session.execute(select(Kiosk.id, Kiosk.name))}
        # the same counting as a kiosk's, on the server's copies of the workshops' tables
        workshops = workshop_counts(session, tz, year, SERVER_TABLES)
    by_kiosk = {
        names.get(int(kiosk_id), kiosk_id) if kiosk_id.isdigit() else kiosk_id: n
        for kiosk_id, n in report.by_kiosk.items()
    }
    return replace(report, by_kiosk=by_kiosk, workshops=workshops)
