"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and
aborts the interpreter after ~20,000 of them (``Fatal Python error: none_dealloc``).
pyproject.toml pins around it; this keeps the pin honest on whatever got installed."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 100_000

SCRIPT = f"""
import sys
from PySide6.QtCore import QCoreApplication, QObject
app = QCoreApplication([])
obj = QObject()
before = sys.getrefcount(None)
for i in range({CALLS}):
    obj.setObjectName("x")          # returns void
    QCoreApplication.processEvents()  # returns void
print("alive", before, sys.getrefcount(None))
"""


def test_a_hundred_thousand_void_qt_calls_do_not_kill_the_interpreter() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("alive")
