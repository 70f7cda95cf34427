"""Visit counts kept per local day, so a yearly report reads a few thousand rows, not
every visit (the kiosk's SQLite and the server's PostgreSQL alike).

Three small tables, built from the visit table and never edited by hand:

- ``visit_tally_day``: per local day and per value of each dimension (space, purpose,
  age bracket, kiosk, member-or-guest), the visit rows and the people they bring (a
  guest group of 5 is one row, 5 people);
- ``visit_tally_hour``: per local day and hour of check-in, rows and people;
- ``visitor_year``: each visitor key seen in a (local) year, with its youngest age bracket.

Every write to a visit marks its UTC day in ``visit_tally_dirty`` (the kiosk does it in
a flush hook, the server in its ingest, in the same transaction as the visit). Before
counting, :func:`refresh` rebuilds the local days around each marked day from the visit
rows. A visit counts once, on the day and in the year it was checked in, whenever it
was checked out. Visitor keys (:func:`visitor_key`) are not member ids: a visit made
anonymous (erasure, retention) keeps its key, so "different people" stays right.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    ColumnElement,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

# The years a report can count. A visit outside them (a kiosk whose clock said 9999, a
# row stored before dates were checked) is left out of the counts instead of breaking
# every report: local days near the ends of the calendar cannot even be computed.
FIRST_YEAR, LAST_YEAR = 2000, 2100
UNKNOWN = ""  # no space, purpose or age bracket (primary keys cannot hold NULL)
# PostgreSQL advisory lock: ingests hold it shared while they write visits, a refresh
# holds it alone (see refresh)
ADVISORY_KEY = 0x666C6B74  # "flkt"


@dataclass(frozen=True)
class TallyTables:
    day: Table
    hour: Table
    visitors: Table
    dirty: Table
    # the server's: every row is a site's (``site_id``, first in each primary key),
    # and each site's years are packed in ``visit_tally_year`` (kiosk.reports.site_tally)
    per_site: bool = False
    year: Table | None = None


def _site_key(per_site: bool) -> list[Column[Any]]:
    return [Column("site_id", Integer, primary_key=True)] if per_site else []


def define_tally_tables(metadata: MetaData, *, per_site: bool = False) -> TallyTables:
    """The tally tables in *metadata*: the kiosk's, or with *per_site* the server's,
    where a visit counts in its site's tallies, in its site's time zone."""
    day = Table(
        "visit_tally_day",
        metadata,
        *_site_key(per_site),
        Column("day", Date, primary_key=True),
        # one count per dimension: space, purpose, age (bracket), kiosk (its id as text),
        # who (member or guest); a report never needs two dimensions crossed
        Column("dim", String(8), primary_key=True),
        Column("value", String(40), primary_key=True),
        Column("visits", Integer, nullable=False),
        Column("people", Integer, nullable=False),
    )
    hour = Table(
        "visit_tally_hour",
        metadata,
        *_site_key(per_site),
        Column("day", Date, primary_key=True),
        Column("hour", Integer, primary_key=True),
        Column("visits", Integer, nullable=False),
        Column("people", Integer, nullable=False),
    )
    visitors = Table(
        "visitor_year",
        metadata,
        *_site_key(per_site),
        Column("year", Integer, primary_key=True),
        Column("visitor", String(32), primary_key=True),
        Column("age_bracket", String(8), nullable=False),
    )
    dirty = Table(
        "visit_tally_dirty", metadata, *_site_key(per_site), Column("day", Date, primary_key=True)
    )
    if not per_site:
        return TallyTables(day, hour, visitors, dirty)
    year = Table(
        "visit_tally_year",
        metadata,
        Column("site_id", Integer, primary_key=True),
        Column("year", Integer, primary_key=True),
        # a YearCounts as JSON, rewritten at each refresh that touched the year: a
        # network's yearly report reads one row per site, not every site's days
        Column("counts", Text, nullable=False),
    )
    return TallyTables(day, hour, visitors, dirty, True, year)


def visitor_key(secret: bytes, member_id: str, year: int) -> str:
    """The key a member's visits of *year* carry: the same on every kiosk of the site
    (the site secret is shared), different each year, and not the member id."""
    message = f"visitor|{member_id}|{year}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:24]


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def local_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local day, in UTC (23 or 25 hours on DST days)."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _insert(session: Session) -> Any:
    """The INSERT with ``ON CONFLICT`` of the session's database."""
    return postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _insert_ignore(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(_insert(session)(table).on_conflict_do_nothing(), rows)


def mark_dirty(
    session: Session, tables: TallyTables, days: Iterable[date], site: int | None = None
) -> None:
    """Mark UTC days whose visits changed (in the transaction that changed them); on
    the server, the days of *site* (the site of the visits)."""
    if tables.per_site != (site is not None):
        raise ValueError("the server's tallies are marked per site; the kiosk's without one")
    extra = {} if site is None else {"site_id": site}
    _insert_ignore(session, tables.dirty, [{**extra, "day": day} for day in sorted(set(days))])


def lock_for_visit_writes(session: Session) -> None:
    """PostgreSQL: wait while a refresh runs; called by writers before marking days."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": ADVISORY_KEY})


def check_year(year: int) -> None:
    """Raise ValueError, in words, for a year no report can count."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR} (not {year})")


