"""Marks on the attendance sheet: signatures, absences, excuses, countersigned "cannot
sign", late arrivals and early leaves, and the check-in at the door.

Every change appends an :class:`AttendanceEntry` (who, when, which kiosk, why); nothing
is overwritten: the state of a box is its latest entry (highest ``seq``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.models import Member
from kiosk.plaintext import clean_text
from kiosk.workshops.events import record_entry
from kiosk.workshops.facts import on_sheet
from kiosk.workshops.halfdays import DOOR_OPENS_BEFORE, HalfDay, half_at, half_days
from kiosk.workshops.models import (
    PRESENT_MARKS,
    AttendanceEntry,
    Enrolment,
    Mark,
    WorkshopSession,
)
from kiosk.workshops.refusals import Why, WorkshopRefused
from kiosk.workshops.signatures import digest, pack, validate_strokes

Box = tuple[int, str | None]  # (half-day index, member id; None is the trainer's box)


def words(text: str | None) -> str:
    """Typed text on one line, without control characters (it is sealed and synced)."""
    return " ".join(clean_text(text or "").split())


def halves_of(meeting: WorkshopSession, settings: Settings) -> list[HalfDay]:
    return half_days(meeting.starts_at, meeting.ends_at, settings.tz)


def current_marks(session: Session, session_id: str) -> dict[Box, AttendanceEntry]:
    """The latest entry of every box of a session's sheet."""
    return {(e.half, e.member_id): e for e in trail(session, session_id)}


def trail(session: Session, session_id: str) -> list[AttendanceEntry]:
    """The whole audit trail of a session, oldest first, in the order every kiosk and
    the server agree on (kiosk.workshops.facts.trail_key): entries pulled from another
    kiosk take their place by the time they were recorded there."""
    return list(
        session.scalars(
            select(AttendanceEntry)
            .where(AttendanceEntry.session_id == session_id)
            .order_by(AttendanceEntry.recorded_at, AttendanceEntry.kiosk_id, AttendanceEntry.seq)
        )
    )


def trainees_of(session: Session, meeting: WorkshopSession) -> list[Enrolment]:
    """Whose rows the sheet has: enrolled before the session ended and not withdrawn
    before it started, plus anyone with a mark on it (nothing disappears)."""
    marked = set(
        session.scalars(
            select(AttendanceEntry.member_id).where(
                AttendanceEntry.session_id == meeting.id, AttendanceEntry.member_id.is_not(None)
            )
        )
    )
    rows = session.scalars(
        select(Enrolment)
        .where(Enrolment.workshop_id == meeting.workshop_id)
        .order_by(Enrolment.enrolled_at)
    )
    return [
        e
        for e in rows
        if on_sheet(
            e.enrolled_at, e.withdrawn_at, meeting.starts_at, meeting.ends_at, e.member_id in marked
        )
    ]


def _half(meeting: WorkshopSession, settings: Settings, index: int) -> HalfDay:
    halves = halves_of(meeting, settings)
    if not 0 <= index < len(halves):
        raise WorkshopRefused(Why.NO_SUCH_HALF, count=len(halves))
    return halves[index]


def append_entry(session: Session, meeting: WorkshopSession, **fields: Any) -> AttendanceEntry:
    last = session.scalar(
        select(func.max(AttendanceEntry.seq)).where(AttendanceEntry.session_id == meeting.id)
    )
    entry = AttendanceEntry(session_id=meeting.id, seq=(last or 0) + 1, **fields)
    session.add(entry)
    session.flush()
    record_entry(session, entry)  # the server hears of it (same transaction)
    return entry


def _open_meeting(session: Session, session_id: str) -> WorkshopSession:
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is not None:
        raise WorkshopRefused(Why.CANCELLED)
    return meeting


def _check_enrolled(session: Session, meeting: WorkshopSession, member_id: str) -> None:
    if member_id not in {e.member_id for e in trainees_of(session, meeting)}:
        member = session.get_one(Member, member_id)
        name = " ".join(p for p in (member.first_name, member.last_name) if p)
        raise WorkshopRefused(Why.NOT_ENROLLED, name=name or member.short_code)


