"""The tutorials, from the list to the quiz result: who the trainee is (a badge scanned
on these screens identifies, it does not check in), resuming, recording a pass.

A badge may come at any moment, not only at the start: shown on a step it saves the
progress, shown after a passed quiz it records the pass (the answers are kept until
the person leaves the tutorials), so nobody has to do it all again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.frontdesk import FrontDesk, Trainee
from kiosk.tutorials.library import score
from ui.screens.tutorial_player import TutorialPlayerScreen
from ui.screens.tutorials import TutorialListScreen
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)


class TutorialFlow(QObject):
    code_requested = Signal()  # the trainee wants to type the code printed under the badge

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
        self._unrecorded: tuple[str, list[int]] | None = None  # an anonymous pass
        listing.tutorial_chosen.connect(self.open_tutorial)
        listing.forget_trainee.connect(self.forget)
        listing.back_requested.connect(go_home)
        player.step_reached.connect(self._save_progress)
        player.quiz_finished.connect(self._quiz_finished)
        player.closed.connect(self.show_list)
        player.code_requested.connect(self.code_requested)
        listing.code_requested.connect(self.code_requested)

    def screens(self) -> tuple[Screen, Screen]:
        return self.listing, self.player

    def show_list(self) -> None:
        self._unrecorded = None  # they left the result: an unclaimed pass is forgotten
        library = self.desk.tutorial_library()
        self.listing.show_library(library)
        self._show_trainee()
        self._go(self.listing)

    def identify(self, text: str) -> bool:
        """A badge (or code) seen on the tutorial screens: who follows, with their progress
        or their passed quiz recorded at once. False (and said on screen) if unknown."""
        try:
            found = self.desk.member_for_badge(text)
        except OSError:
            log.exception("could not look a trainee's badge up")
            found = None
        if found is None:
            self._tell(
                QCoreApplication.translate(
                    "TutorialFlow",
                    "We do not know this badge. Try again, or ask a staff member.",
                ),
                ok=False,
            )
            return False
        self.trainee = found
        self._show_trainee()
        self._claim(found)
        return True

    def _tell(self, text: str, *, ok: bool) -> None:
        self.player.show_notice(text, ok=ok)
        self.listing.show_notice(text, ok=ok)

    def _claim(self, trainee: Trainee) -> None:
        """What the anonymous trainee did so far becomes theirs."""
        name = trainee.first_name
        if self._unrecorded is not None:
            tutorial_id, answers = self._unrecorded
            try:
                result = self.desk.finish_quiz(trainee.member_id, tutorial_id, answers)
            except OSError:
                log.exception("could not record a passed quiz")
                self._tell(
                    QCoreApplication.translate(
                        "TutorialFlow",
                        "Your result could not be saved. Please tell a staff member.",
                    ),
                    ok=False,
                )
                return
            self._unrecorded = None
            self.player.show_result(result, name)
            self._tell(
                QCoreApplication.translate("TutorialFlow", "Recorded for %1.").replace("%1", name),
                ok=True,
            )
            return
        tutorial = self.player.tutorial
        if tutorial is not None and self.player.on_a_step():
            self._save_progress(tutorial.id, self.player.step)
            text = QCoreApplication.translate(
                "TutorialFlow", "Hello %1! Your progress is saved from now on."
            )
        elif tutorial is not None:
            text = QCoreApplication.translate(
                "TutorialFlow", "Hello %1! Your result will be recorded."
            )
        else:
            text = QCoreApplication.translate(
                "TutorialFlow", "Hello %1! Your progress and results are saved."
            )
        self._tell(text.replace("%1", name), ok=True)

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
        # passed with nobody known yet: kept (in memory only) until a badge claims it
        self._unrecorded = (
            (tutorial_id, list(answers)) if result.passed and recorded_for is None else None
        )
        self.player.show_result(result, recorded_for)

    def reset(self) -> None:
        self.trainee = None
        self._unrecorded = None
