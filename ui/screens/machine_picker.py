"""After check-in: which machine(s) will you use? Free ones can be tapped; the others say
why not. A missing tutorial is said kindly, and the machine is still marked in use."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.machines import MachineView, UseCheck
from kiosk.models import MachineStatus
from ui.texts import machine_kind_text, machine_status_text
from ui.widgets.tile_button import TileButton
from ui.widgets.touch import Screen, big_button, clear_layout, label

MESSAGE_MS = 15_000


class MachinePickerScreen(Screen):
    machines_chosen = Signal(str, list)  # visit id, machine ids
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit_id = ""
        self._machines: list[MachineView] = []
        self._titles: dict[str, str] = {}
        self.buttons: dict[str, TileButton] = {}
        self.title = label("title")
        self.message = label("subtitle")
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.none_button = big_button("secondary")
        self.ok_button = big_button()
        self.none_button.clicked.connect(self._finish)
        self.ok_button.clicked.connect(self._ok)
        self._showing_checks = False
        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(self.none_button)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addLayout(row)
        self._timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._timer.timeout.connect(self._finish)
        self.retranslate()

    def ask(self, visit_id: str, machines: list[MachineView]) -> None:
        self._visit_id, self._machines = visit_id, machines
        self._showing_checks = False
        self.message.clear()
        self.none_button.show()
        self.ok_button.setEnabled(False)
        clear_layout(self.grid)
        self.buttons = {}
        for i, machine in enumerate(machines):
            button = TileButton("choice", machine.kind, beside=True, height_factor=1.1)
            button.setCheckable(True)
            free = machine.status is MachineStatus.AVAILABLE
            button.setEnabled(free)
            # the kind in plain words first ("3D printer"), then which one ("Prusa MK4 n°1")
            kind = machine_kind_text(machine.kind)
            which = (
                machine.name if free else f"{machine.name} — {machine_status_text(machine.status)}"
            )
            button.setText(
                f"{kind}\n{which}" if kind.casefold() != machine.name.casefold() else which
            )
            button.toggled.connect(self._update_ok)
            self.grid.addWidget(button, i // 3, i % 3)  # three a row: fits 1024x600
            self.buttons[machine.id] = button
        self.retranslate()
        self._timer.start()

    def set_tutorial_titles(self, titles: dict[str, str]) -> None:
        """Tutorial id -> its title in the current language (what a machine needs)."""
        self._titles = titles

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(any(b.isChecked() for b in self.buttons.values()))
        self._timer.start()

    def _ok(self) -> None:
        if self._showing_checks:
            self._finish()
        else:
            self._confirm()

    def _confirm(self) -> None:
        chosen = [mid for mid, b in self.buttons.items() if b.isChecked()]
        self.machines_chosen.emit(self._visit_id, chosen)

    def show_checks(self, checks: list[UseCheck]) -> None:
        """What start_using said: kind words for a missing tutorial or a refusal."""
        names = {m.id: m for m in self._machines}
        lines = []
        for check in checks:
            if check.refused:
                why = machine_status_text(MachineStatus(check.refused)).lower()
                if check.note:
                    why += f" ({check.note})"
                lines.append(
                    self.tr("%1 is not free for you now: %2.")
                    .replace("%1", check.name)
                    .replace("%2", why)
                )
            elif check.missing_tutorial:
                kind = self._titles.get(check.missing_tutorial) or (
                    machine_kind_text(names[check.machine_id].kind)
                    if check.machine_id in names
                    else check.missing_tutorial
                )
                lines.append(
                    self.tr(
                        "Before using the %1, please take its safety tutorial “%2” "
                        "and ask a staff member to show you. Thank you!"
                    )
                    .replace("%1", check.name)
                    .replace("%2", kind)
                )
        if not lines:
            self._finish()
            return
        self.title.setText(self.tr("Noted!"))
        self.message.setText("\n\n".join(lines))
        for button in self.buttons.values():
            button.hide()
        self.none_button.hide()
        self._showing_checks = True
        self.ok_button.setEnabled(True)
        self.ok_button.setText(self.tr("OK"))
        self._timer.start()

    def _finish(self) -> None:
        self._timer.stop()
        self.done.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Will you use a machine?"))
        self.none_button.setText(self.tr("No machine"))
        self.ok_button.setText(self.tr("That's it"))

    def reset(self) -> None:
        self._timer.stop()
        self._visit_id, self._machines, self._showing_checks = "", [], False
