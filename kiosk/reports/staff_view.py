"""The yearly report as staff get it at the kiosk or from ``fablab-kiosk report``:
from the central server when it answers (all kiosks together), else from this kiosk's
own database, saying which; and where to export it (a USB stick, a folder).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kiosk.models import OutboxEvent
from kiosk.reports.yearly import local_report, write_csv, write_xlsx
from kiosk.site import Site
from kiosk.sync.client import SyncClient, SyncError
from kiosk.sync.pull import state_row

log = logging.getLogger(__name__)
FORMATS = ("csv", "xlsx")
# where desktop Linux mounts USB sticks: /media/<user>/<label> (udisks), /run/media/...
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"))


@dataclass(frozen=True)
class ReportResult:
    report: dict[str, Any]
    source: str  # "server" or "local"
    server_problem: str | None  # why the server's counts are not shown (None: they are)
    waiting_visits: int  # visits here not yet on the server (not in its counts)


def _server(site: Site) -> tuple[str | None, str | None]:
    with site.transaction() as session:
        state = state_row(session)
        return state.server_url, state.token


def _waiting_visits(site: Site) -> int:
    with site.sessions() as session:
        found = session.scalar(
            select(func.count()).where(
                OutboxEvent.kind == "visit",
                OutboxEvent.sent_at.is_(None),
                OutboxEvent.rejected_at.is_(None),
            )
        )
    return int(found or 0)


def yearly_report(
    site: Site,
    year: int,
    *,
    use_server: bool = True,
    timeout: tuple[float, float] = (3.0, 15.0),
    client: SyncClient | None = None,
) -> ReportResult:
    """The server's report if it answers, else the local one (never raises for the
    server: its problem is in ``server_problem``)."""
    problem: str | None = None
    waiting = _waiting_visits(site)
    if use_server:
        url, token = _server(site)
        if url and token:
            own = client is None
            client = client or SyncClient(url, token, timeout=timeout)
            try:
                return ReportResult(client.visit_report(year), "server", None, waiting)
            except SyncError as exc:
                problem = str(exc)
                log.warning("report from the server failed, local counts shown: %s", exc)
            finally:
                if own:
                    client.close()
        else:
            problem = "this kiosk is not connected to a server"
    report = local_report(site.sessions, year, site.settings.tz, site.now())
    return ReportResult(report, "local", problem, waiting)


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
    report: dict[str, Any],
    folder: Path,
    fmt: str,
    name: Callable[[str, str], str] | None = None,
) -> Path:
    """Write the report in *folder* as ``visites-<year>-<source>.<fmt>``; OSError when
    the folder cannot be written (stick full or read-only), with nothing half-written.
    *name*: see kiosk.reports.yearly.report_rows (space ids as their names, say)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: csv or xlsx")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"visites-{report['year']}-{report['source']}.{fmt}"
    writer = write_csv if fmt == "csv" else write_xlsx
    return writer(report, path, name)
