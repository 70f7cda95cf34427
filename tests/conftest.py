"""Shared by every test: nothing here imports Qt (tests/kiosk must run without it).

With ``FABLAB_KIOSK_TEST_WITHOUT_QT=1`` (``make test`` runs the core tests so, with
``-p no:pytest-qt``), PySide6, shiboken6 and the ui package cannot be imported at all,
as on a machine where they are not installed: a core module that needs them fails.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from types import ModuleType

ABSENT = ("PySide6", "shiboken6", "ui")


class _Absent(importlib.abc.MetaPathFinder):
    """Refuses the UI stack as an interpreter without it would."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname.split(".")[0] in ABSENT:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


if os.environ.get("FABLAB_KIOSK_TEST_WITHOUT_QT"):
    # pytest-qt imports PySide6 once the tests start: said here, not as an INTERNALERROR
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {*ABSENT, "pytestqt"})
    if loaded:
        raise RuntimeError(f"imported before the tests started: {loaded} (add -p no:pytest-qt)")
    sys.meta_path.insert(0, _Absent())
    collect_ignore = ["ui"]
