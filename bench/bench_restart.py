"""Restart benchmark: how long the door has no kiosk after a crash or a freeze.

Run with ``python bench/bench_restart.py`` (or ``make bench``), offscreen. The kiosk
(``fablab-kiosk run`` on a demo site, an image as the camera) runs under a supervisor
that applies packaging/fablab-kiosk.service: ``Type=notify``, ``Restart=always``,
``RestartSec=``, ``WatchdogSec=``: bench/supervisor.py, which reads the unit's values
and the sd_notify socket as systemd does (driving systemd itself, where it runs, is not
done yet). Then, for
real, timed until the new process says ``STATUS=welcome screen painted`` (sent once
its welcome screen has been painted, ui/app.py):

- a crash: SIGKILL, 3 times -- target < 5 s;
- a frozen event loop: the GUI thread stuck (a SIGUSR1 handler that sleeps an hour,
  installed by the launcher below; the kiosk's code is unchanged); its WATCHDOG=1 pings
  stop, the supervisor aborts it after WatchdogSec -- target < WatchdogSec + 5 s;
- a stop: SIGTERM -> process gone with STOPPING=1 sent (``systemctl stop``/``restart``).

Exits non-zero when a target is missed or a step does not happen.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from supervisor import Supervisor, read_unit  # noqa: E402

UNIT = ROOT / "packaging" / "fablab-kiosk.service"
CRASH_TARGET_S = 5.0
CRASHES = 3
PAINTED = "STATUS=welcome screen painted"
# `fablab-kiosk run`, plus a way to freeze its GUI thread from outside
LAUNCHER = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGUSR1, lambda *_: time.sleep(3600))\n"
    "from ui.cli import main\n"
    "sys.exit(main())\n"
)


SYSTEMD_SAYS = {True: "runs here but is not driven by this bench", False: "does not run here"}


def systemd_runs() -> bool:
    return Path("/run/systemd/system").is_dir()


def main() -> int:
    policy = read_unit(UNIT)
    if policy.restart != "always" or not policy.notify or policy.watchdog_s is None:
        print(f"{UNIT.name}: expected Type=notify, Restart=always and a WatchdogSec: {policy}")
        return 1
    print(
        f"supervisor applying {UNIT.name}: Restart={policy.restart}, "
        f"RestartSec={policy.restart_s:g} s, WatchdogSec={policy.watchdog_s:g} s "
        f"(systemd {SYSTEMD_SAYS[systemd_runs()]})"
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        data_dir = tmp / "site"
        env = {k: v for k, v in os.environ.items() if k not in ("QT_IM_MODULE", "WATCHDOG_PID")}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        demo = subprocess.run(
            [sys.executable, "-m", "ui.cli", "demo", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            env=env,
        )
        if demo.returncode != 0:
            print(f"`fablab-kiosk demo` failed:\n{demo.stderr}")
            return 1
        camera = tmp / "camera.png"
        cv2.imwrite(str(camera), np.full((480, 640, 3), 165, np.uint8))
        command = [
            sys.executable, "-c", LAUNCHER,
            "run", "--data-dir", str(data_dir), "--camera", str(camera),
        ]  # fmt: skip
        supervisor = Supervisor(command, policy, tmp / "notify", env).start()
        try:
            return measure(supervisor, policy.watchdog_s)
        except TimeoutError as exc:
            print(f"FAIL: {exc}")
            return 1
        finally:
            supervisor.stop()


def measure(supervisor: Supervisor, watchdog_s: float) -> int:
    painted = supervisor.wait_for(0, "message", PAINTED, timeout_s=90)
    print(f"first start -> welcome screen painted: {painted.at - supervisor.events[0].at:.2f} s")

    crashes = []
    for _ in range(CRASHES):
        time.sleep(1.0)  # let it settle (camera, sync thread), as a real one would be
        mark, child = len(supervisor.events), supervisor.child
        assert child is not None
        start = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
        back = supervisor.wait_for(mark, "message", PAINTED, timeout_s=60)
        assert back.pid != child.pid
        crashes.append(back.at - start)
    crash_ok = max(crashes) < CRASH_TARGET_S
    print(
        f"SIGKILL -> restarted -> welcome screen painted ({CRASHES} crashes): median "
        f"{statistics.median(crashes):.2f} s, worst {max(crashes):.2f} s "
        f"-> target < {CRASH_TARGET_S:g} s: {'PASS' if crash_ok else 'FAIL'}"
    )

    time.sleep(1.0)
    mark, child = len(supervisor.events), supervisor.child
    assert child is not None
    start = time.monotonic()
    os.kill(child.pid, signal.SIGUSR1)  # the GUI thread sleeps: no more WATCHDOG=1
    caught = supervisor.wait_for(mark, "watchdog", timeout_s=watchdog_s + 30)
    back = supervisor.wait_for(mark, "message", PAINTED, timeout_s=60)
    freeze_target = watchdog_s + CRASH_TARGET_S
    freeze_ok = back.at - start < freeze_target
    print(
        f"event loop frozen -> watchdog abort after {caught.at - start:.1f} s -> welcome "
        f"screen painted after {back.at - start:.1f} s -> target < {freeze_target:g} s "
        f"(WatchdogSec + {CRASH_TARGET_S:g} s): {'PASS' if freeze_ok else 'FAIL'}"
    )

    time.sleep(1.0)
    mark, child = len(supervisor.events), supervisor.child
    assert child is not None
    start = time.monotonic()
    os.kill(child.pid, signal.SIGTERM)
    gone = supervisor.wait_for(mark, "exited", timeout_s=30)
    said = [e.detail for e in supervisor.since(mark) if e.kind == "message" and e.at <= gone.at]
    stop_ok = gone.detail == "0" and any("STOPPING=1" in m.splitlines() for m in said)
    print(
        f"SIGTERM -> process gone (status {gone.detail}, STOPPING=1 "
        f"{'sent' if stop_ok else 'MISSING'}): {gone.at - start:.2f} s"
    )
    return 0 if crash_ok and freeze_ok and stop_ok else 1


if __name__ == "__main__":
    sys.exit(main())
