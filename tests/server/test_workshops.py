"""Workshops pushed by a real kiosk site to the real server (SQLite and PostgreSQL):
applied once, checked like the other kinds, merged, the trail kept whole, and shown on
the staff page with the same PDFs (read back as text)."""

from __future__ import annotations

import copy
import io
import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.members.registration import NewMember, register_member
from kiosk.models import MembershipStatus, OutboxEvent
from kiosk.server.accounts import add_staff
from kiosk.server.workshops.files import find_session
from kiosk.site import Site, init_site
from kiosk.workshops.attendance import Who, set_mark, sign
from kiosk.workshops.counts import workshop_counts
from kiosk.workshops.facts import seal_of
from kiosk.workshops.models import Mark
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from kiosk.workshops.sheet import close_session

from .test_web import PASSWORD, STAFF, sign_in

PARIS = ZoneInfo("Europe/Paris")
SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]
DESK = Who("staff:Alex", "door")
TODAY = date(2026, 11, 25)
PACK = json.JSONEncoder(separators=(",", ":")).encode


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def outbox(site: Site) -> list[dict[str, Any]]:
    with site.sessions() as session:
        rows = session.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)).all()
        return [
            {
                "id": e.id,
                "kind": e.kind,
                "occurred_at": e.occurred_at.isoformat(),
                "payload": json.loads(e.payload),
            }
            for e in rows
        ]


def statuses(reply: Any) -> list[str]:
    assert reply.status_code == 200, reply.text
    return [r["status"] for r in reply.json()["results"]]


@pytest.fixture
def kiosk(tmp_path: Path) -> tuple[Site, dict[str, str]]:
    """A kiosk that planned a day session, enrolled Inès and Yacine; Inès signed the
    morning, Yacine is excused in the afternoon; the trainer closed (and sealed) it."""
    site = init_site(tmp_path / "kiosk", "Fablab Test")
    with site.transaction() as session:
        ines = register_member(
            session, NewMember("Inès", "Benali"), consent_at=paris(2026, 11, 1),
            status=MembershipStatus.ACTIVE,
        )  # fmt: skip
        yacine = register_member(
            session, NewMember("Yacine", "Morel"), consent_at=paris(2026, 11, 1)
        )
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop("Découvrir la découpe laser", "fablab", title_en="Laser cutting",
                        trainers="Sam Martin", funder="FSE+ Inclusion"),
            set(),
            now=paris(2026, 11, 1),
        )  # fmt: skip
        (meeting,) = add_sessions(
            session, site.settings, workshop.id, paris(2026, 11, 18, 9, 30),
            paris(2026, 11, 18, 16, 30), today=TODAY, now=paris(2026, 11, 1),
        )  # fmt: skip
        for member in (ines, yacine):
            enrol(session, workshop.id, member.id, now=paris(2026, 11, 10))
    with site.transaction() as session:
        sign(session, site.settings, meeting.id, ines.id, SIGNATURE, who=DESK,
             now=paris(2026, 11, 18, 9, 40))  # fmt: skip
        set_mark(session, site.settings, meeting.id, yacine.id, 1, Mark.EXCUSED, who=DESK,
                 now=paris(2026, 11, 18, 13, 30), reason="rendez-vous médical")  # fmt: skip
        sign(session, site.settings, meeting.id, None, SIGNATURE, who=DESK,
             now=paris(2026, 11, 18, 9, 45), trainer="Sam Martin")  # fmt: skip
        closed = close_session(session, site.settings, meeting.id, who=DESK, by="Sam Martin",
                               now=paris(2026, 11, 18, 16, 40))  # fmt: skip
        ids = {"workshop": workshop.id, "session": meeting.id, "ines": ines.id,
               "yacine": yacine.id, "seal": closed.seal or ""}  # fmt: skip
    return site, ids


