"""Log lines for journald (priority prefix, no time) and for a person (time, level name).

The formats are checked in real processes whose stderr is a file, with JOURNAL_STREAM
set the way systemd sets it (``device:inode`` of that stderr) or not.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.logs import setup_logging, syslog_priority

SCRIPT = """
import logging
from kiosk.logs import setup_logging
setup_logging(verbose=True)
log = logging.getLogger("kiosk.demo")
log.debug("frame %d decoded", 3)
log.info("kiosk started")
log.warning("camera slow")
log.error("sync failed")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("it broke")
"""
HUMAN_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR) ")


def run_logging(tmp_path: Path, journal: str | None, argv: list[str] | None = None) -> list[str]:
    """Run *argv* (default: SCRIPT) with stderr in a file; JOURNAL_STREAM is that file's
    ``dev:ino`` for ``journal="match"``, another file's for ``"other"``, unset for None."""
    err = tmp_path / "stderr"
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    with err.open("w") as stderr:
        if journal is not None:
            info = os.fstat(stderr.fileno()) if journal == "match" else os.stat(__file__)
            env["JOURNAL_STREAM"] = f"{info.st_dev}:{info.st_ino}"
        subprocess.run(
            argv or [sys.executable, "-c", SCRIPT],
            stderr=stderr,
            stdout=subprocess.DEVNULL,
            env=env,
            check=True,
            timeout=60,
        )
    return err.read_text().splitlines()


def test_priorities_are_syslogs() -> None:
    assert [syslog_priority(level) for level in (10, 20, 30, 40, 50)] == [7, 6, 4, 3, 2]


def test_on_the_journal_each_line_carries_its_priority_and_no_time(tmp_path: Path) -> None:
    lines = run_logging(tmp_path, "match")
    assert lines[:4] == [
        "<7>kiosk.demo: frame 3 decoded",
        "<6>kiosk.demo: kiosk started",
        "<4>kiosk.demo: camera slow",
        "<3>kiosk.demo: sync failed",
    ]
    # a traceback is one journal entry per line: each keeps the error priority
    assert lines[4] == "<3>kiosk.demo: it broke"
    assert lines[5] == "<3>Traceback (most recent call last):"
    assert lines[-1] == "<3>ZeroDivisionError: division by zero"
    assert all(line.startswith("<3>") for line in lines[4:])


@pytest.mark.parametrize("journal", [None, "other"])
def test_elsewhere_lines_keep_the_time_and_the_level_name(
    tmp_path: Path, journal: str | None
) -> None:
    """Not under systemd, or stderr redirected away from the journal stream by hand."""
    lines = run_logging(tmp_path, journal)
    assert HUMAN_LINE.match(lines[0]) and lines[0].endswith("DEBUG kiosk.demo: frame 3 decoded")
    assert lines[2].endswith("WARNING kiosk.demo: camera slow")
    assert not any(line.startswith("<") for line in lines)


def test_the_command_line_logs_through_it(tmp_path: Path) -> None:
    """``fablab-kiosk init`` under systemd: the database creation is an info line."""
    argv = [sys.executable, "-m", "kiosk.cli.main", "init", "--data-dir", str(tmp_path / "site")]
    lines = run_logging(tmp_path, "match", argv)
    assert any(re.fullmatch(r"<6>kiosk\.db: upgrading the database .* to \d{4}", x) for x in lines)


def test_a_logger_already_set_up_is_left_alone() -> None:
    """Like logging.basicConfig: a test runner's or an embedding program's handlers stay."""
    root = logging.getLogger()
    marker = logging.NullHandler()
    root.addHandler(marker)
    before = list(root.handlers)
    try:
        setup_logging(verbose=True)
        assert root.handlers == before
    finally:
        root.removeHandler(marker)
