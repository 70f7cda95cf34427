"""The kiosk's own storage under faults: scans at once, a full disk, damaged files, kills.

Everything here runs real processes on real SQLite files: the kiosk, the CLI and a
second kiosk process may touch the same database at the same moment, and power cuts
and full disks happen to kiosks left alone all year.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from kiosk.models import Member, Visit
from kiosk.site import Site

MakeMember = Callable[..., Member]

# One check-in in a process of its own; it says it is ready, then waits for "go" so
# that all of them scan in the same few milliseconds.
SCANNER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.checkin import scan
    from kiosk.models import CheckinMethod
    from kiosk.site import open_site

    site = open_site(Path(sys.argv[1]))
    token, gate = sys.argv[2], Path(sys.argv[3])
    (gate.parent / f"ready-{sys.argv[4]}").touch()
    while not gate.exists():
        time.sleep(0.0005)
    with site.transaction() as session:
        result = scan(session, site.settings, site.secret, token,
                      method=CheckinMethod.BADGE, now=site.now())
    print(result.outcome.value, flush=True)
    """
)


def _run_together(site: Site, token: str, count: int, tmp_path: Path) -> list[str]:
    gate_dir = tmp_path / "gate"
    gate_dir.mkdir()
    gate = gate_dir / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCANNER, str(site.data_dir.path), token, str(gate), str(i)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(list(gate_dir.glob("ready-*"))) < count:
        assert time.monotonic() < deadline, "the scanner processes did not start"
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.01)
    gate.touch()
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    return outcomes


def test_eight_scans_of_one_badge_at_once_make_one_visit(
    site: Site, make_member: MakeMember, tmp_path: Path
) -> None:
    member = make_member("Camille")
    outcomes = _run_together(site, site.badge_token(member), 8, tmp_path)
    with site.sessions() as session:
        visits = list(session.scalars(select(Visit).where(Visit.member_id == member.id)))
    assert len(visits) == 1
    assert sorted(outcomes) == ["checked_in"] + ["repeat"] * 7
