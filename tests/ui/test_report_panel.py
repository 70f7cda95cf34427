"""Staff reports: the year's counts with where they come from, charts, a year stepper
that counts off the GUI thread (a late answer to an older request is dropped), and the
counts saved on a USB stick. A demo site (more than a year of visits) has no server: its
counts are the local ones; one test runs the real server for the "all kiosks" counts."""

from __future__ import annotations

import csv
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QLocale, QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.demo import create_demo
from kiosk.frontdesk import FrontDesk
from kiosk.reports.exports import ExportPlace, export_places
from kiosk.reports.yearly import PreviousYear, YearlyReport, local_report
from kiosk.site import Site
from kiosk.sync import connect, sync_once
from kiosk.workshops.counts import WorkshopCounts
from ui.app import Translations, apply_style
from ui.widgets.bar_chart import BarChart
from ui.widgets.report_charts import ReportCharts
from ui.widgets.report_panel import ReportPanel
from ui.widgets.report_sheet import sheet_words

LOAD_MS = 15_000


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    # 57 weeks: all of this year and the end of last year (the demo goes back 400 days)
    return create_demo(tmp_path_factory.mktemp("demo") / "site", weeks=57)


@pytest.fixture
def desk(demo_site: Site) -> FrontDesk:
    return FrontDesk(demo_site)


@pytest.fixture
def panel(qtbot, desk: FrontDesk) -> Iterator[ReportPanel]:
    panel = ReportPanel(desk)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    yield panel
    assert panel.stop(), "a count or a save was still running"


def _show(qtbot, panel: ReportPanel) -> None:
    """Shown for the first time: it counts, off the GUI thread."""
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        panel.show()


def _tap(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _expected(desk: FrontDesk, year: int) -> dict[str, Any]:
    site = desk.site
    return local_report(site.sessions, year, site.settings.tz, site.now()).as_json()


def _figures(panel: ReportPanel) -> dict[str, str]:
    return {key: tile.number.text() for key, tile in panel.tiles.tiles.items()}


def _numbers(report: dict[str, Any]) -> dict[str, str]:
    keys = ("visits", "unique_visitors", "new_members", "guests")
    return {key: QLocale().toString(int(report[key])) for key in keys}


def test_without_a_server_the_panel_shows_this_kiosks_counts_and_says_so(
    qtbot, desk: FrontDesk, panel: ReportPanel
) -> None:
    _show(qtbot, panel)
    year = desk.today().year
    expected = _expected(desk, year)
    assert expected["visits"] > 1000  # the demo's year, not an empty one
    assert panel.year.value == year
    assert panel.source.text().startswith("This kiosk only — not connected to a server")
    assert "Loading" not in panel.source.text()
    assert _figures(panel) == _numbers(expected)
    # the year is not over: last year is given whole, with no misleading percentage
    previous = QLocale().toString(expected["previous_year"]["visits"])
    assert f"{previous} in all of {year - 1}" in panel.tiles.tiles["visits"].compare.text()
    assert not panel.year.plus.isEnabled()  # no year after this one


def test_the_year_stepper_counts_an_earlier_year(
    qtbot, desk: FrontDesk, panel: ReportPanel
) -> None:
    _show(qtbot, panel)
    year = desk.today().year
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.year.minus)
    assert panel.year.value == year - 1
    last_year = _expected(desk, year - 1)
    assert last_year["visits"] > 0
    assert _figures(panel) == _numbers(last_year)
    assert str(year - 1) in panel.charts.months_chart.title.text()
    assert panel.charts.months_chart.values()[0] == last_year["by_month"]
    assert panel.year.plus.isEnabled()
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.year.plus)
    assert _figures(panel) == _numbers(_expected(desk, year))


def test_an_answer_that_comes_after_a_newer_request_is_dropped(
    qtbot, desk: FrontDesk, panel: ReportPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    year = desk.today().year
    release = threading.Event()
    real_report = desk.report

    def slow_for_this_year(asked: int, **kw: Any) -> Any:
        if asked == year:  # a slow server, for the first request only
            release.wait(10)
        return real_report(asked, **kw)

    monkeypatch.setattr(desk, "report", slow_for_this_year)
    panel.show()
    assert panel.loading and panel.source.text() == "Loading…"
    assert panel.tiles.tiles["visits"].number.text() == "…"
    # the GUI thread is free meanwhile: the stepper works, and last year is counted
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.year.minus)
    last_year = _numbers(_expected(desk, year - 1))
    assert _figures(panel) == last_year
    release.set()  # this year's answer now comes, too late
    qtbot.waitUntil(lambda: not panel.busy, timeout=LOAD_MS)
    assert panel.year.value == year - 1
    assert _figures(panel) == last_year
    assert not panel.loading


