"""200 kiosks syncing at once against ``fablab-kiosk server --workers 2``, then 1, on
PostgreSQL: no 5xx, no event lost or doubled (counted on the server afterwards), the
p95 latency of a 100-event batch and the events per second of each, compared.

Each kiosk has its own token and pushes its batches one after the other, as a kiosk
does; all 200 start together. The server is the real command in a process of its own
(its workers are processes), the kiosks are threads of this one. Skipped, with a line
saying so, when no PostgreSQL listens on 127.0.0.1:5432 ($FABLAB_KIOSK_TEST_POSTGRES).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
from bench_server import visit_events
from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.server.accounts import add_kiosk
from kiosk.server.db import make_engine, migrate

KIOSKS, BATCHES, BATCH = 200, 1, 100
POSTGRES = os.environ.get(
    "FABLAB_KIOSK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
LIBPQ = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
RUN_CLI = "import sys; from ui.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    not_applied: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def kiosk_syncs(
    url: str, token: str, bodies: list[bytes], go: threading.Event, out: Outcome
) -> None:
    with requests.Session() as http:
        http.headers.update(
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        )
        go.wait()
        for body in bodies:
            start = time.perf_counter()
            try:
                reply = http.post(f"{url}/api/v1/events", data=body, timeout=120)
            except requests.RequestException as exc:
                with out.lock:
                    out.failures.append(f"{type(exc).__name__}: {str(exc)[:160]}")
                continue
            took = time.perf_counter() - start
            bad = 0
            if reply.status_code == 200:
                bad = sum(r["status"] != "applied" for r in reply.json()["results"])
            with out.lock:
                out.latencies.append(took)
                out.statuses[reply.status_code] = out.statuses.get(reply.status_code, 0) + 1
                out.not_applied += bad


def start_server(url: str, workers: int, data_dir: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", RUN_CLI, "server", "--data-dir", data_dir, "--db", url]
    command += ["--port", str(port), "--workers", str(workers)]
    log = open(Path(data_dir) / f"server-{workers}.log", "wb")  # noqa: SIM115 (the process's)
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"{base}/api/v1/health", timeout=5).ok:
                return server, base
        except requests.ConnectionError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"the server did not start: {(Path(data_dir) / log.name).read_text()}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # its workers too
            server.wait()


def run(workers: int, database_url: str, data_dir: str) -> dict[str, float] | None:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        tokens = [add_kiosk(session, f"kiosk-{i}")[1] for i in range(KIOSKS)]
    bodies = [
        [json.dumps({"events": visit_events(BATCH)}).encode() for _ in range(BATCHES)]
        for _ in tokens
    ]
    server, url = start_server(database_url, workers, data_dir)
    out, go = Outcome(), threading.Event()
    try:
        threads = [
            threading.Thread(target=kiosk_syncs, args=(url, token, mine, go, out))
            for token, mine in zip(tokens, bodies, strict=True)
        ]
        for thread in threads:
            thread.start()
        start = time.perf_counter()
        go.set()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
    finally:
        stop(server)
    with engine.connect() as conn:
        applied = conn.scalar(text("SELECT count(*) FROM applied_event"))
        visits = conn.scalar(text("SELECT count(*) FROM visit"))
        distinct = conn.scalar(text("SELECT count(DISTINCT id) FROM visit"))
    engine.dispose()
    sent = KIOSKS * BATCHES * BATCH
    latencies = sorted(out.latencies) or [float("nan")]
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    errors = sum(n for code, n in out.statuses.items() if code >= 500)
    print(
        f"{workers} worker{'s' if workers > 1 else ' '}: {KIOSKS} kiosks x {BATCHES} batches "
        f"of {BATCH}: {sent} events in {wall:5.1f} s = {sent / wall:6.0f} events/s; "
        f"batch p50 {p50:5.0f} ms, p95 {p95:5.0f} ms; replies {dict(sorted(out.statuses.items()))}"
    )
    print(
        f"           on the server: {applied} events applied, {visits} visits "
        f"({distinct} distinct) for {sent} sent"
    )
    problems = []
    if errors or out.failures:
        problems.append(
            f"{errors} 5xx, {len(out.failures)} failed requests {sorted(set(out.failures))[:3]}"
        )
    if out.not_applied or applied != sent or visits != sent or distinct != sent:
        problems.append(f"lost or doubled: {out.not_applied} not applied, {applied} on the server")
    if problems:
        print("MISSED: " + "; ".join(problems))
        return None
    return {"events_s": sent / wall, "p95_ms": p95}


def new_schema() -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(LIBPQ, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return schema


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(LIBPQ, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def main() -> int:
    try:
        import psycopg

        with psycopg.connect(LIBPQ, connect_timeout=3):
            pass
    except Exception as exc:  # no PostgreSQL here: say so and do not fail
        print(f"skipped: PostgreSQL not reachable on 127.0.0.1:5432 ({type(exc).__name__})")
        return 0
    print(f"(this machine has {os.cpu_count()} cores, shared with whatever else runs now)")
    figures = {}
    with tempfile.TemporaryDirectory() as data_dir:
        for workers in (2, 1):
            schema = new_schema()
            sep = "&" if "?" in POSTGRES else "?"
            try:
                url = f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"
                figures[workers] = run(workers, url, data_dir)
            finally:
                drop_schema(schema)
    two, one = figures[2], figures[1]
    if two is None or one is None:
        return 1
    print(
        f"2 workers against 1: {two['events_s'] / one['events_s']:.2f}x the events per second, "
        f"p95 {two['p95_ms']:.0f} ms against {one['p95_ms']:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
