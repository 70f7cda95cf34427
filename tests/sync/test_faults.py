"""The faults of the issue, each against the real server and each followed by the same
check: every visit on the server exactly once, none lost on the kiosk."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.machines import set_status
from kiosk.models import MachineState, MachineStatus, utcnow
from kiosk.sync import SyncClient, SyncReport, connect, flush_outbox, sync_once, sync_status
from kiosk.sync.flush import _oldest

ROOT = Path(__file__).resolve().parents[2]


def _until_done(site, tries: int = 20, **kw) -> SyncReport:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        report = sync_once(site, force=True, **kw)
        if report.ok and report.remaining == 0:
            return report
        if report.error_kind == "busy" and report.next_try_at is not None:
            # the server's rate limit is kept in its database, across a restart: wait
            # as a kiosk would (at most a few seconds here), rather than hammer it
            wait = (report.next_try_at - utcnow()).total_seconds()
            time.sleep(min(max(wait, 0.0), 5.0))
    raise AssertionError(f"not done after {tries} rounds: {report}")


def test_plain_sync(pair):  # type: ignore[no-untyped-def]
    pair.start()
    pair.backlog(300)
    report = sync_once(pair.site)
    assert report.ok and report.flush is not None and report.flush.sent == 300
    assert sync_status(pair.site).last_success_at is not None
    pair.assert_exactly_once()


def test_server_down_for_a_long_backlog_then_back(pair):  # type: ignore[no-untyped-def]
    pair.backlog(3000)  # days of visits while the server was away
    down = sync_once(pair.site, rng=random.Random(1))
    assert down.error_kind == "unreachable" and down.next_try_at is not None
    again = sync_once(pair.site, force=True)
    status = sync_status(pair.site)
    assert again.error_kind == "unreachable" and status.waiting == 3000
    assert status.last_error and "cannot reach" in status.last_error
    pair.start()
    assert sync_once(pair.site).skipped  # backing off: the kiosk does not hammer
    _until_done(pair.site)
    status = sync_status(pair.site)
    assert status.error_kind is None and status.next_try_at is None
    pair.assert_exactly_once()


class Clock:
    """The kiosk's clock, moved by the test: backing off takes no real time."""

    def __init__(self) -> None:
        self.at = utcnow()

    def __call__(self) -> datetime:
        return self.at


def test_backoff_never_waits_more_than_five_minutes_then_tries_unforced(pair, relay):  # type: ignore[no-untyped-def]
    connect(pair.site, pair.url, pair.token)  # straight to the server, which is down
    pair.backlog(20)
    clock, rng = Clock(), random.Random(3)
    waits = []
    for _ in range(25):  # the server is away for a long time: failures pile up
        report = sync_once(pair.site, now=clock, force=True, rng=rng)
        assert report.error_kind == "unreachable" and report.next_try_at is not None
        waits.append((report.next_try_at - clock()).total_seconds())
    assert all(0 <= wait <= 300 for wait in waits), waits
    assert max(waits[10:]) > 150  # it did back off: the cap is reached, not just respected
    pair.start()
    connect(pair.site, relay.url, pair.token)
    relay.faults = ["429-for-a-century"]  # a broken proxy asks for 100 years of silence
    busy = sync_once(pair.site, now=clock, force=True)
    assert busy.error_kind == "busy" and busy.next_try_at is not None
    assert (busy.next_try_at - clock()) <= timedelta(minutes=5)
    assert sync_once(pair.site, now=clock).skipped  # not before its time
    clock.at = busy.next_try_at + timedelta(seconds=1)
    report = sync_once(pair.site, now=clock)  # not forced: the kiosk's own next try
    assert not report.skipped and report.ok and report.remaining == 0
    assert report.flush is not None and report.flush.sent == 20
    status = sync_status(pair.site)
    assert status.error_kind is None and status.next_try_at is None
    pair.assert_exactly_once()


