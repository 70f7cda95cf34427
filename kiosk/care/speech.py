"""The doctor's speech check: can the kiosk read aloud?

The kiosk reads aloud through Qt Text-to-Speech, which on Debian speaks through
speech-dispatcher with the espeak-ng voices (packages ``speech-dispatcher`` and
``espeak-ng``; ``packaging/install.sh --kiosk`` installs both). Without them the
"Listen" button is hidden: nothing breaks, but the visitors who read poorly lose it, so
the doctor says so.

The check makes no sound: espeak-ng writes its French voice to nowhere (``-q``), and
speech-dispatcher is only asked which output modules it has (``spd-say -O``).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from collections.abc import Callable

from kiosk.care.devices import Finding

INSTALL = "sudo apt-get install speech-dispatcher espeak-ng (or run packaging/install.sh again)"
TIMEOUT_S = 15.0


def output_modules(listing: str) -> list[str]:
    """The module names in ``spd-say -O``'s answer (a heading line, then one per line)."""
    names = [line.strip() for line in listing.splitlines() if line.strip()]
    return [n for n in names if n.upper() != "OUTPUT MODULES"]


def _run(args: list[str], timeout: float) -> tuple[int, str]:
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=timeout, check=False, stdin=None
        )
    except subprocess.TimeoutExpired:
        return -1, f"{args[0]} did not answer in {timeout:.0f} s"
    except OSError as exc:
        return -1, str(exc)
    return done.returncode, done.stdout + done.stderr


def check_speech(
    *,
    path: str | None = None,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
    timeout: float = TIMEOUT_S,
) -> Finding:
    """Whether read aloud works here: the programs, the library Qt loads, a French voice."""
    path = os.environ.get("PATH", "") if path is None else path
    missing = [
        package
        for package, program in (("speech-dispatcher", "spd-say"), ("espeak-ng", "espeak-ng"))
        if shutil.which(program, path=path) is None
    ]
    if missing:
        return Finding(
            "read aloud",
            "warning",
            f"not installed: {', '.join(missing)}; the Listen button is hidden",
            INSTALL,
        )
    if find_library("speechd") is None:
        return Finding(
            "read aloud",
            "warning",
            "libspeechd (the library Qt speaks through) is missing; the Listen button is hidden",
            "sudo apt-get install libspeechd2",
        )
    espeak = shutil.which("espeak-ng", path=path) or "espeak-ng"
    status, said = _run([espeak, "-q", "-v", "fr", "bonjour"], timeout)
    if status != 0:
        return Finding(
            "read aloud",
            "warning",
            f"espeak-ng has no French voice or does not run: {said.strip()[:200]}",
            "sudo apt-get install --reinstall espeak-ng espeak-ng-data",
        )
    spd = shutil.which("spd-say", path=path) or "spd-say"
    status, listing = _run([spd, "-O"], timeout)
    modules = output_modules(listing) if status == 0 else []
    if "espeak-ng" not in modules:
        detail = (
            f"speech-dispatcher does not answer: {listing.strip()[:200]}"
            if status != 0
            else f"speech-dispatcher has no espeak-ng module (it has: {', '.join(modules)})"
        )
        return Finding(
            "read aloud",
            "warning",
            detail,
            "as the kiosk's user, run 'spd-say bonjour'; if it is silent, "
            "reinstall speech-dispatcher espeak-ng and check the sound output",
        )
    return Finding("read aloud", "ok", "speech-dispatcher with the espeak-ng voices (French)")
