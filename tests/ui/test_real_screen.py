"""The kiosk on a real X screen (Xvfb): starts, reads a badge from the camera, checks the
member in, and stops cleanly on SIGTERM, as systemd will stop it."""

from __future__ import annotations

import json
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
        status = kiosk.wait(30)  # (a loaded CI machine can be slow)
        reader.join(5)
    assert status == 0, "".join(log)


KEYBOARD_PROBE = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from kiosk.site import open_site
from ui.app import Kiosk, make_application

app = make_application(language="fr")
from pathlib import Path
kiosk = Kiosk(app, open_site(Path(sys.argv[1])), start_camera=False, start_sync=False)
kiosk.show(windowed=True)
window = kiosk.window
seen = {}


def wait(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    return condition()


method = QGuiApplication.inputMethod()
wait(window.isVisible)
window.activateWindow()  # (no window manager here: the kiosk's session gives it focus)
wait(window.isActiveWindow)
window.welcome.register_button.click()
seen["shown_on_focus"] = wait(method.isVisible)
seen["focused"] = window.register.first_name.hasFocus()
seen["fr"] = kiosk.keyboard.active_locale()
kiosk.set_language("en")
wait(lambda: kiosk.keyboard.active_locale() == "en_GB", 1)
seen["en_while_typing"] = kiosk.keyboard.active_locale()  # changes once it is hidden
window.go_home()
wait(lambda: kiosk.keyboard.active_locale() == "en_GB", 5)
seen["en"] = kiosk.keyboard.active_locale()
seen["layouts"] = sorted(kiosk.keyboard.available_locales())
print(json.dumps(seen), flush=True)
QTimer.singleShot(0, app.quit)  # end as the kiosk does: the event loop returns, then stop
app.exec()
kiosk.stop()
"""


def test_the_on_screen_keyboard_opens_on_focus_in_the_screens_language(
    display: str, site: Site
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_IM_MODULE="qtvirtualkeyboard")
    done = subprocess.run(
        [sys.executable, "-c", KEYBOARD_PROBE, str(site.data_dir.path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "shown_on_focus": True,
        "focused": True,
        "fr": "fr_FR",
        "en_while_typing": "fr_FR",
        "en": "en_GB",
        "layouts": ["en_GB", "fr_FR"],  # our folder, not Qt's forty
    }
    layout = (site.data_dir.path / "keyboard" / "fr_FR" / "main.qml").read_text()
    assert all(f'text: "{c}"' in layout for c in "éèàçù@")  # on the first page
    assert (site.data_dir.path / "keyboard" / "fallback" / "symbols.qml").is_file()  # Qt's
