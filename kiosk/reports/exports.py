"""Where staff export the yearly report (a USB stick, else the kiosk's own folder) and
writing it there as CSV or XLSX."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.reports.spreadsheet import SheetWords, write_spreadsheet_csv
from kiosk.reports.yearly import YearlyReport, write_csv, write_xlsx
from kiosk.site import Site

FORMATS = ("csv", "xlsx")
# where desktop Linux mounts USB sticks: /media/<user>/<label> (udisks), /run/media/...
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"))


@dataclass(frozen=True)
class ExportPlace:
    label: str
    path: Path
    removable: bool


def export_places(site: Site, roots: tuple[Path, ...] = REMOVABLE_ROOTS) -> list[ExportPlace]:
    """Mounted USB sticks first (writable folders under /media and /run/media), then the
    kiosk's own exports folder."""
    places: list[ExportPlace] = []
    for root in roots:
        try:
            candidates = sorted(p for p in root.glob("*/*") if p.is_dir())
            candidates += sorted(p for p in root.glob("*") if p.is_dir() and os.path.ismount(p))
        except OSError:
            continue
        for path in candidates:
            if os.access(path, os.W_OK) and all(place.path != path for place in places):
                places.append(ExportPlace(path.name, path, True))
    own = site.data_dir.path / "exports"
    places.append(ExportPlace("exports", own, False))
    return places


def export_report(
    report: YearlyReport,
    folder: Path,
    fmt: str,
    name: Callable[[str, str], str] | None = None,
    words: SheetWords | None = None,
) -> Path:
    """Write the report in *folder* as ``visites-<year>-<source>.<fmt>``; OSError when
    the folder cannot be written (stick full or read-only), with nothing half-written.
    *name*: see kiosk.reports.yearly.report_rows (space ids as their names, say). *words*:
    a CSV for people (kiosk.reports.spreadsheet), not the machine-readable one."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: csv or xlsx")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"visites-{report.year}-{report.source}.{fmt}"
    if fmt == "csv" and words is not None:
        return write_spreadsheet_csv(report, path, words)
    writer = write_csv if fmt == "csv" else write_xlsx
    return writer(report, path, name)
