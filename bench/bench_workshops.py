"""Workshops benchmark: a year of workshops as the fab lab runs them.

Run with ``python bench/bench_workshops.py`` (or ``make bench``). Builds 15 workshops of
6 full-day sessions (two half-days each) with 6 trainees each (90 trainees a year),
every trainee signing every half-day with a realistic signature (~400 points), each
session closed and sealed; then times:

- one signature recorded (validate, pack, append to the trail), p95;
- one attendance sheet as PDF (20 trainees on it), p95, and its size;
- verifying a seal, p95; the year's counts for funders.

Targets: signature p95 < 50 ms, sheet PDF p95 < 1 s, counts < 1 s.
"""

from __future__ import annotations

import io
import math
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.members.registration import NewMember, register_member  # noqa: E402
from kiosk.site import init_site  # noqa: E402
from kiosk.workshops.attendance import Who, sign  # noqa: E402
from kiosk.workshops.counts import workshop_counts  # noqa: E402
from kiosk.workshops.pdf.sheet import write_sheet  # noqa: E402
from kiosk.workshops.planning import (  # noqa: E402
    NewWorkshop,
    add_sessions,
    add_workshop,
    enrol,
)
from kiosk.workshops.sheet import build_sheet, close_session, verify_seal  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
DESK = Who("staff:bench", "bench")


def signature(seed: int) -> list[list[tuple[float, float, int]]]:
    strokes = []
    for s in range(4):
        strokes.append(
            [
                (
                    0.05 + 0.2 * s + 0.18 * i / 100,
                    0.5 + 0.35 * math.sin(i / 6 + seed + s) * math.cos(i / 17),
                    s * 900 + i * 8,
                )
                for i in range(100)
            ]
        )
    return strokes


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = init_site(Path(folder) / "site", "Fablab bench")
        sign_ms: list[float] = []
        session_ids: list[str] = []
        with site.transaction() as session:
            for w in range(15):
                workshop = add_workshop(
                    session,
                    site.settings,
                    NewWorkshop(f"Atelier {w}", "fablab", funder="FSE+" if w % 2 else "État"),
                    set(),
                )
                first = datetime(2026, 1, 5, 9, 30, tzinfo=PARIS) + timedelta(
                    weeks=6 * (w // 5), days=w % 5
                )
                meetings = add_sessions(
                    session,
                    site.settings,
                    workshop.id,
                    first,
                    first + timedelta(hours=7),
                    today=date(2026, 6, 1),
                    weekly=6,
                )
                trainees = [
                    register_member(
                        session, NewMember(f"Stagiaire {w}-{t}", "Nom"), consent_at=first
                    )
                    for t in range(20 if w == 0 else 6)
                ]
                for member in trainees:
                    enrol(session, workshop.id, member.id, now=first - timedelta(days=7))
                for meeting in meetings:
                    for half, hour in ((0, 10), (1, 14)):
                        at = meeting.starts_at.astimezone(PARIS).replace(hour=hour, minute=0)
                        for n, member in enumerate(trainees):
                            start = time.perf_counter()
                            sign(
                                session,
                                site.settings,
                                meeting.id,
                                member.id,
                                signature(n),
                                who=DESK,
                                now=at,
                                half=half,
                            )
                            sign_ms.append((time.perf_counter() - start) * 1000)
                    close_session(
                        session,
                        site.settings,
                        meeting.id,
                        who=DESK,
                        by="bench",
                        now=meeting.ends_at,
                    )
                    session_ids.append(meeting.id)
        pdf_ms, sizes, verify_ms = [], [], []
        with site.sessions() as session:
            for session_id in session_ids[:6]:  # the 20-trainee workshop
                start = time.perf_counter()
                out = io.BytesIO()
                write_sheet(build_sheet(session, site.settings, session_id), site.settings, out)
                pdf_ms.append((time.perf_counter() - start) * 1000)
                sizes.append(len(out.getvalue()))
                start = time.perf_counter()
                assert verify_seal(session, session_id).intact
                verify_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            counts = workshop_counts(session, site.settings.tz, 2026)
            counts_ms = (time.perf_counter() - start) * 1000
        print(f"signatures recorded: {len(sign_ms)}, p95 {p95(sign_ms):.1f} ms")
        pdf_p95, kilobytes = p95(pdf_ms), max(sizes) // 1024
        print(f"sheet PDF, 20 trainees x 2 half-days: p95 {pdf_p95:.0f} ms, {kilobytes} kB")
        print(f"seal verified: p95 {p95(verify_ms):.1f} ms")
        print(
            f"counts for {counts.year}: {counts.trainees} trainees, {counts.trainee_hours} h,"
            f" {counts.sessions} sessions in {counts_ms:.0f} ms"
        )
        missed = []
        if p95(sign_ms) > 50:
            missed.append("signature p95 > 50 ms")
        if p95(pdf_ms) > 1000:
            missed.append("sheet PDF p95 > 1 s")
        if counts_ms > 1000:
            missed.append("counts > 1 s")
        print("targets met" if not missed else "MISSED: " + ", ".join(missed))
        return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
