"""Tell systemd how the kiosk is doing (the sd_notify protocol), without libsystemd.

A unit with ``Type=notify`` passes the path of a datagram socket in ``$NOTIFY_SOCKET``
(a file path, or ``@name`` for a Linux abstract socket); each datagram holds lines such
as ``READY=1`` (start-up done), ``WATCHDOG=1`` (still alive), ``STOPPING=1`` or
``STATUS=...`` (shown by ``systemctl status``). With ``WatchdogSec=`` systemd also sets
``$WATCHDOG_USEC`` and kills the service when the pings stop.

Outside systemd (a developer's terminal, the tests) ``$NOTIFY_SOCKET`` is unset and
every call does nothing. Telling systemd is never worth crashing the kiosk for: a
failed send is logged once and otherwise ignored.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def socket_address(name: str) -> str | bytes | None:
    """What to ``sendto``: a path as is, ``@name`` as an abstract address (a leading NUL).

    None for anything else (an empty or relative name, ``vsock:``): not a socket we can
    reach with AF_UNIX.
    """
    if name.startswith("/"):
        return name
    if name.startswith("@") and len(name) > 1:
        return b"\0" + name[1:].encode()
    return None


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """Seconds within which systemd wants a ``WATCHDOG=1``, or None if it wants none.

    Read from ``$WATCHDOG_USEC``; when ``$WATCHDOG_PID`` is set it names the process the
    watchdog is meant for, and any other process (a child) must not ping.
    """
    env = os.environ if environ is None else environ
    pid = env.get("WATCHDOG_PID", "")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 1_000_000 if usec > 0 else None


def _status(text: str) -> list[str]:
    """A ``STATUS=`` line, or none for no text (a newline would start another field)."""
    return [f"STATUS={' '.join(text.split())}"] if text.strip() else []


class Notifier:
    """Sends state lines to systemd's notification socket, if there is one."""

    def __init__(self, socket_name: str | None) -> None:
        self.socket_name = socket_name or ""
        self._address = socket_address(self.socket_name) if socket_name else None
        if socket_name and self._address is None:
            log.warning("NOTIFY_SOCKET=%r is not a socket path: systemd is not told", socket_name)
        self._sock: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Notifier:
        env = os.environ if environ is None else environ
        return cls(env.get("NOTIFY_SOCKET"))

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def notify(self, *lines: str) -> bool:
        """Send *lines* as one datagram; True if it was sent. Never blocks, never raises."""
        if self._address is None or not lines:
            return False
        try:
            if self._sock is None:
                # non-blocking: a full queue on systemd's side must not stall the GUI
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._sock.setblocking(False)
            self._sock.sendto("\n".join(lines).encode(), self._address)
        except OSError as exc:
            if not self._failed:
                log.warning("could not notify systemd at %s: %s", self.socket_name, exc)
                self._failed = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", *_status(status))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self, status: str = "") -> bool:
        return self.notify("STOPPING=1", *_status(status))

    def status(self, text: str) -> bool:
        return self.notify(*_status(text))

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
