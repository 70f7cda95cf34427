"""``fablab-kiosk doctor``: every check on real things and no hardware: a temporary site,
a folder of badge pictures as the camera, real SQLite files (sound, damaged, old, newer),
the real server on 127.0.0.1 and a small HTTP server whose clock is wrong."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from sqlalchemy.orm import Session

from kiosk.badges import render_png
from kiosk.care.devices import Finding, ServerAnswer, check_camera, check_clock, device_users
from kiosk.care.doctor import (
    ask_server,
    check_configuration,
    check_database,
    check_decoder,
    check_disk,
    check_server,
    check_tutorials,
)
from kiosk.cli.main import main
from kiosk.config import DataDir
from kiosk.db import latest_revision
from kiosk.models import Member
from kiosk.scanning import DecoderUnavailable, Frame, make_decoder
from kiosk.site import Site
from kiosk.sync import connect
from kiosk.tutorials.library import default_root

FIXTURE_TUTORIALS = Path(__file__).parent / "fixtures" / "tutorials"
NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


@pytest.fixture
def badge_folder(site: Site, make_member: Any, tmp_path: Path) -> Path:
    """What a folder-of-images camera shows: two badges, as ``camera = "folder"``."""
    folder = tmp_path / "camera"
    folder.mkdir()
    for i, name in enumerate(("Camille", "Sacha")):
        member: Member = make_member(name)
        (folder / f"{i}.png").write_bytes(render_png(site.badge_token(member)))
    return folder


# --- configuration -----------------------------------------------------------------------


def test_configuration_names_the_site_or_says_to_run_init(site: Site, tmp_path: Path) -> None:
    found, settings = check_configuration(site.data_dir)
    assert found.status == "ok" and settings is not None
    assert f"id {site.settings.site_id}" in found.detail

    found, settings = check_configuration(DataDir(tmp_path / "nothing"))
    assert (found.status, settings) == ("problem", None)
    assert "fablab-kiosk init" in (found.fix or "")


# --- camera ------------------------------------------------------------------------------


def test_a_folder_of_badge_pictures_is_a_working_camera(badge_folder: Path) -> None:
    found = check_camera(str(badge_folder))
    assert found.status == "ok", found
    assert found.detail.startswith("5 frames of 370x370 in ")
    assert found.fix is None


@pytest.mark.parametrize("what", ["missing", "empty"])
def test_no_camera_is_a_problem_with_what_to_do(tmp_path: Path, what: str) -> None:
    spec = tmp_path / "camera"
    if what == "empty":
        spec.mkdir()
    found = check_camera(str(spec))
    assert found.status == "problem"
    assert str(spec) in found.detail
    assert "ls /dev/video*" in (found.fix or "")


def test_a_black_picture_says_to_look_at_the_lens(tmp_path: Path) -> None:
    folder = tmp_path / "covered"
    folder.mkdir()
    cv2.imwrite(str(folder / "dark.png"), np.full((480, 640, 3), 4, dtype=np.uint8))
    found = check_camera(str(folder))
    assert found.status == "warning"
    assert "almost black (brightness 4 of 255)" in found.detail
    assert "lens" in (found.fix or "")


class StuckCamera:
    """A source whose driver never hands over a frame (read blocks)."""

    description = "stuck"

    def __init__(self) -> None:
        self.release = threading.Event()

    def read(self) -> Frame | None:
        self.release.wait(30)
        return None

    def close(self) -> None:
        pass


def test_a_camera_that_never_answers_is_reported_in_time() -> None:
    camera = StuckCamera()
    started = time.monotonic()
    try:
        found = check_camera("0", timeout=0.5, opener=lambda spec: camera)
    finally:
        camera.release.set()
    assert time.monotonic() - started < 3
    assert found.status == "problem"
    assert found.detail == "camera '0' opened but did not answer in 0 s"  # whole seconds


def test_a_camera_held_by_another_program_is_not_opened(tmp_path: Path) -> None:
    """The running kiosk holds /dev/video0; the doctor says so instead of fighting it.
    /dev/null plays the device: the child process below holds it open."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 10
        while holder.pid not in dict(device_users(Path("/dev/null"))):
            assert time.monotonic() < deadline, "the child never showed up in /proc"
            time.sleep(0.05)

        def no_opening(spec: str) -> Any:
            raise AssertionError("a device in use must not be opened")

        found = check_camera("/dev/null", opener=no_opening)
    finally:
        holder.kill()
        holder.wait()
    assert found.status == "warning"
    assert f"(pid {holder.pid})" in found.detail
    assert "sudo systemctl stop fablab-kiosk" in (found.fix or "")


# --- decoder -----------------------------------------------------------------------------


