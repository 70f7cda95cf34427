"""The trainee at the door: what the sign screen shows and what it records.

A check-in during a session window has already marked the trainee present ("signed at
the desk: no", :func:`kiosk.workshops.attendance.record_at_door`). The sign screen then
asks for a signature on the pad, or takes "I cannot sign" (the box waits for a staff
member's countersignature). Both are tied to the badge that was shown and to this kiosk.
Leaving before the end of the half-day is the usual check-out, which notes the time.

:class:`WorkshopDoor` is what :class:`kiosk.frontdesk.FrontDesk` gives the screens: one
transaction per call, plain data back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.badges import BadgeRefused
from kiosk.members.owner import badge_owner
from kiosk.models import CheckinMethod, Member, Visit
from kiosk.workshops.attendance import (
    Who,
    append_entry,
    attendance_at_checkin,
    current_marks,
    halves_of,
    set_times,
    sign,
    trainees_of,
)
from kiosk.workshops.halfdays import DOOR_OPENS_BEFORE, HalfDay
from kiosk.workshops.models import PRESENT_MARKS, AttendanceEntry, Mark, WorkshopSession
from kiosk.workshops.refusals import Why, WorkshopRefused

if TYPE_CHECKING:
    from kiosk.config import Settings


class DoorState(enum.StrEnum):
    TO_SIGN = "to_sign"  # present (checked in), no signature yet
    SIGNED = "signed"  # already signed this half-day: no second pad
    CANNOT_SIGN = "cannot_sign"  # said they cannot sign: staff countersign


@dataclass(frozen=True)
class Signing:
    """What the sign screen shows: the public screen says the first name only."""

    session_id: str
    member_id: str
    first_name: str
    title_fr: str
    title_en: str
    half: int  # index of the half-day to sign
    halves: int  # how many the session has (1 or 2)
    afternoon: bool
    starts_at: datetime  # the half-day's planned times, local
    ends_at: datetime
    state: DoorState

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr


def _state(entry: AttendanceEntry | None) -> DoorState:
    if entry is not None and entry.mark is Mark.SIGNED:
        return DoorState.SIGNED
    if entry is not None and entry.mark is Mark.CANNOT_SIGN:
        return DoorState.CANNOT_SIGN
    return DoorState.TO_SIGN


def signing_at_door(
    session: Session, settings: Settings, member_id: str, session_id: str, now: datetime
) -> Signing | None:
    """The half-day *member_id* signs for now in *session_id*; None outside its window."""
    door = attendance_at_checkin(session, settings, member_id, now)
    if door is None or door.session_id != session_id:
        return None
    meeting = session.get_one(WorkshopSession, session_id)
    halves = halves_of(meeting, settings)
    slot = halves[door.half]
    member = session.get_one(Member, member_id)
    entry = current_marks(session, session_id).get((slot.index, member_id))
    return Signing(
        session_id=session_id,
        member_id=member_id,
        first_name=member.first_name,
        title_fr=meeting.workshop.title_fr,
        title_en=meeting.workshop.title_en,
        half=slot.index,
        halves=len(halves),
        afternoon=slot.afternoon,
        starts_at=slot.starts_at.astimezone(settings.tz),
        ends_at=slot.ends_at.astimezone(settings.tz),
        state=_state(entry),
    )


def signing_while_in(
    session: Session,
    settings: Settings,
    secret: bytes,
    text: str,
    method: CheckinMethod,
    now: datetime,
) -> Signing | None:
    """A trainee already in the building shows their badge again during a half-day with
    nothing on their box yet (the afternoon of a full day): the sign screen asks them to
    sign it, or to confirm they are leaving. None when the scan is anything else (it
    then checks in or out as usual)."""
    try:
        owner = badge_owner(
            session,
            secret,
            settings.site_id,
            text,
            accept_code=True,
            typed=method is CheckinMethod.CODE,
        )
    except BadgeRefused:
        return None
    member = owner.member
    today = now.astimezone(settings.tz).date()
    open_visits = session.scalars(
        select(Visit.checked_in_at).where(
            Visit.member_id == member.id, Visit.checked_out_at.is_(None)
        )
    )
    if not any(at.astimezone(settings.tz).date() == today for at in open_visits):
        return None  # not in (a visit forgotten since another day is closed by the scan)
    door = attendance_at_checkin(session, settings, member.id, now)
    if door is None or door.already_marked:
        return None
    return signing_at_door(session, settings, member.id, door.session_id, now)


def _open_half(
    session: Session, settings: Settings, member_id: str, session_id: str, half: int, now: datetime
) -> tuple[WorkshopSession, HalfDay, AttendanceEntry | None]:
    """The half-day, still open for the trainee's own mark, and the box's current entry."""
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is not None:
        raise WorkshopRefused(Why.CANCELLED)
    halves = halves_of(meeting, settings)
    if not 0 <= half < len(halves):
        raise WorkshopRefused(Why.NO_SUCH_HALF, count=len(halves))
    slot = halves[half]
    tz = settings.tz
    if now > slot.ends_at:
        raise WorkshopRefused(Why.SIGNING_CLOSED, end=slot.ends_at.astimezone(tz).strftime("%H:%M"))
    if now < slot.starts_at - DOOR_OPENS_BEFORE:
        raise WorkshopRefused(
            Why.NOT_STARTED, start=slot.starts_at.astimezone(tz).strftime("%H:%M")
        )
    if member_id not in {e.member_id for e in trainees_of(session, meeting)}:
        member = session.get_one(Member, member_id)
        raise WorkshopRefused(Why.NOT_ENROLLED, name=member.first_name or member.short_code)
    entry = current_marks(session, session_id).get((half, member_id))
    if _state(entry) is not DoorState.TO_SIGN:
        raise WorkshopRefused(Why.ALREADY_SIGNED)
    return meeting, slot, entry


def sign_at_door(
    session: Session,
    settings: Settings,
    member_id: str,
    session_id: str,
    half: int,
    strokes: Any,
    now: datetime,
) -> AttendanceEntry:
    """The trainee's signature for *half* (the one they were greeted for: a signature
    begun at 12:59 is not filed under the afternoon), tied to their badge and this kiosk.
    The times of a late arrival stay on the box (the core's sign keeps them)."""
    _open_half(session, settings, member_id, session_id, half, now)
    member = session.get_one(Member, member_id)
    return sign(
        session,
        settings,
        session_id,
        member_id,
        strokes,
        who=Who.badge(member, settings.kiosk_id),
        now=now,
        half=half,
    )


def cannot_sign_at_door(
    session: Session,
    settings: Settings,
    member_id: str,
    session_id: str,
    half: int,
    now: datetime,
) -> AttendanceEntry:
    """ "I cannot sign": the box says so and waits for a staff member to countersign
    (``set_mark(..., Mark.CANNOT_SIGN, countersigned_by=...)``)."""
    meeting, _, entry = _open_half(session, settings, member_id, session_id, half, now)
    member = session.get_one(Member, member_id)
    who = Who.badge(member, settings.kiosk_id)
    present = entry is not None and entry.mark in PRESENT_MARKS
    return append_entry(
        session,
        meeting,
        half=half,
        member_id=member_id,
        mark=Mark.CANNOT_SIGN,
        signed_at=now,
        arrived_at=entry.arrived_at if present and entry else None,
        left_at=entry.left_at if present and entry else None,
        identity=who.identity,
        kiosk_id=who.kiosk_id,
        recorded_at=now,
    )


def record_leaving(
    session: Session, settings: Settings, member_id: str, now: datetime
) -> AttendanceEntry | None:
    """Called by every check-out: a trainee present in a half-day still under way has
    left before its end, and the time goes on their box. Nothing when they were not
    marked present, when the half-day had not started (they came early and left), or
    when it is over; a check-out is never refused because of it."""
    door = attendance_at_checkin(session, settings, member_id, now)
    if door is None:
        return None
    meeting = session.get_one(WorkshopSession, door.session_id)
    slot = halves_of(meeting, settings)[door.half]
    entry = current_marks(session, door.session_id).get((door.half, member_id))
    if entry is None or entry.mark not in PRESENT_MARKS or entry.left_at is not None:
        return None
    if not slot.starts_at < now < slot.ends_at:
        return None
    if entry.arrived_at is not None and now <= entry.arrived_at:
        return None
    member = session.get_one(Member, member_id)
    return set_times(
        session,
        settings,
        door.session_id,
        member_id,
        door.half,
        who=Who.badge(member, settings.kiosk_id),
        now=now,
        left_at=now,
    )


class WorkshopDoor:
    """The sign screen's use cases, each in its own transaction (FrontDesk's)."""

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[Session]],
        settings: Callable[[], Settings],
        now: Callable[[], datetime],
        secret: bytes,
    ) -> None:
        self._transaction = transaction
        self._secret = secret  # the site's badge key: whose badge was shown
        self._settings = settings
        self.now = now

    def signing(self, member_id: str, session_id: str) -> Signing | None:
        with self._transaction() as session:
            return signing_at_door(session, self._settings(), member_id, session_id, self.now())

    def signing_while_in(self, text: str, method: CheckinMethod) -> Signing | None:
        """A badge shown again by a trainee who is in: a half-day to sign, or None."""
        with self._transaction() as session:
            settings = self._settings()
            return signing_while_in(session, settings, self._secret, text, method, self.now())

    def sign(self, signing: Signing, strokes: Any) -> None:
        """Raises :class:`WorkshopRefused` (its ``message(lang)`` says why): nothing stored."""
        with self._transaction() as session:
            sign_at_door(
                session,
                self._settings(),
                signing.member_id,
                signing.session_id,
                signing.half,
                strokes,
                self.now(),
            )

    def cannot_sign(self, signing: Signing) -> None:
        with self._transaction() as session:
            cannot_sign_at_door(
                session,
                self._settings(),
                signing.member_id,
                signing.session_id,
                signing.half,
                self.now(),
            )
