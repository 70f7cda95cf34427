"""Every change to a workshop queues its outbox event in the same transaction (no Qt)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.models import Member, OutboxEvent
from kiosk.site import Site
from kiosk.workshops.attendance import Who, set_mark, set_times, sign
from kiosk.workshops.events import enrolment_id
from kiosk.workshops.facts import latest_marks, session_file, trail_key
from kiosk.workshops.models import AttendanceEntry, Mark
from kiosk.workshops.planning import (
    NewWorkshop,
    add_sessions,
    add_workshop,
    cancel_session,
    edit_workshop,
    enrol,
    move_session,
    set_last_payment,
    withdraw,
)
from kiosk.workshops.refusals import WorkshopRefused
from kiosk.workshops.sheet import close_session, verify_seal
from kiosk.workshops.signatures import checked_packed, digest

TUTORIALS = {"workshop-safety"}
SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]
DESK = Who("staff:Alex", "desk")
TODAY = date(2026, 11, 25)


def events(site: Site, kind: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    with site.sessions() as session:
        rows = session.scalars(select(OutboxEvent).order_by(OutboxEvent.created_at)).all()
        return [(e.kind, json.loads(e.payload)) for e in rows if kind in (None, e.kind)]


@pytest.fixture
def planned(
    site: Site, make_member: Callable[..., Member], paris: Callable[..., datetime]
) -> dict[str, str]:
    member = make_member("Inès", last_name="Benali")
    with site.transaction() as session:
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop("Premiers pas\x00 numériques", "fablab", funder="FSE+ Inclusion"),
            TUTORIALS,
        )
        meetings = add_sessions(
            session,
            site.settings,
            workshop.id,
            paris(2026, 12, 2, 9, 30),
            paris(2026, 12, 2, 16, 30),
            today=TODAY,
            weekly=2,
        )
        enrol(session, workshop.id, member.id, now=paris(2026, 11, 20))
        return {"workshop": workshop.id, "s1": meetings[0].id, "s2": meetings[1].id,
                "member": member.id}  # fmt: skip


def test_planning_queues_snapshots_and_a_nul_never_leaves_the_kiosk(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    (_, workshop), = events(site, "workshop")  # fmt: skip
    assert workshop["title_fr"] == "Premiers pas numériques"  # the NUL removed where typed
    assert workshop["funder"] == "FSE+ Inclusion" and workshop["retention"] == "esf"
    assert "changed" not in workshop  # new: every field
    sessions = [p for _, p in events(site, "workshop_session")]
    assert [p["id"] for p in sessions] == [planned["s1"], planned["s2"]]
    assert sessions[0]["starts_at"] == "2026-12-02T08:30:00+00:00"
    (_, enrolment), = events(site, "enrolment")  # fmt: skip
    assert enrolment["id"] == enrolment_id(planned["workshop"], planned["member"])
    with site.transaction() as session:
        cancel_session(session, planned["s2"], now=paris(2026, 11, 26))
        cancel_session(session, planned["s2"], now=paris(2026, 11, 27))  # nothing changes
        move_session(
            session, site.settings, planned["s1"], paris(2026, 12, 3, 9), paris(2026, 12, 3, 12),
            today=TODAY,
        )  # fmt: skip
        withdraw(session, planned["workshop"], planned["member"], now=paris(2026, 11, 28))
        set_last_payment(session, planned["workshop"], date(2026, 6, 1), today=TODAY)
    later = events(site)[-4:]
    assert [(k, p.get("changed")) for k, p in later] == [
        ("workshop_session", ["cancelled_at"]),
        ("workshop_session", ["ends_at", "starts_at"]),
        ("enrolment", ["withdrawn_at"]),
        ("workshop", ["last_payment_on"]),
    ]
    assert later[2][1]["withdrawn_at"] == "2026-11-27T23:00:00+00:00"  # midnight in Paris


def test_a_refused_series_queues_nothing(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    before = len(events(site))
    with pytest.raises(WorkshopRefused), site.transaction() as session:
        # week 2 clashes with the planned second session: the whole series rolls back
        add_sessions(
            session, site.settings, planned["workshop"], paris(2026, 11, 25, 9),
            paris(2026, 11, 25, 12), today=TODAY, weekly=3,
        )  # fmt: skip
    assert len(events(site)) == before


def test_each_trail_entry_is_one_event_with_its_strokes(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    s1, member = planned["s1"], planned["member"]
    with site.transaction() as session:
        sign(session, site.settings, s1, member, SIGNATURE, who=DESK, now=paris(2026, 12, 2, 9, 40))
        set_times(
            session, site.settings, s1, member, 0, who=DESK, now=paris(2026, 12, 2, 10),
            arrived_at=paris(2026, 12, 2, 9, 50), reason="bus en retard",
        )  # fmt: skip
        set_mark(
            session, site.settings, s1, member, 1, Mark.EXCUSED, who=DESK,
            now=paris(2026, 12, 2, 14), reason="rendez-vous",
        )  # fmt: skip
        close_session(
            session, site.settings, s1, who=DESK, by="Sam Martin", now=paris(2026, 12, 2, 17)
        )
    entries = [p for _, p in events(site, "attendance")]
    with site.sessions() as session:
        stored = session.scalars(select(AttendanceEntry)).all()
        assert sorted(p["id"] for p in entries) == sorted(e.id for e in stored)
        assert verify_seal(session, s1).intact
    signed = entries[0]
    assert signed["mark"] == "signed" and signed["kiosk_id"] == "desk"
    assert signed["identity"] == "staff:Alex" and signed["recorded_at"].startswith("2026-12-02")
    assert digest(signed["strokes"]) == signed["strokes_sha256"]
    checked_packed(signed["strokes"], signed["strokes_sha256"])  # what the server checks
    assert entries[1]["arrived_at"] == "2026-12-02T08:50:00+00:00"
    assert entries[1]["strokes"] == signed["strokes"]  # the same mark and signature, again
    closing = events(site, "workshop_session")[-1][1]
    assert closing["changed"] == ["closed_at", "closed_by", "seal"]
    assert closing["closed_by"] == "Sam Martin" and len(closing["seal"]) == 64


def test_the_trail_merges_entries_from_two_kiosks_by_time(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    """An entry pulled later but recorded earlier at another kiosk takes its place by
    time: the latest entry of a box is the same everywhere."""
    s1, member = planned["s1"], planned["member"]
    with site.transaction() as session:
        set_mark(
            session, site.settings, s1, member, 0, Mark.ABSENT, who=DESK,
            now=paris(2026, 12, 2, 11),
        )  # fmt: skip
        # kiosk "hall" recorded a signature at 09:40, pulled only now (numbered after)
        session.add(
            AttendanceEntry(
                id="e0000000-0000-4000-8000-000000000001", seq=2, session_id=s1, half=0,
                member_id=member, mark=Mark.DESK, identity="badge:x:1", kiosk_id="hall",
                recorded_at=paris(2026, 12, 2, 9, 40), signed_at=paris(2026, 12, 2, 9, 40),
            )
        )  # fmt: skip
    with site.sessions() as session:
        file = session_file(session, s1)
    assert [e.kiosk_id for e in file.trail] == ["hall", "desk"]
    assert file.trail == tuple(sorted(file.trail, key=trail_key))
    assert latest_marks(file.trail)[(0, member)].mark is Mark.ABSENT


def _change(kind: str, payload: dict[str, Any], at: str) -> dict[str, Any]:
    return {"seq": 1, "kind": kind, "payload": payload, "occurred_at": at}


def test_pulled_entries_apply_once_take_their_place_and_lose_purged_strokes(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    """Another kiosk's entry, pulled twice (a replayed page), is added once, without an
    outbox event; a pulled purge of the session deletes the strokes here too."""
    from kiosk.sync.pull import apply_change

    s1, member = planned["s1"], planned["member"]
    with site.transaction() as session:
        mine = sign(
            session, site.settings, s1, member, SIGNATURE, who=DESK, now=paris(2026, 12, 2, 9, 50)
        )
    theirs = dict(events(site, "attendance")[-1][1])
    theirs |= {"id": "e0000000-0000-4000-8000-000000000002", "kiosk_id": "hall",
               "recorded_at": "2026-12-02T08:35:00+00:00", "seq": 1}  # fmt: skip
    before = len(events(site))
    for _ in range(2):
        with site.transaction() as session:
            assert apply_change(session, _change("attendance", theirs, theirs["recorded_at"]), {})
    assert len(events(site)) == before  # pulled changes queue nothing
    with site.sessions() as session:
        trail = session_file(session, s1).trail
        assert [e.kiosk_id for e in trail] == ["hall", mine.kiosk_id]
        assert all(e.strokes for e in trail)
    purged = dict(events(site, "workshop_session")[0][1])
    purged["signatures_purged_at"] = "2026-12-20T10:00:00+00:00"
    with site.transaction() as session:
        assert apply_change(
            session, _change("workshop_session", purged, purged["signatures_purged_at"]), {}
        )
    with site.sessions() as session:
        trail = session_file(session, s1).trail
        assert all(e.strokes is None and e.strokes_sha256 for e in trail)
        assert verify_seal(session, s1).sealed is False  # not closed: nothing to verify


def test_editing_a_workshop_sends_the_fields_that_changed_and_the_sessions_it_moved(
    site: Site, planned: dict[str, str], paris: Callable[..., datetime]
) -> None:
    """Staff edit a workshop in the Ateliers tab: other kiosks must hear of the new
    title and of its sessions moved to the new space, not only the kiosk that did it."""
    space = next(s.id for s in site.settings.spaces if s.id != "fablab")
    before = len(events(site))
    with site.transaction() as session:
        edit_workshop(
            session,
            site.settings,
            planned["workshop"],
            NewWorkshop("Fabriquer une lampe", space, funder="FSE+ Inclusion"),
            TUTORIALS,
            today=TODAY,
            now=paris(2026, 11, 26),
        )
    new = events(site)[before:]
    (kind, workshop), *moved = new
    assert kind == "workshop" and workshop["title_fr"] == "Fabriquer une lampe"
    assert {"title_fr", "space"} <= set(workshop["changed"])  # title_en follows a new title
    assert "funder" not in workshop["changed"]  # unchanged: not sent as a change
    assert sorted(p["id"] for _, p in moved) == sorted([planned["s1"], planned["s2"]])
    assert all(k == "workshop_session" and p["space"] == space for k, p in moved)
    assert all(p["changed"] == ["space"] for _, p in moved)
