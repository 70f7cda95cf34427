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
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.models import AGE_BRACKETS, TALLY, Member, Visit
from kiosk.reports.tally import TallyTables, YearCounts, refresh, visitor_key, year_counts

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


def build_report(
    counts: YearCounts,
    previous: YearCounts,
    new_members: int,
    previous_new_members: int,
    *,
    source: str,
    tz: ZoneInfo,
    generated_at: datetime,
) -> dict[str, Any]:
    """The report's JSON object (its keys are documented in the README)."""
    return {
        "year": counts.year,
        "source": source,
        "timezone": str(tz),
        "generated_at": generated_at.astimezone(UTC).isoformat(),
        "visits": counts.visits,
        "member_visits": counts.member_visits,
        "unique_visitors": counts.unique_visitors,
        "new_members": new_members,
        "guests": counts.guests,
        "guest_groups": counts.guest_groups,
        "by_month": counts.by_month,
        "by_weekday": counts.by_weekday,
        "by_hour": counts.by_hour,
        "by_space": counts.by_space,
        "by_purpose": counts.by_purpose,
        "by_age_bracket": _ages(counts.by_age_bracket),
        "unique_by_age_bracket": _ages(counts.unique_by_age_bracket),
        "by_kiosk": counts.by_kiosk,
        "previous_year": {
            "year": previous.year,
            "visits": previous.visits,
            "unique_visitors": previous.unique_visitors,
            "new_members": previous_new_members,
            "guests": previous.guests,
            "by_month": previous.by_month,
        },
    }


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
) -> dict[str, Any]:
    """Bring the tallies up to date (one short write transaction), then read."""
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
) -> dict[str, Any]:
    """This kiosk's own counts (``source``: ``local``)."""
    return report_from(
        sessions,
        tables=TALLY,
        visit=VISIT_TABLE,
        member=cast(Table, Member.__table__),
        year=year,
        tz=tz,
        now=now,
        source="local",
    )


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
    report: dict[str, Any], name: Callable[[str, str], str] | None = None
) -> list[tuple[str, str, int]]:
    """(section, item, count) rows: what the CSV and XLSX files hold. *name* turns a
    (section, key) into the label shown (a space id into its name, say)."""
    label = name or (lambda _section, key: key)
    rows: list[tuple[str, str, int]] = [
        ("total", label("total", key), int(report[key]))
        for key in (
            "visits",
            "member_visits",
            "unique_visitors",
            "new_members",
            "guests",
            "guest_groups",
        )
    ]
    year = report["year"]
    rows += [("month", f"{year}-{i + 1:02d}", n) for i, n in enumerate(report["by_month"])]
    rows += [
        ("weekday", label("weekday", WEEKDAYS[i]), n) for i, n in enumerate(report["by_weekday"])
    ]
    rows += [("hour", f"{h:02d}:00", n) for h, n in enumerate(report["by_hour"])]
    for section, key in (
        ("space", "by_space"),
        ("purpose", "by_purpose"),
        ("age_bracket", "by_age_bracket"),
        ("unique_age_bracket", "unique_by_age_bracket"),
    ):
        rows += [(section, label(section, item), n) for item, n in report[key].items()]
    previous = report["previous_year"]
    rows += [
        (f"previous_year_{previous['year']}", label("total", key), int(previous[key]))
        for key in ("visits", "unique_visitors", "new_members", "guests")
    ]
    return rows


def report_csv(report: dict[str, Any], name: Callable[[str, str], str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "section", "item", "count"])
    for section, item, count in report_rows(report, name):
        writer.writerow([report["year"], section, item, count])
    return out.getvalue()


def write_csv(
    report: dict[str, Any], path: Path, name: Callable[[str, str], str] | None = None
) -> Path:
    """UTF-8 with a BOM, so a spreadsheet opened by double-click reads accents right."""
    _write_atomically(path, report_csv(report, name).encode("utf-8-sig"))
    return path


def write_xlsx(
    report: dict[str, Any], path: Path, name: Callable[[str, str], str] | None = None
) -> Path:
    """One sheet of totals and one per section, for a funder's spreadsheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(report["year"])
    sheet.append(["section", "item", "count"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for section, item, count in report_rows(report, name):
        sheet.append([section, item, count])
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


def format_table(report: dict[str, Any]) -> str:
    """Plain text for a terminal (English, like the other commands)."""
    where = "all kiosks (server)" if report["source"] == "server" else "this kiosk (local database)"
    previous = report["previous_year"]
    lines = [
        f"Visits in {report['year']}, {where}",
        f"  visits (people)      {report['visits']:>8}   {previous['year']}: {previous['visits']}",
        f"  unique visitors      {report['unique_visitors']:>8}   "
        f"{previous['year']}: {previous['unique_visitors']}",
        f"  new members          {report['new_members']:>8}   "
        f"{previous['year']}: {previous['new_members']}",
        f"  guests               {report['guests']:>8}   in {report['guest_groups']} groups",
        "  by month",
    ]
    lines += [f"    {MONTHS[i]}  {n:>8}" for i, n in enumerate(report["by_month"])]
    for title, key in (
        ("by space", "by_space"),
        ("by purpose", "by_purpose"),
        ("by age bracket (visits / different people)", "by_age_bracket"),
    ):
        lines.append(f"  {title}")
        for item, n in report[key].items():
            extra = ""
            if key == "by_age_bracket":
                extra = f" / {report['unique_by_age_bracket'].get(item, 0)}"
            lines.append(f"    {item:<12} {n:>8}{extra}")
    return "\n".join(lines)
