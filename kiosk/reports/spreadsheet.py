"""The yearly report as a CSV file for people: one that a French spreadsheet opens by
double-click into columns with the accents right (semicolons, UTF-8 with a BOM), with
headings and names in the kiosk's language. The words come from the screen (through
Qt's translations); this module only lays them out.

``fablab-kiosk report --format csv`` keeps the machine-readable form (commas, English
keys: kiosk.reports.yearly.report_csv) for scripts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.reports.workshop_lines import hours
from kiosk.reports.yearly import YearlyReport, _write_atomically, report_rows


@dataclass(frozen=True)
class SheetWords:
    """*headings*: the four column titles (year, what, which, how many); *section*: a
    section key ("total", "month", "previous_year_2025" …) as people read it; *item*: a
    (section, key) as people read it (a space id as its name, "Mon" as "lundi");
    *decimal_point*: what the language writes in 2.5 hours ("," in French, or a French
    spreadsheet reads "2.5" as a date)."""

    headings: tuple[str, str, str, str]
    section: Callable[[str], str]
    item: Callable[[str, str], str]
    decimal_point: str = "."

    def number(self, count: int | float) -> str:
        if isinstance(count, float):
            return hours(count).replace(".", self.decimal_point)
        return str(count)


def spreadsheet_csv(report: YearlyReport, words: SheetWords) -> str:
    out = io.StringIO()
    # ";" is what a spreadsheet in French (where "," is the decimal mark) splits on;
    # Excel also reads it in English. Quoting keeps a ";" inside a space's name whole.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(words.headings)
    for section, item, count in report_rows(report, words.item):
        writer.writerow([report.year, words.section(section), _text(item), words.number(count)])
    return out.getvalue()


def _text(item: str) -> str:
    """A name that a spreadsheet would run as a formula ("=…", "+…", "@…", a funder
    label typed so) is shown as text: the apostrophe is how spreadsheets mark it."""
    return f"'{item}" if item[:1] in ("=", "+", "-", "@") else item


def write_spreadsheet_csv(report: YearlyReport, path: Path, words: SheetWords) -> Path:
    """UTF-8 with a BOM (without it Excel reads "é" as "Ã©"); written whole or not at
    all, as the other exports."""
    _write_atomically(path, spreadsheet_csv(report, words).encode("utf-8-sig"))
    return path