def test_zxing_reads_a_qr_made_here() -> None:
    found = check_decoder("zxing")
    assert found.status == "ok"
    assert found.detail.startswith("zxing-cpp reads a badge made here")


def test_pyzbar_reads_it_too_when_libzbar_is_there() -> None:
    try:
        make_decoder("pyzbar")
    except DecoderUnavailable:
        pytest.skip("libzbar0 is not installed")
    assert check_decoder("pyzbar").status == "ok"


def without(*missing: str) -> Any:
    def make(backend: str) -> Any:
        if backend in missing:
            raise DecoderUnavailable(f"{backend} cannot be loaded here")
        return make_decoder(backend)

    return make


def test_pyzbar_missing_is_a_warning_because_the_kiosk_uses_zxing() -> None:
    found = check_decoder("pyzbar", make=without("pyzbar"))
    assert found.status == "warning"
    assert "pyzbar cannot be loaded here; the kiosk uses zxing-cpp instead" in found.detail
    assert "libzbar0" in (found.fix or "")


def test_zxing_missing_is_a_warning_and_says_to_repair_the_install() -> None:
    try:
        make_decoder("pyzbar")
    except DecoderUnavailable:
        pytest.skip("libzbar0 is not installed")
    found = check_decoder("zxing", make=without("zxing"))
    assert found.status == "warning"
    assert "the kiosk uses pyzbar instead, which works" in found.detail
    assert "install script" in (found.fix or "")


def test_no_decoder_at_all_is_a_problem() -> None:
    found = check_decoder("zxing", make=without("zxing", "pyzbar"))
    assert found.status == "problem"
    assert found.detail == "zxing cannot be loaded here; pyzbar cannot be loaded here"
    assert "install script" in (found.fix or "")


def test_a_decoder_that_reads_nothing_is_a_problem() -> None:
    found = check_decoder("zxing", make=lambda backend: lambda frame: [])
    assert found.status == "problem"
    assert "did not read a QR code made here" in found.detail


def test_a_decoder_that_breaks_is_a_problem_not_a_crash() -> None:
    def broken(frame: Frame) -> list[str]:
        raise RuntimeError("bad image stride")

    found = check_decoder("zxing", make=lambda backend: broken)
    assert found.status == "problem"
    assert found.detail == "zxing-cpp failed on a QR: bad image stride"


# --- database ----------------------------------------------------------------------------


def statuses(findings: list[Finding]) -> dict[str, str]:
    return {f.check: f.status for f in findings}


def test_a_sound_current_database(site: Site, make_member: Any) -> None:
    make_member("Camille")
    found = check_database(site.data_dir.database_file)
    assert statuses(found) == {"database": "ok", "schema": "ok"}
    assert found[1].detail == f"revision {latest_revision()}, the newest this program knows"


