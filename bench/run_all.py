"""``make bench``: every benchmark, one after the other, printing its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    "bench_decode.py",
    "bench_kiosk.py",
    "bench_today.py",
    "bench_readability.py",
    "bench_touch.py",
    "bench_server.py",
    "bench_workers.py",
    "bench_sync.py",
    "bench_gui_sync.py",
    "bench_restart.py",
    "bench_report.py",
    "bench_network_report.py",
    "bench_workshops.py",
    "bench_signature.py",
]


def main() -> int:
    failed = []
    for name in BENCHES:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run([sys.executable, str(HERE / name)]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nmissed a target or failed to run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
