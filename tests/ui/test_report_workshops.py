"""Staff reports, the "Workshops" page: the year's workshops and trainings from the
kiosk's own records (figures, by funder, by age), zeros in a year without any, whole
at 1024x600 with many funders, and in the French CSV saved for a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.frontdesk import FrontDesk
from kiosk.members.registration import NewMember, register_member
from kiosk.reports.yearly import local_report
from kiosk.site import Site
from kiosk.workshops.attendance import Who, set_mark, set_times
from kiosk.workshops.counts import GroupCounts
from kiosk.workshops.models import Mark
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from ui.app import Translations, apply_style
from ui.widgets.report_panel import ReportPanel
from ui.widgets.report_sheet import sheet_words
from ui.widgets.report_workshops import WorkshopFigures

PARIS = ZoneInfo("Europe/Paris")
DESK = Who("staff:Alex", "desk")
LOAD_MS = 15_000


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def desk(site: Site) -> FrontDesk:
    return workshop_year(site)


def workshop_year(site: Site) -> FrontDesk:
    """Two trainees in a funded workshop on 2 December 2026 (09:30-12:30): Inès for the
    whole morning, Yacine from 11:00 (3 h + 1.5 h)."""
    desk = FrontDesk(site)
    today = date(2026, 11, 25)
    with site.transaction() as session:
        new = NewWorkshop("Premiers pas numériques", "fablab", funder="FSE+ Inclusion")
        workshop = add_workshop(session, site.settings, new, set())
        meeting = add_sessions(
            session, site.settings, workshop.id, _at(12, 2, 9, 30), _at(12, 2, 12, 30), today=today
        )[0]
        for name, bracket in (("Inès", "45-64"), ("Yacine", "18-25")):
            member = register_member(
                session,
                NewMember(first_name=name, age_bracket=bracket),
                consent_at=_at(11, 1, 10),
            )
            enrol(session, workshop.id, member.id, now=_at(11, 2, 10))
            set_mark(
                session,
                site.settings,
                meeting.id,
                member.id,
                0,
                Mark.DESK,
                who=DESK,
                now=_at(12, 2, 10),
            )
            if name == "Yacine":
                set_times(
                    session,
                    site.settings,
                    meeting.id,
                    member.id,
                    0,
                    who=DESK,
                    now=_at(12, 2, 11),
                    arrived_at=_at(12, 2, 11),
                )
    return desk


@pytest.fixture
def panel(qtbot, desk: FrontDesk, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReportPanel]:
    monkeypatch.setattr(desk, "today", lambda: date(2026, 12, 20))
    panel = ReportPanel(desk)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    yield panel
    assert panel.stop(), "a count was still running"


def test_the_workshops_page_shows_the_years_counts(qtbot, panel: ReportPanel) -> None:
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        panel.show()
    tab = panel.tabs[-2]
    assert tab.text() == "Workshops"
    qtbot.mouseClick(tab, Qt.MouseButton.LeftButton)
    page = panel.workshops
    assert panel.pages.currentWidget() is page and page.isVisible()
    figures = {key: tile.number.text() for key, tile in page.tiles.items()}
    assert figures == {"workshops": "1", "sessions": "1", "trainees": "2", "trainee_hours": "4.5"}
    assert page.tiles["sessions"].compare.text() == "1 half-day(s)"
    assert page.title.text() == "Workshops and trainings, 2026"
    assert page.funder_rows == [["FSE+ Inclusion", "2", "4.5"]]
    assert page.age_rows == [["18–25", "1", "1.5"], ["45–64", "1", "3"]]
    assert not page.empty.isVisible()
    # the year before: no workshop, zeros and a sentence that says so
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        qtbot.mouseClick(panel.year.minus, Qt.MouseButton.LeftButton)
    assert {key: tile.number.text() for key, tile in page.tiles.items()} == dict.fromkeys(
        figures, "0"
    )
    assert page.empty.isVisible() and page.empty.text() == "No workshop session in 2025."
    assert page.funder_rows == [["—", "", ""]] and page.age_rows == [["—", "", ""]]


def test_the_page_is_whole_at_1024x600_with_many_funders(
    qtbot, qapp: QApplication, desk: FrontDesk
) -> None:
    before, style = QLocale(), qapp.styleSheet()
    try:
        QLocale.setDefault(QLocale("fr_FR"))
        apply_style(qapp, QSize(1024, 600))
        report = local_report(desk.site.sessions, 2026, PARIS, _at(12, 20, 12))
        many = tuple(
            GroupCounts(f"Programme régional d’inclusion numérique n°{i}", 1, 6, 12, 1234.5)
            for i in range(12)
        )
        report = replace(report, workshops=replace(report.workshops, by_funder=many))
        page = WorkshopFigures()
        qtbot.addWidget(page)
        page.show_report(2026, report)
        page.resize(640, 330)  # about its room in the panel at 1024x600
        page.show()
        assert page.minimumSizeHint().height() <= 330  # it scrolls, the screen does not grow
        assert page.tiles["trainee_hours"].number.text() == "4,5"
        assert page.funder_rows[0][2] == "1\u202f234,5"
        inner = page.area.widget()
        assert inner.width() <= page.area.viewport().width()  # no sideways scrolling
        for text in inner.findChildren(QLabel):
            if text.isVisible() and text.text() and not text.wordWrap():
                assert text.width() >= text.sizeHint().width(), text.text()
    finally:
        QLocale.setDefault(before)
        qapp.setStyleSheet(style)


def test_the_french_csv_has_the_workshops_in_french(qapp, desk: FrontDesk, tmp_path: Path) -> None:
    translations = Translations(qapp)
    try:
        translations.switch("fr")
        report = local_report(desk.site.sessions, 2026, PARIS, _at(12, 20, 12))
        words = sheet_words({"fablab": "Fab lab"})
        path = desk.export_report(report, tmp_path, "csv", words=words)
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    finally:
        translations.switch("en")
        translations.remove()
    assert ["2026", "Ateliers et formations", "Stagiaires différents", "2"] in rows
    assert ["2026", "Ateliers et formations", "Heures-stagiaires", "4,5"] in rows
    assert ["2026", "Heures-stagiaires par financeur", "FSE+ Inclusion", "4,5"] in rows
    assert ["2026", "Stagiaires différents par âge", "18–25", "1"] in rows
