"""``fablab-kiosk doctor``: is this kiosk ready for the door? One finding per check.

Each check says ``ok``, ``warning`` (works, but someone should look) or ``problem`` (a
visitor would notice), a one-line detail, and when not ok what to do, in words a
volunteer can follow. Every check is a plain function over paths, strings and times, so
the tests run them on a temporary site, a folder of images as the camera and a server
on 127.0.0.1.

The doctor reads; it changes nothing. It does not upgrade the database (the kiosk does
that at start), so it can tell an old schema from a current one.
"""

from __future__ import annotations

import email.utils
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import cv2
import numpy as np
import requests
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.badges import make_token, render_png
from kiosk.care.devices import (
    CAMERA_TIMEOUT_S,
    STOP_KIOSK,
    Finding,
    ServerAnswer,
    check_camera,
    check_clock,
    ntp_synchronized,
)
from kiosk.care.speech import check_speech
from kiosk.config import ConfigError, DataDir, Settings
from kiosk.db import latest_revision, stored_revision
from kiosk.hours import load_hours
from kiosk.models import SyncState
from kiosk.scanning import (
    DecoderUnavailable,
    make_decoder,
)
from kiosk.storage import StorageFault, classify, database_file_problem, what_to_do
from kiosk.sync.client import ServerBusy, SyncClient, SyncError, TokenRefused
from kiosk.tutorials.library import default_root
from kiosk.tutorials.loader import load_library

DISK_WARNING = 1024**3  # bytes free
DISK_PROBLEM = 200 * 1024**2
LIBRARY = {"zxing": "zxing-cpp", "pyzbar": "pyzbar"}
REINSTALL = "run the install script again (sudo packaging/install.sh) to repair the program"


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


# --- configuration ----------------------------------------------------------------------


def check_configuration(data_dir: DataDir) -> tuple[Finding, Settings | None]:
    try:
        settings = data_dir.load_settings()
        data_dir.load_secret()
    except ConfigError as exc:
        if data_dir.config_file.exists() and not data_dir.secret_file.exists():
            fix = (
                f"copy site.key back into {data_dir.path} from the backup folder "
                f"({data_dir.path / 'backups' / 'site.key'}, or 'fablab-kiosk backup restore') "
                "or from your safe copy; not 'init': a new key refuses every printed badge"
            )
        elif data_dir.config_file.exists():
            fix = f"correct {data_dir.config_file}"
        else:
            fix = f"run 'fablab-kiosk init --data-dir {data_dir.path}'"
        return Finding("configuration", "problem", str(exc), fix), None
    detail = (
        f"site {settings.site_name!r} (id {settings.site_id}), kiosk {settings.kiosk_id!r}, "
        f"in {data_dir.path}"
    )
    return Finding("configuration", "ok", detail), settings


def sample_badge() -> tuple[str, Any]:
    """A badge token of no site, and its QR as a frame, to test a decoder end to end."""
    token = make_token(bytes(32), "TEST", "D0C70R00", 1)
    png = np.frombuffer(render_png(token, box_size=6), dtype=np.uint8)
    return token, cv2.imdecode(png, cv2.IMREAD_COLOR)


def check_decoder(backend: str, make: Callable[[str], Any] = make_decoder) -> Finding:
    """Load the configured backend (the kiosk falls back to the other one) and read a QR
    made here."""
    token, frame = sample_badge()
    name = backend
    problems = []
    for candidate in (backend, *(b for b in LIBRARY if b != backend)):
        try:
            decode = make(candidate)
        except (DecoderUnavailable, ValueError) as exc:
            problems.append(str(exc))
            continue
        name = candidate
        break
    else:
        return Finding("decoder", "problem", "; ".join(problems), REINSTALL)
    started = time.perf_counter()
    try:
        found = decode(frame)
    except Exception as exc:  # a library that loads but breaks: said, not a crash
        return Finding("decoder", "problem", f"{LIBRARY[name]} failed on a QR: {exc}", REINSTALL)
    ms = (time.perf_counter() - started) * 1000
    if token not in found:
        return Finding(
            "decoder",
            "problem",
            f"{LIBRARY[name]} loads but did not read a QR code made here (read {found!r})",
            REINSTALL,
        )
    detail = f"{LIBRARY[name]} reads a badge made here ({ms:.0f} ms)"
    if name != backend:
        return Finding(
            "decoder",
            "warning",
            f"{problems[0]}; the kiosk uses {LIBRARY[name]} instead, which works: {detail}",
            f'install the Debian package libzbar0, or set decoder = "{name}" in config.toml'
            if backend == "pyzbar"
            else REINSTALL,
        )
    return Finding("decoder", "ok", detail)


# --- database ---------------------------------------------------------------------------


def open_existing(path: Path) -> Engine:
    """An engine on an existing SQLite file that never creates one (``mode=rw``)."""
    uri = f"file:{quote(str(path))}?mode=rw"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


RESTORE = (
    f"stop the kiosk ({STOP_KIOSK}) and restore the newest backup: sudo fablab-kiosk backup restore"
)


