"""Workshops across two kiosks and the real server on 127.0.0.1 (SQLite and PostgreSQL):
kiosk A plans and enrols, kiosk B receives; a trainee signs at B and A's sheet shows
it; A closes the session and B's sheet holds the same seal as the server's tables. A
lost reply, a resent batch and a replayed change log each change nothing."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from kiosk.members.registration import NewMember, register_member
from kiosk.models import Member, MembershipStatus, OutboxEvent, SyncState
from kiosk.server.workshops.files import find_session
from kiosk.site import Site
from kiosk.sync import sync_once
from kiosk.workshops.attendance import Who, sign
from kiosk.workshops.facts import seal_of
from kiosk.workshops.models import AttendanceEntry, Enrolment, Mark, Workshop
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from kiosk.workshops.sheet import build_sheet, close_session, verify_seal

from .conftest import Pair, Relay
from .test_convergence import another_kiosk, sync

PARIS = ZoneInfo("Europe/Paris")
SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def plan(site: Site) -> dict[str, str]:
    """Kiosk A: Inès registered, an afternoon workshop session, Inès enrolled."""
    with site.transaction() as session:
        ines = register_member(
            session, NewMember("Inès", "Benali"), consent_at=paris(2026, 11, 1),
            status=MembershipStatus.ACTIVE,
        )  # fmt: skip
        workshop = add_workshop(
            session, site.settings, NewWorkshop("Premiers pas numériques", "fablab",
            trainers="Sam Martin"), set(), now=paris(2026, 11, 2),
        )  # fmt: skip
        (meeting,) = add_sessions(
            session, site.settings, workshop.id, paris(2026, 11, 18, 14),
            paris(2026, 11, 18, 17), today=date(2026, 11, 2), now=paris(2026, 11, 2),
        )  # fmt: skip
        enrol(session, workshop.id, ines.id, now=paris(2026, 11, 3))
        return {"member": ines.id, "workshop": workshop.id, "session": meeting.id}


def entries(site: Site) -> int:
    with site.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(AttendanceEntry)) or 0)


def test_two_kiosks_share_a_sheet_and_its_seal(pair: Pair, relay: Relay, tmp_path: Path) -> None:
    pair.start()
    door = pair.site  # through the relay: it loses a reply when told to
    hall = another_kiosk(pair, tmp_path, "hall")
    ids = plan(door)
    sync(door)
    sync(hall)
    with hall.sessions() as session:
        assert session.get_one(Workshop, ids["workshop"]).title_fr == "Premiers pas numériques"
        assert session.scalar(select(Enrolment.member_id)) == ids["member"]
        assert build_sheet(session, hall.settings, ids["session"]).rows[0].first_name == "Inès"
    # Inès signs at kiosk B with her badge
    with hall.transaction() as session:
        member = session.get_one(Member, ids["member"])
        sign(session, hall.settings, ids["session"], member.id, SIGNATURE,
             who=Who.badge(member, "hall"), now=paris(2026, 11, 18, 14, 5))  # fmt: skip
    sync(hall)
    sync(door)
    with door.sessions() as session:
        sheet = build_sheet(session, door.settings, ids["session"])
        cell = sheet.rows[0].cells[0]
        assert cell.mark is Mark.SIGNED and cell.entry is not None
        assert cell.entry.kiosk_id == "hall" and cell.entry.strokes  # drawn on A's sheet too
    # the trainer closes at kiosk A; the reply to that push is lost on the way back
    with door.transaction() as session:
        closed = close_session(session, door.settings, ids["session"],
                               who=Who.staff("Sam", "door"), by="Sam Martin",
                               now=paris(2026, 11, 18, 17, 5))  # fmt: skip
        seal = closed.seal
    relay.faults.append("lose")
    assert not sync_ok(door)  # the server applied it; the kiosk did not hear so
    sync(door)  # sent again: answered "duplicate", nothing applied twice
    sync(hall)
    with hall.sessions() as session:
        check = verify_seal(session, ids["session"])
        assert check.sealed and check.intact and check.stored == seal
    with Session(pair.engine) as session:
        found = find_session(session, 1, ids["session"])
    assert found is not None and seal_of(found[1]) == seal
    assert pair_rows(pair, "SELECT count(*) FROM attendance_entry") == entries(door) == 1
    assert entries(hall) == 1
    # a batch sent again by hand, and kiosk B reading the whole log again: nothing moves
    with door.sessions() as session:
        events = [
            {"id": e.id, "kind": e.kind, "occurred_at": e.occurred_at.isoformat(),
             "payload": json.loads(e.payload)}
            for e in session.scalars(select(OutboxEvent))
        ]  # fmt: skip
    reply = requests.post(
        f"{pair.url}/api/v1/events", json={"events": events},
        headers={"Authorization": f"Bearer {pair.token}"}, timeout=30,
    )  # fmt: skip
    assert {r["status"] for r in reply.json()["results"]} == {"duplicate"}
    with hall.transaction() as session:
        session.execute(update(SyncState).values(cursor=0))
    sync(hall)
    assert entries(hall) == 1
    with hall.sessions() as session:
        assert verify_seal(session, ids["session"]).intact


def sync_ok(site: Site) -> bool:
    return sync_once(site, force=True).ok


def pair_rows(pair: Pair, sql: str) -> int:
    with pair.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())
