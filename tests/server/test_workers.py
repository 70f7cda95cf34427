"""Several server processes on one PostgreSQL database, as in production: real
``fablab-kiosk server`` processes on 127.0.0.1, started at once on a new database.

What one process keeps must be what every process sees: a kiosk's request rate and the
sign-in throttle are in the database, so a burst split over two processes is limited
as if it had gone to one.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.cli.main import main
from kiosk.server.db import POOL_OVERFLOW, POOL_SIZE, REQUESTS_AT_ONCE, make_engine
from kiosk.server.limits import RequestsAtOnce
from kiosk.server.settings import ServerSettings, settings_for_workers, settings_from_environment

from .conftest import Running, new_postgres_schema
from .test_signin import with_staff, wrong
from .test_web import FORM, login_form

RUN_CLI = "import sys; from ui.cli import main; sys.exit(main(sys.argv[1:]))"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    """``fablab-kiosk server ...`` in a process of its own; stopped as systemd would."""

    def __init__(self, database_url: str, data_dir: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir / f"server-{self.port}.log"
        command = [sys.executable, "-c", RUN_CLI, "server", "--data-dir", str(data_dir)]
        command += ["--db", database_url, "--port", str(self.port), *options]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server stopped: {self.log.read_text()}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        pytest.fail(f"the server did not answer in {timeout} s: {self.log.read_text()}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = [int(pid) for pid in children.read_text().split()]
        return [p for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its workers too
                self.process.wait(10)


@dataclass
class RunningProcess(Running):
    process: ServerProcess | None = None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url, drop = new_postgres_schema()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def start_processes(
    postgres_url: str, tmp_path: Path
) -> Iterator[Callable[..., list[RunningProcess]]]:
    """``start_processes(2, "--rate-per-minute", "10")``: that many server processes,
    started at the same time on one new database, each as a :class:`Running`."""
    started: list[ServerProcess] = []
    engine = make_engine(postgres_url)

    def start(count: int, *options: str) -> list[RunningProcess]:
        servers = [ServerProcess(postgres_url, tmp_path, *options) for _ in range(count)]
        started.extend(servers)
        for server in servers:
            server.wait_ready()
        settings = ServerSettings(database_url=postgres_url)
        return [RunningProcess(s.url, settings, engine, process=s) for s in servers]

    yield start
    for server in started:
        server.stop()
    engine.dispose()


def test_a_kiosks_burst_split_over_two_processes_is_still_limited(
    start_processes: Callable[..., list[RunningProcess]],
) -> None:
    first, second = start_processes(2, "--rate-per-minute", "10")  # a token every 6 s
    token = first.add_kiosk("door")
    began = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda n: (first, second)[n % 2].pull(token).status_code, range(24)))
    refilled = int((time.monotonic() - began) / 6) + 1
    assert codes.count(200) + codes.count(429) == 24
    # 10 in the burst (each process alone would have let 12 through: 24 in all)
    assert 10 <= codes.count(200) <= 10 + refilled
    assert 429 in codes[0::2] and 429 in codes[1::2]  # both processes refused
    other = first.add_kiosk("cowork")
    assert second.pull(other).status_code == 200  # one bucket per kiosk


def test_sign_in_and_failed_sign_ins_span_two_processes(
    start_processes: Callable[..., list[RunningProcess]],
) -> None:
    first, second = start_processes(2)
    with_staff(first)
    # a sign-in form from one process is accepted by the other; the session opens both
    browser, hidden = login_form(first)
    reply = browser.post(
        f"{second.url}/staff/login", data=FORM | hidden, allow_redirects=False, timeout=30
    )
    assert reply.status_code == 303
    assert browser.get(f"{first.url}/staff/reports", timeout=60).status_code == 200
    assert [wrong(first) for _ in range(3)] + [wrong(second) for _ in range(2)] == [401] * 5
    assert wrong(second) == 429 and wrong(first) == 429


def test_workers_are_processes_sharing_one_port_and_one_rate(
    start_processes: Callable[..., list[RunningProcess]],
) -> None:
    (server,) = start_processes(1, "--workers", "2", "--rate-per-minute", "10")
    assert server.process is not None and len(server.process.worker_pids()) == 2
    token = server.add_kiosk("door")
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: server.pull(token).status_code, range(20)))
    assert 10 <= codes.count(200) <= 12 and codes.count(429) >= 8


def test_several_workers_on_sqlite_are_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "server.sqlite3")
    assert main(["server", "--data-dir", str(tmp_path), "--db", db, "--workers", "2"]) == 1
    assert "--workers above 1 needs PostgreSQL" in capsys.readouterr().err
    assert not Path(db).exists()  # refused before anything was made


def test_worker_settings_go_through_the_environment_and_back() -> None:
    settings = ServerSettings(
        database_url="postgresql+psycopg://fablab@db/fablab",
        timezone="America/Montreal",
        trusted_proxies=("127.0.0.1", "10.0.0.0/8"),
        rate_per_minute=30,
    )
    environ = {"FABLAB_KIOSK_SERVER_SETTINGS": settings_for_workers(settings)}
    again = settings_from_environment(environ)
    assert again.trusted_proxies == settings.trusted_proxies
    assert (again.timezone, again.rate_per_minute) == ("America/Montreal", 30)
    with pytest.raises(ValueError, match="start the server with fablab-kiosk server"):
        settings_from_environment({})
    with pytest.raises(ValueError, match="not what fablab-kiosk server writes"):
        settings_from_environment({"FABLAB_KIOSK_SERVER_SETTINGS": '{"debug": true}'})


def test_requests_past_the_connections_wait_their_turn_instead_of_failing() -> None:
    """200 kiosks at once on one process: past REQUESTS_AT_ONCE they wait, none fails."""
    inside, most = 0, 0

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)  # a request at work, holding its connection
        inside -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def burst() -> list[int]:
        limited = RequestsAtOnce(app, limit=REQUESTS_AT_ONCE)
        statuses: list[int] = []

        async def one() -> None:
            async def send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    statuses.append(message["status"])

            await limited({"type": "http", "method": "POST"}, _no_body, send)

        await asyncio.gather(*(one() for _ in range(200)))
        return statuses

    assert asyncio.run(burst()) == [200] * 200
    assert most == REQUESTS_AT_ONCE < POOL_SIZE + POOL_OVERFLOW


async def _no_body() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}