def check_database(path: Path) -> list[Finding]:
    """Integrity (``PRAGMA integrity_check``) and schema revision, without upgrading.

    A full disk is not a damaged database: SQLite cannot even open a WAL database to
    read it when there is no room for its ``-shm`` file. That is said as a full disk,
    and restoring a backup (which would need room too) is not suggested.
    """
    problem = database_file_problem(path)
    if problem is not None:
        fault, detail = problem
        if fault is StorageFault.MISSING and not (path.parent / "config.toml").exists():
            fix = "run 'fablab-kiosk init' for a new kiosk, or restore a backup"
            return [Finding("database", "problem", f"no database at {path}", fix)]
        return [Finding("database", "problem", detail, RESTORE)]
    engine = open_existing(path)
    try:
        with engine.connect() as conn:
            verdict = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        revision = stored_revision(engine)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        fault = classify(exc, path)
        if fault is StorageFault.DISK_FULL:
            return [
                Finding(
                    "database",
                    "problem",
                    f"the disk is full: {path} could not be opened to be checked ({reason}); "
                    "it is most likely fine, nothing was lost",
                    what_to_do(fault, path),
                )
            ]
        if fault in (StorageFault.READ_ONLY, StorageFault.BUSY):
            return [
                Finding(
                    "database",
                    "problem",
                    f"{path} cannot be read: {reason}",
                    what_to_do(fault, path),
                )
            ]
        return [Finding("database", "problem", f"{path} cannot be read: {reason}", RESTORE)]
    finally:
        engine.dispose()
    size = _size(path.stat().st_size)
    if verdict != ["ok"]:
        shown = "; ".join(verdict[:2]) + (f" (and {len(verdict) - 2} more)" if verdict[2:] else "")
        found = [Finding("database", "problem", f"{path} is damaged: {shown}", RESTORE)]
    else:
        found = [Finding("database", "ok", f"{path} passes the integrity check ({size})")]
    return [*found, _schema_finding(revision, latest_revision())]


def _schema_finding(revision: str | None, latest: str | None) -> Finding:
    if revision == latest:
        return Finding("schema", "ok", f"revision {revision}, the newest this program knows")
    if revision is None:
        return Finding(
            "schema",
            "warning",
            "the database has no tables yet",
            "start the kiosk once (it creates them), or run 'fablab-kiosk init'",
        )
    if latest is not None and revision < latest:
        return Finding(
            "schema",
            "warning",
            f"revision {revision}; this program's is {latest}: the kiosk upgrades it at start",
            "restart the kiosk: sudo systemctl restart fablab-kiosk",
        )
    return Finding(
        "schema",
        "problem",
        f"revision {revision} is newer than this program's ({latest}): "
        "a newer fablab-kiosk used this database",
        "update this kiosk (docs/install.md, 'Updating')",
    )


def sync_settings(path: Path) -> tuple[str | None, str | None, str | None]:
    """The server address and token stored by ``connect``, and why the network's places
    were refused at the last sync (None each if none or unread)."""
    if not path.is_file():
        return None, None, None
    engine = open_existing(path)
    try:
        with Session(engine) as session:
            state = session.get(SyncState, 1)
            if state is None:
                return None, None, None
            return state.server_url, state.token, state.network_problem
    except SQLAlchemyError:  # an old schema or a damaged file: the database check says so
        return None, None, None
    finally:
        engine.dispose()


def check_network(problem: str | None) -> Finding | None:
    """The network's places refused at the last sync (403: a token of another site; 409:
    another site.key for this site): members of other places are refused here then."""
    if problem is None:
        return None
    return Finding(
        "network",
        "problem",
        problem,
        "the kiosks of one site share one site.key and one [site] id: find the key this "
        "site's badges were printed with, give that site.key to each kiosk of the site "
        "(then restart them), and check [site] id in config.toml",
    )


# --- disk -------------------------------------------------------------------------------


def check_disk(
    path: Path, warn_below: int = DISK_WARNING, problem_below: int = DISK_PROBLEM
) -> Finding:
    where = path
    while not where.exists() and where != where.parent:
        where = where.parent
    free = shutil.disk_usage(where).free
    detail = f"{_size(free)} free for {path}"
    fix = (
        "free some space: 'sudo apt-get clean', 'sudo journalctl --vacuum-size=200M', "
        "or fewer backups (fablab-kiosk backup --keep 3)"
    )
    if free < problem_below:
        return Finding("disk", "problem", f"{detail}: visits may soon fail to be saved", fix)
    if free < warn_below:
        return Finding("disk", "warning", f"{detail} (less than {_size(warn_below)})", fix)
    return Finding("disk", "ok", detail)


# --- server and clock -------------------------------------------------------------------


