"""The kiosk on a real X screen (Xvfb): starts, reads a badge from the camera, checks the
member in, and stops cleanly on SIGTERM, as systemd will stop it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.badges import render_png
from kiosk.members.registration import NewMember, register_member
from kiosk.site import Site

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


@pytest.fixture
def display() -> str:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):  # Xvfb writes the number once it accepts clients
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    if server.poll() is not None or not number.strip():
        pytest.fail(f"Xvfb did not start (exit status {server.poll()})")
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(5)


def test_kiosk_runs_on_x_and_checks_a_badge_in(display: str, site: Site, tmp_path: Path) -> None:
    with site.transaction() as session:
        token = site.badge_token(register_member(session, NewMember("Inès"), consent_at=site.now()))
    camera = tmp_path / "badge.png"
    camera.write_bytes(render_png(token, box_size=8))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    kiosk = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "run",
            "--windowed",
            "--camera",
            str(camera),
            "--data-dir",
            str(site.data_dir.path),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    log: list[str] = []
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            line = kiosk.stderr.readline()
            if not line:
                break
            log.append(line)
            if "scan by badge: checked_in" in line:
                break
        assert any("scan by badge: checked_in" in line for line in log), "".join(log)
    finally:
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(10)
    assert status == 0, "".join(log) + kiosk.stderr.read()


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
def test_usb_scanner_typing_on_x_checks_a_badge_in(
    display: str, site: Site, tmp_path: Path
) -> None:
    """A keyboard-wedge scanner as the X server delivers it: xdotool types the badge text
    and Enter, 2 ms a key, into the kiosk's window. No camera sees a badge meanwhile."""
    with site.transaction() as session:
        token = site.badge_token(register_member(session, NewMember("Inès"), consent_at=site.now()))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    kiosk = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "run",
            "--windowed",
            "--camera",
            str(tmp_path / "no-camera-here"),
            "--data-dir",
            str(site.data_dir.path),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(kiosk.stderr.readline, "")))
    reader.start()

    def xdotool(*args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=env, capture_output=True, text=True, timeout=20, check=True
        )
        return done.stdout

    try:
        window = xdotool("search", "--sync", "--onlyvisible", "--name", "Fablab Test").split()[0]
        xdotool("windowfocus", "--sync", window)
        xdotool("type", "--delay", "2", token)
        xdotool("key", "Return")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not any("scan by" in line for line in log):
            time.sleep(0.1)
        assert any("scan by badge: checked_in" in line for line in log), "".join(log)
    finally:
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(10)
        reader.join(5)
    assert status == 0, "".join(log)
