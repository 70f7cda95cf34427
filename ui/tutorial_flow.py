"""The tutorials, from the list to the quiz result: who the trainee is (a badge scanned
on these screens identifies, it does not check in), resuming, recording a pass."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.frontdesk import FrontDesk, Trainee
from kiosk.tutorials.library import score
from ui.screens.tutorial_player import TutorialPlayerScreen
from ui.screens.tutorials import TutorialListScreen
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class TutorialFlow(QObject):
    def __init__(
        self,
        desk: FrontDesk,
        listing: TutorialListScreen,
        player: TutorialPlayerScreen,
        go: Callable[[Screen], None],
        go_home: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.listing, self.player = desk, listing, player
        self._go, self._go_home = go, go_home
        self.trainee: Trainee | None = None
        listing.tutorial_chosen.connect(self.open_tutorial)
        listing.forget_trainee.connect(self.forget)
        listing.back_requested.connect(go_home)
        player.step_reached.connect(self._save_progress)
        player.quiz_finished.connect(self._quiz_finished)
        player.closed.connect(self.show_list)

    def screens(self) -> tuple[Screen, Screen]:
        return self.listing, self.player

    def show_list(self) -> None:
        library = self.desk.tutorial_library()
        self.listing.show_library(library)
        self._show_trainee()
        self._go(self.listing)

    def identify(self, text: str) -> bool:
        """A badge (or code) seen on the tutorial screens: who follows. False if unknown."""
        found = self.desk.member_for_badge(text)
        if found is None:
            return False
        self.trainee = found
        self._show_trainee()
        return True

    def forget(self) -> None:
        self.trainee = None
        self._show_trainee()

    def _show_trainee(self) -> None:
        if self.trainee is None:
            self.listing.set_trainee(None, set())
        else:
            member_id, first_name = self.trainee
            passed = {c.tutorial for c in self.desk.certifications(member_id) if c.theory_at}
            self.listing.set_trainee(first_name, passed)

    def open_tutorial(self, tutorial_id: str) -> None:
        library = self.desk.tutorial_library()
        tutorial = library.tutorials.get(tutorial_id)
        if tutorial is None:
            return
        step = self.desk.resume_step(self.trainee[0], tutorial_id) if self.trainee else 0
        self._go(self.player)
        self.player.open(library, tutorial, step)
        if step >= len(tutorial.steps):  # they had read every step: straight to the quiz
            self.player.start_quiz()

    def _save_progress(self, tutorial_id: str, step: int) -> None:
        if self.trainee is None:
            return  # anonymous: nothing kept
        try:
            self.desk.save_progress(self.trainee[0], tutorial_id, step)
        except OSError:
            log.exception("could not save tutorial progress")

    def _quiz_finished(self, tutorial_id: str, answers: list[int]) -> None:
        member_id = self.trainee[0] if self.trainee else None
        try:
            result = self.desk.finish_quiz(member_id, tutorial_id, answers)
        except OSError:
            log.exception("could not record the quiz result")
            result = score(self.desk.tutorial_library().tutorials[tutorial_id], answers)
            member_id = None
        recorded_for = self.trainee[1] if (self.trainee and member_id and result.passed) else None
        self.player.show_result(result, recorded_for)

    def reset(self) -> None:
        self.trainee = None
