"""End to end: a badge image through the image-folder camera checks a member in, then out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.badges import render_png
from kiosk.checkin import Outcome, ScanResult
from kiosk.members.registration import NewMember, register_member
from kiosk.models import MembershipStatus
from kiosk.site import Site
from ui.app import Kiosk


def _badge_scene(token: str) -> np.ndarray:
    """A 640x480 grey frame with the badge in it, as a webcam would see it."""
    qr = cv2.imdecode(np.frombuffer(render_png(token, box_size=6), np.uint8), cv2.IMREAD_COLOR)
    scene = np.full((480, 640, 3), 170, np.uint8)
    qr = cv2.resize(qr, (220, 220), interpolation=cv2.INTER_NEAREST)
    scene[130:350, 210:430] = qr
    return scene


@pytest.fixture
def member_token(site: Site) -> tuple[str, str]:
    with site.transaction() as session:
        member = register_member(
            session, NewMember("Aïcha"), consent_at=site.now(), status=MembershipStatus.ACTIVE
        )
        return member.first_name, site.badge_token(member)


def test_badge_through_camera_checks_in_then_out(
    qtbot, site: Site, member_token: tuple[str, str], tmp_path: Path
) -> None:
    first_name, token = member_token
    folder = tmp_path / "camera"
    folder.mkdir()
    cv2.imwrite(str(folder / "00-badge.png"), _badge_scene(token))
    blank = np.full((480, 640, 3), 170, np.uint8)
    for i in range(1, 10):  # the badge comes and goes, like a person showing it twice
        cv2.imwrite(str(folder / f"{i:02d}-empty.png"), blank)
    site.settings = replace(site.settings, repeat_window_s=1)

    kiosk = Kiosk(QApplication.instance(), site, str(folder), fps=30, quiet_s=0.2)
    qtbot.addWidget(kiosk.window)
    shown: list[ScanResult] = []
    kiosk.window.scan_shown.connect(lambda result, _t: shown.append(result))
    kiosk.show(windowed=True)
    try:
        qtbot.waitUntil(lambda: any(r.outcome is Outcome.CHECKED_IN for r in shown), timeout=5000)
        assert kiosk.window.currentWidget() is kiosk.window.result
        assert f"Bonjour {first_name}" in kiosk.window.result.title.text()  # French by default
        # seconds later the badge again: "leaving already?" first, then the goodbye
        result = kiosk.window.result
        qtbot.waitUntil(result.leave_button.isVisible, timeout=8000)
        assert not any(r.outcome is Outcome.CHECKED_OUT for r in shown)
        qtbot.mouseClick(result.leave_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(r.outcome is Outcome.CHECKED_OUT for r in shown), timeout=8000)
        assert f"Au revoir {first_name}" in kiosk.window.result.title.text()
    finally:
        kiosk.stop()
    outcomes = [r.outcome for r in shown]
    assert outcomes.index(Outcome.CHECKED_IN) < outcomes.index(Outcome.CHECKED_OUT)
    with site.sessions() as session:
        from kiosk.checkin import visits_between

        visits = visits_between(session, None, None)
    assert len(visits) == 1 and visits[0].checked_out_at is not None


def test_camera_problem_is_said_in_words_and_keypad_still_works(qtbot, site: Site) -> None:
    kiosk = Kiosk(QApplication.instance(), site, "/dev/video99")
    qtbot.addWidget(kiosk.window)
    failed = []
    assert kiosk.camera is not None
    kiosk.camera.worker.camera_failed.connect(failed.append)
    kiosk.show(windowed=True)
    try:
        qtbot.waitUntil(lambda: bool(failed), timeout=5000)
        assert "/dev/video99" in failed[0]
        qtbot.waitUntil(lambda: bool(kiosk.window.welcome.camera._message))
        assert "caméra" in kiosk.window.welcome.camera._message.lower()
    finally:
        kiosk.stop()
