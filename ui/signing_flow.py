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
from kiosk.models import CheckinMethod
from kiosk.workshops.door import DoorState, Signing
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
        check_out: Callable[[str, CheckinMethod], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.screen = desk, screen
        self._go, self._lang = go, lang
        self._signing: Signing | None = None
        self._scan: tuple[str, CheckinMethod] | None = None  # the badge shown while in
        screen.signed.connect(self._sign)
        screen.cannot_sign.connect(self._cannot_sign)
        screen.done.connect(go_home)
        screen.leaving.connect(lambda: self._leave(check_out))

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
        self._signing, self._scan = signing, None
        self.screen.show_signing(signing)
        self._go(self.screen)
        return True

    def offer_while_in(self, text: str, method: CheckinMethod) -> bool:
        """In since the morning, the badge again in the afternoon of a full day: sign the
        afternoon, or leave (True: the sign screen asks). Else the scan goes on as usual."""
        try:
            signing = self.desk.door.signing_while_in(text, method)
        except OSError as exc:  # the scan itself will say what is wrong
            log.error("could not look for a half-day to sign: %s", exc)
            return False
        if signing is None or signing.state is not DoorState.TO_SIGN:
            return False
        self._signing, self._scan = signing, (text, method)
        self.screen.show_signing(signing, may_be_leaving=True)
        self._go(self.screen)
        return True

    def _leave(self, check_out: Callable[[str, CheckinMethod], None]) -> None:
        scan, self._scan, self._signing = self._scan, None, None
        if scan is not None:
            check_out(*scan)

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
        self._signing, self._scan = None, None
        then()
