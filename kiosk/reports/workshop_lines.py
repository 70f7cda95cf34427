"""The workshops' part of the yearly report (kiosk.workshops.counts.WorkshopCounts) as
the rows of its CSV and XLSX files and as lines of the terminal table.

Rows are (section, item, number), as the visit counts' rows (kiosk.reports.yearly):
- ``workshops``: the year's ``workshops``, ``sessions``, ``half_days``, ``trainees``
  (different people) and ``trainee_hours`` (hours present, added up);
- ``workshops_by_funder_<count>``: per funder label (``-``: none), each of
  ``workshops``, ``sessions``, ``trainees``, ``trainee_hours``;
- ``workshops_by_age_<count>``: per age bracket (``unknown``: not given), ``trainees``
  and ``trainee_hours``.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.workshops.counts import NO_FUNDER, GroupCounts, WorkshopCounts

WORKSHOP_TOTALS = ("workshops", "sessions", "half_days", "trainees", "trainee_hours")
BY_FUNDER = ("workshops", "sessions", "trainees", "trainee_hours")
BY_AGE = ("trainees", "trainee_hours")
FUNDER_SECTION = "workshops_by_funder_"
AGE_SECTION = "workshops_by_age_"

Row = tuple[str, str, int | float]


def _value(group: GroupCounts | WorkshopCounts, key: str) -> int | float:
    value: int | float = getattr(group, key)
    return value


def workshop_rows(counts: WorkshopCounts, label: Callable[[str, str], str]) -> list[Row]:
    """Zeros for a year without workshops: the same rows every year, less the groups."""
    rows: list[Row] = [
        ("workshops", label("workshops", key), _value(counts, key)) for key in WORKSHOP_TOTALS
    ]
    for prefix, keys, groups in (
        (FUNDER_SECTION, BY_FUNDER, counts.by_funder),
        (AGE_SECTION, BY_AGE, counts.by_age),
    ):
        for key in keys:
            section = prefix + key
            rows += [(section, label(section, g.key), _value(g, key)) for g in groups]
    return rows


def hours(value: float) -> str:
    """9.0 as "9", 2.5 as "2.5": hours as a person writes them."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def workshop_table(counts: WorkshopCounts) -> list[str]:
    """The terminal table's lines (English, like the other commands)."""
    lines = [
        f"Workshops and trainings in {counts.year}",
        f"  workshops            {counts.workshops:>8}",
        f"  sessions             {counts.sessions:>8}   in {counts.half_days} half-days",
        f"  trainees (different) {counts.trainees:>8}",
        f"  trainee-hours        {hours(counts.trainee_hours):>8}",
    ]
    if counts.by_funder:
        lines.append("  by funder label       workshops sessions trainees    hours")
        for g in counts.by_funder:
            name = "(none)" if g.key == NO_FUNDER else g.key
            lines.append(
                f"    {name:<20} {g.workshops:>8} {g.sessions:>8} {g.trainees:>8} "
                f"{hours(g.trainee_hours):>8}"
            )
    if counts.by_age:
        lines.append("  by age bracket                           trainees    hours")
        for g in counts.by_age:
            lines.append(f"    {g.key:<20} {'':>17} {g.trainees:>8} {hours(g.trainee_hours):>8}")
    return lines
