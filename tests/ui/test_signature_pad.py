"""The signature pad, drawn with real mouse drags (as many X touchscreens send) and with
touch events, read back in the format the core validates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QInputDevice
from PySide6.QtTest import QTest

from kiosk.workshops.refusals import Why, WorkshopRefused
from kiosk.workshops.signatures import MAX_POINTS_PER_STROKE, pack, unpack, validate_strokes
from ui.widgets.signature_pad import INK, PAPER, SignaturePad


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drag(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    first = QPoint(*points[0])
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y), 1)
    last = QPoint(*points[-1])
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)


def ink_at(pad: SignaturePad, x: int, y: int) -> QColor:
    return pad.grab().toImage().pixelColor(x, y)


def test_a_drag_gives_normalised_strokes_the_core_accepts(pad: SignaturePad, qtbot) -> None:
    assert pad.is_empty()
    with qtbot.waitSignals([pad.changed, pad.changed], timeout=2000):  # start, then end
        drag(pad, [(90, 60), (300, 150), (450, 240), (810, 90)])
    assert not pad.is_empty()
    strokes = pad.strokes()
    assert len(strokes) == 1
    xs = [p[0] for p in strokes[0]]
    ys = [p[1] for p in strokes[0]]
    assert xs[0] == pytest.approx(0.1, abs=0.01) and ys[0] == pytest.approx(0.2, abs=0.01)
    assert xs[-1] == pytest.approx(0.9, abs=0.01) and ys[-1] == pytest.approx(0.3, abs=0.01)
    times = [p[2] for p in strokes[0]]
    assert times == sorted(times) and times[0] >= 0
    assert validate_strokes(strokes) == strokes
    assert unpack(pack(strokes))[0][0][:2] == pytest.approx(strokes[0][0][:2], abs=1e-4)
    # the ink is on the screen where the finger went, not elsewhere
    assert ink_at(pad, 300, 150) == INK
    assert ink_at(pad, 700, 250) == PAPER


def test_two_strokes_clear_and_empty(pad: SignaturePad, qtbot) -> None:
    drag(pad, [(100, 100), (200, 200)])
    drag(pad, [(400, 100), (500, 200)])
    assert len(pad.strokes()) == 2
    with qtbot.waitSignal(pad.changed, timeout=2000):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == []
    assert ink_at(pad, 150, 150) == PAPER
    with pytest.raises(WorkshopRefused) as refused:
        validate_strokes(pad.strokes())
    assert refused.value.why is Why.NO_STROKES


def test_a_finger_leaving_the_pad_is_kept_on_its_edge(pad: SignaturePad) -> None:
    drag(pad, [(100, 100), (1200, 500), (-50, -40)])
    points = pad.strokes()[0]
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y, _ in points)
    assert (1.0, 1.0) in [(x, y) for x, y, _ in points]
    validate_strokes(pad.strokes())


def test_the_signing_area_keeps_its_3_to_1_shape_in_a_wider_widget(
    pad: SignaturePad,
) -> None:
    pad.resize(1200, 300)  # 4:1: the 3:1 area is 900 wide, centred
    box = pad.pad_rect()
    assert (box.left(), box.width(), box.height()) == (150.0, 900.0, 300.0)
    drag(pad, [(150, 0), (1050, 300)])
    (first, *_, last) = pad.strokes()[0]
    assert first[:2] == (0.0, 0.0) and last[:2] == (1.0, 1.0)
    assert pad.heightForWidth(1200) == 400


def test_a_resize_redraws_the_same_signature(pad: SignaturePad) -> None:
    drag(pad, [(90, 150), (810, 150)])
    pad.resize(600, 200)
    assert ink_at(pad, 300, 100) == INK  # the middle of the line, at the new size


def test_a_resting_finger_adds_no_points(pad: SignaturePad) -> None:
    start = QPoint(100, 100)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for _ in range(50):
        QTest.mouseMove(pad, start, 1)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert pad.point_count() == 1


def test_a_very_long_stroke_is_split_within_the_core_limits(pad: SignaturePad) -> None:
    zigzag = [(100 + (i % 2) * 700, 50 + (i % 5) * 40) for i in range(MAX_POINTS_PER_STROKE + 50)]
    drag(pad, zigzag)
    strokes = pad.strokes()
    assert len(strokes) == 2
    assert strokes[1][0] == strokes[0][-1]  # it goes on from where it was
    validate_strokes(strokes)


def test_touch_events_draw_too(pad: SignaturePad, qtbot) -> None:
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    seq = QTest.touchEvent(pad, device)
    seq.press(0, QPoint(90, 150)).commit()
    for x in range(120, 820, 30):
        seq.move(0, QPoint(x, 150)).commit()
    seq.release(0, QPoint(810, 150)).commit()
    qtbot.wait(10)
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) > 10
    assert strokes[0][0][:2] == pytest.approx((0.1, 0.5), abs=0.01)
    assert strokes[0][-1][:2] == pytest.approx((0.9, 0.5), abs=0.01)
