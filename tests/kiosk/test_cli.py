"""``fablab-kiosk`` commands, run in-process without Qt (``qt=None``)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from kiosk.badges import make_token
from kiosk.checkin import scan
from kiosk.cli.main import main
from kiosk.models import CheckinMethod, Member, Visit
from kiosk.site import Site, open_site

OFFSET = re.compile(r"[+-]\d\d:\d\d$")


@pytest.fixture(autouse=True)
def no_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may touch the real user data directory."""
    monkeypatch.setenv("FABLAB_KIOSK_DATA", str(tmp_path / "env-data-dir-unused"))


class Cli:
    """Runs ``fablab-kiosk`` commands against one data directory and keeps the output."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self.capsys = capsys
        self.out = self.err = ""

    def __call__(self, *argv: str) -> int:
        self.capsys.readouterr()
        # --data-dir belongs to the (sub)command, so it goes after the command words.
        words = list(argv)
        split = 2 if words[0] == "member" else 1
        status = main([*words[:split], "--data-dir", str(self.data_dir), *words[split:]])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        return status

    def json(self, *argv: str) -> Any:
        assert self(*argv, "--json") == 0, self.err
        return json.loads(self.out)

    @property
    def site(self) -> Site:
        return open_site(self.data_dir)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A CLI on a freshly initialised site."""
    runner = Cli(tmp_path / "kiosk", capsys)
    assert runner("init", "--name", "Fablab Test") == 0, runner.err
    return runner


