"""A small stand-in for systemd, for bench_restart.py where systemd does not run.

It applies the ``[Service]`` policy of packaging/fablab-kiosk.service to a command:
``Type=notify`` (a datagram socket in ``$NOTIFY_SOCKET``, read here), ``WatchdogSec=``
(``$WATCHDOG_USEC``; no ``WATCHDOG=1`` for that long and the process gets SIGABRT, as
systemd's default ``WatchdogSignal=``, then SIGKILL if it is still there after
``ABORT_GRACE_S``), ``Restart=`` (``always``, ``on-failure``, ``no``) and ``RestartSec=``.
Everything that happens is kept with its ``time.monotonic()``, for the bench to read.
"""

from __future__ import annotations

import re
import select
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ABORT_GRACE_S = 5.0  # systemd waits TimeoutAbortSec (90 s here); Python dies on SIGABRT
_UNITS = {"": 1.0, "s": 1.0, "sec": 1.0, "ms": 0.001, "msec": 0.001, "min": 60.0, "m": 60.0}


def timespan(text: str) -> float:
    """A systemd time span in seconds: ``1``, ``500ms``, ``30s``, ``2min``, ``1min 30s``."""
    total = 0.0
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", text.strip())
    if not parts:
        raise ValueError(f"not a time span: {text!r}")
    for number, unit in parts:
        if unit not in _UNITS:
            raise ValueError(f"unknown time unit {unit!r} in {text!r}")
        total += float(number) * _UNITS[unit]
    return total


@dataclass(frozen=True)
class Policy:
    restart: str = "no"
    restart_s: float = 0.1  # systemd's default RestartSec
    watchdog_s: float | None = None
    notify: bool = False


def read_unit(path: Path) -> Policy:
    """The restart and watchdog settings of a unit file's ``[Service]`` section."""
    section, values = "", {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    watchdog = timespan(values["WatchdogSec"]) if values.get("WatchdogSec") else None
    return Policy(
        restart=values.get("Restart", "no"),
        restart_s=timespan(values.get("RestartSec", "100ms")),
        watchdog_s=watchdog or None,
        notify=values.get("Type") == "notify",
    )


@dataclass(frozen=True)
class Event:
    at: float  # time.monotonic()
    kind: str  # started, message, exited, watchdog
    pid: int
    detail: str = ""


@dataclass
class Supervisor:
    """``start()`` runs *command* and keeps it running by *policy* until ``stop()``."""

    command: Sequence[str]
    policy: Policy
    socket_path: Path
    env: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="supervisor", daemon=True)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind(str(self.socket_path))
        self._sock.setblocking(False)
        self.child: subprocess.Popen[bytes] | None = None

    def start(self) -> Supervisor:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)
        child = self.child
        if child is not None and child.poll() is None:
            child.terminate()  # as `systemctl stop`: SIGTERM, then SIGKILL
            try:
                child.wait(timeout_s)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self._sock.close()

    def since(self, index: int) -> list[Event]:
        with self._lock:
            return self.events[index:]

    def wait_for(self, after: int, kind: str, detail: str = "", timeout_s: float = 120.0) -> Event:
        """The first event of *kind* (whose detail holds *detail*) after index *after*."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for event in self.since(after):
                if event.kind == kind and detail in event.detail:
                    return event
            time.sleep(0.005)
        raise TimeoutError(f"no {kind} {detail!r} within {timeout_s} s: {self.since(after)}")

    def _record(self, kind: str, pid: int, detail: str = "") -> None:
        with self._lock:
            self.events.append(Event(time.monotonic(), kind, pid, detail))

    def _spawn(self) -> tuple[subprocess.Popen[bytes], float]:
        env = dict(self.env)
        if self.policy.notify:
            env["NOTIFY_SOCKET"] = str(self.socket_path)
        if self.policy.watchdog_s:
            env["WATCHDOG_USEC"] = str(round(self.policy.watchdog_s * 1_000_000))
        child = subprocess.Popen(
            list(self.command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._record("started", child.pid)
        return child, time.monotonic()

    def _run(self) -> None:
        restart_at: float | None = time.monotonic()
        last_ping = aborted_at = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if self.child is None and restart_at is not None and now >= restart_at:
                self.child, last_ping = self._spawn()
                aborted_at, restart_at = 0.0, None
            readable, _, _ = select.select([self._sock], [], [], 0.005)
            if readable and any("WATCHDOG=1" in m.splitlines() for m in self._read_messages()):
                last_ping = time.monotonic()
            child = self.child
            if child is None:
                continue
            code = child.poll()
            if code is not None:
                self._record("exited", child.pid, str(code))
                self.child = None
                if self.policy.restart == "always" or (
                    self.policy.restart == "on-failure" and code != 0
                ):
                    restart_at = time.monotonic() + self.policy.restart_s
                continue
            watchdog = self.policy.watchdog_s
            now = time.monotonic()
            if watchdog and not aborted_at and now - last_ping > watchdog:
                self._record("watchdog", child.pid, f"no WATCHDOG=1 for {watchdog:g} s")
                child.send_signal(signal.SIGABRT)
                aborted_at = now
            elif aborted_at and now - aborted_at > ABORT_GRACE_S:
                child.kill()

    def _read_messages(self) -> list[str]:
        """The datagrams waiting, each recorded (NotifyAccess=all: from the child)."""
        messages = []
        while True:
            try:
                data = self._sock.recv(4096)
            except BlockingIOError:
                return messages
            pid = self.child.pid if self.child is not None else 0
            messages.append(data.decode(errors="replace"))
            self._record("message", pid, messages[-1])
