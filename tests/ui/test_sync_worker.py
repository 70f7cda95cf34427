"""The sync thread on its own: a real server on 127.0.0.1 goes away and comes back,
and the kiosk's record reaches it again with nobody forcing anything. The retry policy
is shortened (the production one waits up to 5 minutes), not the waiting skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.sync import sync_status
from kiosk.sync.backoff import Backoff
from ui.sync_worker import SyncWorker
from ui.workers import WorkerThread

from ..sync import conftest as sync_fixtures
from ..sync.conftest import Pair

pair = sync_fixtures.pair  # the fixture: a kiosk site and its server, started at will


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


def test_the_sync_thread_resumes_by_itself_when_the_server_comes_back(qtbot, pair: Pair) -> None:
    pair.start()
    worker = SyncWorker(pair.site, idle_s=60.0, backoff=Backoff(base=0.1, cap=0.5))
    thread = WorkerThread(worker, "sync", stop_timeout_ms=10_000)
    thread.start()
    try:
        pair.backlog(5)
        worker.wake()
        qtbot.waitUntil(lambda: sync_status(pair.site).last_success_at is not None, timeout=10_000)
        assert sync_status(pair.site).waiting == 0

        pair.stop()  # the server goes away; visits keep coming
        pair.backlog(5)
        worker.wake()
        qtbot.waitUntil(lambda: sync_status(pair.site).error_kind == "unreachable", timeout=10_000)
        first_try = sync_status(pair.site).last_attempt_at
        # it keeps trying on its own (no wake, no force) while the server is away
        qtbot.waitUntil(lambda: sync_status(pair.site).last_attempt_at != first_try, timeout=10_000)
        assert sync_status(pair.site).waiting == 5

        pair.start()  # back, on the same address; nobody touches the kiosk
        qtbot.waitUntil(
            lambda: (s := sync_status(pair.site)).waiting == 0 and s.error_kind is None,
            timeout=10_000,
        )
    finally:
        assert thread.stop()
    pair.assert_exactly_once()
