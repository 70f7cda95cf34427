"""Qt tests: offscreen platform, a real site on a temporary SQLite file, and a check
that no test leaves a QThread running (napari's _dangling_qthreads: the threads a test
starts are remembered, weakly; scanning gc.get_objects() after every test cost a third
of the suite)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("QT_IM_MODULE", None)

import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from kiosk.site import Site, init_site


@pytest.fixture(autouse=True)
def _no_dangling_qthreads(qapp: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread running (its worker would outlive the test)."""
    started: weakref.WeakSet[QThread] = weakref.WeakSet()
    start = QThread.start

    def remembered_start(thread: QThread, *args: object, **kwargs: object) -> None:
        started.add(thread)
        start(thread, *args, **kwargs)

    monkeypatch.setattr(QThread, "start", remembered_start)
    yield
    running = [thread for thread in started if thread.isRunning()]
    assert not running, f"test left QThreads running: {[t.objectName() for t in running]}"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    from kiosk.demo import DEMO_MACHINES, DEMO_SPACES, demo_settings

    settings = demo_settings()
    assert settings.spaces == DEMO_SPACES and settings.machines == DEMO_MACHINES
    return init_site(tmp_path / "site", "Fablab Test", settings)
