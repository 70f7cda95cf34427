"""The yearly visit report funders ask for, from the kiosk's database (``source``
``local``) or the server's (``server``, all kiosks); one JSON shape for both, written
as a table, CSV or XLSX.

What is counted (the README says the same):
- ``visits``: people who came in. A member's visit is 1, a guest group of 5 is 5. A
  visit counts on the day (month, weekday, hour, year) it was checked in, so one that
  spans midnight or 31 December counts once, in the year it began.
- ``unique_visitors``: different members that year (guests are anonymous, not in it);
  a member erased or made anonymous by the retention still counts once.
- ``new_members``: members registered that year (erased ones included).
- ``guests``: people in guest groups; ``guest_groups``: the groups.
- ``network_visits``: visits by members of the network's other places ("visiteurs du
  réseau", kiosk.network), in ``visits`` and ``unique_visitors`` too, not in
  ``member_visits`` (0 from a server that does not count them apart).
- ``workshops``: the year's workshops and funded trainings
  (kiosk.workshops.counts.WorkshopCounts; zeros from a server that does not count them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.models import AGE_BRACKETS, TALLY, Member, Visit
from kiosk.reports.tally import TallyTables, check_year, refresh, visitor_key
from kiosk.reports.workshop_lines import workshop_rows, workshop_table
from kiosk.reports.year_counts import YearCounts, year_counts
from kiosk.workshops.counts import WorkshopCounts, workshop_counts

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
VISIT_TABLE = cast(Table, Visit.__table__)


def year_bounds(year: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[1 January, next 1 January) local, in UTC."""
    start = datetime.combine(date(year, 1, 1), time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(date(year + 1, 1, 1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _ages(counts: dict[str, int]) -> dict[str, int]:
    """Every bracket, in order, then ``unknown`` (no bracket given, and guests)."""
    ordered = {bracket: counts.get(bracket, 0) for bracket in AGE_BRACKETS}
    ordered["unknown"] = sum(n for key, n in counts.items() if key not in AGE_BRACKETS)
    return ordered


@dataclass(frozen=True)
class PreviousYear:
    """The year before, beside the report's year (for "this year against last")."""

    year: int
    visits: int
    unique_visitors: int
    new_members: int
    guests: int
    by_month: list[int] = field(default_factory=lambda: [0] * 12)

    def total(self, key: str) -> int:
        """visits, unique_visitors, new_members or guests, by name."""
        if key not in ("visits", "unique_visitors", "new_members", "guests"):
            raise KeyError(key)
        return int(getattr(self, key))


# The totals, in the order tables and exports show them.
TOTALS = (
    "visits",
    "member_visits",
    "network_visits",
    "unique_visitors",
    "new_members",
    "guests",
    "guest_groups",
)


@dataclass(frozen=True)
class YearlyReport:
    """The yearly counts, the same object from the kiosk's database and from the server's
    (``source``); its JSON (:meth:`as_json`) is documented in the README."""

    year: int
    source: str  # "local" (this kiosk), "server" (a site's kiosks), "network" (every site)
    timezone: str
    generated_at: datetime
    visits: int
    member_visits: int
    unique_visitors: int
    new_members: int
    guests: int
    guest_groups: int
    by_month: list[int]  # 12 numbers, January first
    by_weekday: list[int]  # 7 numbers, Monday first
    by_hour: list[int]  # 24 numbers, local hour of check-in
    by_space: dict[str, int]
    by_purpose: dict[str, int]
    by_age_bracket: dict[str, int]  # every bracket in order, then "unknown"
    unique_by_age_bracket: dict[str, int]
    by_kiosk: dict[str, int]
    previous_year: PreviousYear
    workshops: WorkshopCounts  # zeros in a year without workshops
    network_visits: int = 0  # visits by members of the network's other places

    def total(self, key: str) -> int:
        """One of :data:`TOTALS` by name (tables and exports list them in order)."""
        if key not in TOTALS:
            raise KeyError(key)
        return int(getattr(self, key))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["generated_at"] = self.generated_at.astimezone(UTC).isoformat()
        data["workshops"] = self.workshops.as_json()
        return data

    @classmethod
    def from_json(cls, data: object) -> YearlyReport:
        """The report in a JSON object (the server's answer): ValueError when it is not
        of the documented shape, never a half-read report."""
        if not isinstance(data, Mapping):
            raise ValueError("a report is a JSON object")
        try:
            previous = data["previous_year"]
            if not isinstance(previous, Mapping):
                raise ValueError("previous_year is not an object")
            generated = datetime.fromisoformat(str(data["generated_at"]))
            if generated.tzinfo is None:
                raise ValueError("generated_at has no time zone")
            year = _int(data["year"])
            # a server from before the workshops answers without them: zeros
            workshops = WorkshopCounts.none(year)
            if "workshops" in data:
                workshops = WorkshopCounts.from_json(data["workshops"])
                if workshops.year != year:
                    raise ValueError(f"workshop counts of {workshops.year} in a {year} report")
            return cls(
                year=year,
                source=str(data["source"]),
                timezone=str(data["timezone"]),
                generated_at=generated,
                **{key: _int(data[key]) for key in TOTALS if key != "network_visits"},
                # a server from before the network answers without it: 0
                network_visits=_int(data.get("network_visits", 0)),
                by_month=_numbers(data["by_month"], 12),
                by_weekday=_numbers(data["by_weekday"], 7),
                by_hour=_numbers(data["by_hour"], 24),
                by_space=_counts(data["by_space"]),
                by_purpose=_counts(data["by_purpose"]),
                by_age_bracket=_counts(data["by_age_bracket"]),
                unique_by_age_bracket=_counts(data["unique_by_age_bracket"]),
                by_kiosk=_counts(data.get("by_kiosk", {})),
                previous_year=PreviousYear(
                    year=_int(previous["year"]),
                    visits=_int(previous["visits"]),
                    unique_visitors=_int(previous["unique_visitors"]),
                    new_members=_int(previous["new_members"]),
                    guests=_int(previous["guests"]),
                    by_month=_numbers(previous["by_month"], 12),
                ),
                workshops=workshops,
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"the report lacks or garbles {exc}") from exc


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    return value


def _numbers(value: object, length: int) -> list[int]:
    if not isinstance(value, list) or len(value) != length:
        raise ValueError(f"expected a list of {length} numbers")
    return [_int(n) for n in value]


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise ValueError("expected an object of counts")
    return {str(key): _int(n) for key, n in value.items()}


def build_report(
    counts: YearCounts,
    previous: YearCounts,
    new_members: int,
    previous_new_members: int,
    *,
    source: str,
    tz: ZoneInfo,
    generated_at: datetime,
    workshops: WorkshopCounts | None = None,
) -> YearlyReport:
    return YearlyReport(
        year=counts.year,
        source=source,
        timezone=str(tz),
        generated_at=generated_at.astimezone(UTC),
        visits=counts.visits,
        member_visits=counts.member_visits,
        network_visits=counts.network_visits,
        unique_visitors=counts.unique_visitors,
        new_members=new_members,
        guests=counts.guests,
        guest_groups=counts.guest_groups,
        by_month=list(counts.by_month),
        by_weekday=list(counts.by_weekday),
        by_hour=list(counts.by_hour),
        by_space=dict(counts.by_space),
        by_purpose=dict(counts.by_purpose),
        by_age_bracket=_ages(counts.by_age_bracket),
        unique_by_age_bracket=_ages(counts.unique_by_age_bracket),
        by_kiosk=dict(counts.by_kiosk),
        previous_year=PreviousYear(
            year=previous.year,
            visits=previous.visits,
            unique_visitors=previous.unique_visitors,
            new_members=previous_new_members,
            guests=previous.guests,
            by_month=list(previous.by_month),
        ),
        workshops=workshops or WorkshopCounts.none(counts.year),
    )


def count_new_members(session: Session, member: Table, year: int, tz: ZoneInfo) -> int:
    start, end = year_bounds(year, tz)
    c = member.c
    found = session.scalar(select(func.count()).where(c.created_at >= start, c.created_at < end))
    return int(found or 0)


def report_from(
    sessions: sessionmaker[Session],
    *,
    tables: TallyTables,
    visit: Table,
    member: Table,
    year: int,
    tz: ZoneInfo,
    now: datetime,
    source: str,
) -> YearlyReport:
    """Bring the tallies up to date (one short write transaction), then read.

    Raises ValueError for a year outside :data:`~kiosk.reports.tally.FIRST_YEAR` ..
    :data:`~kiosk.reports.tally.LAST_YEAR`."""
    check_year(year)
    with transaction(sessions) as session:
        refresh(session, tables, visit, tz)
    with sessions() as session:
        counts = year_counts(session, tables, year)
        previous = year_counts(session, tables, year - 1)
        new = count_new_members(session, member, year, tz)
        previous_new = count_new_members(session, member, year - 1, tz)
    return build_report(counts, previous, new, previous_new, source=source, tz=tz, generated_at=now)


def local_report(
    sessions: sessionmaker[Session], year: int, tz: ZoneInfo, now: datetime
) -> YearlyReport:
    """This kiosk's own counts (``source``: ``local``), its workshops' included."""
    report = report_from(
        sessions,
        tables=TALLY,
        visit=VISIT_TABLE,
        member=cast(Table, Member.__table__),
        year=year,
        tz=tz,
        now=now,
        source="local",
    )
    with sessions() as session:
        return replace(report, workshops=workshop_counts(session, tz, year))


def backfill_visit_facts(sessions: sessionmaker[Session], secret: bytes, tz: ZoneInfo) -> int:
    """Visitor keys for member visits recorded before they existed (after migration
    0005); their days are marked for the tallies by the flush hook."""
    filled = 0
    with transaction(sessions) as session:
        for visit in session.scalars(
            select(Visit).where(Visit.member_id.is_not(None), Visit.visitor.is_(None))
        ):
            assert visit.member_id is not None
            visit.visitor = visitor_key(
                secret, visit.member_id, visit.checked_in_at.astimezone(tz).year
            )
            filled += 1
    return filled


# --- writing it out ---------------------------------------------------------------------


def report_rows(
    report: YearlyReport, name: Callable[[str, str], str] | None = None
) -> list[tuple[str, str, int | float]]:
    """(section, item, count) rows: what the CSV and XLSX files hold (the workshops'
    trainee-hours are the one count with decimals). *name* turns a (section, key) into
    the label shown (a space id into its name, say)."""
    label = name or (lambda _section, key: key)
    rows: list[tuple[str, str, int | float]] = [
        ("total", label("total", key), report.total(key)) for key in TOTALS
    ]
    year = report.year
    rows += [
        ("month", label("month", f"{year}-{i + 1:02d}"), n) for i, n in enumerate(report.by_month)
    ]
    rows += [("weekday", label("weekday", WEEKDAYS[i]), n) for i, n in enumerate(report.by_weekday)]
    rows += [("hour", label("hour", f"{h:02d}:00"), n) for h, n in enumerate(report.by_hour)]
    for section, counts in (
        ("space", report.by_space),
        ("purpose", report.by_purpose),
        ("age_bracket", report.by_age_bracket),
        ("unique_age_bracket", report.unique_by_age_bracket),
    ):
        rows += [(section, label(section, item), n) for item, n in counts.items()]
    previous = report.previous_year
    rows += [
        (f"previous_year_{previous.year}", label("total", key), n)
        for key, n in (
            ("visits", previous.visits),
            ("unique_visitors", previous.unique_visitors),
            ("new_members", previous.new_members),
            ("guests", previous.guests),
        )
    ]
    return rows + workshop_rows(report.workshops, label)


def report_csv(report: YearlyReport, name: Callable[[str, str], str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "section", "item", "count"])
    for section, item, count in report_rows(report, name):
        writer.writerow([report.year, section, item, count])
    return out.getvalue()


def write_csv(
    report: YearlyReport, path: Path, name: Callable[[str, str], str] | None = None
) -> Path:
    """UTF-8 with a BOM, so a spreadsheet opened by double-click reads accents right."""
    _write_atomically(path, report_csv(report, name).encode("utf-8-sig"))
    return path


def write_xlsx(
    report: YearlyReport, path: Path, name: Callable[[str, str], str] | None = None
) -> Path:
    """One sheet of totals and one per section, for a funder's spreadsheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(report.year)
    sheet.append(["section", "item", "count"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for section, item, count in report_rows(report, name):
        sheet.append([section, item, count])
        if item.startswith("="):  # a funder label typed "=…" is text, not a formula
            sheet.cell(sheet.max_row, 2).data_type = "s"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    _write_atomically(path, buffer.getvalue())
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    """Never a half-written file on a USB stick pulled out too soon: write beside it,
    flush to the device, then rename. OSError (disk full, read-only) leaves nothing."""
    import os

    temp = path.with_name(f".{path.name}.part")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


def format_table(report: YearlyReport) -> str:
    """Plain text for a terminal (English, like the other commands)."""
    where = {
        "server": "all kiosks (server)",
        "network": "every site of the network (server)",
    }.get(report.source, "this kiosk (local database)")
    previous = report.previous_year
    lines = [
        f"Visits in {report.year}, {where}",
        f"  visits (people)      {report.visits:>8}   {previous.year}: {previous.visits}",
        f"  unique visitors      {report.unique_visitors:>8}   "
        f"{previous.year}: {previous.unique_visitors}",
        f"  new members          {report.new_members:>8}   {previous.year}: {previous.new_members}",
        f"  guests               {report.guests:>8}   in {report.guest_groups} groups",
        f"  network visitors     {report.network_visits:>8}   (members of other places)",
        "  by month",
    ]
    lines += [f"    {MONTHS[i]}  {n:>8}" for i, n in enumerate(report.by_month)]
    for title, counts, people in (
        ("by space", report.by_space, None),
        ("by purpose", report.by_purpose, None),
        (
            "by age bracket (visits / different people)",
            report.by_age_bracket,
            report.unique_by_age_bracket,
        ),
    ):
        lines.append(f"  {title}")
        for item, n in counts.items():
            extra = "" if people is None else f" / {people.get(item, 0)}"
            lines.append(f"    {item:<12} {n:>8}{extra}")
    return "\n".join(lines + workshop_table(report.workshops))
