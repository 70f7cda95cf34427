"""A server-only install has no Qt, OpenCV or QR decoders (the ``kiosk`` extra): the
server, its command line and its API must work without them, and the kiosk's screen
must say what is missing instead of a traceback.

Each case runs a fresh interpreter in which those packages cannot be imported, as on a
machine where they were never installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Pillow is not in it: reportlab needs it, and the server draws the workshop sheets' PDFs
GUI_STACK = ("PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "qrcode")

WITHOUT_GUI_STACK = textwrap.dedent(
    f"""
    import importlib.abc, sys

    class Absent(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname.split(".")[0] in {GUI_STACK!r}:
                raise ModuleNotFoundError(f"No module named {{fullname!r}}", name=fullname)
            return None

    sys.meta_path.insert(0, Absent())
    """
)


def run_without_gui_stack(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_GUI_STACK + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_the_server_serves_and_is_administered_without_the_kiosks_gui_stack(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    done = run_without_gui_stack(
        f"""
        import sys
        from ui.cli import main
        assert main(["server", "add-kiosk", "door", "--db", {db!r}]) == 0

        from fastapi.testclient import TestClient
        from kiosk.server.app import create_app
        from kiosk.server.settings import ServerSettings
        with TestClient(create_app(ServerSettings(database_url={db!r}))) as client:
            answer = client.get("/api/v1/health")
            assert answer.status_code == 200, answer.text
            refused = client.get("/api/v1/reports/visits", params={{"year": 2026}})
            assert refused.status_code == 401, refused.text
        loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({GUI_STACK!r}))
        print("loaded:", loaded)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout


def test_the_kiosk_screen_says_what_is_missing_on_a_server_only_install(tmp_path: Path) -> None:
    data = tmp_path / "site"
    done = run_without_gui_stack(
        f"""
        import sys
        from ui.cli import main
        assert main(["init", "--data-dir", {str(data)!r}]) == 0
        sys.exit(main(["run", "--data-dir", {str(data)!r}]))
        """,
        tmp_path,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "fablab-kiosk[kiosk]" in done.stderr
