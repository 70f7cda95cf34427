"""The staff screens' workshop use cases (kiosk.workshops.desk) on a real SQLite site,
without Qt: editing a workshop (its sessions follow a new space, all or none), the
roster with the course progress, and the PDFs written to an export folder."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.models import Member
from kiosk.site import Site
from kiosk.tutorials.library import default_root, record_theory, save_progress
from kiosk.tutorials.loader import load_library
from kiosk.workshops.desk import WorkshopDesk
from kiosk.workshops.models import Mark, Workshop, WorkshopSession
from kiosk.workshops.planning import NewWorkshop
from kiosk.workshops.refusals import Why, WorkshopRefused

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=PARIS)
SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]
LIBRARY = load_library(default_root())


@pytest.fixture
def desk(site: Site) -> WorkshopDesk:
    site.now = lambda: NOW.astimezone(UTC)  # type: ignore[method-assign]
    return WorkshopDesk(site, lambda: LIBRARY)


def test_editing_moves_the_sessions_to_come_to_the_new_space_or_nothing(
    desk: WorkshopDesk, site: Site
) -> None:
    mine = desk.add_workshop(NewWorkshop("Lampe", "fablab", funder="FSE+"))
    other = desk.add_workshop(NewWorkshop("Bureau partagé", "coworking"))
    assert desk.add_sessions(mine.id, date(2026, 12, 9), time(14), time(17), weekly=2) == 2
    desk.add_sessions(other.id, date(2026, 12, 16), time(16), time(18))
    moved = NewWorkshop("Lampe", "coworking", trainers="Camille", funder="FSE+")
    with pytest.raises(WorkshopRefused, check=lambda e: e.why is Why.OVERLAP):
        desk.edit_workshop(mine.id, moved)
    with site.sessions() as session:  # refused: the workshop and all its sessions stay
        workshop = session.get_one(Workshop, mine.id)
        assert workshop.space == "fablab" and workshop.trainers == ""
        assert {s.space for s in workshop.sessions} == {"fablab"}
    desk.cancel_session(desk.plan(other.id).sessions[0].id)
    row = desk.edit_workshop(mine.id, moved)
    assert (row.space, row.trainers, row.sessions) == ("coworking", "Camille", 2)
    with site.sessions() as session:
        assert {
            s.space
            for s in session.scalars(
                select(WorkshopSession).where(WorkshopSession.workshop_id == mine.id)
            )
        } == {"coworking"}
    with pytest.raises(WorkshopRefused, check=lambda e: e.why is Why.UNKNOWN_TUTORIAL):
        desk.edit_workshop(mine.id, NewWorkshop("Lampe", "coworking", tutorials=("nope",)))
    assert [w.title_fr for w in desk.workshops()] == ["Lampe", "Bureau partagé"]


def test_the_roster_shows_marks_and_the_course_progress(desk: WorkshopDesk, site: Site) -> None:
    course = ("workshop-safety", "laser-cutter")
    workshop = desk.add_workshop(NewWorkshop("Lampe", "fablab", tutorials=course))
    desk.add_sessions(workshop.id, NOW.date(), time(14), time(17))
    badge = desk.enrol_new_trainee(workshop.id, "Awa", "Traoré")
    with site.transaction() as session:
        save_progress(session, badge.member_id, "laser-cutter", 3, NOW)
        record_theory(session, badge.member_id, LIBRARY.tutorials["workshop-safety"], NOW)
    session_id = desk.plan(workshop.id).sessions[0].id
    desk.set_mark(session_id, badge.member_id, 0, Mark.EXCUSED, staff="Sam", reason="malade")
    roster = desk.roster(session_id)
    (row,) = roster.rows
    assert (row.first_name, row.last_name, row.boxes[0].mark) == ("Awa", "Traoré", Mark.EXCUSED)
    assert row.boxes[0].reason == "malade"
    safety, laser = row.progress
    assert safety.passed and not laser.passed and laser.reached == 3
    assert laser.steps == len(LIBRARY.tutorials["laser-cutter"].steps)
    assert badge.token.startswith("FLK1.") and badge.short_code


def test_the_sheet_and_certificates_are_written_whole(
    desk: WorkshopDesk, site: Site, tmp_path: Path
) -> None:
    workshop = desk.add_workshop(NewWorkshop("Découpe laser", "fablab", trainers="Camille"))
    desk.add_sessions(workshop.id, NOW.date(), time(14), time(17))
    awa = desk.enrol_new_trainee(workshop.id, "Awa", "Traoré")
    session_id = desk.plan(workshop.id).sessions[0].id
    desk.sign(session_id, 0, SIGNATURE, staff="Sam", member_id=awa.member_id)
    desk.sign(session_id, 0, SIGNATURE, staff="Sam", trainer="Camille")
    assert len(desk.close_session(session_id, by="Camille", staff="Sam")) == 64
    exported = desk.export_session(session_id, tmp_path / "stick", "fr")
    assert exported.sheet.name == "emargement-1.pdf" and len(exported.certificates) == 1
    assert sorted(p.name for p in exported.folder.iterdir()) == [
        "attestation-Awa-Traoré.pdf",
        "emargement-1.pdf",
    ]
    text = PdfReader(exported.sheet).pages[0].extract_text()
    assert "Découpe laser" in text and "TRAORÉ Awa" in text
    with site.sessions() as session:
        assert session.scalars(select(Member).where(Member.first_name == "Awa")).one().email is None

    # a write that fails at the last step (here the name is taken by a folder, as a
    # stick pulled out would fail it) raises and leaves no half-written file behind
    blocked = tmp_path / "blocked" / "Découpe-laser-2026-12-02-1" / "attendance-sheet-1.pdf"
    (blocked / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        desk.export_session(session_id, tmp_path / "blocked", "en")
    assert list((tmp_path / "blocked").rglob("*.part")) == []
