"""Today screen model benchmark: opening hours of every space, machines, exceptions.

Run with ``python bench/bench_today.py`` (or ``make bench``). On the demo site with 10
hours exceptions, times 200 builds of what the Today screen shows:

- full build: read the exceptions, parse every space's hours (``load_hours``), then the
  refresh below: what happens when staff add an exception;
- per-minute refresh: with the hours already parsed, every space's state, next change
  and comment, its week of slots, the upcoming exceptions, the machine board (if
  ``kiosk.machines.board`` exists) and the one next redraw time.

Target: p95 < 5 ms for the full build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from kiosk.demo import create_demo  # noqa: E402
from kiosk.hours import (  # noqa: E402
    SpaceHours,
    add_exception,
    list_exceptions,
    load_hours,
    next_change_any,
)
from kiosk.site import Site  # noqa: E402

try:
    from kiosk.machines import board
except ImportError:  # the machines issue has not landed
    board = None  # type: ignore[assignment]

RUNS = 200
TARGET_MS = 5.0


def add_exceptions(site: Site, count: int = 10) -> None:
    today = site.today()
    spaces = [None, *(s.id for s in site.settings.spaces)]
    with site.transaction() as session:
        for i in range(count):
            start = today + timedelta(days=3 * i + 1)
            opening: dict[str, Any] = {"opens_at": None, "closes_at": None}
            if i % 2:
                opening = {"opens_at": clock(18), "closes_at": clock(2 if i % 4 == 1 else 23)}
            add_exception(
                session,
                site.settings,
                space=spaces[i % len(spaces)],
                starts_on=start,
                ends_on=start + timedelta(days=i % 3),
                comment=f"Exception {i}",
                **opening,
            )


def refresh(site: Site, session: Session, hours: dict[str, SpaceHours]) -> int:
    """What the screen computes at each change; returns a count so nothing is skipped."""
    now = site.now()
    local = now.astimezone(site.settings.tz)
    day: date = local.date()
    shown = 0
    for space_hours in hours.values():
        status = space_hours.status(now)
        week = space_hours.week(day)
        shown += len(week) + (status.next_change is not None)
    upcoming = list_exceptions(session, from_day=day)
    machines = board(session, site.settings, now) if board is not None else []
    redraw = next_change_any(hours, now)
    return shown + len(upcoming) + len(machines) + (redraw is not None)


def full_build(site: Site, session: Session) -> int:
    hours = load_hours(site.settings, list_exceptions(session))
    return refresh(site, session, hours)


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm-up: imports, SQLAlchemy statement cache
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = create_demo(Path(tmp) / "demo")
        add_exceptions(site)
        with site.sessions() as session:
            hours = load_hours(site.settings, list_exceptions(session))
            parse = timed(lambda: load_hours(site.settings, list_exceptions(session)))
            minute = timed(lambda: refresh(site, session, hours))
            full = timed(lambda: full_build(site, session))
        spaces, machines = len(site.settings.spaces), len(site.settings.machines)
    included = "included" if board is not None else "NOT included (no kiosk.machines.board)"
    print(f"demo site: {spaces} spaces, 10 hours exceptions, {machines} machines {included}")
    for name, values in [
        ("read exceptions + parse hours", parse),
        ("per-minute refresh (parsed)", minute),
        ("full Today model build", full),
    ]:
        print(f"{name:<32} mean {statistics.fmean(values):6.2f} ms   p95 {p95(values):6.2f} ms")
    verdict = "PASS" if p95(full) < TARGET_MS else "FAIL"
    print(f"{verdict}: full build p95 {p95(full):.2f} ms (target < {TARGET_MS:.0f} ms)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
