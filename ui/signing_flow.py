"""At the door during a workshop: a trainee's check-in leads to the sign screen, and
what they do there is recorded through the front desk (kiosk.workshops.door).

The check-in itself is already recorded (the visit, and the trainee marked present
"signed at the desk: no"): if anything goes wrong here, the ordinary greeting or a
worded refusal shows and nothing recorded is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.checkin import Outcome, ScanResult
from kiosk.frontdesk import FrontDesk
from kiosk.workshops.door import Signing
from kiosk.workshops.refusals import Why, WorkshopRefused
from kiosk.workshops.signatures import Strokes
from ui.screens.sign import SignScreen
from ui.widgets.touch import Screen

log = logging.getLogger(__name__)
TRY_AGAIN = (Why.NO_STROKES, Why.BAD_SIGNATURE)  # signing again on the pad can help


class SigningFlow(QObject):
    def __init__(
        self,
        desk: FrontDesk,
        screen: SignScreen,
        go: Callable[[Screen], None],
        go_home: Callable[[], None],
        lang: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.screen = desk, screen
        self._go, self._lang = go, lang
        self._signing: Signing | None = None
        screen.signed.connect(self._sign)
        screen.cannot_sign.connect(self._cannot_sign)
        screen.done.connect(go_home)

    def offer(self, result: ScanResult) -> bool:
        """A check-in during a workshop session of theirs: the sign screen (True)."""
        if (
            result.outcome is not Outcome.CHECKED_IN
            or result.workshop_session_id is None
            or result.member_id is None
        ):
            return False
        try:
            signing = self.desk.door.signing(result.member_id, result.workshop_session_id)
        except OSError as exc:  # present "at the desk" is recorded: the greeting says hello
            log.error("could not open the sign screen: %s", exc)
            return False
        if signing is None:
            return False
        self._signing = signing
        self.screen.show_signing(signing)
        self._go(self.screen)
        return True

    def _sign(self, strokes: Strokes) -> None:
        self._record(lambda signing: self.desk.door.sign(signing, strokes), self.screen.show_thanks)

    def _cannot_sign(self) -> None:
        self._record(self.desk.door.cannot_sign, self.screen.show_cannot_sign_noted)

    def _record(self, action: Callable[[Signing], None], then: Callable[[], None]) -> None:
        signing = self._signing
        if signing is None:
            return
        try:
            action(signing)
        except WorkshopRefused as refused:
            log.info("signature refused: %s", refused.why.value)
            self.screen.show_refusal(
                refused.message(self._lang()), try_again=refused.why in TRY_AGAIN
            )
            return
        except OSError as exc:  # disk full, database locked: said in words
            log.error("could not record a signature: %s", exc)
            self.screen.show_storage_problem()
            return
        self._signing = None
        then()
