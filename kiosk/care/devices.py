"""The doctor's findings about the hardware around the program: the camera (found, not
held by another program, delivering frames that are not black) and the clock.
Used by :mod:`kiosk.care.doctor`."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import cv2

from kiosk.scanning import (
    FrameSource,
    SourceUnavailable,
    open_source,
)
from kiosk.sync.client import SyncError

Status = Literal["ok", "warning", "problem"]
RELEASE_YEAR = 2026  # a clock before this year is wrong for sure (raise it at each release)
CLOCK_TOLERANCE_S = 120.0
CAMERA_FRAMES = 5
CAMERA_TIMEOUT_S = 10.0
DARK_BELOW = 16  # mean brightness out of 255: a covered lens or a dark corner
STOP_KIOSK = "sudo systemctl stop fablab-kiosk"


@dataclass(frozen=True)
class ServerAnswer:
    health: dict[str, Any] | None
    error: SyncError | None
    date: datetime | None  # the server's HTTP Date header, for the clock check
    received_at: datetime | None  # our clock when it came


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str
    fix: str | None = None

    def json(self) -> dict[str, Any]:
        return {"check": self.check, "status": self.status, "detail": self.detail, "fix": self.fix}


# --- camera -----------------------------------------------------------------------------


def camera_device(spec: str) -> Path | None:
    """The V4L2 device a camera setting names ("0" is /dev/video0), else None."""
    spec = spec.strip()
    if spec.isdigit():
        return Path(f"/dev/video{spec}")
    return Path(spec) if spec.startswith("/dev/") else None


def device_users(device: Path, proc: Path = Path("/proc")) -> list[tuple[int, str]]:
    """``(pid, program)`` of the other processes holding *device* open (those we may see:
    our own user's, or all of them as root)."""
    try:
        target = os.path.realpath(device)
    except OSError:
        return []
    users = []
    for entry in proc.glob("[0-9]*"):
        pid = int(entry.name)
        if pid == os.getpid():
            continue
        try:
            held = any(os.readlink(fd) == target for fd in (entry / "fd").iterdir())
            if held:
                users.append((pid, (entry / "comm").read_text().strip()))
        except OSError:  # gone, or another user's
            continue
    return users


@dataclass
class _Capture:
    frames: list[Any] = field(default_factory=list)
    error: Exception | None = None
    description: str = ""
    done: threading.Event = field(default_factory=threading.Event)


def _capture(
    spec: str, count: int, deadline: float, opener: Callable[[str], FrameSource], result: _Capture
) -> None:
    quiet = cv2.utils.logging  # OpenCV's own warnings would repeat the finding in jargon
    level = quiet.setLogLevel(quiet.LOG_LEVEL_ERROR)
    try:
        source = opener(spec)
        result.description = source.description
        try:
            while len(result.frames) < count and time.monotonic() < deadline:
                frame = source.read()
                if frame is None:
                    time.sleep(0.05)  # a camera still waking up (this is not the GUI thread)
                else:
                    result.frames.append(frame)
        finally:
            source.close()
    except Exception as exc:  # reported as a finding; a thread must not die silently
        result.error = exc
    finally:
        quiet.setLogLevel(level)
        result.done.set()


def check_camera(
    spec: str,
    *,
    frames: int = CAMERA_FRAMES,
    timeout: float = CAMERA_TIMEOUT_S,
    opener: Callable[[str], FrameSource] = open_source,
) -> Finding:
    """Open the camera (or image folder, video...) and read *frames* frames within
    *timeout* seconds. The reading runs in a thread: a camera stuck in the driver is
    reported, not waited for."""
    device = camera_device(spec)
    if device is not None:
        users = device_users(device)
        if users:
            who = ", ".join(f"{name} (pid {pid})" for pid, name in users)
            return Finding(
                "camera",
                "warning",
                f"{device} is in use by {who}, so it cannot be tested here",
                f"if that is the kiosk, stop it ({STOP_KIOSK}), run the doctor again, "
                "then start it (sudo systemctl start fablab-kiosk)",
            )
    started = time.monotonic()
    result = _Capture()
    worker = threading.Thread(
        target=_capture,
        args=(spec, frames, started + timeout, opener, result),
        name="doctor-camera",
        daemon=True,  # a driver that never returns must not keep the command alive
    )
    worker.start()
    result.done.wait(timeout + 1.0)
    elapsed = time.monotonic() - started
    fix = (
        "check the camera's cable (try another USB port) and 'ls /dev/video*'; "
        "set [kiosk] camera in config.toml (0, /dev/videoN or a folder of images)"
    )
    if isinstance(result.error, SourceUnavailable):
        return Finding("camera", "problem", str(result.error), fix)
    if result.error is not None:
        return Finding("camera", "problem", f"camera {spec!r}: {result.error}", fix)
    if not result.frames:
        waited = "gave no picture" if result.done.is_set() else "did not answer"
        return Finding(
            "camera", "problem", f"camera {spec!r} opened but {waited} in {timeout:.0f} s", fix
        )
    last = result.frames[-1]
    height, width = last.shape[:2]
    source = result.description or spec
    got = f"{len(result.frames)} frames of {width}x{height} in {elapsed:.1f} s from {source}"
    brightness = float(last.mean())
    if brightness < DARK_BELOW:
        return Finding(
            "camera",
            "warning",
            f"{got}, but the picture is almost black (brightness {brightness:.0f} of 255)",
            "take the cover off the lens and light the place where badges are shown",
        )
    return Finding("camera", "ok", got)


# --- decoder ----------------------------------------------------------------------------


def ntp_synchronized() -> str | None:
    """``yes`` or ``no`` from timedatectl, or None where it does not exist or answer."""
    if shutil.which("timedatectl") is None:
        return None
    try:
        done = subprocess.run(
            ["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value in ("yes", "no") else None


def _duration(seconds: float) -> str:
    seconds = round(abs(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def check_clock(
    now: datetime,
    answer: ServerAnswer | None,
    ntp: str | None,
    *,
    tz: Any = UTC,
    not_before_year: int = RELEASE_YEAR,
) -> Finding:
    """Visits are timed by this clock: a year before the release is wrong for sure; more
    than two minutes from the server's clock, or no NTP, deserves a look."""
    set_ntp = "turn on time synchronisation: sudo timedatectl set-ntp true (needs the network)"
    shown = now.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
    if now.year < not_before_year:
        return Finding(
            "clock",
            "problem",
            f"the clock says {shown}, before this program was made ({not_before_year})",
            f"{set_ntp}, or set it by hand: sudo date -s 'YYYY-MM-DD HH:MM'",
        )
    notes, warnings = [shown], []
    if answer is not None and answer.date is not None and answer.received_at is not None:
        offset = (answer.received_at - answer.date).total_seconds()
        way = "ahead of" if offset > 0 else "behind"
        words = f"{_duration(offset)} {way} the server's clock"
        if abs(offset) > CLOCK_TOLERANCE_S:
            warnings.append(words)
        else:
            notes.append(f"{_duration(offset)} from the server's clock")
    if ntp == "no":
        warnings.append("not synchronised with a time server (NTP)")
    elif ntp == "yes":
        notes.append("synchronised (NTP)")
    if warnings:
        return Finding("clock", "warning", f"{shown}: {'; '.join(warnings)}", set_ntp)
    return Finding("clock", "ok", ", ".join(notes))


# --- tutorials --------------------------------------------------------------------------
