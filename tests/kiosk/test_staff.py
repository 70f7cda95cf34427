"""Staff mode's PIN: kept only as a slow hash, and a growing delay after wrong tries that
a restart does not reset."""

from __future__ import annotations

import io
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.config import verify_pin
from kiosk.frontdesk import FrontDesk
from kiosk.site import Site, open_site
from kiosk.staff import PinCheck, check_pin, delay_after, lock_wait, set_staff_pin

PIN = "864213579024"  # long enough that it cannot turn up in the hash's hex by chance


@pytest.fixture(autouse=True)
def no_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI here must never touch the real user data directory."""
    monkeypatch.setenv("FABLAB_KIOSK_DATA", str(tmp_path / "env-data-dir-unused"))


@pytest.fixture
def staff_site(site: Site) -> Site:
    set_staff_pin(site, PIN)
    return site


def try_pin(site: Site, pin: str, now: datetime) -> PinCheck:
    """One try on the staff pad, in its own transaction as the kiosk does it."""
    with site.transaction() as session:
        return check_pin(session, site.settings, pin, now=now)


def wait_now(site: Site, now: datetime) -> float:
    with site.sessions() as session:
        return lock_wait(session, now=now)


def test_no_pin_set_never_opens_and_says_so(site: Site, now: datetime) -> None:
    assert site.settings.staff_pin_hash == ""
    check = try_pin(site, "1234", now)
    assert check == PinCheck(ok=False, wait_s=0.0, failures=0, no_pin_set=True)
    for _ in range(4):  # nothing to guess, so nothing is counted or locked
        try_pin(site, "", now)
    assert wait_now(site, now) == 0


def test_right_pin_opens(staff_site: Site, now: datetime) -> None:
    check = try_pin(staff_site, PIN, now)
    assert check == PinCheck(ok=True, wait_s=0.0, failures=0)
    assert not check.locked


def test_two_wrong_tries_do_not_lock(staff_site: Site, now: datetime) -> None:
    assert try_pin(staff_site, "0000", now) == PinCheck(ok=False, wait_s=0.0, failures=1)
    assert try_pin(staff_site, "1111", now) == PinCheck(ok=False, wait_s=0.0, failures=2)
    assert wait_now(staff_site, now) == 0
    assert try_pin(staff_site, PIN, now).ok


def test_third_wrong_try_locks_then_the_delay_doubles(staff_site: Site, now: datetime) -> None:
    for _ in range(2):
        try_pin(staff_site, "0000", now)
    third = try_pin(staff_site, "0000", now)
    assert third == PinCheck(ok=False, wait_s=30.0, failures=3)
    assert third.locked

    # While locked even the right PIN is refused, and not checked at all.
    during = try_pin(staff_site, PIN, now + timedelta(seconds=10))
    assert during == PinCheck(ok=False, wait_s=20.0, failures=3)
    assert wait_now(staff_site, now + timedelta(seconds=29)) == pytest.approx(1.0)

    after = now + timedelta(seconds=30)
    assert wait_now(staff_site, after) == 0
    assert try_pin(staff_site, "0000", after) == PinCheck(ok=False, wait_s=60.0, failures=4)
    later = after + timedelta(seconds=60)
    assert try_pin(staff_site, "0000", later) == PinCheck(ok=False, wait_s=120.0, failures=5)

    # The right PIN once the wait is over opens and starts the count again.
    free_again = later + timedelta(seconds=120)
    assert try_pin(staff_site, PIN, free_again) == PinCheck(ok=True, wait_s=0.0, failures=0)
    assert try_pin(staff_site, "0000", free_again) == PinCheck(ok=False, wait_s=0.0, failures=1)


def test_delay_grows_to_fifteen_minutes_at_most() -> None:
    assert [delay_after(n) for n in range(1, 10)] == [
        0.0,
        0.0,
        30.0,
        60.0,
        120.0,
        240.0,
        480.0,
        900.0,
        900.0,
    ]
    assert delay_after(10_000) == 900.0


def test_lock_survives_a_restart(staff_site: Site, now: datetime) -> None:
    for _ in range(3):
        try_pin(staff_site, "0000", now)
    restarted = open_site(staff_site.data_dir.path)  # the kiosk was unplugged and started again
    assert restarted.settings.staff_pin_hash == staff_site.settings.staff_pin_hash
    check = try_pin(restarted, PIN, now + timedelta(seconds=5))
    assert check == PinCheck(ok=False, wait_s=25.0, failures=3)
    assert try_pin(restarted, "0000", now + timedelta(seconds=30)).wait_s == 60.0


def test_pin_is_stored_only_as_a_slow_hash(staff_site: Site) -> None:
    text = staff_site.data_dir.config_file.read_text()
    assert PIN not in text
    stored = tomllib.loads(text)["kiosk"]["staff_pin_hash"]
    assert stored.startswith("scrypt$16384$")
    assert verify_pin(PIN, stored)
    assert open_site(staff_site.data_dir.path).settings.staff_pin_hash == stored


def test_setting_the_pin_keeps_other_edits_and_refuses_bad_pins(site: Site) -> None:
    config = site.data_dir.config_file
    config.write_text(config.read_text().replace("idle_timeout_s = 45", "idle_timeout_s = 90"))
    settings = set_staff_pin(site, "2468")
    assert settings is site.settings and verify_pin("2468", settings.staff_pin_hash)
    assert open_site(site.data_dir.path).settings.idle_timeout_s == 90  # hand edit kept
    with pytest.raises(ValueError, match="4 to 12 digits"):
        set_staff_pin(site, "12ab")
    assert verify_pin("2468", open_site(site.data_dir.path).settings.staff_pin_hash)


def test_setting_the_pin_clears_the_lock(staff_site: Site, now: datetime) -> None:
    for _ in range(3):
        try_pin(staff_site, "0000", now)
    set_staff_pin(staff_site, "2468")
    assert try_pin(staff_site, "2468", now) == PinCheck(ok=True, wait_s=0.0, failures=0)


def test_front_desk_checks_the_pin(staff_site: Site, now: datetime) -> None:
    class FixedDesk(FrontDesk):
        def now(self) -> datetime:
            return now

    desk = FixedDesk(staff_site)
    assert desk.check_staff_pin(PIN).ok
    for _ in range(3):
        assert not desk.check_staff_pin("0000").ok
    assert desk.staff_lock_wait() == 30.0
    assert desk.check_staff_pin(PIN) == PinCheck(ok=False, wait_s=30.0, failures=3)


# --- fablab-kiosk staff-pin ------------------------------------------------------------------


def staff_pin_cli(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()
    status = main(["staff-pin", "--data-dir", str(site.data_dir.path), "--pin-stdin"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_staff_pin_from_stdin(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = staff_pin_cli(site, monkeypatch, capsys, PIN + "\n")
    assert status == 0
    assert "Staff PIN set" in out and PIN not in out
    stored = open_site(site.data_dir.path).settings.staff_pin_hash
    assert verify_pin(PIN, stored)
    assert PIN not in site.data_dir.config_file.read_text()


@pytest.mark.parametrize("typed", ["12ab\n", "123\n", "\n", "", " 1234\n", "1234567890123\n"])
def test_cli_staff_pin_refuses_what_is_not_4_to_12_digits(
    site: Site,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
) -> None:
    status, out, err = staff_pin_cli(site, monkeypatch, capsys, typed)
    assert status == 1 and out == ""
    assert "4 to 12 digits" in err and "not changed" in err
    assert open_site(site.data_dir.path).settings.staff_pin_hash == ""


def test_cli_staff_pin_asks_twice_without_echo(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["2468", "2469"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    status = main(["staff-pin", "--data-dir", str(site.data_dir.path)])
    assert status == 1
    assert "the two PINs differ" in capsys.readouterr().err
    assert open_site(site.data_dir.path).settings.staff_pin_hash == ""

    answers = iter(["2468", "2468"])
    assert main(["staff-pin", "--data-dir", str(site.data_dir.path)]) == 0
    assert verify_pin("2468", open_site(site.data_dir.path).settings.staff_pin_hash)