def checkpoint(site: Site) -> Path:
    """Everything in the main file (as when the kiosk has stopped), for byte surgery."""
    path = site.data_dir.database_file
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def empty_an_index(path: Path) -> str:
    """Make the root page of a member index an empty leaf: the rows are still there, the
    index no longer finds them (what a bad sector or a half-written page does)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        name, root = conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            (Member.__tablename__,),
        ).fetchone()
    conn.close()
    header = bytes([0x0A, 0, 0, 0, 0]) + page_size.to_bytes(2, "big") + bytes([0])
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(header)
    return str(name)


def test_a_damaged_database_says_to_restore_a_backup(site: Site, make_member: Any) -> None:
    for name in ("Camille", "Sacha", "Noa"):
        make_member(name)
    index = empty_an_index(checkpoint(site))
    found = check_database(site.data_dir.database_file)
    assert found[0].status == "problem"
    assert f"is damaged: row 1 missing from index {index}" in found[0].detail
    assert "restore the newest backup" in (found[0].fix or "")


def test_a_database_too_damaged_to_open(site: Site, make_member: Any) -> None:
    make_member("Camille")
    path = checkpoint(site)
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096):  # every page after the first, scribbled
        data[start + 8 : start + 64] = b"\xa5" * 56
    path.write_bytes(bytes(data))
    found = check_database(path)
    assert [f.status for f in found] == ["problem"]
    assert "cannot be read: malformed database schema" in found[0].detail


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    path.write_text("these are not the pages you are looking for\n" * 200)
    [found] = check_database(path)
    assert found.status == "problem"
    assert found.detail.endswith("is not an SQLite database")
    assert "backup restore" in (found.fix or "")


def test_no_database_file(tmp_path: Path) -> None:
    [found] = check_database(tmp_path / "kiosk.sqlite3")
    assert found.status == "problem"
    assert not (tmp_path / "kiosk.sqlite3").exists()  # the doctor made none


def set_revision(site: Site, revision: str) -> None:
    with sqlite3.connect(site.data_dir.database_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()


def test_an_older_schema_is_a_warning_and_is_not_upgraded_by_the_doctor(site: Site) -> None:
    set_revision(site, "0001")
    found = check_database(site.data_dir.database_file)
    assert statuses(found) == {"database": "ok", "schema": "warning"}
    assert "the kiosk upgrades it at start" in found[1].detail
    found = check_database(site.data_dir.database_file)
    assert found[1].detail.startswith("revision 0001;")


def test_a_newer_schema_is_a_problem(site: Site) -> None:
    set_revision(site, "9999")
    found = check_database(site.data_dir.database_file)
    assert statuses(found) == {"database": "ok", "schema": "problem"}
    assert "a newer fablab-kiosk used this database" in found[1].detail
    assert "Updating" in (found[1].fix or "")


def test_an_empty_database_file_is_a_problem_not_a_new_kiosk(tmp_path: Path) -> None:
    """Zero bytes: SQLite would take it for a new, empty database (all members unknown)."""
    path = tmp_path / "kiosk.sqlite3"
    sqlite3.connect(path).close()
    [found] = check_database(path)
    assert found.status == "problem" and "empty (0 bytes)" in found.detail
    assert "backup restore" in (found.fix or "")


# --- disk --------------------------------------------------------------------------------


def test_free_disk_thresholds(tmp_path: Path) -> None:
    free = shutil.disk_usage(tmp_path).free
    assert check_disk(tmp_path).status == ("ok" if free >= 1024**3 else "warning")
    found = check_disk(tmp_path, warn_below=free * 2, problem_below=1)
    assert found.status == "warning" and "journalctl --vacuum-size" in (found.fix or "")
    found = check_disk(tmp_path, warn_below=free * 4, problem_below=free * 2)
    assert found.status == "problem" and "may soon fail to be saved" in found.detail
    # the data directory of a kiosk not yet made: the disk it will be on
    assert check_disk(tmp_path / "not" / "yet", warn_below=1, problem_below=1).status == "ok"


# --- clock -------------------------------------------------------------------------------


def answer_dated(date: datetime, received: datetime) -> ServerAnswer:
    return ServerAnswer({"status": "ok", "kiosk": "door"}, None, date, received)


def test_a_clock_before_the_release_is_a_problem() -> None:
    found = check_clock(datetime(2001, 1, 1, tzinfo=UTC), None, "no")
    assert found.status == "problem"
    assert "the clock says 2001-01-01 00:00 UTC" in found.detail
    assert "timedatectl set-ntp true" in (found.fix or "")


def test_the_clock_against_the_server_and_ntp() -> None:
    close = answer_dated(NOW - timedelta(seconds=30), NOW)
    found = check_clock(NOW, close, "yes")
    detail = "2026-11-25 13:00 UTC, 30 s from the server's clock, synchronised (NTP)"
    assert found == Finding("clock", "ok", detail)
    found = check_clock(NOW, answer_dated(NOW + timedelta(minutes=7), NOW), None)
    assert found.status == "warning"
    assert found.detail == "2026-11-25 13:00 UTC: 7 min behind the server's clock"
    found = check_clock(NOW, None, "no")
    assert found.status == "warning"
    assert "not synchronised with a time server (NTP)" in found.detail


class SkewedClockServer:
    """Answers /api/v1/health like the server, with a Date header *skew* off."""

    def __init__(self, skew: timedelta) -> None:
        skewed = skew

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = json.dumps({"status": "ok", "version": "0.1.0", "kiosk": "door"}).encode()
                self.send_response_only(200)
                self.send_header("Date", format_datetime(datetime.now(UTC) + skewed, usegmt=True))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_kiosk_ten_minutes_ahead_of_its_server_is_a_warning() -> None:
    server = SkewedClockServer(timedelta(minutes=-10))
    try:
        answer = ask_server(server.url, "token")
    finally:
        server.close()
    assert check_server(server.url, answer).status == "ok"
    found = check_clock(datetime.now(UTC), answer, "yes")
    assert found.status == "warning"
    assert "10 min ahead of the server's clock" in found.detail


# --- server ------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    token: str


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    pytest.importorskip("uvicorn")
    from kiosk.server.accounts import add_kiosk
    from kiosk.server.background import ServerThread
    from kiosk.server.db import make_engine, migrate
    from kiosk.server.settings import ServerSettings

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        _kiosk, token = add_kiosk(session, "door")
        session.commit()
    engine.dispose()
    with ServerThread(ServerSettings(database_url=url)) as thread:
        yield Server(thread.url, token)


def test_the_server_knows_this_kiosk(server: Server) -> None:
    answer = ask_server(server.url, server.token)
    found = check_server(server.url, answer)
    assert found.status == "ok"
    assert found.detail.endswith("knows this kiosk as 'door'")
    # the real server's Date header agrees with this machine's clock
    assert check_clock(datetime.now(UTC), answer, None).status == "ok"


def test_a_token_the_server_does_not_know_is_a_problem(server: Server) -> None:
    found = check_server(server.url, ask_server(server.url, "not-the-token"))
    assert found.status == "problem"
    assert found.detail == f"{server.url} refused this kiosk's token"
    assert "server add-kiosk NAME" in (found.fix or "")


def test_a_server_that_does_not_answer_is_a_problem(server: Server) -> None:
    silent = "http://127.0.0.1:9"  # discard port: nothing listens there
    found = check_server(silent, ask_server(silent, server.token, timeout=2))
    assert found.status == "problem"
    assert found.detail.startswith(f"cannot reach {silent}")
    assert "visits wait on this kiosk" in found.detail


def test_no_server_set_is_only_a_warning() -> None:
    found = check_server(None, None)
    assert found.status == "warning"
    assert "fablab-kiosk connect" in (found.fix or "")


# --- tutorials ---------------------------------------------------------------------------


def test_the_shipped_tutorials_are_ready() -> None:
    found = check_tutorials(default_root())
    assert found.status == "ok" and "tutorials ready" in found.detail


def test_a_broken_tutorial_is_a_problem_naming_it(tmp_path: Path) -> None:
    root = tmp_path / "tutorials"
    shutil.copytree(FIXTURE_TUTORIALS, root)
    (root / "laser-cutter" / "tutorial.yaml").write_text("title: [unclosed\n")
    found = check_tutorials(root)
    assert found.status == "problem"
    assert "left out: laser-cutter" in found.detail
    assert f"fablab-kiosk tutorials check {root}" in (found.fix or "")
    assert check_tutorials(tmp_path / "nowhere").status == "problem"


def test_opening_hours_that_cannot_be_read_are_a_problem_naming_the_space(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """What staff wrote in config.toml, read as the kiosk reads it (issue 12)."""
    config = site.data_dir.config_file
    text = config.read_text()
    assert 'opening_hours = ""' in text
    config.write_text(text.replace('opening_hours = ""', 'opening_hours = "Mo-Fr 25:00-99:00"', 1))
    argv = ["doctor", "--data-dir", str(site.data_dir.path), "--json"]
    main(argv)
    [hours] = [r for r in json.loads(capsys.readouterr().out) if r["check"] == "hours"]
    assert hours["status"] == "problem", hours
    first_space = site.settings.spaces[0].id
    assert first_space in hours["detail"] and "opening_hours" in hours["fix"]
    config.write_text(text.replace('opening_hours = ""', 'opening_hours = "Mo-Fr 10:00-18:00"'))
    main(argv)
    [hours] = [r for r in json.loads(capsys.readouterr().out) if r["check"] == "hours"]
    assert hours["status"] == "ok", hours


# --- the command -------------------------------------------------------------------------


def test_doctor_command_all_checks_as_json(
    site: Site, badge_folder: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    connect(site, server.url, server.token)
    capsys.readouterr()
    argv = ["doctor", "--data-dir", str(site.data_dir.path), "--camera", str(badge_folder)]
    status = main([*argv, "--json"])
    rows = json.loads(capsys.readouterr().out)
    checks = "configuration camera decoder hours database schema disk clock server tutorials"
    assert [r["check"] for r in rows] == [*checks.split(), "read aloud"]
    assert all(set(r) == {"check", "status", "detail", "fix"} for r in rows)
    by_check = {r["check"]: r for r in rows}
    for check in ("configuration", "camera", "decoder", "database", "schema", "server"):
        assert by_check[check]["status"] == "ok", by_check[check]
    assert status == (1 if any(r["status"] == "problem" for r in rows) else 0)


def test_doctor_command_exits_1_on_a_problem_and_says_what_to_do(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["doctor", "--data-dir", str(site.data_dir.path), "--camera", str(tmp_path / "none")]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "PROBLEM  camera        no camera, file or folder called" in out
    assert "what to do: check the camera's cable" in out
    assert "WARNING  server        not connected to a central server" in out
    # (read aloud is a warning too where speech-dispatcher and espeak-ng are not installed)
    assert out.rstrip().endswith(
        ("1 problem and 1 warning.", "1 problem and 2 warnings.", "1 problem and 3 warnings.")
    )