@dataclass(frozen=True)
class Who:
    """Who makes a change, where: the identity (``badge:<member id>:<version>`` for a
    trainee who showed their badge, ``staff:<name>``) and the kiosk."""

    identity: str
    kiosk_id: str

    @staticmethod
    def staff(name: str, kiosk_id: str) -> Who:
        name = words(name)
        if not name:
            raise WorkshopRefused(Why.NEEDS_STAFF)
        return Who(f"staff:{name[:70]}", kiosk_id)

    @staticmethod
    def badge(member: Member, kiosk_id: str) -> Who:
        return Who(f"badge:{member.id}:{member.badge_version}", kiosk_id)


def sign(
    session: Session,
    settings: Settings,
    session_id: str,
    member_id: str | None,
    strokes: Any,
    *,
    who: Who,
    now: datetime,
    half: int | None = None,
    trainer: str | None = None,
    late_allowed_by: str | None = None,
    reason: str | None = None,
) -> AttendanceEntry:
    """A trainee's signature (or the trainer's, *member_id* None) for a half-day (the one
    under way when *half* is None). After the half-day ended it is refused, unless a
    staff member allows it with a reason: then it is recorded as late, with both."""
    meeting = _open_meeting(session, session_id)
    halves = halves_of(meeting, settings)
    slot = half_at(halves, now) if half is None else _half(meeting, settings, half)
    if slot is None:  # outside the window: the first half-day before it, the last after
        slot = halves[0] if now < halves[0].starts_at else halves[-1]
    tz = settings.tz
    if now < slot.starts_at - DOOR_OPENS_BEFORE:
        raise WorkshopRefused(
            Why.NOT_STARTED, start=slot.starts_at.astimezone(tz).strftime("%H:%M")
        )
    late = now > slot.ends_at
    allowed = words(late_allowed_by) or None
    reason = words(reason) or None
    if late and allowed is None:
        raise WorkshopRefused(Why.SIGNING_CLOSED, end=slot.ends_at.astimezone(tz).strftime("%H:%M"))
    if late and reason is None:
        raise WorkshopRefused(Why.NEEDS_REASON)
    if member_id is not None:
        _check_enrolled(session, meeting, member_id)
    elif not words(trainer):
        raise WorkshopRefused(Why.NEEDS_STAFF)
    packed = pack(validate_strokes(strokes))
    # a late arrival or an early leave already on the box stays on it
    before = current_marks(session, meeting.id).get((slot.index, member_id))
    kept = before if before is not None and before.mark in PRESENT_MARKS else None
    return append_entry(
        session,
        meeting,
        half=slot.index,
        member_id=member_id,
        trainer=words(trainer)[:80] if member_id is None else None,
        mark=Mark.SIGNED,
        strokes=packed,
        strokes_sha256=digest(packed),
        signed_at=now,
        arrived_at=kept.arrived_at if kept else None,
        left_at=kept.left_at if kept else None,
        reason=reason[:300] if late and reason else None,
        late_allowed_by=allowed[:80] if late and allowed else None,
        identity=who.identity,
        kiosk_id=who.kiosk_id,
        recorded_at=now,
    )


def set_mark(
    session: Session,
    settings: Settings,
    session_id: str,
    member_id: str,
    half: int,
    mark: Mark,
    *,
    who: Who,
    now: datetime,
    reason: str | None = None,
    countersigned_by: str | None = None,
) -> AttendanceEntry:
    """What staff set from the desk: absent, excused (a reason), present at the desk, or
    present but cannot sign (countersigned by a named staff member)."""
    meeting = _open_meeting(session, session_id)
    _half(meeting, settings, half)
    _check_enrolled(session, meeting, member_id)
    reason = words(reason) or None
    countersigned_by = words(countersigned_by) or None
    if mark is Mark.SIGNED:
        raise WorkshopRefused(Why.NO_STROKES)
    if mark is Mark.EXCUSED and reason is None:
        raise WorkshopRefused(Why.NEEDS_REASON)
    if mark is Mark.CANNOT_SIGN and countersigned_by is None:
        raise WorkshopRefused(Why.NEEDS_STAFF)
    return append_entry(
        session,
        meeting,
        half=half,
        member_id=member_id,
        mark=mark,
        signed_at=now if mark in (Mark.CANNOT_SIGN, Mark.DESK) else None,
        reason=reason[:300] if reason else None,
        countersigned_by=countersigned_by[:80]
        if mark is Mark.CANNOT_SIGN and countersigned_by
        else None,
        identity=who.identity,
        kiosk_id=who.kiosk_id,
        recorded_at=now,
    )


