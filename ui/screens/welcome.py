"""Welcome: the camera, and the four ways in (badge, first time, forgotten badge, guest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.widgets.camera_view import CameraView
from ui.widgets.hours_panel import HoursPanel
from ui.widgets.tile_button import TileButton
from ui.widgets.touch import Screen, big_button, label


class WelcomeScreen(Screen):
    register_requested = Signal()
    code_requested = Signal()
    guest_requested = Signal()
    language_requested = Signal(str)
    today_requested = Signal()
    learn_requested = Signal()
    staff_requested = Signal()

    def __init__(
        self,
        site_name: str,
        languages: tuple[str, ...],
        local_now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._local_now = local_now
        self._site_name = site_name
        self._camera_problem = False

        top = QWidget()
        top.setObjectName("topbar")
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(30, 6, 30, 6)
        self.site_label = label(
            "site", align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.clock = label("clock")
        top_row.addWidget(self.site_label, 3)
        top_row.addWidget(self.clock, 2)
        self.staff_button = big_button("lang")
        self.staff_button.setFixedWidth(self.staff_button.minimumWidth() * 2)
        self.staff_button.clicked.connect(self.staff_requested)
        top_row.addWidget(self.staff_button)
        self.language_buttons: dict[str, object] = {}
        group = QButtonGroup(self)
        for lang in languages:
            button = big_button("lang")
            button.setCheckable(True)
            button.setText(lang.upper())
            button.setFixedWidth(button.minimumWidth() + 20)
            button.clicked.connect(lambda _=False, code=lang: self.language_requested.emit(code))
            group.addButton(button)
            top_row.addWidget(button)
            self.language_buttons[lang] = button

        self.camera = CameraView()
        self.prompt = label("title")
        self.prompt_hint = label("hint")
        self.register_button = TileButton("primary", "first-visit")
        self.code_button = TileButton("secondary", "forgot-badge")
        self.guest_button = TileButton("secondary", "guest")
        self.learn_button = TileButton("secondary", "learn")
        self.register_button.clicked.connect(self.register_requested)
        self.code_button.clicked.connect(self.code_requested)
        self.guest_button.clicked.connect(self.guest_requested)
        self.learn_button.clicked.connect(self.learn_requested)

        # two by two: the four ways in fit under the prompt on a 1024x600 screen too
        ways = QGridLayout()
        ways.setSpacing(12)
        ways.addWidget(self.register_button, 0, 0)
        ways.addWidget(self.code_button, 0, 1)
        ways.addWidget(self.guest_button, 1, 0)
        ways.addWidget(self.learn_button, 1, 1)
        actions = QVBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.prompt)
        actions.addWidget(self.prompt_hint)
        actions.addLayout(ways, 1)

        body = QHBoxLayout()
        body.setContentsMargins(30, 12, 30, 6)
        body.setSpacing(30)
        body.addWidget(self.camera, 5)
        body.addLayout(actions, 4)

        self.hours_panel = HoursPanel()
        self.hours_panel.today_requested.connect(self.today_requested)
        self.hours_panel.hide()

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(top)
        root.addLayout(body, 1)
        root.addWidget(self.hours_panel)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick)
        self._tick()
        self.retranslate()

    def set_language(self, lang: str) -> None:
        button = self.language_buttons.get(lang)
        if button is not None:
            button.setChecked(True)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        now = self._local_now()
        self.clock.setText(
            QLocale().toString(
                QTime(now.hour, now.minute, now.second), QLocale.FormatType.ShortFormat
            )
        )
        # wake up at the next minute, not every second
        self._clock_timer.start((60 - now.second) * 1000 - now.microsecond // 1000 + 50)

    def show_frame(self, image: QImage) -> None:
        self._camera_problem = False
        self.camera.show_frame(image)

    def show_camera_problem(self) -> None:
        self._camera_problem = True
        self.camera.show_message(
            self.tr("The camera is not working.\nTap “Forgot your badge?” and type your code.")
        )

    def retranslate(self) -> None:
        self.site_label.setText(self._site_name)
        self.prompt.setText(self.tr("Show your badge to the camera"))
        self.prompt_hint.setText(self.tr("Hold the QR code in the yellow square."))
        self.register_button.setText(self.tr("First time here?"))
        self.code_button.setText(self.tr("Forgot your badge?"))
        self.guest_button.setText(self.tr("Just visiting"))
        self.staff_button.setText(self.tr("Staff"))
        self.learn_button.setText(self.tr("Learn to use a machine"))
        self.hours_panel.today_button.setText(self.tr("Hours and machines"))
        if self._camera_problem:
            self.show_camera_problem()
        self._tick()