def test_charts_have_the_months_spaces_and_ages_by_name(
    qtbot, desk: FrontDesk, panel: ReportPanel
) -> None:
    _show(qtbot, panel)
    expected = _expected(desk, desk.today().year)
    months = [QLocale().monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]
    assert panel.charts.months_chart.categories() == months
    assert panel.charts.months_chart.values() == [
        expected["by_month"],
        expected["previous_year"]["by_month"],
    ]
    spaces = dict(
        zip(
            panel.charts.spaces_chart.categories(),
            panel.charts.spaces_chart.values()[0],
            strict=True,
        )
    )
    assert spaces["Fab lab"] == expected["by_space"]["fablab"]
    assert spaces["Coworking"] == expected["by_space"]["coworking"]
    assert "fablab" not in spaces
    ages = dict(
        zip(panel.charts.ages_chart.categories(), panel.charts.ages_chart.values()[0], strict=True)
    )
    assert ages["not given"] == expected["by_age_bracket"]["unknown"]  # the guests
    assert ages["45–64"] == expected["by_age_bracket"]["45-64"]
    people = panel.charts.people_chart.values()[0]
    assert sum(people) == sum(expected["unique_by_age_bracket"].values())
    assert sum(panel.charts.weekdays_chart.values()[0]) == expected["visits"]
    assert sum(panel.charts.hours_chart.values()[0]) == expected["visits"]


def test_every_chart_label_is_whole_at_1024x600(qtbot, qapp: QApplication) -> None:
    """QtCharts once drew every age as "…" and cut the titles; numbers had no thousands
    separator. Now each text is drawn whole inside its chart, on the smallest screen,
    with a long space name and the French separator."""
    before, style = QLocale(), qapp.styleSheet()
    try:
        QLocale.setDefault(QLocale("fr_FR"))
        apply_style(qapp, QSize(1024, 600))
        big = YearlyReport(
            year=2026,
            source="local",
            timezone="Europe/Paris",
            generated_at=datetime(2026, 11, 27, 15, 0, tzinfo=UTC),
            visits=21192,
            member_visits=20000,
            unique_visitors=300,
            new_members=40,
            guests=1192,
            guest_groups=300,
            by_month=[1766] * 12,
            by_weekday=[1] * 7,
            by_hour=[0] * 8 + [5] * 12 + [0] * 4,
            by_space={"fablab": 11970, "coworking": 421},
            by_purpose={"discovery": 479, "workshop": 420, "unknown": 12},
            by_age_bracket={"0-14": 281, "65+": 10, "unknown": 602},
            unique_by_age_bracket={"0-14": 9},
            by_kiosk={},
            previous_year=PreviousYear(2025, 10800, 250, 30, 900, [900] * 12),
            workshops=WorkshopCounts.none(2026),
        )
        names = {"fablab": "Atelier de fabrication numérique", "coworking": "Coworking"}
        charts = ReportCharts()
        qtbot.addWidget(charts)
        charts.resize(600, 230)  # the charts' room at 1024x600
        charts.show_report(2026, big, names)
        charts.show()
        for page in range(charts.count()):
            charts.setCurrentIndex(page)
            shown = charts.currentWidget()
            for chart in [shown] if isinstance(shown, BarChart) else shown.findChildren(BarChart):
                chart.grab()  # paints it at its size on that page
                assert chart.texts(), chart.title.text()
                assert chart.cut_texts() == [], chart.title.text()
        assert "not given" in charts.ages_chart.texts()
        assert names["fablab"] in charts.spaces_chart.texts()
        assert "11\u202f970" in charts.spaces_chart.texts()
        assert "1\u202f766" in charts.months_chart.texts()
    finally:
        QLocale.setDefault(before)
        qapp.setStyleSheet(style)


