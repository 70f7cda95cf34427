"""The signature pad: a trainee (or a trainer) signs with a finger.

The pad is three times as wide as high (``PAD_ASPECT``): whatever size the screen gives
the widget, the signing area is the largest 3:1 box centred in it, and the strokes are
normalised to that box, so they redraw the same in the PDF. It takes mouse events and
touch events alike (many X touchscreens send mouse events; a real touch driver sends
touch events, and then no mouse event is synthesised for them).

Smooth at 60 Hz on a small machine: each move paints only its new segment into a cached
image and asks to repaint only that segment's box; the whole signature is redrawn only
when the pad is resized. What the pad shows is what :meth:`strokes` returns: points the
core would refuse (beyond its limits) are neither stored nor drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.workshops.signatures import (
    MAX_DURATION_MS,
    MAX_POINTS,
    MAX_POINTS_PER_STROKE,
    MAX_STROKES,
    PAD_ASPECT,
    Point,
    Strokes,
)

INK = QColor("#14213d")
PAPER = QColor("#ffffff")
FRAME = QColor("#8a94a6")
BASELINE = QColor("#c9ced8")
MIN_STEP_PX = 1.5  # a finger resting still sends moves: closer points add nothing


class SignaturePad(QWidget):
    """Draw with a finger; ``strokes()`` in the format ``kiosk.workshops.signatures``
    validates. ``changed`` is emitted when a stroke starts or ends and on ``clear()``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturepad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(300, 100)
        self._strokes: Strokes = []
        self._drawing = False  # a finger is down and its points are kept
        self._by_touch = False  # the current stroke comes from touch events
        self._last_px: QPointF | None = None
        self._clock = QElapsedTimer()
        self._ink = QImage()
        self._redraw_all()

    # --- what the screens use ------------------------------------------------------

    def strokes(self) -> Strokes:
        """A copy of the strokes: normalised x, y (0..1) and milliseconds from the
        first touch."""
        return [list(stroke) for stroke in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self._last_px = None
        self._clock.invalidate()
        self._redraw_all()
        self.update()
        self.changed.emit()

    def point_count(self) -> int:
        return sum(len(stroke) for stroke in self._strokes)

    # --- geometry ------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / PAD_ASPECT)

    def sizeHint(self) -> QSize:
        return QSize(900, 300)

    def pad_rect(self) -> QRectF:
        """The signing area: the largest 3:1 box centred in the widget."""
        width, height = float(self.width()), float(self.height())
        if width / PAD_ASPECT <= height:
            box_h = width / PAD_ASPECT
            return QRectF(0.0, (height - box_h) / 2, width, box_h)
        box_w = height * PAD_ASPECT
        return QRectF((width - box_w) / 2, 0.0, box_w, height)

    def _pen(self) -> QPen:
        width = max(3.0, self.pad_rect().height() / 70)
        pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        box = self.pad_rect()
        x = (pos.x() - box.left()) / box.width() if box.width() > 0 else 0.0
        y = (pos.y() - box.top()) / box.height() if box.height() > 0 else 0.0
        return min(1.0, max(0.0, x)), min(1.0, max(0.0, y))

    def _to_widget(self, x: float, y: float) -> QPointF:
        box = self.pad_rect()
        return QPointF(box.left() + x * box.width(), box.top() + y * box.height())

    # --- drawing -------------------------------------------------------------------

    def _redraw_all(self) -> None:
        """The cached image at the widget's size, with every stroke: only on resize."""
        ratio = self.devicePixelRatioF()
        size = QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        self._ink = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        self._ink.setDevicePixelRatio(ratio)
        self._ink.fill(self.palette().window().color())  # around the 3:1 box
        painter = QPainter(self._ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.pad_rect()
        painter.fillRect(box, PAPER)
        baseline_y = box.top() + box.height() * 0.75
        painter.setPen(QPen(BASELINE, 2, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(box.left() + box.width() * 0.05, baseline_y),
            QPointF(box.right() - box.width() * 0.05, baseline_y),
        )
        painter.setPen(QPen(FRAME, 2))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 12, 12)
        painter.setPen(self._pen())
        for stroke in self._strokes:
            points = [self._to_widget(x, y) for x, y, _ in stroke]
            if len(points) == 1:
                painter.drawPoint(points[0])
            else:
                painter.drawPolyline(points)
        painter.end()

    def _paint_segment(self, a: QPointF, b: QPointF) -> None:
        painter = QPainter(self._ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = self._pen()
        painter.setPen(pen)
        if a == b:
            painter.drawPoint(a)
        else:
            painter.drawLine(a, b)
        painter.end()
        margin = pen.widthF() / 2 + 2
        dirty = QRectF(a, b).normalized().adjusted(-margin, -margin, margin, margin)
        self.update(dirty.toAlignedRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect: QRect = event.rect()
        painter.drawImage(rect, self._ink, self._image_rect(rect))
        painter.end()

    def _image_rect(self, rect: QRect) -> QRect:
        ratio = self._ink.devicePixelRatio()
        return QRect(
            round(rect.x() * ratio),
            round(rect.y() * ratio),
            round(rect.width() * ratio),
            round(rect.height() * ratio),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw_all()

    # --- the finger ----------------------------------------------------------------

    def _elapsed_ms(self) -> int:
        if not self._clock.isValid():
            self._clock.start()
        return min(MAX_DURATION_MS, int(self._clock.elapsed()))

    def _room_for(self, points: int) -> bool:
        return self.point_count() + points <= MAX_POINTS

    def _press(self, pos: QPointF) -> None:
        if len(self._strokes) >= MAX_STROKES or not self._room_for(1):
            self._drawing = False
            return
        x, y = self._to_pad(pos)
        self._strokes.append([(x, y, self._elapsed_ms())])
        self._drawing = True
        here = self._to_widget(x, y)
        self._last_px = here
        self._paint_segment(here, here)
        self.changed.emit()

    def _move(self, pos: QPointF) -> None:
        if not self._drawing or self._last_px is None:
            return
        x, y = self._to_pad(pos)
        here = self._to_widget(x, y)
        step = here - self._last_px
        if abs(step.x()) + abs(step.y()) < MIN_STEP_PX:
            return
        if not self._room_for(1):
            self._drawing = False
            return
        point: Point = (x, y, self._elapsed_ms())
        stroke = self._strokes[-1]
        if len(stroke) >= MAX_POINTS_PER_STROKE:
            # a very long stroke goes on as a new one from where it was
            if len(self._strokes) >= MAX_STROKES or not self._room_for(2):
                self._drawing = False
                return
            stroke = [stroke[-1]]
            self._strokes.append(stroke)
        stroke.append(point)
        self._paint_segment(self._last_px, here)
        self._last_px = here

    def _release(self, pos: QPointF) -> None:
        if not self._drawing:
            return
        self._move(pos)
        self._drawing = False
        self._last_px = None
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._by_touch:
            event.ignore()
            return
        self._press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._by_touch:
            return
        self._move(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._by_touch:
            return
        self._release(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            self._touch(kind, event)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._release_touch()
            event.accept()
            return True
        return super().event(event)

    def _touch(self, kind: QEvent.Type, event: QTouchEvent) -> None:
        points = event.points()
        if not points:
            return
        pos = points[0].position()  # one finger signs; a palm's second point is ignored
        if kind == QEvent.Type.TouchBegin:
            self._by_touch = True
            self._press(pos)
        elif kind == QEvent.Type.TouchUpdate:
            self._move(pos)
        else:
            self._release(pos)
            self._by_touch = False

    def _release_touch(self) -> None:
        if self._drawing:
            self._drawing = False
            self._last_px = None
            self.changed.emit()
        self._by_touch = False