def set_times(
    session: Session,
    settings: Settings,
    session_id: str,
    member_id: str,
    half: int,
    *,
    who: Who,
    now: datetime,
    arrived_at: datetime | None = None,
    left_at: datetime | None = None,
    reason: str | None = None,
) -> AttendanceEntry:
    """A late arrival or an early leave on a present trainee's box: a new entry with the
    same mark and signature and the times (the hours counted shrink accordingly)."""
    meeting = _open_meeting(session, session_id)
    slot = _half(meeting, settings, half)
    current = current_marks(session, session_id).get((half, member_id))
    if current is None or current.mark not in PRESENT_MARKS:
        raise WorkshopRefused(Why.NOT_PRESENT)
    arrived = arrived_at or current.arrived_at
    left = left_at or current.left_at
    tz = settings.tz
    for moment in (arrived, left):
        if moment is not None and not slot.starts_at <= moment <= slot.ends_at:
            raise WorkshopRefused(
                Why.BAD_TIMES,
                start=slot.starts_at.astimezone(tz).strftime("%H:%M"),
                end=slot.ends_at.astimezone(tz).strftime("%H:%M"),
            )
    if arrived is not None and left is not None and left <= arrived:
        raise WorkshopRefused(
            Why.BAD_TIMES,
            start=arrived.astimezone(tz).strftime("%H:%M"),
            end=slot.ends_at.astimezone(tz).strftime("%H:%M"),
        )
    fields = {
        c: getattr(current, c)
        for c in (
            "half",
            "member_id",
            "trainer",
            "mark",
            "strokes",
            "strokes_sha256",
            "signed_at",
            "countersigned_by",
            "late_allowed_by",
        )
    }
    reason = words(reason) or current.reason
    return append_entry(
        session,
        meeting,
        **fields,
        arrived_at=arrived,
        left_at=left,
        reason=reason[:300] if reason else None,
        identity=who.identity,
        kiosk_id=who.kiosk_id,
        recorded_at=now,
    )


@dataclass(frozen=True)
class AtDoor:
    """An enrolled trainee at the door during a session's window, and which half-day."""

    session_id: str
    workshop_id: str
    title: str
    half: int
    already_marked: bool


def attendance_at_checkin(
    session: Session, settings: Settings, member_id: str, now: datetime
) -> AtDoor | None:
    """The session whose window is open now (from 30 minutes before its start to its
    end) for a workshop the member is enrolled in, and the half-day; None otherwise."""
    candidates = session.scalars(
        select(WorkshopSession)
        .join(Enrolment, Enrolment.workshop_id == WorkshopSession.workshop_id)
        .where(
            Enrolment.member_id == member_id,
            Enrolment.withdrawn_at.is_(None),
            WorkshopSession.cancelled_at.is_(None),
            WorkshopSession.starts_at <= now + DOOR_OPENS_BEFORE,
            WorkshopSession.ends_at >= now,
        )
        .order_by(WorkshopSession.starts_at)
    )
    for meeting in candidates:
        slot = half_at(halves_of(meeting, settings), now)
        if slot is None:
            continue
        marked = (slot.index, member_id) in current_marks(session, meeting.id)
        return AtDoor(
            meeting.id, meeting.workshop_id, meeting.workshop.title_fr, slot.index, marked
        )
    return None


def record_at_door(
    session: Session, settings: Settings, member_id: str, now: datetime
) -> AtDoor | None:
    """Called by every check-in: a trainee enrolled in a session under way is marked
    present for the half-day, without a signature ("signed at the desk: no"), unless
    their box already has a mark. Arriving after the half-day's start is a late arrival:
    its time goes on the box. The visit itself is recorded as before."""
    door = attendance_at_checkin(session, settings, member_id, now)
    if door is None or door.already_marked:
        return door
    meeting = session.get_one(WorkshopSession, door.session_id)
    member = session.get_one(Member, member_id)
    slot = halves_of(meeting, settings)[door.half]
    append_entry(
        session,
        meeting,
        half=door.half,
        member_id=member_id,
        mark=Mark.DESK,
        signed_at=now,
        arrived_at=now if now > slot.starts_at else None,
        identity=Who.badge(member, settings.kiosk_id).identity,
        kiosk_id=settings.kiosk_id,
        recorded_at=now,
    )
    return replace(door, already_marked=True)