def countable(day: date) -> bool:
    """True for a day of the years a report counts (:data:`FIRST_YEAR`..:data:`LAST_YEAR`)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def local_days_of(day: date, tz: ZoneInfo) -> set[date]:
    """The local days a UTC day overlaps (two, or one for a zone at UTC)."""
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return {
        start.astimezone(tz).date(),
        (start + timedelta(hours=24, microseconds=-1)).astimezone(tz).date(),
    }


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days [first, last]."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


DIMENSIONS = ("space", "purpose", "age", "kiosk", "who")


def refresh(session: Session, tables: TallyTables, visit: Table, tz: ZoneInfo) -> int:
    """Rebuild the tallies of the local days around every marked day; the days rebuilt.

    Run it in its own transaction, before reading the tallies. It starts by deleting the
    marks (a write: on SQLite it takes the write lock first, so no writer slips in
    between); on PostgreSQL it holds the advisory lock alone, so a visit committed while
    it counts leaves its mark for the next refresh. (The server's, per site:
    kiosk.reports.site_tally.refresh_sites.)
    """
    lock_for_refresh(session)
    marked = list(session.scalars(delete(tables.dirty).returning(tables.dirty.c.day)))
    return len(rebuild_marked(session, tables, visit, tz, marked))


def lock_for_refresh(session: Session) -> None:
    """PostgreSQL: the advisory lock alone, while visit writers wait (see refresh)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_KEY})


def rebuild_marked(
    session: Session,
    tables: TallyTables,
    visit: Table,
    tz: ZoneInfo,
    marked: Iterable[date],
    site: int | None = None,
) -> list[date]:
    """Rebuild the local days around the marked UTC days (of *site* on the server);
    the local days rebuilt, in order."""
    # a UTC day next to a counted year may be a local day of it
    near = [day for day in marked if FIRST_YEAR - 1 <= day.year <= LAST_YEAR + 1]
    days = sorted({local for day in near for local in local_days_of(day, tz) if countable(local)})
    for first, last in _runs(days):
        _rebuild(session, tables, visit, tz, first, last, site)
    return days


def _whole_hour_offsets(tz: ZoneInfo, start: datetime, end: datetime) -> bool:
    """True when local hours start on UTC hours over [start, end) (Paris, London...);
    False for zones such as India (+05:30), where buckets must be minutes."""
    moment = start
    while moment < end:
        offset = moment.astimezone(tz).utcoffset()
        if offset is None or offset.total_seconds() % 3600:
            return False
        moment += timedelta(hours=6)
    return True


def of_site(table: Table, site: int | None) -> list[ColumnElement[bool]]:
    """The WHERE clause of one site's rows (none on the kiosk)."""
    return [] if site is None else [table.c.site_id == site]


def _who(c: Any) -> ColumnElement[Any]:
    """member, guest, or network: a member of another place of the network visiting
    this one (the kiosk's ``home_site``, the server's ``home_site_id``)."""
    guest = (and_(c.member_id.is_(None), c.visitor.is_(None)), "guest")
    for home in ("home_site", "home_site_id"):
        if home in c:
            return case((c[home].is_not(None), "network"), guest, else_="member")
    return case(guest, else_="member")


