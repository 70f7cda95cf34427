"""The line under a staff page that says how the last action went: green with a tick
when it worked, red with a cross when it did not (the sign says it without colour)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.touch import LEFT

OK_SIGN = "✓"
ERROR_SIGN = "✗"


class Feedback(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback")
        self.setWordWrap(True)
        self.setAlignment(LEFT)
        self.setVisible(False)

    @property
    def outcome(self) -> str:
        """ "ok", "error", or "" when there is nothing to say."""
        return str(self.property("outcome") or "")

    def ok(self, message: str) -> None:
        self._say("ok", f"{OK_SIGN} {message}")

    def error(self, message: str) -> None:
        self._say("error", f"{ERROR_SIGN} {message}")

    def clear(self) -> None:
        self._say("", "")

    def _say(self, outcome: str, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if self.outcome != outcome:
            self.setProperty("outcome", outcome)
            self.style().unpolish(self)
            self.style().polish(self)
