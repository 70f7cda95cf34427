"""sd_notify: the datagrams systemd reads, on a real AF_UNIX socket (path and abstract)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.sdnotify import Notifier, watchdog_interval


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    """A socket where systemd would listen, and the NOTIFY_SOCKET value naming it."""
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.settimeout(2)
        yield str(path), sock


def test_ready_and_status_arrive_as_one_datagram(systemd) -> None:
    name, sock = systemd
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": name})
    assert notifier.enabled
    assert notifier.ready("Welcome screen shown")
    assert sock.recv(4096) == b"READY=1\nSTATUS=Welcome screen shown"
    assert notifier.watchdog()
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert notifier.status("camera\nunplugged")  # a newline would start another field
    assert sock.recv(4096) == b"STATUS=camera unplugged"
    assert notifier.stopping()
    assert sock.recv(4096) == b"STOPPING=1"
    notifier.close()


def test_abstract_socket_named_with_an_at_sign() -> None:
    name = f"fablab-kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(2)
        notifier = Notifier(f"@{name}")
        assert notifier.watchdog()
        assert sock.recv(4096) == b"WATCHDOG=1"
        notifier.close()


def test_without_notify_socket_everything_is_a_no_op(monkeypatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    notifier = Notifier.from_environment()
    assert not notifier.enabled
    assert not notifier.ready()
    assert not notifier.watchdog()
    assert not notifier.stopping()
    notifier.close()


def test_environment_is_read_by_default(monkeypatch, systemd) -> None:
    name, sock = systemd
    monkeypatch.setenv("NOTIFY_SOCKET", name)
    assert Notifier.from_environment().ready()
    assert sock.recv(4096) == b"READY=1"


def test_a_failed_send_is_logged_once_and_never_raised(tmp_path: Path, caplog) -> None:
    notifier = Notifier(str(tmp_path / "nobody-listens"))
    with caplog.at_level(logging.WARNING, logger="kiosk.sdnotify"):
        assert not notifier.ready()
        assert not notifier.watchdog()
        assert not notifier.watchdog()
    assert len(caplog.records) == 1
    assert "could not notify systemd" in caplog.records[0].getMessage()
    notifier.close()


def test_a_name_that_is_no_socket_path_is_refused(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.sdnotify"):
        notifier = Notifier("run/notify")
    assert not notifier.enabled and not notifier.ready()
    assert "not a socket path" in caplog.text


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 30.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 30.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}, None),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "init"}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_watchdog_interval(environ: dict[str, str], expected: float | None) -> None:
    assert watchdog_interval(environ) == expected


def test_watchdog_interval_reads_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "2500000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert watchdog_interval() == 2.5
