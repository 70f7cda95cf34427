"""The yearly report of a network of sites (one server): each site's YearlyReport, as
kiosk.reports.yearly makes it, and the network's total, their sum (``source``
``network``). Different people are counted once per site: a member who came to two
sites is two in the total, as the funders' forms count places, not people.

Written as a table, CSV, JSON or XLSX with the site's rows of kiosk.reports.yearly
(report_rows) and one more column, the site.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.reports.workshop_lines import hours
from kiosk.reports.yearly import (
    TOTALS,
    PreviousYear,
    YearlyReport,
    _write_atomically,
    format_table,
    report_rows,
)
from kiosk.workshops.counts import GroupCounts, WorkshopCounts

NETWORK = "network"  # the site column of the total's rows


@dataclass(frozen=True)
class SiteReport:
    site: str  # its name
    report: YearlyReport

    def as_json(self) -> dict[str, Any]:
        return {"site": self.site, "report": self.report.as_json()}


@dataclass(frozen=True)
class NetworkReport:
    year: int
    generated_at: datetime
    sites: tuple[SiteReport, ...]  # by name
    total: YearlyReport  # their sum, ``source`` network

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "generated_at": self.generated_at.astimezone(UTC).isoformat(),
            "sites": [site.as_json() for site in self.sites],
            "total": self.total.as_json(),
        }


def _sum(dicts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for counts in dicts:
        total.update(counts)
    return dict(total)


def _columns(lists: Iterable[list[int]], length: int) -> list[int]:
    total = [0] * length
    for numbers in lists:
        total = [a + b for a, b in zip(total, numbers, strict=True)]
    return total


def _groups(groups: Iterable[GroupCounts]) -> tuple[GroupCounts, ...]:
    summed: dict[str, list[float]] = {}
    for g in groups:
        into = summed.setdefault(g.key, [0, 0, 0, 0.0])
        for i, n in enumerate((g.workshops, g.sessions, g.trainees, g.trainee_hours)):
            into[i] += n
    return tuple(
        GroupCounts(key, int(w), int(s), int(t), round(h, 2))
        for key, (w, s, t, h) in summed.items()
    )


def sum_workshops(year: int, counts: list[WorkshopCounts]) -> WorkshopCounts:
    """Every site's workshops together (a trainee at two sites' workshops counts twice)."""
    return WorkshopCounts(
        year=year,
        workshops=sum(c.workshops for c in counts),
        sessions=sum(c.sessions for c in counts),
        half_days=sum(c.half_days for c in counts),
        trainees=sum(c.trainees for c in counts),
        trainee_hours=round(sum(c.trainee_hours for c in counts), 2),
        by_funder=tuple(sorted(_groups(g for c in counts for g in c.by_funder), key=_key)),
        by_age=_groups(g for c in counts for g in c.by_age),
    )


def _key(group: GroupCounts) -> str:
    return group.key


def network_total(year: int, reports: list[YearlyReport], generated_at: datetime) -> YearlyReport:
    """The sum of the sites' reports of *year* (their time zones named in ``timezone``)."""
    previous = [r.previous_year for r in reports]
    ages = [r.by_age_bracket for r in reports]
    return YearlyReport(
        year=year,
        source=NETWORK,
        timezone=", ".join(sorted({r.timezone for r in reports})),
        generated_at=generated_at.astimezone(UTC),
        **{key: sum(r.total(key) for r in reports) for key in TOTALS},
        by_month=_columns((r.by_month for r in reports), 12),
        by_weekday=_columns((r.by_weekday for r in reports), 7),
        by_hour=_columns((r.by_hour for r in reports), 24),
        by_space=dict(sorted(_sum(r.by_space for r in reports).items())),
        by_purpose=dict(sorted(_sum(r.by_purpose for r in reports).items())),
        by_age_bracket={key: sum(a.get(key, 0) for a in ages) for key in _keys(ages)},
        unique_by_age_bracket={
            key: sum(r.unique_by_age_bracket.get(key, 0) for r in reports) for key in _keys(ages)
        },
        by_kiosk=dict(sorted(_sum(r.by_kiosk for r in reports).items())),
        previous_year=PreviousYear(
            year=year - 1,
            visits=sum(p.visits for p in previous),
            unique_visitors=sum(p.unique_visitors for p in previous),
            new_members=sum(p.new_members for p in previous),
            guests=sum(p.guests for p in previous),
            by_month=_columns((p.by_month for p in previous), 12),
        ),
        workshops=sum_workshops(year, [r.workshops for r in reports]),
    )


def _keys(dicts: list[dict[str, int]]) -> list[str]:
    """The age brackets in the reports' order (every report lists them all)."""
    return list(dict.fromkeys(key for d in dicts for key in d))


# --- writing it out ---------------------------------------------------------------------


def file_part(name: str) -> str:
    """A site's name in a file name: letters, digits, - and _ (no quote, no slash)."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in name)
    return kept.strip("-") or "site"


def network_rows(network: NetworkReport) -> list[tuple[str, str, str, int | float]]:
    """(site, section, item, count): every site's rows, then the network's."""
    rows = [(s.site, *row) for s in network.sites for row in report_rows(s.report)]
    return rows + [(NETWORK, *row) for row in report_rows(network.total)]


def network_csv(network: NetworkReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "site", "section", "item", "count"])
    for site, section, item, count in network_rows(network):
        writer.writerow([network.year, site, section, item, count])
    return out.getvalue()


SUMMARY = (
    "visits",
    "unique_visitors",
    "new_members",
    "guests",
    "network_visits",
    "workshops",
    "trainee_hours",
)


def summary(report: YearlyReport) -> tuple[int | float, ...]:
    """The per-site line: :data:`SUMMARY` in order."""
    return (
        report.visits,
        report.unique_visitors,
        report.new_members,
        report.guests,
        report.network_visits,
        report.workshops.workshops,
        report.workshops.trainee_hours,
    )


def write_network_xlsx(network: NetworkReport, path: Path) -> Path:
    """A sheet of one line per site (and the network), then every row with its site."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sites = book.active
    assert sites is not None
    sites.title = "sites"
    sites.append(["site", *SUMMARY])
    for s in network.sites:
        sites.append([s.site, *summary(s.report)])
    sites.append([NETWORK, *summary(network.total)])
    rows = book.create_sheet(str(network.year))
    rows.append(["site", "section", "item", "count"])
    for site, section, item, count in network_rows(network):
        rows.append([site, section, item, count])
        for column, text in ((1, site), (3, item)):
            if text.startswith("="):  # a name typed "=…" is text, not a formula
                rows.cell(rows.max_row, column).data_type = "s"
    for sheet in (sites, rows):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    _write_atomically(path, buffer.getvalue())
    return path


def network_table(network: NetworkReport) -> str:
    """Plain text: one line per site, then the network's total as a site's report."""
    width = max([len(NETWORK), *(len(s.site) for s in network.sites)])
    head = f"  {'site':<{width}}  visits  people  new  guests  network  workshops  hours"
    lines = [f"Sites of the network in {network.year}", head]
    for name, report in [(s.site, s.report) for s in network.sites] + [(NETWORK, network.total)]:
        v, u, n, g, nv, w, h = summary(report)
        lines.append(
            f"  {name:<{width}}  {v:>6}  {u:>6}  {n:>3}  {g:>6}  {nv:>7}  {w:>9}  "
            f"{hours(float(h)):>5}"
        )
    return "\n".join(lines) + "\n\n" + format_table(network.total)