def add_member(cli: Cli, first_name: str = "Camille", *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = cli.json("member", "add", "--first-name", first_name, *extra)
    return data


def token_of(cli: Cli, member_id: str) -> str:
    site = cli.site
    with site.sessions() as session:
        member = session.get(Member, member_id)
        assert member is not None
        return site.badge_token(member)


def decode_png(path: Path) -> list[str]:
    image = np.asarray(Image.open(path).convert("L"))
    return [r.text for r in zxingcpp.read_barcodes(image)]


# --- init / demo --------------------------------------------------------------------------


def test_init_creates_a_site_and_refuses_to_run_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Cli(tmp_path / "new", capsys)
    assert run("init", "--name", "La Machinerie") == 0
    site = run.site
    assert site.settings.site_name == "La Machinerie"
    assert site.settings.site_id in run.out
    secret = site.secret

    assert run("init", "--name", "Other") == 1
    assert "already holds a kiosk" in run.err
    assert run.site.secret == secret
    assert run.site.settings.site_name == "La Machinerie"


def test_demo_creates_members_and_past_visits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Cli(tmp_path / "demo", capsys)
    assert run("demo") == 0
    assert "30 members" in run.out
    members = run.json("member", "list")
    assert len(members) == 30
    assert {m["status"] for m in members} <= {"active", "pending", "expired"}
    visits = run.json("visits")
    assert len(visits) > 20
    assert any(v["member_id"] is None and v["head_count"] >= 1 for v in visits)
    assert run("demo") == 1  # never over an existing site


def test_missing_data_dir_says_to_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Cli(tmp_path / "nothing-here", capsys)
    for command in (("member", "list"), ("visits",), ("checkin", "ABCD-EFGH")):
        assert run(*command) == 1, command
        assert "fablab-kiosk init" in run.err
        assert "Traceback" not in run.err
    assert not (tmp_path / "nothing-here" / "kiosk.sqlite3").exists()


def test_run_without_qt_is_a_clear_error(cli: Cli) -> None:
    assert cli("run", "--windowed") == 1
    assert "PySide6" in cli.err


# --- members ------------------------------------------------------------------------------


def test_member_add_prints_the_new_member(cli: Cli) -> None:
    data = add_member(cli, "  Léa ", "--email", "Lea@Example.org", "--postcode", "80000")
    assert {"id", "short_code", "first_name", "status"} <= set(data)
    assert data["first_name"] == "Léa"
    assert data["email"] == "lea@example.org"
    assert data["status"] == "pending"
    assert len(data["id"]) == 36 and len(data["short_code"]) == 8

    assert cli("member", "add", "--first-name", "Hugo") == 0
    assert "Hugo: short code" in cli.out


def test_member_add_refuses_wrong_fields(cli: Cli) -> None:
    assert cli("member", "add", "--first-name", "Léa", "--email", "nope", "--postcode", "8000") == 1
    assert "email" in cli.err and "postcode" in cli.err
    assert cli.json("member", "list") == []


def test_member_list_and_show(cli: Cli) -> None:
    lea = add_member(cli, "Léa")
    hugo = add_member(cli, "Hugo")
    listed = cli.json("member", "list")
    assert [m["first_name"] for m in listed] == ["Hugo", "Léa"]
    assert {m["id"] for m in listed} == {lea["id"], hugo["id"]}

    assert cli("member", "list") == 0
    assert "2 members" in cli.out

    code = lea["short_code"]
    for ref in (f"{code[:4]}-{code[4:]}", f"{code[:4]}-{code[4:]}".lower(), lea["id"]):
        assert cli.json("member", "show", ref)["id"] == lea["id"]
    assert cli("member", "show", code) == 0
    assert "Léa" in cli.out

    assert cli("member", "show", "ZZZZ-ZZZZ") == 1
    assert "no member matches" in cli.err


def test_member_import_prints_a_report(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "helloasso.csv"
    path.write_bytes(
        "Prénom;Nom;Email;Code Postal;Date du paiement\r\n"
        "Camille;Martin;camille@example.org;80000;15/09/2026\r\n"
        "Hugo;Petit;not-an-email;80000;16/09/2026\r\n"
        "Léa;Dubois;lea@example.org;80090;17/09/2026\r\n".encode("utf-8-sig")
    )
    assert cli("member", "import", str(path)) == 0
    assert "2 imported, 0 renewed or already here, 1 refused" in cli.out
    assert "line 3: email" in cli.out

    report = cli.json("member", "import", str(path))
    assert report["imported"] == []
    assert [r["line"] for r in report["updated"]] == [2, 4]
    assert [r["line"] for r in report["refused"]] == [3]
    members = cli.json("member", "list")
    assert {m["valid_until"] for m in members} == {"2027-09-15", "2027-09-17"}
    assert {m["status"] for m in members} == {"active"}


def test_member_import_of_nothing_usable_fails(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("Nom;Email\nMartin;martin@example.org\n")
    assert cli("member", "import", str(path)) == 1
    assert "first-name column" in cli.out
    assert cli("member", "import", str(tmp_path / "missing.csv")) == 1
    assert "cannot read" in cli.err


# --- badges -------------------------------------------------------------------------------


def test_badge_png_and_svg_hold_the_members_token(cli: Cli, tmp_path: Path) -> None:
    member = add_member(cli, "Léa", "--email", "lea@example.org")
    token = token_of(cli, member["id"])

    png, svg = tmp_path / "lea.png", tmp_path / "lea.svg"
    assert cli("badge", member["short_code"], "--out", str(png)) == 0
    assert "Léa" in cli.out
    assert decode_png(png) == [token]
    assert cli("badge", "lea@example.org", "--out", str(svg)) == 0
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_badge_pdf_needs_qt(cli: Cli, tmp_path: Path) -> None:
    member = add_member(cli)
    out = tmp_path / "card.pdf"
    assert cli("badge", member["short_code"], "--out", str(out)) == 1
    assert "Qt" in cli.err
    assert not out.exists()


def test_badge_in_an_unknown_format_is_refused(cli: Cli, tmp_path: Path) -> None:
    member = add_member(cli)
    out = tmp_path / "badge.txt"
    assert cli("badge", member["short_code"], "--out", str(out)) == 1
    assert ".png, .svg or .pdf" in cli.err
    assert not out.exists()
    assert cli("badge", "ZZZZ-ZZZZ", "--out", str(tmp_path / "x.png")) == 1
    assert "no member matches" in cli.err


# --- check-in -----------------------------------------------------------------------------


def _far_closing_time(site: Site) -> None:
    """Closing time half a day from now, so a visit opened a minute ago is not 'forgotten'."""
    local = datetime.now(site.settings.tz) + timedelta(hours=12)
    settings = replace(site.settings, closing_time=local.time().replace(second=0, microsecond=0))
    site.data_dir.save_settings(settings)


def test_checkin_by_code_then_checkout(cli: Cli) -> None:
    member = add_member(cli, "Camille")
    code = member["short_code"]
    assert cli("checkin", f"{code[:4]}-{code[4:]}".lower()) == 0
    assert cli.out.startswith("checked_in: Camille at ")
    assert "membership pending" in cli.out

    # The CLI scans at the real time: move the check-in a minute back rather than sleep.
    site = cli.site
    _far_closing_time(site)
    with site.transaction() as session:
        [visit] = session.scalars(select(Visit)).all()
        visit.checked_in_at -= timedelta(minutes=1)

    result = cli.json("checkin", code)
    assert result["outcome"] == "checked_out"
    assert result["member_id"] == member["id"]
    assert OFFSET.search(result["checked_out_at"])
    [visit_row] = cli.json("visits")
    assert visit_row["checked_out_at"] is not None
    assert visit_row["method"] == "desk"


def test_checkin_twice_quickly_is_a_repeat(cli: Cli) -> None:
    code = add_member(cli)["short_code"]
    assert cli.json("checkin", code)["outcome"] == "checked_in"
    assert cli.json("checkin", code)["outcome"] == "repeat"
    [visit] = cli.json("visits")
    assert visit["checked_out_at"] is None


def test_visits_between_the_ends_of_the_calendar(cli: Cli) -> None:
    """--from 0001-01-01 and --to 9999-12-31 are no bound (they were an OverflowError
    traceback, or 'the database could not be used'); the far days hold no visit."""
    code = add_member(cli)["short_code"]
    assert cli.json("checkin", code)["outcome"] == "checked_in"
    assert len(cli.json("visits", "--from", "0001-01-01", "--to", "9999-12-31")) == 1
    assert cli.json("visits", "--from", "9999-12-31", "--to", "9999-12-31") == []
    assert cli.json("visits", "--to", "0001-01-01") == []


def test_checkin_of_a_badge_token(cli: Cli) -> None:
    token = token_of(cli, add_member(cli)["id"])
    result = cli.json("checkin", token, "--space", "coworking")
    assert result["outcome"] == "checked_in"
    assert result["space"] == "coworking"


def test_checkin_of_a_forged_token_exits_2_with_the_reason(cli: Cli) -> None:
    member = add_member(cli)
    forged = make_token(b"\x01" * 32, cli.site.settings.site_id, member["short_code"], 1)
    assert cli("checkin", forged) == 2
    assert "refused (forged)" in cli.err
    assert cli.out == ""
    assert cli.json("visits") == []


def test_checkin_of_unknown_code_or_space(cli: Cli) -> None:
    code = add_member(cli)["short_code"]
    assert cli("checkin", "ZZZZ-ZZZZ") == 2
    assert "unknown_code" in cli.err
    assert cli("checkin", code, "--space", "kitchen") == 1
    assert "unknown space 'kitchen'" in cli.err and "fablab, coworking" in cli.err
    assert cli.json("visits") == []


# --- visits -------------------------------------------------------------------------------


def _visit_at(site: Site, code: str, when: datetime) -> None:
    with site.transaction() as session:
        result = scan(
            session, site.settings, site.secret, code, method=CheckinMethod.CODE, now=when
        )
        assert result.outcome.value == "checked_in"


def test_visits_json_and_csv(cli: Cli) -> None:
    code = add_member(cli)["short_code"]
    assert cli("checkin", code) == 0
    [visit] = cli.json("visits")
    assert {"id", "member_id", "space", "checked_in_at", "checked_out_at"} <= set(visit)
    assert visit["space"] == "fablab"
    assert OFFSET.search(visit["checked_in_at"])
    assert datetime.fromisoformat(visit["checked_in_at"]).utcoffset() in (
        timedelta(hours=1),
        timedelta(hours=2),
    )

    assert cli("visits", "--csv") == 0
    rows = list(csv.reader(io.StringIO(cli.out)))
    assert rows[0] == [
        "id",
        "member_id",
        "kiosk_id",
        "space",
        "purpose",
        "method",
        "head_count",
        "checked_in_at",
        "checked_out_at",
        "auto_closed",
        "home_site",  # a network visitor's place (issue 15), added last
    ]
    assert len(rows) == 2 and rows[1][0] == visit["id"]


def test_visits_from_to_filters_by_local_day(cli: Cli, paris: Any) -> None:
    codes = [add_member(cli, name)["short_code"] for name in ("A", "B", "C", "D")]
    site = cli.site
    _visit_at(site, codes[0], paris(2025, 11, 20, 15, 0))
    _visit_at(site, codes[1], paris(2025, 11, 24, 23, 30))  # 22:30 UTC, still the 24th here
    _visit_at(site, codes[2], paris(2025, 11, 25, 0, 30))  # 23:30 UTC on the 24th
    _visit_at(site, codes[3], paris(2025, 11, 25, 10, 0))

    def days(*argv: str) -> list[str]:
        return [v["checked_in_at"][:16] for v in cli.json("visits", *argv)]

    assert days("--from", "2025-11-24", "--to", "2025-11-24") == ["2025-11-24T23:30"]
    assert days("--from", "2025-11-25") == ["2025-11-25T00:30", "2025-11-25T10:00"]
    assert days("--to", "2025-11-23") == ["2025-11-20T15:00"]
    assert len(days()) == 4
    # Listing closes the visits forgotten since (auto_closed at closing time).
    closed = [v for v in cli.json("visits", "--to", "2025-11-20") if v["auto_closed"]]
    assert [v["checked_out_at"] for v in closed] == ["2025-11-20T23:00:00+01:00"]

    with pytest.raises(SystemExit):
        main(["visits", "--data-dir", str(cli.data_dir), "--from", "20/11/2026"])


# --- scan ---------------------------------------------------------------------------------


def test_scan_reads_a_generated_badge(cli: Cli, tmp_path: Path) -> None:
    member = add_member(cli)
    png = tmp_path / "badge.png"
    assert cli("badge", member["short_code"], "--out", str(png)) == 0
    [token] = decode_png(png)

    rows = cli.json("scan", str(png))
    assert rows == [{"image": str(png), "codes": [token]}]

    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    assert cli("scan", str(blank)) == 1
    assert "no QR code" in cli.out


# --- the core stays free of Qt ------------------------------------------------------------


def test_core_modules_import_without_qt() -> None:
    code = (
        "import sys\n"
        "import kiosk.cli.main, kiosk.checkin, kiosk.members.registration\n"
        "import kiosk.badges, kiosk.site, kiosk.demo\n"
        "print(sorted(m for m in ('PySide6', 'shiboken6', 'ui') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
