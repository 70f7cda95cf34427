"""``fablab-kiosk server ...``: tokens, staff accounts, the report, the optional extra."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.cli.main import main
from kiosk.server.accounts import verify_password
from kiosk.server.background import ServerThread
from kiosk.server.db import make_engine
from kiosk.server.settings import ServerSettings


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def visit_event(checked_in: datetime, member_id: str | None, **kw: Any) -> dict[str, Any]:
    payload = {
        "id": str(uuid.uuid4()),
        "member_id": member_id,
        "space": "fablab",
        "purpose": None,
        "checked_in_at": checked_in.isoformat(),
        "checked_out_at": None,
        "method": "badge" if member_id else "guest",
        "head_count": 1,
        "auto_closed": False,
    } | kw
    return {
        "id": str(uuid.uuid4()),
        "kind": "visit",
        "occurred_at": checked_in.isoformat(),
        "payload": payload,
    }


def test_add_kiosk_prints_a_token_that_works(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(capsys, "server", "add-kiosk", "fablab-door", "--db", database_url, "--json")
    assert data["name"] == "fablab-door" and len(data["token"]) >= 40
    engine = make_engine(database_url)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM kiosk").scalar_one()
    engine.dispose()
    assert data["token"] not in stored  # only its hash is kept
    with ServerThread(ServerSettings(database_url=database_url)) as server:
        reply = requests.get(
            f"{server.url}/api/v1/health",
            headers={"Authorization": f"Bearer {data['token']}"},
            timeout=10,
        )
    assert reply.json()["kiosk"] == "fablab-door"
    assert main(["server", "--db", database_url, "add-kiosk", "fablab-door"]) == 1
    assert "already a kiosk named" in capsys.readouterr().err


def test_report_counts_the_visits_of_all_kiosks(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    door = run_json(capsys, "server", "add-kiosk", "door", "--db", database_url, "--json")
    cowork = run_json(capsys, "server", "add-kiosk", "cowork", "--db", database_url, "--json")
    ada, bob = str(uuid.uuid4()), str(uuid.uuid4())
    door_events = [
        visit_event(datetime(2026, 1, 5, 10, tzinfo=UTC), ada),
        visit_event(datetime(2026, 1, 7, 10, tzinfo=UTC), ada),
        # 23:30 UTC on 31 March is 1 April in Paris
        visit_event(datetime(2026, 3, 31, 23, 30, tzinfo=UTC), bob),
        visit_event(datetime(2025, 12, 31, 12, tzinfo=UTC), bob),  # another year
    ]
    cowork_events = [
        visit_event(datetime(2026, 11, 25, 14, tzinfo=UTC), None, head_count=4, space="cowork"),
        visit_event(datetime(2026, 11, 26, 9, tzinfo=UTC), bob, space="cowork"),
    ]
    settings = ServerSettings(database_url=database_url)
    with ServerThread(settings) as server:
        for token, events in ((door["token"], door_events), (cowork["token"], cowork_events)):
            reply = requests.post(
                f"{server.url}/api/v1/events",
                json={"events": events},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            assert {r["status"] for r in reply.json()["results"]} == {"applied"}
    data = run_json(capsys, "server", "report", "--year", "2026", "--db", database_url, "--json")
    assert data["source"] == "server" and data["year"] == 2026
    # people: 3 member visits at the door, a group of 4 guests and bob at the cowork
    assert data["visits"] == 8 and data["member_visits"] == 4
    assert data["unique_visitors"] == 2  # ada and bob, on both kiosks
    assert data["guests"] == 4 and data["guest_groups"] == 1
    assert data["by_month"] == [2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 0]
    assert data["by_space"] == {"cowork": 5, "fablab": 3}
    assert data["by_kiosk"] == {"cowork": 5, "door": 3}
    assert data["previous_year"]["visits"] == 1  # bob on 31 December 2025
    assert main(["server", "report", "--year", "2026", "--db", database_url]) == 0
    out = capsys.readouterr().out
    assert "unique visitors             2" in out and "kiosk door: 3" in out


def test_add_staff_keeps_a_scrypt_hash(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["server", "add-staff", "lea", "--password-stdin", "--db", database_url]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main(["server", "add-staff", "lea", "--password-stdin", "--db", database_url]) == 0
    assert "created" in capsys.readouterr().out
    engine = make_engine(database_url)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM staff_account").scalar_one()
    engine.dispose()
    assert stored.startswith("scrypt$")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterY", stored)


@pytest.mark.filterwarnings("ignore::getpass.GetPassWarning")  # no terminal: as when piped
def test_a_password_piped_without_password_stdin_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``echo secret | fablab-kiosk server add-staff lea``: the second prompt finds the
    input ended (it used to be an EOFError traceback)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    db = str(tmp_path / "server.sqlite3")
    assert main(["server", "add-staff", "lea", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "the input ended before it was typed twice" in err and "--password-stdin" in err


def test_the_command_line_works_without_the_server_extra() -> None:
    code = (
        "import sys\n"
        "for name in ('fastapi', 'uvicorn', 'psycopg', 'starlette', 'pydantic'):\n"
        "    sys.modules[name] = None\n"
        "from kiosk.cli.main import build_parser, main\n"
        "build_parser().parse_args(['server', 'add-kiosk', 'x'])\n"
        "url = 'postgresql://nobody@127.0.0.1:1/x'\n"
        "sys.exit(main(['server', '--db', url, 'add-kiosk', 'x']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "fablab-kiosk[server]" in done.stderr


def test_server_retention_runs_from_the_command_line(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(capsys, "server", "retention", "--db", database_url, "--json")
    assert data == {"months": 12, "anonymized_visits": 0, "sealed_years": []}
    assert main(["server", "retention", "--months", "0", "--db", database_url]) == 1
    assert "at least one month" in capsys.readouterr().err


@pytest.mark.parametrize("year", ["9999", "0", "-5", "1999", "2101"])
def test_report_of_a_year_no_report_counts_says_so(
    database_url: str, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    assert main(["server", "report", "--year", year, "--db", database_url]) == 2  # bad input
    err = capsys.readouterr().err
    assert "the year must be between 2000 and 2100" in err
    assert "Traceback" not in err


AS_ANOTHER_USER = """
import os, sys
from kiosk.cli.main import main
import kiosk.server.accounts, kiosk.server.cli, kiosk.server.db, kiosk.server.models
if os.geteuid() == 0:  # a volunteer's account, not the server's: nobody
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
sys.exit(main(sys.argv[1:]))
"""


def test_a_server_command_without_sudo_says_run_it_with_sudo(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The server's SQLite folder is its own user's (0750, as install.sh makes it): a
    volunteer's account is told to use sudo, not 'unable to open database file'."""
    top = Path(tempfile.mkdtemp(prefix="fablab-server-", dir="/tmp"))
    try:
        top.chmod(0o755)
        folder = top / "fablab-kiosk-server"
        folder.mkdir()
        db = f"sqlite:///{folder / 'server.sqlite3'}"
        assert main(["server", "add-kiosk", "door", "--db", db]) == 0
        capsys.readouterr()
        folder.chmod(0o750 if os.geteuid() == 0 else 0o000)
        for words in (["add-kiosk", "cowork"], ["report", "--year", "2026"]):
            done = subprocess.run(
                [sys.executable, "-c", AS_ANOTHER_USER, "server", *words, "--db", db],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 1, done.stdout
            assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
            assert f"permission denied on {folder}: run it with sudo" in done.stderr
    finally:
        folder.chmod(0o750)
        shutil.rmtree(top)


def test_a_blank_site_name_is_refused_before_the_server_starts(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "--db", database_url, "--site-name", " \x00 "]) == 1
    assert "--site-name: give the organisation's name" in capsys.readouterr().err