def test_a_kiosk_workshop_arrives_once_and_its_seal_verifies_on_the_server(
    server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, ids = kiosk
    token = server.add_kiosk("door")
    events = outbox(site)
    kinds = {e["kind"] for e in events}
    assert {"workshop", "workshop_session", "enrolment", "attendance"} <= kinds
    assert set(statuses(server.push(token, events))) == {"applied"}
    assert set(statuses(server.push(token, events))) == {"duplicate"}  # exactly once
    entries = server.rows("SELECT id, strokes FROM attendance_entry")
    kiosk_entries = [e for e in events if e["kind"] == "attendance"]
    assert len(entries) == len(kiosk_entries) == 5  # 2 trainees, the trainer, 2 absents
    with Session(server.engine) as session:
        found = find_session(session, 1, ids["session"])
    assert found is not None
    file = found[1]
    assert file.session.seal == ids["seal"]
    assert seal_of(file) == ids["seal"]  # the same sheet, computed from the server's tables
    changes = server.pull(token).json()["changes"]
    assert {c["kind"] for c in changes} >= {"workshop", "workshop_session", "enrolment"}
    signed = [c for c in changes if c["kind"] == "attendance" and c["payload"]["strokes"]]
    assert len(signed) == 2  # Inès and the trainer, with their strokes


def _with(event: dict[str, Any], **payload: Any) -> dict[str, Any]:
    changed = copy.deepcopy(event)
    changed["id"] = str(uuid.uuid4())
    changed["payload"].update(payload)
    return changed


def test_bad_workshop_events_are_rejected_alone_with_the_reason(
    server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, _ids = kiosk
    token = server.add_kiosk("door")
    events = outbox(site)
    workshop = next(e for e in events if e["kind"] == "workshop")
    meeting = next(e for e in events if e["kind"] == "workshop_session")
    entry = next(e for e in events if e["kind"] == "attendance" and e["payload"]["strokes"])
    strokes = json.loads(entry["payload"]["strokes"])
    bad = [
        _with(workshop, title_fr="Découpe\x00laser"),  # PostgreSQL cannot store a NUL
        _with(workshop, title_fr="x" * 121),
        _with(meeting, ends_at="2026-11-18T08:00:00+00:00"),  # before its start
        _with(meeting, starts_at="9999-12-31T08:00:00+00:00", ends_at="9999-12-31T09:00:00+00:00"),
        _with(entry, strokes=json.dumps([[[20000, 5, 0], [3, 4, 10]]])),  # off the pad
        _with(entry, strokes=PACK(strokes).replace("]]]", "],[9000,9000,500]]]")),  # sha
        _with(entry, strokes="[" * 100_000),  # not JSON, deeply
        _with(entry, strokes="[[[1,1,0]]]" + " " * 300_000),  # too large
        _with(entry, mark="forged"),
        _with(entry, recorded_at="2099-01-01T00:00:00+00:00"),
    ]
    reply = server.push(token, [*bad, workshop])
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * len(bad) + ["applied"]
    errors = [r["error"] for r in results[: len(bad)]]
    assert "title_fr holds a control character" in errors[0]
    assert "title_fr" in errors[1]
    assert "is not after starts_at" in errors[2]
    assert "is the sending kiosk's clock right?" in errors[3]
    assert "outside the pad" in errors[4]
    assert "SHA-256" in errors[5]
    assert "not packed JSON" in errors[6] or "strokes" in errors[6]
    assert "strokes" in errors[7]
    assert "mark" in errors[8]
    assert "recorded_at" in errors[9]
    assert server.rows("SELECT title_fr FROM workshop") == [("Découvrir la découpe laser",)]


def test_late_and_out_of_order_events_are_accepted_and_two_kiosks_merge(
    server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, ids = kiosk
    door, hall = server.add_kiosk("door"), server.add_kiosk("hall")
    events = outbox(site)
    entries = [e for e in events if e["kind"] == "attendance"]
    others = [e for e in events if e["kind"] != "attendance"]
    # the trail first, its session and workshop later (another batch): all applied
    assert set(statuses(server.push(door, entries))) == {"applied"}
    assert set(statuses(server.push(door, others))) == {"applied"}
    meeting = next(e for e in events if e["kind"] == "workshop_session")["payload"]
    # kiosk "hall", not synced since before the closing, cancels the session (earlier
    # clock) and sends a stale snapshot of the rest: the closing and the cancel both hold
    cancel = {
        "id": str(uuid.uuid4()),
        "kind": "workshop_session",
        "occurred_at": "2026-11-18T15:00:00+00:00",
        "payload": meeting | {"cancelled_at": "2026-11-18T15:00:00+00:00", "closed_at": None,
                              "closed_by": None, "seal": None, "changed": ["cancelled_at"]},
    }  # fmt: skip
    # ... and an entry of its own, recorded before the closing, arriving after it
    late = {
        "id": str(uuid.uuid4()),
        "kind": "attendance",
        "occurred_at": "2026-11-18T08:35:00+00:00",
        "payload": entries[0]["payload"] | {"id": str(uuid.uuid4()), "kiosk_id": "hall",
                                            "recorded_at": "2026-11-18T08:35:00+00:00"},
    }  # fmt: skip
    assert statuses(server.push(hall, [cancel, late])) == ["applied", "applied"]
    ((cancelled, closed_by, seal),) = server.rows(
        "SELECT cancelled_at, closed_by, seal FROM workshop_session"
    )
    assert cancelled is not None and closed_by == "Sam Martin" and seal == ids["seal"]
    with Session(server.engine) as session:
        found = find_session(session, 1, ids["session"])
    assert found is not None
    trail = found[1].trail
    assert trail[0].kiosk_id == "hall"  # placed by its own time, not by its arrival
    assert [e.recorded_at for e in trail] == sorted(e.recorded_at for e in trail)
    assert seal_of(found[1]) != ids["seal"]  # the sheet changed after its seal: it shows


def test_an_erasure_takes_the_strokes_off_the_server_and_its_change_log(
    server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, ids = kiosk
    token = server.add_kiosk("door")
    statuses(server.push(token, outbox(site)))
    member = next(
        e for e in outbox(site) if e["kind"] == "member" and e["payload"]["id"] == ids["ines"]
    )
    erased = _with(member, erased=True, first_name="", last_name=None, email=None)
    erased["occurred_at"] = (datetime.fromisoformat(member["occurred_at"]) + timedelta(days=1)
                             ).isoformat()  # fmt: skip
    assert statuses(server.push(token, [erased])) == ["applied"]
    strokes = server.rows(
        "SELECT strokes FROM attendance_entry WHERE member_id = :m", m=ids["ines"]
    )
    assert strokes and all(s is None for (s,) in strokes)
    logged = [
        json.loads(p)
        for (p,) in server.rows("SELECT payload FROM change WHERE kind = 'attendance'")
    ]
    assert all(p["strokes"] is None for p in logged if p["member_id"] == ids["ines"])
    assert any(p["strokes"] for p in logged if p["member_id"] is None)  # the trainer's stay


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def staff_server(server: Any) -> Any:
    with Session(server.engine) as session, session.begin():
        add_staff(session, STAFF, PASSWORD)
    return server


def test_staff_see_the_workshops_and_download_the_same_pdfs(
    staff_server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, ids = kiosk
    token = staff_server.add_kiosk("door")
    statuses(staff_server.push(token, outbox(site)))
    base = staff_server.url
    anonymous = requests.get(f"{base}/staff/workshops", allow_redirects=False, timeout=10)
    assert anonymous.status_code == 303 and anonymous.headers["Location"] == "/staff/login"
    sheet_url = f"{base}/staff/workshops/sessions/{ids['session']}/sheet.pdf"
    assert requests.get(sheet_url, allow_redirects=False, timeout=10).status_code == 303
    browser = sign_in(staff_server)
    page = browser.get(f"{base}/staff/workshops", timeout=10)
    assert page.status_code == 200
    assert "Découvrir la découpe laser" in page.text and "FSE+ Inclusion" in page.text
    assert "scellée le 2026-11-18 16:40 par Sam Martin" in page.text
    # present boxes: Inès' morning; absent: Inès' afternoon, Yacine's morning (closing)
    # and his excused afternoon
    assert '<td class="num">1</td><td class="num">3</td>' in page.text
    sheet = browser.get(sheet_url, timeout=30)
    assert sheet.headers["content-type"] == "application/pdf"
    text = _text(sheet.content)
    for expected in ("Émargement", "Découvrir la découpe laser", "BENALI Inès", "MOREL Yacine",
                     "rendez-vous médical", "Sam Martin", ids["seal"][:16]):  # fmt: skip
        assert expected in text.replace("\n", " "), expected
    cert_url = f"{base}/staff/workshops/{ids['workshop']}/certificates/{ids['ines']}.pdf"
    certificate = _text(browser.get(cert_url, timeout=30).content)
    assert "Inès Benali" in certificate.replace("\n", " ")
    english = browser.get(f"{base}/staff/workshops?lang=en", timeout=10)
    assert "Laser cutting" in english.text and "sealed on 2026-11-18 16:40" in english.text
    missing = browser.get(f"{base}/staff/workshops/sessions/{uuid.uuid4()}/sheet.pdf", timeout=10)
    assert missing.status_code == 404 and "existe pas (ou plus)" in missing.text


def test_the_server_report_counts_the_synced_workshops_as_the_kiosk_does(
    server: Any, kiosk: tuple[Site, dict[str, str]]
) -> None:
    site, _ids = kiosk
    token = server.add_kiosk("door")
    statuses(server.push(token, outbox(site)))
    reply = requests.get(
        f"{server.url}/api/v1/reports/visits",
        params={"year": 2026},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    counted = reply.json()["workshops"]
    with site.sessions() as session:
        own = workshop_counts(session, site.settings.tz, 2026).as_json()
    assert counted == own
    assert (counted["workshops"], counted["sessions"], counted["half_days"]) == (1, 1, 2)
    assert (counted["trainees"], counted["trainee_hours"]) == (1, 3.5)  # Inès' morning
    assert [g["key"] for g in counted["by_funder"]] == ["FSE+ Inclusion"]
