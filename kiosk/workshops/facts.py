"""A session's attendance file as plain data: what the sheet, its seal and the PDFs are
made from, on the kiosk (from its tables, :func:`session_file`) and on the central
server (from its own, kiosk.server.workshops.files). Both sides feed the same
functions, so a sheet sealed on a kiosk verifies on the server and prints the same.

The trail's order is the same everywhere: by ``recorded_at``, then the kiosk's id, then
the entry's place in that kiosk's trail (``seq``). Two kiosks may append to one sheet
(a trainee signs at kiosk B, staff mark an absence at kiosk A); merged this way, every
kiosk and the server agree on which entry of a box is the latest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Member
from kiosk.workshops.models import (
    AttendanceEntry,
    Enrolment,
    Mark,
    WorkshopSession,
)

SEAL_VERSION = 1


@dataclass(frozen=True)
class WorkshopFacts:
    id: str
    title_fr: str
    title_en: str
    space: str
    trainers: str
    tutorials: tuple[str, ...]
    funder: str | None
    funding_mention: str | None


@dataclass(frozen=True)
class SessionFacts:
    id: str
    workshop: WorkshopFacts
    number: int  # 1-based place of the session in its workshop (by start)
    total: int  # sessions of the workshop
    space: str
    starts_at: datetime
    ends_at: datetime
    cancelled_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None
    seal: str | None


@dataclass(frozen=True)
class TraineeFacts:
    """An enrolment and the name it shows (empty once the member is erased)."""

    member_id: str
    first_name: str
    last_name: str
    erased: bool
    enrolled_at: datetime
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class EntryFacts:
    """One line of the trail (the columns of kiosk.workshops.models.AttendanceEntry)."""

    id: str
    seq: int
    half: int
    member_id: str | None
    trainer: str | None
    mark: Mark
    strokes: str | None
    strokes_sha256: str | None
    signed_at: datetime | None
    arrived_at: datetime | None
    left_at: datetime | None
    reason: str | None
    countersigned_by: str | None
    late_allowed_by: str | None
    identity: str
    kiosk_id: str
    recorded_at: datetime


@dataclass(frozen=True)
class SessionFile:
    """Everything a session's sheet shows: the session, the workshop's enrolments, the
    trail in its merged order."""

    session: SessionFacts
    enrolments: tuple[TraineeFacts, ...]
    trail: tuple[EntryFacts, ...]


def trail_key(entry: Any) -> tuple[datetime, str, int, str]:
    """The merged order of a trail (an AttendanceEntry or EntryFacts)."""
    return (entry.recorded_at, entry.kiosk_id, entry.seq, entry.id)


def on_sheet(
    enrolled_at: datetime,
    withdrawn_at: datetime | None,
    starts_at: datetime,
    ends_at: datetime,
    marked: bool,
) -> bool:
    """Whose rows a sheet has: enrolled before the session ended and not withdrawn before
    it started, plus anyone with a mark on it (nothing disappears)."""
    return marked or (enrolled_at <= ends_at and (withdrawn_at is None or withdrawn_at > starts_at))


def trainees(file: SessionFile) -> list[TraineeFacts]:
    marked = {e.member_id for e in file.trail if e.member_id is not None}
    meeting = file.session
    return [
        t
        for t in sorted(file.enrolments, key=lambda t: t.enrolled_at)
        if on_sheet(
            t.enrolled_at, t.withdrawn_at, meeting.starts_at, meeting.ends_at, t.member_id in marked
        )
    ]


def latest_marks(trail: Iterable[EntryFacts]) -> dict[tuple[int, str | None], EntryFacts]:
    """The latest entry of every box (half-day, member; None: the trainer's)."""
    return {(e.half, e.member_id): e for e in sorted(trail, key=trail_key)}


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def canonical(file: SessionFile) -> bytes:
    """The bytes the seal is a hash of: stable key order, UTC times, no names. ``seq``
    is the entry's place in the merged trail (on a kiosk alone: its own numbering)."""
    meeting, workshop = file.session, file.session.workshop
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
        "trainees": sorted(t.member_id for t in trainees(file)),
        "trail": [
            {
                "seq": place,
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
            for place, e in enumerate(sorted(file.trail, key=trail_key), start=1)
        ],
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def seal_of(file: SessionFile) -> str:
    return hashlib.sha256(canonical(file)).hexdigest()


# --- from the kiosk's tables -------------------------------------------------------------


def workshop_facts(workshop: Any) -> WorkshopFacts:
    """A row with the columns of Workshop (the kiosk's or the server's)."""
    return WorkshopFacts(
        workshop.id,
        workshop.title_fr,
        workshop.title_en,
        workshop.space,
        workshop.trainers or "",
        tuple(json.loads(workshop.tutorials or "[]")),
        workshop.funder,
        workshop.funding_mention,
    )


def session_facts(meeting: Any, workshop: WorkshopFacts, siblings: Sequence[Any]) -> SessionFacts:
    """*meeting* and *siblings* (every session of its workshop) are rows with the
    columns of WorkshopSession, the kiosk's or the server's."""
    ordered = sorted(siblings, key=lambda s: (s.starts_at, s.id))
    return SessionFacts(
        meeting.id,
        workshop,
        [s.id for s in ordered].index(meeting.id) + 1,
        len(ordered),
        meeting.space,
        meeting.starts_at,
        meeting.ends_at,
        meeting.cancelled_at,
        meeting.closed_at,
        meeting.closed_by,
        meeting.seal,
    )


def entry_facts(e: Any) -> EntryFacts:
    """A row with the columns of AttendanceEntry (the kiosk's or the server's)."""
    return EntryFacts(
        e.id, e.seq, e.half, e.member_id, e.trainer, Mark(e.mark), e.strokes,
        e.strokes_sha256, e.signed_at, e.arrived_at, e.left_at, e.reason,
        e.countersigned_by, e.late_allowed_by, e.identity, e.kiosk_id, e.recorded_at,
    )  # fmt: skip


def trainee_facts(enrolment: Any, member: Any | None) -> TraineeFacts:
    if member is None or member.erased:
        return TraineeFacts(
            enrolment.member_id, "", "", True, enrolment.enrolled_at, enrolment.withdrawn_at
        )
    return TraineeFacts(
        enrolment.member_id,
        member.first_name or "",
        member.last_name or "",
        False,
        enrolment.enrolled_at,
        enrolment.withdrawn_at,
    )


def session_file(session: Session, session_id: str) -> SessionFile:
    """The kiosk's file of one session."""
    meeting = session.get_one(WorkshopSession, session_id)
    workshop = meeting.workshop
    enrolments = session.scalars(
        select(Enrolment).where(Enrolment.workshop_id == workshop.id)
    ).all()
    members = {
        m.id: m
        for m in session.scalars(
            select(Member).where(Member.id.in_([e.member_id for e in enrolments]))
        )
    }
    trail = session.scalars(
        select(AttendanceEntry).where(AttendanceEntry.session_id == meeting.id)
    ).all()
    return SessionFile(
        session_facts(meeting, workshop_facts(workshop), workshop.sessions),
        tuple(trainee_facts(e, members.get(e.member_id)) for e in enrolments),
        tuple(sorted((entry_facts(e) for e in trail), key=trail_key)),
    )
