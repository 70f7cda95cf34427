"""Every choice a visitor makes has a picture: the ways in, the purposes, the spaces, the
machines (with the kind of machine in plain words before its name)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from kiosk.checkin import PURPOSES
from kiosk.site import Site
from ui.app import Kiosk
from ui.widgets.pictograms import pictogram_path

PICTOGRAMS = Path(__file__).parents[2] / "resources" / "pictograms"


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    yield kiosk
    kiosk.stop()


def test_every_pictogram_is_a_drawing_qt_can_render(qapp) -> None:
    files = sorted(PICTOGRAMS.glob("*.svg"))
    assert len(files) >= 15
    for path in files:
        assert QSvgRenderer(str(path)).isValid(), path.name


def test_the_ways_in_purposes_spaces_and_machines_have_pictures(qtbot, kiosk, site) -> None:
    window = kiosk.window
    welcome = window.welcome
    for button in (
        welcome.register_button,
        welcome.code_button,
        welcome.guest_button,
        welcome.learn_button,
    ):
        assert button.hasPicture(), button.text()
    for purpose in PURPOSES:
        assert pictogram_path(purpose) is not None
        assert not window.guest.purpose_buttons[purpose].icon().isNull(), purpose
    for space_id, button in window.result.space_buttons.items():
        assert not button.icon().isNull(), space_id  # its own, or a door

    machines = kiosk.desk.board()
    window.picker.ask("visit", machines)
    for machine in machines:
        assert window.picker.buttons[machine.id].hasPicture(), machine.id
    printer = next(m for m in machines if m.kind == "3d_printer")
    assert (
        window.picker.buttons[printer.id].text().splitlines()[0] == "Imprimante 3D"
    )  # French first
