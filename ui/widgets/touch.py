"""Touch-first building blocks: big buttons, screens that retranslate themselves."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.pictures import FittedPicture

MIN_TARGET_MM = 15.0
MIN_TARGET_PX = 88  # floor for screens that report a made-up DPI (offscreen, some HDMI)


def mm_to_px(mm: float) -> int:
    screen = QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not math.isfinite(dpi) or dpi <= 0:  # no screen yet (a monitor off at boot): NaN
        dpi = 96.0
    return round(mm / 25.4 * dpi)


def min_target() -> int:
    """The smallest side of anything a finger must hit: 15 mm on this screen."""
    return max(MIN_TARGET_PX, mm_to_px(MIN_TARGET_MM))


def big_button(role: str = "primary", *, height_factor: float = 1.0) -> QPushButton:
    button = QPushButton()
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal the typed field
    side = round(min_target() * height_factor)
    button.setMinimumSize(side, side)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def whole_text(button: QPushButton) -> QPushButton:
    """A button that never gets narrower than its words (beside a label that can wrap
    instead): a long French word is not cut at both ends on a 1024 px screen. A set
    minimum width would win over the words' width, so there is none: the padding of
    the kiosk's style keeps even a short word wider than a finger."""
    button.setMinimumWidth(0)
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    return button


def fit_words(button: QPushButton) -> None:
    """After setText: *button* never narrower than its words (a big button's explicit
    minimum size hides the one its words need, and a layout short of room cut them)."""
    words = QPushButton.sizeHint(button).width()
    button.setMinimumWidth(max(min_target(), words))


class ChoiceButton(QPushButton):
    """A choice whose words wrap on as many lines as they need: a QPushButton's own text
    never wraps, and a long answer in a narrow column was cut off at both ends. With a
    picture (a quiz answer drawn), the picture is above the words, as large as the
    button's place allows: the words are still what read aloud says."""

    PICTURE_HINT = QSize(320, 240)
    PICTURE_SMALLEST = QSize(96, 72)
    SPACING = 6

    def __init__(self, parent: QWidget | None = None, *, picture_hint: QSize | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal the typed field
        self.setMinimumSize(min_target(), min_target())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._picture_hint = picture_hint or self.PICTURE_HINT
        self.picture = FittedPicture(self._picture_hint, self.PICTURE_SMALLEST)
        self.picture.hide()
        self.words = label("choicewords")
        for part in (self.picture, self.words):  # the button takes the tap, not its parts
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        box.setSpacing(self.SPACING)
        box.addWidget(self.picture, 1)
        box.addWidget(self.words)

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text(self) -> str:
        return self.words.text()

    def set_picture(self, path: Path | None) -> None:
        """Draw *path* above the words (None: words only). A button with a picture grows
        with the room its layout gives it, the picture with it."""
        self.picture.set_path(path)
        self.picture.setVisible(path is not None)
        vertical = QSizePolicy.Policy.Expanding if path else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        self.updateGeometry()

    def _picture_height(self) -> int:
        return self.PICTURE_SMALLEST.height() + self.SPACING if self.picture.path() else 0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        words = self.words.heightForWidth(width - 24) + 16
        return max(min_target(), words + self._picture_height())

    def sizeHint(self) -> QSize:
        hint = self.words.sizeHint()
        extra = self._picture_hint.height() + self.SPACING if self.picture.path() else 0
        return QSize(
            max(min_target(), hint.width() + 24), max(min_target(), hint.height() + 16 + extra)
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(min_target(), min_target())


def label(name: str = "", *, wrap: bool = True, align: Qt.AlignmentFlag | None = None) -> QLabel:
    widget = QLabel()
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setAlignment(align if align is not None else Qt.AlignmentFlag.AlignCenter)
    return widget


class Screen(QWidget):
    """A full screen of the kiosk. Texts are set in retranslate(), called again on a
    language switch; reset() forgets whatever was typed or shown about a person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # for the QSS colours

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text (through self.tr) again."""

    def reset(self) -> None:
        """Clear personal data: called on idle and whenever the screen is left."""


class Panel(QWidget):
    """A part of a screen with texts of its own: retranslate() on a language switch."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text (through self.tr) again."""


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of *layout* now (not at the next event loop turn,
    which would leave the old ones painted under the new ones meanwhile)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def kinetic_scroll(inner: QWidget, *, buttons_inside: bool, column: bool = False) -> QScrollArea:
    """A scroll area moved by a finger dragged across it, whether the screen sends touch
    events or, like many USB touchscreens under X, mouse events. With buttons inside, a
    press reaches the button at once (no delay before a tap works); one that turns into a
    drag scrolls instead, and the button it started on is not clicked. A *column* (part
    of a screen that scrolls only where the screen is too short) has no frame and never
    scrolls sideways: its words wrap instead."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    if column:
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    if buttons_inside:
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    overshoot = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, overshoot)
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, overshoot
    )
    scroller.setScrollerProperties(properties)
    return area