def test_the_csv_for_a_french_spreadsheet_is_in_french(qapp, desk: FrontDesk, tmp_path) -> None:
    translations = Translations(qapp)
    try:
        translations.switch("fr")
        site = desk.site
        report = local_report(site.sessions, desk.today().year, site.settings.tz, site.now())
        words = sheet_words({"fablab": "Fab lab"})
        path = desk.export_report(report, tmp_path, "csv", words=words)
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    finally:
        translations.switch("en")
        translations.remove()
    assert rows[0] == ["Année", "Quoi", "Lequel", "Combien"]
    year = str(report.year)
    assert [year, "Totaux", "Visites (personnes)", str(report.visits)] in rows
    assert [year, "Mois", f"janvier {year}", str(report.by_month[0])] in rows
    assert [year, "Jour de la semaine", "lundi", str(report.by_weekday[0])] in rows
    assert [year, "Heure d’arrivée", "9 h à 10 h", str(report.by_hour[9])] in rows
    unknown = str(report.by_age_bracket["unknown"])
    assert [year, "Visites par âge", "non renseigné", unknown] in rows


def test_a_language_switch_relabels_months_and_spaces(qtbot, panel: ReportPanel) -> None:
    _show(qtbot, panel)
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("en_GB"))
        QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
        assert "Pro workshop" in panel.charts.spaces_chart.categories()
        QLocale.setDefault(QLocale("fr_FR"))
        QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
        assert panel.charts.months_chart.categories()[1] == QLocale().monthName(
            2, QLocale.FormatType.ShortFormat
        )
        assert panel.charts.months_chart.categories()[1].startswith("févr")
        assert "Atelier pro" in panel.charts.spaces_chart.categories()
    finally:
        QLocale.setDefault(before)