def _rebuild(
    session: Session,
    tables: TallyTables,
    visit: Table,
    tz: ZoneInfo,
    first: date,
    last: date,
    site: int | None = None,
) -> None:
    """Rebuild the local days [first, last]: the visits are counted by the database in
    UTC hour buckets (minutes for a zone not on whole hours), per dimension, and only
    those few hundred counts come back to be placed in local days and hours."""
    start, _ = local_bounds(first, tz)
    _, end = local_bounds(last, tz)
    c = visit.c
    in_range = and_(c.checked_in_at >= start, c.checked_in_at < end, *of_site(visit, site))
    hours = _whole_hour_offsets(tz, start, end)
    # the day's visits are read once (a materialised CTE), then counted per dimension
    facts = (
        select(
            func.substr(cast(c.checked_in_at, String), 1, 13 if hours else 16).label("bucket"),
            func.coalesce(c.space, UNKNOWN).label("space"),
            func.coalesce(c.purpose, UNKNOWN).label("purpose"),
            func.coalesce(c.age_bracket, UNKNOWN).label("age"),
            cast(c.kiosk_id, String).label("kiosk"),
            _who(c).label("who"),
            case((c.head_count > 1, c.head_count), else_=1).label("people"),
        )
        .where(in_range)
        .cte("facts")
        .prefix_with("MATERIALIZED")
    )
    f = facts.c
    values: dict[str, ColumnElement[Any]] = {
        dim: f[dim] for dim in ("space", "purpose", "age", "kiosk", "who")
    }
    values["hour"] = literal(UNKNOWN)
    parts = [
        select(
            literal(dim).label("dim"),
            f.bucket,
            cast(value, String).label("value"),
            func.count().label("visits"),
            func.sum(f.people).label("people"),
        ).group_by(f.bucket, value)
        for dim, value in values.items()
    ]
    day_counts: Counter[tuple[date, str, str]] = Counter()
    day_people: Counter[tuple[date, str, str]] = Counter()
    hour_counts: Counter[tuple[date, int]] = Counter()
    hour_people: Counter[tuple[date, int]] = Counter()
    fmt = "%Y-%m-%d %H" if hours else "%Y-%m-%d %H:%M"
    for dim, text_bucket, value, n, p in session.execute(union_all(*parts)):
        local = datetime.strptime(text_bucket, fmt).replace(tzinfo=UTC).astimezone(tz)
        if dim == "hour":
            hour_counts[(local.date(), local.hour)] += n
            hour_people[(local.date(), local.hour)] += int(p)
        else:
            day_counts[(local.date(), dim, value)] += n
            day_people[(local.date(), dim, value)] += int(p)
    for table in (tables.day, tables.hour):
        session.execute(
            delete(table).where(table.c.day >= first, table.c.day <= last, *of_site(table, site))
        )
    extra = {} if site is None else {"site_id": site}
    if day_counts:
        session.execute(
            tables.day.insert(),
            [
                {**extra, "day": d, "dim": dim, "value": v, "visits": n}
                | {"people": day_people[(d, dim, v)]}
                for (d, dim, v), n in day_counts.items()
            ],
        )
    if hour_counts:
        session.execute(
            tables.hour.insert(),
            [
                {**extra, "day": d, "hour": h, "visits": n, "people": hour_people[(d, h)]}
                for (d, h), n in hour_counts.items()
            ],
        )
    for year in range(first.year, last.year + 1):
        _visitors_of_year(
            session,
            tables,
            visit,
            tz,
            year,
            max(first, date(year, 1, 1)),
            min(last, date(year, 12, 31)),
            site,
        )


def _visitors_of_year(
    session: Session,
    tables: TallyTables,
    visit: Table,
    tz: ZoneInfo,
    year: int,
    first: date,
    last: date,
    site: int | None,
) -> None:
    """Add the visitors of local days [first, last] (all in *year*) to ``visitor_year``,
    in the database (``INSERT ... SELECT``), with the youngest age bracket seen."""
    start, _ = local_bounds(first, tz)
    _, end = local_bounds(last, tz)
    c = visit.c
    keys = [] if site is None else [literal(site).label("site_id")]
    chosen = (
        select(
            *keys,
            literal(year).label("year"),
            c.visitor,
            func.min(func.coalesce(c.age_bracket, UNKNOWN)).label("age_bracket"),
        )
        .where(
            c.checked_in_at >= start,
            c.checked_in_at < end,
            c.visitor.is_not(None),
            *of_site(visit, site),
        )
        .group_by(c.visitor)
    )
    names = [key.name for key in keys] + ["year", "visitor", "age_bracket"]
    session.execute(
        _insert(session)(tables.visitors).from_select(names, chosen).on_conflict_do_nothing()
    )


def rebuild_all(
    session: Session, tables: TallyTables, visit: Table, tz: ZoneInfo, site: int | None = None
) -> int:
    """Everything again from the visits (after a time-zone change, or to check); on the
    server, one site's (kiosk.reports.site_tally.rebuild_site also repacks its years)."""
    for table in (tables.day, tables.hour, tables.visitors, tables.dirty):
        session.execute(delete(table).where(*of_site(table, site)))
    first_last = session.execute(
        select(func.min(visit.c.checked_in_at), func.max(visit.c.checked_in_at)).where(
            *of_site(visit, site)
        )
    ).one()
    if first_last[0] is None:
        return 0
    first, last = (_local_day(moment, tz) for moment in first_last)
    first, last = max(first, date(FIRST_YEAR, 1, 1)), min(last, date(LAST_YEAR, 12, 31))
    if first > last:  # no visit in the years a report counts
        return 0
    _rebuild(session, tables, visit, tz, first, last, site)
    return int((last - first).days) + 1


def _local_day(moment: datetime, tz: ZoneInfo) -> date:
    try:
        return moment.astimezone(tz).date()
    except OverflowError:  # 9999-12-31T23:59Z east of UTC, 0001-01-01T00:00Z west of it
        return date.max if moment.year > FIRST_YEAR else date.min