def test_busy_answers_429_and_5xx(pair, relay):  # type: ignore[no-untyped-def]
    pair.start(rate_per_minute=3)
    pair.backlog(1000)
    relay.faults = ["502"]
    bad_gateway = sync_once(pair.site)
    assert bad_gateway.error_kind == "busy" and "502" in (bad_gateway.error or "")
    assert sync_status(pair.site).waiting == 1000
    limited = sync_once(pair.site, force=True, batch_size=100)
    assert limited.error_kind == "busy" and limited.flush is not None
    assert limited.flush.retry_after is not None and limited.flush.retry_after > 0
    assert limited.next_try_at is not None
    floor = limited.next_try_at - pair.site.now()
    assert floor.total_seconds() >= limited.flush.retry_after - 1  # Retry-After is a floor
    assert 0 < limited.flush.sent < 1000
    pair.stop()
    pair.start()  # an ample rate again
    _until_done(pair.site)
    pair.assert_exactly_once()


def test_the_same_batch_three_times(pair):  # type: ignore[no-untyped-def]
    pair.start()
    pair.backlog(200)
    with pair.site.sessions() as session:
        batch = _oldest(session, 200)
    client = SyncClient(pair.url, pair.token)
    statuses = [{r["status"] for r in client.push(batch)} for _ in range(3)]
    assert statuses == [{"applied"}, {"duplicate"}, {"duplicate"}]
    result = flush_outbox(pair.site.sessions, client)
    assert (result.sent, result.duplicates, result.remaining) == (0, 200, 0)
    pair.assert_exactly_once()


def test_the_reply_lost_after_the_server_committed(pair, relay):  # type: ignore[no-untyped-def]
    pair.start()
    pair.backlog(1000)
    relay.faults = ["forward", "lose"]
    lost = sync_once(pair.site, batch_size=250)
    assert lost.error_kind == "unreachable"
    assert lost.flush is not None and lost.flush.sent == 250
    assert pair.server_visits() == 500  # the second batch is there, not marked here
    assert sync_status(pair.site).waiting == 750
    report = _until_done(pair.site, batch_size=250)
    assert report.flush is not None and report.flush.duplicates == 250
    pair.assert_exactly_once()


def test_sigkill_in_the_middle_of_a_sync(pair, tmp_path):  # type: ignore[no-untyped-def]
    pair.start()
    pair.backlog(5000)
    command = [
        sys.executable, "-m", "kiosk.cli.main", "sync", "--batch", "50",
        "--data-dir", str(pair.site.data_dir.path),
    ]  # fmt: skip
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while pair.server_visits() < 1000:
        assert process.poll() is None, "the sync ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert process.returncode == -signal.SIGKILL
    landed = pair.server_visits()
    assert 0 < landed < 5000
    assert sync_status(pair.site).waiting > 0
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "0 waiting" in again.stdout
    pair.assert_exactly_once()


def test_changes_of_another_kiosk_are_pulled_without_events(pair, tmp_path):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from sqlalchemy.orm import Session

    from kiosk.config import MachineEntry
    from kiosk.server.accounts import add_kiosk
    from kiosk.site import Site, init_site
    from kiosk.sync import connect

    pair.start()
    with Session(pair.engine) as session:
        _kiosk, token = add_kiosk(session, "workshop")
        session.commit()
    other = init_site(tmp_path / "other", "Fablab")
    laser = (MachineEntry("laser", "Laser", "laser", "fablab"),)
    other = Site(
        other.data_dir, replace(other.settings, machines=laser), other.secret, other.sessions
    )
    connect(other, pair.url, token)
    with other.transaction() as session:
        set_status(
            session,
            other.settings,
            "laser",
            MachineStatus.MAINTENANCE,
            now=other.now(),
            note="lens",
        )
    assert sync_once(other).ok
    pair.backlog(10)
    report = sync_once(pair.site)
    assert report.ok and report.pulled == 1
    with pair.site.sessions() as session:
        state = session.get(MachineState, "laser")
        assert state is not None and state.status is MachineStatus.MAINTENANCE
    assert sync_status(pair.site).waiting == 0  # the pulled change is not sent back
    pair.assert_exactly_once()
