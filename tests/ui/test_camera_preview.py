"""The live preview through the kiosk's own camera thread: a GUI thread busy for a
while (a slow disk, a long report) must not find a pile of camera frames queued for it
(about 1 MB each, 15 a second), and the preview goes on afterwards."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtWidgets import QApplication

from kiosk.site import Site
from ui.app import Kiosk


def test_a_busy_gui_thread_does_not_pile_up_camera_frames(
    qtbot, site: Site, tmp_path: Path
) -> None:
    camera = tmp_path / "camera.png"
    cv2.imwrite(str(camera), np.full((480, 640, 3), 165, np.uint8))
    kiosk = Kiosk(QApplication.instance(), site, str(camera), start_sync=False, fps=100)
    qtbot.addWidget(kiosk.window)
    taken: list[int] = []
    kiosk.window.frame_shown.connect(lambda: taken.append(1))
    kiosk.show(windowed=True)
    try:
        assert kiosk.camera is not None
        qtbot.waitUntil(lambda: len(taken) >= 10, timeout=5000)  # frames flow
        time.sleep(1.5)  # the GUI thread is stuck; the camera reads 150 frames meanwhile
        before = len(taken)
        QApplication.processEvents()  # what was queued for it while it was stuck
        assert len(taken) - before <= 1
        assert kiosk.camera.worker.previews_skipped >= 50  # decoded, not queued
        qtbot.waitUntil(lambda: len(taken) >= before + 20, timeout=5000)  # and it goes on
    finally:
        kiosk.stop()
