"""Staff mode, "Workshops", tapped through the real window (offscreen) over a real
SQLite site: a workshop made with its weekly sessions and edited, an overlap refused
in words with nothing lost, trainees enrolled (an existing member, a new trainee with
their badge), marks on the roster with the course progress beside them, the trainer's
signature, closing and the PDFs saved and read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QPoint, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton
from sqlalchemy import select

from kiosk.members.registration import NewMember, register_member
from kiosk.models import Member
from kiosk.site import Site
from kiosk.tutorials.library import save_progress
from kiosk.workshops.models import AttendanceEntry, Enrolment, Mark, Workshop, WorkshopSession
from kiosk.workshops.planning import NewWorkshop
from kiosk.workshops.sheet import verify_seal
from ui.app import Kiosk
from ui.widgets.workshops_panel import FORM, LIST, ROSTER, SIGNING, WORKSHOP

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=PARIS)  # a Wednesday, mid-afternoon


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    site.now = lambda: NOW.astimezone(ZoneInfo("UTC"))  # type: ignore[method-assign]
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    kiosk.set_language("en")
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button: QAbstractButton) -> None:
    QApplication.processEvents()
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _buttons(widget, text: str) -> list[QPushButton]:
    QApplication.processEvents()  # rows added to a shown page are shown at the next turn
    return [b for b in widget.findChildren(QPushButton) if text in b.text() and b.isVisible()]


def _panel(qtbot, kiosk: Kiosk):  # type: ignore[no-untyped-def]
    staff = kiosk.window.staff
    kiosk.window._go(staff)
    _tap(qtbot, staff.tab_workshops)
    return staff.workshops


def _workshop(kiosk: Kiosk, title: str, **extra: object) -> str:
    desk = kiosk.window.staff.workshops._desk
    return desk.add_workshop(NewWorkshop(title, "fablab", **extra)).id  # type: ignore[arg-type]


def _member(site: Site, first: str, last: str | None = "Martin") -> Member:
    with site.transaction() as session:
        return register_member(session, NewMember(first, last), consent_at=site.now())


def _pick_day(form, day: date) -> None:  # type: ignore[no-untyped-def]
    form.calendar.setSelectedDate(QDate(day.year, day.month, day.day))


def test_a_workshop_with_six_weekly_sessions_then_edited(qtbot, kiosk: Kiosk, site: Site) -> None:
    panel = _panel(qtbot, kiosk)
    assert "No workshop yet" in " ".join(w.text() for w in panel.findChildren(type(panel.hint)))
    _tap(qtbot, panel.new_button)
    assert panel.pages.currentIndex() == FORM
    form = panel.form
    form.title_fr.insert("Découvrir la découpe laser")  # typed (QTest types ASCII only)
    qtbot.keyClicks(form.trainers, "Camille Dupont")
    qtbot.keyClicks(form.funder, "FSE+")
    _tap(qtbot, form.tutorial_buttons["workshop-safety"])
    _tap(qtbot, form.tutorial_buttons["laser-cutter"])
    assert form.tutorial_buttons["laser-cutter"].text().startswith("2. ")  # its place
    _tap(qtbot, form.save_button)
    assert panel.pages.currentIndex() == WORKSHOP
    with site.sessions() as session:
        workshop = session.scalars(select(Workshop)).one()
        assert workshop.tutorials == '["workshop-safety", "laser-cutter"]'
        assert (workshop.funder, workshop.space) == ("FSE+", "fablab")

    sessions = panel.workshop.session_form
    _pick_day(sessions, date(2026, 12, 9))
    for _ in range(5):
        _tap(qtbot, sessions.weeks.plus)
    assert "6" in sessions.weeks.text.text()
    _tap(qtbot, sessions.add_button)  # 14:00-17:00 unless changed
    assert "6 sessions added" in panel.feedback.text()
    with site.sessions() as session:
        starts = [s.starts_at.astimezone(PARIS) for s in session.scalars(select(WorkshopSession))]
    assert sorted(starts) == [
        datetime(2026, 12, 9, 14, 0, tzinfo=PARIS) + timedelta(weeks=w) for w in range(6)
    ]

    _tap(qtbot, panel.workshop.edit_button)
    assert form.title_fr.text() == "Découvrir la découpe laser"
    form.funder.clear()
    form.funder.insert("État")  # typed (QTest types ASCII only)
    _tap(qtbot, form.save_button)
    with site.sessions() as session:
        assert session.scalars(select(Workshop)).one().funder == "État"
    _tap(qtbot, panel.workshop.back_button)
    assert panel.pages.currentIndex() == LIST
    rows = [b.text() for b in panel.findChildren(QAbstractButton) if "laser" in b.text()]
    assert any("État" in r and "next:" in r and "0 trainees" in r for r in rows)


def test_an_overlap_is_refused_in_words_and_the_form_keeps_its_choice(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    first = _workshop(kiosk, "Impression 3D")
    desk = kiosk.window.staff.workshops._desk
    desk.add_sessions(first, date(2026, 12, 9), time(14), time(17))
    second = _workshop(kiosk, "Couture numérique")
    panel = _panel(qtbot, kiosk)
    _tap(qtbot, _buttons(panel, "Couture")[0])
    form = panel.workshop.session_form
    _pick_day(form, date(2026, 12, 9))
    _tap(qtbot, form.start.plus)
    _tap(qtbot, form.start.plus)  # 15:00, in the middle of the other one
    _tap(qtbot, form.add_button)
    assert "already taken by 'Impression 3D'" in panel.feedback.text()
    assert form.chosen_day == date(2026, 12, 9) and form.start.value == time(15)
    kiosk.set_language("fr")
    _tap(qtbot, form.add_button)
    assert "déjà pris par « Impression 3D »" in panel.feedback.text()
    kiosk.set_language("en")
    for _ in range(5):
        _tap(qtbot, form.end.minus)  # 14:30, before 15:00
    _tap(qtbot, form.add_button)
    assert "ends (2026-12-09 14:30) before it starts" in panel.feedback.text()
    _pick_day(form, date(2031, 1, 8))
    _tap(qtbot, form.end.plus)
    _tap(qtbot, form.end.plus)
    _tap(qtbot, form.end.plus)
    _tap(qtbot, form.add_button)
    assert "not plausible" in panel.feedback.text()
    with site.sessions() as session:
        assert session.get_one(Workshop, second).sessions == []

    _tap(qtbot, panel.workshop.edit_button)  # a title cannot be emptied; the rest stays
    panel.form.title_fr.clear()
    panel.form.funder.insert("Région")  # typed (QTest types ASCII only)
    _tap(qtbot, panel.form.save_button)
    assert "needs a title" in panel.feedback.text()
    assert panel.pages.currentIndex() == FORM and panel.form.funder.text() == "Région"


def test_enrol_a_member_and_register_a_new_trainee_with_a_badge(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    jade = _member(site, "Jade")
    _workshop(kiosk, "Atelier vinyle")
    panel = _panel(qtbot, kiosk)
    _tap(qtbot, _buttons(panel, "Atelier vinyle")[0])
    page = panel.workshop
    qtbot.keyClicks(page.search, "jade")
    _tap(qtbot, page.search_button)
    _tap(qtbot, _buttons(page, "Enrol Jade Martin")[0])
    assert "Jade Martin is enrolled" in panel.feedback.text()
    assert _buttons(page, "Withdraw")

    _tap(qtbot, page.register_button)  # no first name: said, nothing registered
    assert "first name" in panel.feedback.text()
    qtbot.keyClicks(page.last_name, "Diallo")
    _tap(qtbot, page.register_button)
    assert page.last_name.text() == "Diallo"  # kept to be completed
    qtbot.keyClicks(page.first_name, "Nour")
    _tap(qtbot, page.register_button)
    window = kiosk.window
    assert window.currentWidget() is window.badge
    assert "Nour" in window.badge.title.text() and "enrolled" in window.badge.title.text()
    assert not window.badge.checkin_button.isVisible()
    _tap(qtbot, window.badge.done_button)
    assert window.currentWidget() is window.staff
    with site.sessions() as session:
        names = {
            session.get_one(Member, e.member_id).first_name: e.withdrawn_at
            for e in session.scalars(select(Enrolment))
        }
        nour = session.scalars(select(Member).where(Member.first_name == "Nour")).one()
    assert names == {"Jade": None, "Nour": None}
    assert nour.last_name == "Diallo" and nour.email is None
    _tap(qtbot, _buttons(page, "Withdraw")[0])
    assert "Withdrawn" in panel.feedback.text()
    with site.sessions() as session:
        assert session.get_one(Member, jade.id)  # still a member
        assert sum(e.withdrawn_at is None for e in session.scalars(select(Enrolment))) == 1


def _session_now(kiosk: Kiosk, site: Site, *trainees: Member) -> tuple[str, str]:
    """A workshop whose session is under way now (14:00-17:00), trainees enrolled."""
    workshop_id = _workshop(
        kiosk, "Fabriquer une lampe", trainers="Camille", tutorials=("workshop-safety",)
    )
    desk = kiosk.window.staff.workshops._desk
    desk.add_sessions(workshop_id, NOW.date(), time(14), time(17))
    for trainee in trainees:
        desk.enrol(workshop_id, trainee.id)
    session_id = desk.plan(workshop_id).sessions[0].id
    return workshop_id, session_id


def _open_roster(qtbot, kiosk: Kiosk):  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, kiosk)
    _tap(qtbot, _buttons(panel, "Fabriquer une lampe")[0])
    _tap(qtbot, _buttons(panel.workshop, "Roster")[0])
    assert panel.pages.currentIndex() == ROSTER
    return panel, panel.roster


def test_the_roster_marks_excused_and_cannot_sign_beside_the_course_progress(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    awa, lou = _member(site, "Awa", "Traoré"), _member(site, "Lou", "Bernard")
    with site.transaction() as session:
        save_progress(session, awa.id, "workshop-safety", 2, site.now())
    _workshop_id, session_id = _session_now(kiosk, site, awa, lou)
    panel, roster = _open_roster(qtbot, kiosk)
    awa_row = _buttons(roster, "Awa TRAORÉ")[0]
    assert "not recorded yet" in awa_row.text() and "step 2 of" in awa_row.text()
    assert "not started" in _buttons(roster, "Lou BERNARD")[0].text()

    _tap(qtbot, awa_row)
    _tap(qtbot, roster.excused_button)  # who records it, first
    assert "Type your name first" in panel.feedback.text()
    qtbot.keyClicks(roster.staff_name, "Sam")
    _tap(qtbot, roster.excused_button)  # and why
    assert "A reason is needed" in panel.feedback.text()
    roster.reason.insert("rendez-vous médical")  # typed (QTest types ASCII only)
    _tap(qtbot, roster.excused_button)
    assert "excused: rendez-vous médical" in _buttons(roster, "Awa TRAORÉ")[0].text()
    _tap(qtbot, _buttons(roster, "Lou BERNARD")[0])
    _tap(qtbot, roster.cannot_sign_button)
    assert "countersigned by Sam" in _buttons(roster, "Lou BERNARD")[0].text()
    for _ in range(3):
        _tap(qtbot, roster.at.plus)  # 15:30: Lou came late
    _tap(qtbot, roster.arrived_button)
    assert "arrived 15:30" in _buttons(roster, "Lou BERNARD")[0].text()
    with site.sessions() as session:
        marks = {
            (e.member_id, e.mark, e.reason, e.countersigned_by, e.identity)
            for e in session.scalars(
                select(AttendanceEntry).where(AttendanceEntry.session_id == session_id)
            )
        }
    assert (awa.id, Mark.EXCUSED, "rendez-vous médical", None, "staff:Sam") in marks
    assert (lou.id, Mark.CANNOT_SIGN, None, "Sam", "staff:Sam") in marks


def _draw(qtbot, pad) -> None:  # type: ignore[no-untyped-def]
    """A finger across the pad: press, a few moves, release."""
    box = pad.pad_rect()
    y = int(box.center().y())
    x0, x1 = int(box.left() + 20), int(box.right() - 20)
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(x0, y))
    for i in range(1, 11):
        x = x0 + (x1 - x0) * i // 10
        qtbot.mouseMove(pad, QPoint(x, y + (15 if i % 2 else -15)))
        qtbot.wait(5)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(x1, y))


def test_the_trainer_signs_closes_and_the_pdfs_are_saved(
    qtbot, kiosk: Kiosk, site: Site, tmp_path: Path
) -> None:
    awa = _member(site, "Awa", "Traoré")
    _workshop_id, session_id = _session_now(kiosk, site, awa)
    panel, roster = _open_roster(qtbot, kiosk)
    qtbot.keyClicks(roster.staff_name, "Sam")
    assert roster.trainer_name.text() == "Camille"
    _tap(qtbot, _buttons(roster, "Awa TRAORÉ")[0])
    _tap(qtbot, roster.signature_button)  # Awa signs on the pad, from staff mode
    signing = panel.signing
    assert panel.pages.currentIndex() == SIGNING and "Awa" in signing.title.text()
    assert not signing.valid_button.isEnabled()  # nothing drawn yet
    _draw(qtbot, signing.pad)
    _tap(qtbot, signing.valid_button)
    assert panel.pages.currentIndex() == ROSTER
    assert "signed at 15:00" in _buttons(roster, "Awa TRAORÉ")[0].text()

    _tap(qtbot, roster.trainer_signs)
    assert "Present (1): Awa Traoré" in signing.summary.text()
    _draw(qtbot, signing.pad)
    _tap(qtbot, signing.clear_button)  # start again
    assert signing.pad.is_empty()
    _draw(qtbot, signing.pad)
    _tap(qtbot, signing.valid_button)
    assert "signed by Camille at 15:00" in roster.trainer_box.text()

    _tap(qtbot, roster.close_button)
    assert "sheet is sealed" in roster.trainer_box.text()
    assert not roster.close_button.isEnabled() and not roster.absent_button.isEnabled()
    with site.sessions() as session:
        assert verify_seal(session, session_id).intact

    export = roster.export
    kiosk_folder = [b for b in export.place_buttons if "This kiosk" in b.text()]
    _tap(qtbot, kiosk_folder[0])  # not a USB stick this machine may have mounted
    with qtbot.waitSignal(export.ended, timeout=20_000):
        _tap(qtbot, export.save_button)
    assert "✓" in export.message.text() and "1 certificate" in export.message.text()
    folder = site.data_dir.path / "exports"
    sheets = list(folder.glob("*/attendance-sheet-1.pdf"))
    assert len(sheets) == 1 and not list(folder.glob("*/*.part"))
    text = " ".join(p.extract_text() for p in PdfReader(sheets[0]).pages)
    assert "Fabriquer une lampe" in text and "TRAORÉ Awa" in text and "Camille" in text
    certificate = next(sheets[0].parent.glob("certificate-*.pdf"))
    assert "Awa" in PdfReader(certificate).pages[0].extract_text()


@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1024, 600)], ids=str)
def test_every_workshop_page_fits_the_screen(qtbot, kiosk: Kiosk, site: Site, size) -> None:
    awa = _member(site, "Awa", "Traoré")
    _session_now(kiosk, site, awa)
    kiosk.show(windowed=True, size=size)
    panel, roster = _open_roster(qtbot, kiosk)
    qtbot.keyClicks(roster.staff_name, "Sam")
    _tap(qtbot, roster.trainer_signs)
    window = kiosk.window
    for index in (LIST, FORM, WORKSHOP, ROSTER, SIGNING):
        panel.pages.setCurrentIndex(index)
        QApplication.processEvents()
        need = window.minimumSizeHint()
        assert need.width() <= size.width() and need.height() <= size.height(), index
        for button in panel.pages.currentWidget().findChildren(QAbstractButton):
            if button.isVisible():
                name = f"{button.objectName()} {button.text()}"
                assert min(button.width(), button.height()) >= 80, (index, name)


def test_a_day_has_two_half_days_and_a_late_signature_needs_a_reason(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    awa = _member(site, "Awa", "Traoré")
    desk = kiosk.window.staff.workshops._desk
    workshop_id = _workshop(kiosk, "Fabriquer une lampe", trainers="Camille")
    desk.add_sessions(workshop_id, NOW.date(), time(9, 30), time(16, 30))
    desk.enrol(workshop_id, awa.id)
    panel, roster = _open_roster(qtbot, kiosk)
    halves = roster.half_group.buttons()
    assert [b.text() for b in halves] == ["Morning 09:30–13:00", "Afternoon 13:00–16:30"]
    _tap(qtbot, halves[0])  # the morning is over (it is 15:00)
    qtbot.keyClicks(roster.staff_name, "Sam")
    _tap(qtbot, _buttons(roster, "Awa TRAORÉ")[0])
    _tap(qtbot, roster.signature_button)
    _draw(qtbot, panel.signing.pad)
    _tap(qtbot, panel.signing.valid_button)
    assert "A reason is needed" in panel.feedback.text()
    assert panel.pages.currentIndex() == SIGNING and not panel.signing.pad.is_empty()
    _tap(qtbot, panel.signing.back_button)
    qtbot.keyClicks(roster.reason, "bus en retard")
    _tap(qtbot, roster.signature_button)
    _draw(qtbot, panel.signing.pad)
    _tap(qtbot, panel.signing.valid_button)
    row = _buttons(roster, "Awa TRAORÉ")[0].text()
    assert "signed at 15:00 · late, allowed by Sam: bus en retard" in row
    _tap(qtbot, roster.half_group.buttons()[1])
    assert "not recorded yet" in _buttons(roster, "Awa TRAORÉ")[0].text()
    with site.sessions() as session:
        entry = session.scalars(select(AttendanceEntry)).one()
    assert (entry.half, entry.late_allowed_by, entry.reason) == (0, "Sam", "bus en retard")


def test_a_session_is_moved_then_another_cancelled(qtbot, kiosk: Kiosk, site: Site) -> None:
    workshop_id = _workshop(kiosk, "Atelier vinyle")
    desk = kiosk.window.staff.workshops._desk
    desk.add_sessions(workshop_id, date(2026, 12, 9), time(14), time(17), weekly=2)
    panel = _panel(qtbot, kiosk)
    _tap(qtbot, _buttons(panel, "Atelier vinyle")[0])
    page = panel.workshop
    _tap(qtbot, _buttons(page, "Move")[0])
    form = page.session_form
    assert "Move session 1" in form.heading.text() and not form.weeks.isVisible()
    assert form.chosen_day == date(2026, 12, 9) and form.start.value == time(14)
    _pick_day(form, date(2026, 12, 10))
    _tap(qtbot, form.add_button)
    assert "Session moved" in panel.feedback.text()
    assert "Add sessions" in form.heading.text()  # back to adding
    _tap(qtbot, _buttons(page, "Cancel it")[-1])
    assert "Session cancelled" in panel.feedback.text()
    with site.sessions() as session:
        rows = [
            (s.starts_at.astimezone(PARIS).date(), s.cancelled_at is not None)
            for s in session.get_one(Workshop, workshop_id).sessions
        ]
    assert rows == [(date(2026, 12, 10), False), (date(2026, 12, 16), True)]
    assert any("cancelled" in w.text() for w in page.findChildren(type(page.about)))
