"""The attendance sheet of a session as data (for the PDF, the CLI and the screens),
and its seal: closing a session fills every empty box with "absent" and stores a
SHA-256 over a canonical serialisation of the sheet's whole trail and the closing time.
Any later change (a correction, an edit in the database) makes :func:`verify_seal` fail.

The seal covers ids, marks, times and the SHA-256 of each signature, not names: erasing
a trainee or purging signature strokes after their retention keeps the seal valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.workshops.attendance import (
    Who,
    append_entry,
    current_marks,
    halves_of,
    trainees_of,
    words,
)
from kiosk.workshops.events import record_session
from kiosk.workshops.facts import (
    EntryFacts,
    SessionFacts,
    SessionFile,
    latest_marks,
    seal_of,
    session_file,
    trainees,
)
from kiosk.workshops.facts import canonical as file_canonical
from kiosk.workshops.halfdays import HalfDay, half_days
from kiosk.workshops.models import Mark, WorkshopSession
from kiosk.workshops.refusals import Why, WorkshopRefused


@dataclass(frozen=True)
class Cell:
    """One box: its mark (None: empty, only before the session is closed) and entry."""

    mark: Mark | None
    entry: EntryFacts | None

    @property
    def present(self) -> bool:
        return self.mark in (Mark.SIGNED, Mark.DESK, Mark.CANNOT_SIGN)


@dataclass(frozen=True)
class Row:
    member_id: str
    first_name: str
    last_name: str
    erased: bool
    cells: tuple[Cell, ...]  # one per half-day


@dataclass(frozen=True)
class Sheet:
    session: SessionFacts  # its .workshop, .number (1-based) and .total
    number: int
    halves: tuple[HalfDay, ...]
    rows: tuple[Row, ...]
    trainer_cells: tuple[Cell, ...]


def sheet_of(file: SessionFile, tz: ZoneInfo) -> Sheet:
    """The sheet of a session's file: what the kiosk and the server both print."""
    meeting = file.session
    halves = tuple(half_days(meeting.starts_at, meeting.ends_at, tz))
    marks = latest_marks(file.trail)

    def cell(box: tuple[int, str | None]) -> Cell:
        entry = marks.get(box)
        return Cell(entry.mark if entry else None, entry)

    rows = [
        Row(
            t.member_id,
            t.first_name,
            t.last_name,
            t.erased,
            tuple(cell((h.index, t.member_id)) for h in halves),
        )
        for t in trainees(file)
    ]
    rows.sort(key=lambda r: (r.erased, r.last_name.casefold(), r.first_name.casefold()))
    trainer = tuple(cell((h.index, None)) for h in halves)
    return Sheet(meeting, meeting.number, halves, tuple(rows), trainer)


def build_sheet(session: Session, settings: Settings, session_id: str) -> Sheet:
    return sheet_of(session_file(session, session_id), settings.tz)


def canonical(session: Session, meeting: WorkshopSession) -> bytes:
    """The bytes the seal is a hash of (kiosk.workshops.facts.canonical)."""
    return file_canonical(session_file(session, meeting.id))


def close_session(
    session: Session, settings: Settings, session_id: str, *, who: Who, by: str, now: datetime
) -> WorkshopSession:
    """The trainer closes the session: empty trainee boxes become "absent" (appended to
    the trail), then the sheet is sealed. Closing twice keeps the first seal."""
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is not None:
        raise WorkshopRefused(Why.CANCELLED)
    by = words(by)
    if not by:
        raise WorkshopRefused(Why.NEEDS_STAFF)
    if meeting.closed_at is not None:
        return meeting
    marks = current_marks(session, meeting.id)
    for enrolment in trainees_of(session, meeting):
        for half in halves_of(meeting, settings):
            if (half.index, enrolment.member_id) not in marks:
                append_entry(
                    session,
                    meeting,
                    half=half.index,
                    member_id=enrolment.member_id,
                    mark=Mark.ABSENT,
                    reason=None,
                    identity=who.identity,
                    kiosk_id=who.kiosk_id,
                    recorded_at=now,
                )
    meeting.closed_at, meeting.closed_by = now, by[:80]
    session.flush()
    meeting.seal = seal_of(session_file(session, meeting.id))
    record_session(session, meeting, now, ("closed_at", "closed_by", "seal"))
    return meeting


@dataclass(frozen=True)
class SealCheck:
    sealed: bool
    intact: bool
    stored: str | None
    computed: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "sealed": self.sealed,
            "intact": self.intact,
            "seal": self.stored,
            "computed": self.computed,
        }


def verify_seal(session: Session, session_id: str) -> SealCheck:
    """Whether the sheet is still what was sealed at closing time."""
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.seal is None or meeting.closed_at is None:
        return SealCheck(False, False, None, None)
    computed = seal_of(session_file(session, meeting.id))
    return SealCheck(True, computed == meeting.seal, meeting.seal, computed)
