"""The attendance sheet of a session as data (for the PDF, the CLI and the screens),
and its seal: closing a session fills every empty box with "absent" and stores a
SHA-256 over a canonical serialisation of the sheet's whole trail and the closing time.
Any later change (a correction, an edit in the database) makes :func:`verify_seal` fail.

The seal covers ids, marks, times and the SHA-256 of each signature, not names: erasing
a trainee or purging signature strokes after their retention keeps the seal valid.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.models import Member
from kiosk.workshops.attendance import (
    Who,
    append_entry,
    current_marks,
    halves_of,
    trail,
    trainees_of,
)
from kiosk.workshops.halfdays import HalfDay
from kiosk.workshops.models import AttendanceEntry, Mark, WorkshopSession
from kiosk.workshops.refusals import Why, WorkshopRefused

SEAL_VERSION = 1


@dataclass(frozen=True)
class Cell:
    """One box: its mark (None: empty, only before the session is closed) and entry."""

    mark: Mark | None
    entry: AttendanceEntry | None

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
    session: WorkshopSession
    number: int  # 1-based place of the session in its workshop
    halves: tuple[HalfDay, ...]
    rows: tuple[Row, ...]
    trainer_cells: tuple[Cell, ...]


def session_number(meeting: WorkshopSession) -> int:
    return [s.id for s in meeting.workshop.sessions].index(meeting.id) + 1


def build_sheet(session: Session, settings: Settings, session_id: str) -> Sheet:
    meeting = session.get_one(WorkshopSession, session_id)
    halves = tuple(halves_of(meeting, settings))
    marks = current_marks(session, meeting.id)

    def cell(box: tuple[int, str | None]) -> Cell:
        entry = marks.get(box)
        return Cell(entry.mark if entry else None, entry)

    rows = []
    for enrolment in trainees_of(session, meeting):
        member = session.get_one(Member, enrolment.member_id)
        rows.append(
            Row(
                member.id,
                member.first_name,
                member.last_name or "",
                member.erased,
                tuple(cell((h.index, member.id)) for h in halves),
            )
        )
    rows.sort(key=lambda r: (r.erased, r.last_name.casefold(), r.first_name.casefold()))
    trainer = tuple(cell((h.index, None)) for h in halves)
    return Sheet(meeting, session_number(meeting), halves, tuple(rows), trainer)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def canonical(session: Session, meeting: WorkshopSession) -> bytes:
    """The bytes the seal is a hash of: stable key order, UTC times, no names."""
    workshop = meeting.workshop
    content: dict[str, Any] = {
        "v": SEAL_VERSION,
        "workshop": workshop.id,
        "title_fr": workshop.title_fr,
        "title_en": workshop.title_en,
        "funder": workshop.funder,
        "session": meeting.id,
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
        "closed_at": _iso(meeting.closed_at),
        "closed_by": meeting.closed_by,
        "trainees": sorted(e.member_id for e in trainees_of(session, meeting)),
        "trail": [
            {
                "seq": e.seq,
                "id": e.id,
                "half": e.half,
                "member_id": e.member_id,
                "trainer": e.trainer,
                "mark": e.mark.value,
                "strokes_sha256": e.strokes_sha256,
                "signed_at": _iso(e.signed_at),
                "arrived_at": _iso(e.arrived_at),
                "left_at": _iso(e.left_at),
                "reason": e.reason,
                "countersigned_by": e.countersigned_by,
                "late_allowed_by": e.late_allowed_by,
                "identity": e.identity,
                "kiosk_id": e.kiosk_id,
                "recorded_at": _iso(e.recorded_at),
            }
            for e in trail(session, meeting.id)
        ],
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def close_session(
    session: Session, settings: Settings, session_id: str, *, who: Who, by: str, now: datetime
) -> WorkshopSession:
    """The trainer closes the session: empty trainee boxes become "absent" (appended to
    the trail), then the sheet is sealed. Closing twice keeps the first seal."""
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is not None:
        raise WorkshopRefused(Why.CANCELLED)
    by = " ".join(by.split())
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
    meeting.seal = hashlib.sha256(canonical(session, meeting)).hexdigest()
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
    computed = hashlib.sha256(canonical(session, meeting)).hexdigest()
    return SealCheck(True, computed == meeting.seal, meeting.seal, computed)
