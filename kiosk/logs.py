"""Where log lines go: a terminal gets times and level names, the journal gets levels.

Under systemd, stderr is a stream to journald, which stamps every line itself; what it
cannot guess is the level, so each line starts with the syslog priority (``<4>`` for a
warning) and ``journalctl -p warning -u fablab-kiosk`` then finds the kiosk's warnings.
systemd says a stream is its own by setting ``JOURNAL_STREAM`` to ``device:inode`` of
that stream (systemd.exec(5)); a stderr redirected elsewhere by hand no longer matches,
and gets the human format again.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TextIO

HUMAN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(name)s: %(message)s"
ENV_JOURNAL_STREAM = "JOURNAL_STREAM"

# syslog(3) priorities: 2 crit, 3 err, 4 warning, 5 notice, 6 info, 7 debug
_PRIORITIES = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))


def syslog_priority(levelno: int) -> int:
    return next((priority for level, priority in _PRIORITIES if levelno >= level), 7)


def is_journal_stream(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """True when *stream* is the journald stream systemd connected (``JOURNAL_STREAM``)."""
    value = (os.environ if environ is None else environ).get(ENV_JOURNAL_STREAM, "")
    device, _, inode = value.partition(":")
    if not device.isdigit() or not inode.isdigit():
        return False
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor (pytest, StringIO)
        return False
    return (info.st_dev, info.st_ino) == (int(device), int(inode))


class JournalFormatter(logging.Formatter):
    """``<4>kiosk.scanning: message``; every line of a traceback carries the priority, as
    journald stores each line as an entry of its own."""

    def __init__(self) -> None:
        super().__init__(JOURNAL_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{syslog_priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines())


def make_handler(
    stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> logging.Handler:
    """A stderr handler (or *stream*) in the journal's format or the human one."""
    stream = sys.stderr if stream is None else stream
    handler = logging.StreamHandler(stream)
    if is_journal_stream(stream, environ):
        handler.setFormatter(JournalFormatter())
    else:
        handler.setFormatter(logging.Formatter(HUMAN_FORMAT))
    return handler


def setup_logging(
    verbose: bool, stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> None:
    """Configure the root logger once, like :func:`logging.basicConfig`: when it already
    has handlers (a test runner's, an embedding program's) it is left as it is."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.addHandler(make_handler(stream, environ))
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