def ask_server(url: str, token: str | None, timeout: float = 10.0) -> ServerAnswer:
    """``GET /api/v1/health`` with the kiosk's token, keeping the answer's Date header."""
    dates: list[tuple[str, datetime]] = []

    def keep_date(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        dates.append((response.headers.get("Date", ""), datetime.now(UTC)))

    http = requests.Session()
    http.hooks["response"].append(keep_date)
    client = SyncClient(url, token, session=http, timeout=(min(5.0, timeout), timeout))
    health, error = None, None
    try:
        health = client.health()
    except SyncError as exc:
        error = exc
    finally:
        client.close()
    date, received = None, None
    if dates:
        try:
            date = email.utils.parsedate_to_datetime(dates[-1][0])
            received = dates[-1][1]
            if date.tzinfo is None:  # "-0000": UTC, said without committing to it
                date = date.replace(tzinfo=UTC)
        except (TypeError, ValueError):
            date = None
    return ServerAnswer(health, error, date, received)


def check_server(url: str | None, answer: ServerAnswer | None) -> Finding:
    connect = "fablab-kiosk connect http://SERVER:8750 --token TOKEN"
    if not url or answer is None:
        return Finding(
            "server",
            "warning",
            "not connected to a central server: visits stay on this kiosk",
            f"if the fab lab has a server: {connect} (the token comes from "
            "'fablab-kiosk server add-kiosk NAME' on the server)",
        )
    error = answer.error
    if isinstance(error, TokenRefused):
        return Finding(
            "server",
            "problem",
            f"{url} refused this kiosk's token",
            f"make a new token ('fablab-kiosk server add-kiosk NAME' on the server), {connect}",
        )
    if isinstance(error, ServerBusy):
        return Finding("server", "warning", f"{url} is busy or failing: {error}", "try again later")
    if error is not None:
        return Finding(
            "server",
            "problem",
            f"{error} (visits wait on this kiosk and are sent later)",
            "check the network, and on the server: sudo systemctl status fablab-kiosk-server",
        )
    name = (answer.health or {}).get("kiosk")
    if not name:
        return Finding("server", "problem", f"{url} did not confirm this kiosk's token", connect)
    version = (answer.health or {}).get("version", "?")
    return Finding("server", "ok", f"{url} (version {version}) knows this kiosk as {name!r}")


def check_hours(settings: Settings) -> Finding:
    """Each space's ``opening_hours`` is read here as the kiosk reads it; a string that
    cannot be read leaves the space "hours unknown" on the screen."""
    if not settings.spaces:
        return Finding(
            "hours", "warning", "no [[spaces]] in config.toml", "add them to config.toml"
        )
    hours = load_hours(settings, [])
    errors = [h.error for h in hours.values() if h.error]
    if errors:
        return Finding(
            "hours",
            "problem",
            "; ".join(errors),
            "correct opening_hours in config.toml (the syntax: "
            "https://wiki.openstreetmap.org/wiki/Key:opening_hours); 'fablab-kiosk hours' "
            "shows what the kiosk reads",
        )
    unset = [s.id for s in settings.spaces if not s.opening_hours]
    if unset:
        return Finding(
            "hours",
            "warning",
            f"no opening_hours for {', '.join(unset)}: the screen says 'hours unknown'",
            "set opening_hours for each [[spaces]] in config.toml",
        )
    return Finding("hours", "ok", f"opening hours of {len(hours)} spaces read")


def check_tutorials(root: Path) -> Finding:
    library = load_library(root)
    fix = f"'fablab-kiosk tutorials check {root}' shows each problem with its file and line"
    if library.problems:
        left_out = f"left out: {', '.join(library.left_out)}; " if library.left_out else ""
        return Finding(
            "tutorials",
            "problem",
            f"{left_out}{len(library.problems)} problems in {root} (first: {library.problems[0]})",
            fix,
        )
    if not library.tutorials:
        return Finding("tutorials", "warning", f"no tutorials in {root}", fix)
    extra = f", {len(library.warnings)} style warnings" if library.warnings else ""
    return Finding("tutorials", "ok", f"{len(library.tutorials)} tutorials ready{extra}")


# --- all of them ------------------------------------------------------------------------


def diagnose(
    data_path: Path,
    *,
    camera: str | None = None,
    tutorials: Path | None = None,
    camera_timeout: float = CAMERA_TIMEOUT_S,
    server_timeout: float = 10.0,
) -> list[Finding]:
    """Every check, in the order a person would look: the setup, the door, the data, the
    network, the content."""
    data_dir = DataDir(data_path)
    config, settings = check_configuration(data_dir)
    findings = [config]
    findings.append(
        check_camera(camera or (settings.camera if settings else "0"), timeout=camera_timeout)
    )
    findings.append(check_decoder(settings.decoder if settings else "zxing"))
    if settings is not None:
        findings.append(check_hours(settings))
    findings.extend(check_database(data_dir.database_file))
    findings.append(check_disk(data_path))
    url, token, network_problem = sync_settings(data_dir.database_file)
    answer = ask_server(url, token, server_timeout) if url else None
    tz = settings.tz if settings else UTC
    findings.append(check_clock(datetime.now(UTC), answer, ntp_synchronized(), tz=tz))
    findings.append(check_server(url, answer))
    network = check_network(network_problem)
    if network is not None:
        findings.append(network)
    findings.append(check_tutorials(tutorials or default_root()))
    findings.append(check_speech())
    return findings