def _stick(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A USB stick mounted where udisks mounts them: <root>/<user>/<label>."""
    root = tmp_path / "media"
    stick = root / "staff" / name
    stick.mkdir(parents=True)
    return root, stick


def test_saving_on_a_usb_stick_writes_a_csv_and_an_xlsx(
    qtbot, desk: FrontDesk, panel: ReportPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, stick = _stick(tmp_path, "KINGSTON")
    monkeypatch.setattr(desk, "export_places", lambda: export_places(desk.site, roots=(root,)))
    _show(qtbot, panel)
    _tap(qtbot, panel.tabs[-1])
    assert panel.export.chosen_place() is not None and panel.export.chosen_place().path == stick
    assert [b.text() for b in panel.export.place_buttons] == [
        "USB stick KINGSTON",
        "This kiosk (exports folder)",
    ]
    assert not panel.export.no_stick.isVisible()
    year = desk.today().year
    expected = _expected(desk, year)

    with qtbot.waitSignal(panel.export_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.export.save_buttons["csv"])
    assert panel.export.message.text() == f"✓ Saved on USB stick KINGSTON: visites-{year}-local.csv"
    raw = (stick / f"visites-{year}-local.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: a spreadsheet reads the accents right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Year", "What", "Which", "How many"]  # for people, in the screen's words
    assert [str(year), "Totals", "Visits (people)", str(expected["visits"])] in rows
    assert [str(year), "Space", "Fab lab", str(expected["by_space"]["fablab"])] in rows
    assert [str(year), "Month", f"January {year}", str(expected["by_month"][0])] in rows
    assert not any(row[1] == "Space" and row[2] == "fablab" for row in rows)

    with qtbot.waitSignal(panel.export_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.export.save_buttons["xlsx"])
    assert (
        panel.export.message.text() == f"✓ Saved on USB stick KINGSTON: visites-{year}-local.xlsx"
    )
    book = load_workbook(stick / f"visites-{year}-local.xlsx", read_only=True)
    values = list(book[str(year)].iter_rows(values_only=True))
    book.close()
    assert ("total", "visits", expected["visits"]) in values
    assert ("space", "Coworking", expected["by_space"]["coworking"]) in values
    assert sorted(p.name for p in stick.iterdir()) == [
        f"visites-{year}-local.csv",
        f"visites-{year}-local.xlsx",
    ]


def test_without_a_stick_it_saves_on_the_kiosk_and_says_to_plug_one_in(
    qtbot, desk: FrontDesk, panel: ReportPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "media"
    empty.mkdir()
    monkeypatch.setattr(desk, "export_places", lambda: export_places(desk.site, roots=(empty,)))
    _show(qtbot, panel)
    _tap(qtbot, panel.tabs[-1])
    assert panel.export.no_stick.isVisible()
    assert panel.export.no_stick.text() == "No USB stick found — plug one in and press Refresh"
    with qtbot.waitSignal(panel.export_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.export.save_buttons["csv"])
    saved = desk.site.data_dir.path / "exports" / f"visites-{desk.today().year}-local.csv"
    assert saved.is_file()
    assert panel.export.message.text() == f"✓ Saved on this kiosk: {saved}"

    # a stick is plugged in: Refresh finds it and offers it first
    stick = empty / "staff" / "SANDISK"
    stick.mkdir(parents=True)
    with qtbot.waitSignal(panel.load_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.refresh_button)
    assert panel.export.place_buttons[0].text() == "USB stick SANDISK"
    assert not panel.export.no_stick.isVisible()


def test_a_stick_that_cannot_be_written_is_said_plainly(
    qtbot, desk: FrontDesk, panel: ReportPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pulled out under the kiosk: what was its folder is not a folder any more (a file
    # here, so the test fails the same way when run as root)
    gone = tmp_path / "gone"
    gone.write_text("")
    place = ExportPlace("BROKEN", gone / "stick", True)
    monkeypatch.setattr(desk, "export_places", lambda: [place])
    _show(qtbot, panel)
    _tap(qtbot, panel.tabs[-1])
    with qtbot.waitSignal(panel.export_ended, timeout=LOAD_MS):
        _tap(qtbot, panel.export.save_buttons["xlsx"])
    message = panel.export.message.text()
    assert message.startswith("✗ Could not save on USB stick BROKEN: ")
    assert "Is it full, write-protected or pulled out?" in message
    assert panel.export.message.property("outcome") == "failed"
    assert all(button.isEnabled() for button in panel.export.save_buttons.values())  # try again


# --- with a server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A real central server on 127.0.0.1 (SQLite) and a kiosk token for it."""
    pytest.importorskip("uvicorn")
    from sqlalchemy.orm import Session

    from kiosk.server.accounts import add_kiosk
    from kiosk.server.background import ServerThread
    from kiosk.server.db import make_engine, migrate
    from kiosk.server.settings import ServerSettings

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        _kiosk, token = add_kiosk(session, "door")
        session.commit()
    engine.dispose()
    with ServerThread(ServerSettings(database_url=url)) as running:
        yield running.url, token


def test_with_the_server_the_panel_shows_all_kiosks_and_what_is_not_sent(
    qtbot, site: Site, server: tuple[str, str]
) -> None:
    url, token = server
    connect(site, url, token)
    desk = FrontDesk(site)
    desk.count_guests(3, None)
    desk.count_guests(2, None)
    synced = sync_once(site)
    assert synced.ok and synced.remaining == 0
    desk.count_guests(4, None)  # after the sync: on this kiosk only
    panel = ReportPanel(desk)
    qtbot.addWidget(panel)
    try:
        _show(qtbot, panel)
        lines = panel.source.text().splitlines()
        assert lines[0].startswith("All kiosks (central server)")
        assert lines[1] == "1 visit(s) of this kiosk are not on the server yet"
        assert panel.source.property("source") == "server"
        assert panel.tiles.tiles["visits"].number.text() == "5"  # the server's; this kiosk has 9
        assert panel.tiles.tiles["guests"].number.text() == "5"
    finally:
        assert panel.stop()


def test_a_server_that_does_not_answer_leaves_the_local_counts_and_says_why(
    qtbot, site: Site
) -> None:
    connect(site, f"http://127.0.0.1:{_free_port()}", "token")
    desk = FrontDesk(site)
    desk.count_guests(3, None)
    panel = ReportPanel(desk)
    qtbot.addWidget(panel)
    try:
        _show(qtbot, panel)
        lines = panel.source.text().splitlines()
        assert lines[0].startswith("This kiosk only — the server could not be reached: ")
        assert lines[1] == "1 visit(s) of this kiosk are not on the server yet"
        assert panel.source.property("source") == "local"
        assert panel.tiles.tiles["visits"].number.text() == "3"
    finally:
        assert panel.stop()
