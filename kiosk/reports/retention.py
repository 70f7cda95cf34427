"""The retention, in one place for the kiosk and the server: identified visits older than
the retention period lose their member id and keep their visitor key and age bracket, a
year wholly past it gets random visitor keys, so the yearly counts never change. The
kiosk also deletes the sync events that old; the server runs the same rule on its tables
(kiosk.server.retention schedules it)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.models import TALLY, OutboxEvent, Visit
from kiosk.reports.tally import FIRST_YEAR, UNKNOWN, TallyTables, local_bounds
from kiosk.site import Site

log = logging.getLogger(__name__)


def months_before(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.month - 1 - months, 12)
    day = min(moment.day, 28)
    return moment.replace(year=moment.year + year, month=month + 1, day=day)


@dataclass(frozen=True)
class RetentionReport:
    anonymized_visits: int
    removed_events: int  # sent sync events deleted (the kiosk's outbox; 0 on the server)
    sealed_years: list[int]


def retention_cutoff(now: datetime, months: int) -> datetime:
    """Visits checked in before this moment are past the retention of *months*."""
    if months < 1:
        raise ValueError("keep identified visits at least one month")
    return months_before(now, months)


def make_old_visits_anonymous(
    session: Session, visit: Table, tally: TallyTables, cutoff: datetime, tz: ZoneInfo
) -> RetentionReport:
    """The rule both sides share, on their own visit and tally tables."""
    anonymized = anonymize_before(session, visit, cutoff)
    sealed = seal_years(session, tally, visit, cutoff, tz)
    return RetentionReport(anonymized, 0, sealed)


def apply_retention(
    session: Session, *, months: int, now: datetime, tz: ZoneInfo
) -> RetentionReport:
    """The kiosk's retention: old visits made anonymous and old years sealed (see
    :func:`make_old_visits_anonymous`), and sent outbox events that old deleted."""
    cutoff = retention_cutoff(now, months)
    report = make_old_visits_anonymous(session, cast(Table, Visit.__table__), TALLY, cutoff, tz)
    removed = session.execute(  # type: ignore[attr-defined]
        delete(OutboxEvent).where(OutboxEvent.sent_at.is_not(None), OutboxEvent.created_at < cutoff)
    ).rowcount
    return RetentionReport(report.anonymized_visits, int(removed or 0), report.sealed_years)


def apply_site_retention(site: Site) -> RetentionReport:
    """The retention of ``[site] data_retention_months`` (default 12), in one
    transaction; the sync thread runs it once a day, ``fablab-kiosk retention`` too."""
    with site.transaction() as session:
        report = apply_retention(
            session, months=site.settings.data_retention_months, now=site.now(), tz=site.settings.tz
        )
    if report.anonymized_visits or report.sealed_years:
        log.info(
            "retention: %d visits made anonymous, %d old events deleted, years sealed: %s",
            report.anonymized_visits,
            report.removed_events,
            report.sealed_years or "none",
        )
    return report


def anonymize_before(session: Session, visit: Table, cutoff: datetime) -> int:
    """Closed visits checked in before *cutoff* lose their member id, and a network
    visitor's visit its badge text (they keep their visitor key, home site and age
    bracket: the counts do not change); how many."""
    c = visit.c
    old = (c.checked_in_at < cutoff, c.checked_out_at.is_not(None))
    result = session.execute(
        update(visit).where(c.member_id.is_not(None), *old).values(member_id=None)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if "network_badge" in c:  # the kiosk's table (the server's may not have it)
        badges = session.execute(
            update(visit).where(c.network_badge.is_not(None), *old).values(network_badge=None)
        )
        count += int(getattr(badges, "rowcount", 0) or 0)
    return count


def seal_years(
    session: Session,
    tables: TallyTables,
    visit: Table,
    cutoff: datetime,
    tz: ZoneInfo,
    site: int | None = None,
) -> list[int]:
    """Random visitor keys for the years that ended before *cutoff* and still carry keys
    made from member ids, so nothing links those visits to a person any more; different
    keys stay different, so the yearly counts do not change. A sealed key is 'r' + 23 hex
    digits (a key made from a member id is hex only). The years sealed. On the server,
    one *site*'s visits and tallies, in its zone *tz*."""
    c = visit.c
    mine = [] if site is None else [c.site_id == site]
    extra = {} if site is None else {"site_id": site}
    last_sealable = cutoff.astimezone(tz).year - 1
    first = session.scalar(select(func.min(c.checked_in_at)).where(*mine))
    sealed: list[int] = []
    if first is None:
        return sealed
    v = tables.visitors
    # the years a report counts only: a visit dated 0001 (stored before dates were
    # checked) would start the loop two thousand years back, or overflow west of UTC
    for year in range(max(FIRST_YEAR, first.year - 1), last_sealable + 1):
        start, _ = local_bounds(date(year, 1, 1), tz)
        _, end = local_bounds(date(year, 12, 31), tz)
        rows = session.execute(
            select(c.id, c.visitor).where(
                c.checked_in_at >= start,
                c.checked_in_at < end,
                c.visitor.is_not(None),
                ~c.visitor.startswith("r"),
                *mine,
            )
        ).all()
        if not rows:
            continue
        fresh: dict[str, str] = {}
        for _id, key in rows:
            fresh.setdefault(str(key), "r" + secrets.token_hex(12)[:23])
        session.execute(
            update(visit)
            .where(c.id == bindparam("visit_id"))
            .values(visitor=bindparam("new_visitor")),
            [{"visit_id": vid, "new_visitor": fresh[str(key)]} for vid, key in rows],
        )
        of_site = [] if site is None else [v.c.site_id == site]
        ages = {
            fresh.get(key, key): age
            for key, age in session.execute(
                select(v.c.visitor, v.c.age_bracket).where(v.c.year == year, *of_site)
            )
        }
        session.execute(delete(v).where(v.c.year == year, v.c.visitor.in_(list(fresh)), *of_site))
        session.execute(
            v.insert(),
            [
                {**extra, "year": year, "visitor": new, "age_bracket": ages.get(new, UNKNOWN)}
                for new in fresh.values()
            ],
        )
        sealed.append(year)
    return sealed
