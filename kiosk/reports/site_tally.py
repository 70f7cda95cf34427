"""The server's tallies: one set per site, each counted in its site's time zone (a visit
at 23:30 UTC on 31 December is in the next year in Paris, not in Montréal), and each
site's years packed in one row (``visit_tally_year``) kept up to date at refresh, so a
network's yearly report reads one row per site and year, not 500 sites' days.

The ingest marks a site's UTC days (``mark_dirty(session, TALLY, days, site)``); the
kiosk's own tallies (kiosk.reports.tally without a site) are unchanged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import asdict, fields
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from kiosk.reports.tally import (
    TallyTables,
    lock_for_refresh,
    rebuild_all,
    rebuild_marked,
)
from kiosk.reports.year_counts import YearCounts, year_counts

_FIELDS = {f.name for f in fields(YearCounts)}


def _year_table(tables: TallyTables) -> Table:
    if not tables.per_site or tables.year is None:
        raise ValueError("these tallies are not kept per site (the kiosk's)")
    return tables.year


def refresh_sites(
    session: Session, tables: TallyTables, visit: Table, zones: Mapping[int, ZoneInfo]
) -> int:
    """Rebuild every site's marked days, each in its zone (*zones*: site id to zone),
    then repack the years they fall in; the local days rebuilt, all sites together.

    The same locking as kiosk.reports.tally.refresh: its own transaction, before
    reading. A mark of a site not in *zones* (removed since) is dropped."""
    year = _year_table(tables)
    lock_for_refresh(session)
    d = tables.dirty.c
    marked: dict[int, list[date]] = defaultdict(list)
    for site, day in session.execute(delete(tables.dirty).returning(d.site_id, d.day)):
        marked[int(site)].append(day)
    rebuilt = 0
    for site, days in sorted(marked.items()):
        if site not in zones:
            continue
        local = rebuild_marked(session, tables, visit, zones[site], days, site)
        rebuilt += len(local)
        for each_year in sorted({day.year for day in local}):
            pack_year(session, tables, year, site, each_year)
    return rebuilt


def pack_year(session: Session, tables: TallyTables, year: Table, site: int, number: int) -> None:
    """One site's year read from its days and kept whole in ``visit_tally_year``."""
    counts = year_counts(session, tables, number, site)
    session.execute(delete(year).where(year.c.site_id == site, year.c.year == number))
    session.execute(
        year.insert(),
        {"site_id": site, "year": number, "counts": json.dumps(asdict(counts), sort_keys=True)},
    )


def rebuild_site(
    session: Session, tables: TallyTables, visit: Table, site: int, tz: ZoneInfo
) -> int:
    """One site's tallies again from its visits (its zone changed, or to check)."""
    year = _year_table(tables)
    days = rebuild_all(session, tables, visit, tz, site)
    session.execute(delete(year).where(year.c.site_id == site))
    v = tables.visitors.c
    years = set(session.scalars(select(v.year).where(v.site_id == site).distinct()))
    h = tables.hour.c
    years |= {day.year for day in session.scalars(select(h.day).where(h.site_id == site))}
    for number in sorted(years):
        pack_year(session, tables, year, site, number)
    return days


def empty_year(number: int) -> YearCounts:
    """A year without a visit."""
    return YearCounts(
        year=number,
        visits=0,
        member_visits=0,
        guests=0,
        guest_groups=0,
        unique_visitors=0,
        by_month=[0] * 12,
        by_weekday=[0] * 7,
        by_hour=[0] * 24,
        by_space={},
        by_purpose={},
        by_age_bracket={},
        unique_by_age_bracket={},
        by_kiosk={},
    )


def _unpacked(text: str) -> YearCounts:
    data: dict[str, Any] = json.loads(text)
    return YearCounts(**{key: value for key, value in data.items() if key in _FIELDS})


def packed_year_counts(
    session: Session, tables: TallyTables, years: Collection[int], sites: Collection[int]
) -> dict[tuple[int, int], YearCounts]:
    """(site, year) to its counts, for every site and year asked (zeros for a year
    without visits), from the packed rows: call :func:`refresh_sites` first."""
    year = _year_table(tables)  # a year no report counts (1999, the year before 2000): zeros
    found = {
        (int(site), int(number)): _unpacked(text)
        for site, number, text in session.execute(
            select(year.c.site_id, year.c.year, year.c.counts).where(
                year.c.year.in_(list(years)), year.c.site_id.in_(list(sites))
            )
        )
    }
    return {
        (site, number): found.get((site, number)) or empty_year(number)
        for site in sites
        for number in years
    }
