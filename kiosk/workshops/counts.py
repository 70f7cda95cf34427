"""The workshops' counts for the yearly report: workshops, sessions, distinct trainees
and trainee-hours, in total, by funder label and by age bracket.

A session counts in the year of its local start date; cancelled sessions do not
count. A trainee counts when present at least one half-day (signed, at the desk or
countersigned); their hours are each present half-day's, less a late arrival or an
early leave. The age bracket is the one given at enrolment, so erasing a member
later does not change past counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.workshops.attendance import current_marks, halves_of
from kiosk.workshops.halfdays import HalfDay
from kiosk.workshops.models import (
    PRESENT_MARKS,
    AttendanceEntry,
    Enrolment,
    Mark,
    Workshop,
    WorkshopSession,
)

NO_FUNDER = "-"
UNKNOWN_AGE = "?"


@dataclass(frozen=True)
class GroupCounts:
    key: str
    workshops: int
    sessions: int
    trainees: int
    trainee_hours: float

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "workshops": self.workshops,
            "sessions": self.sessions,
            "trainees": self.trainees,
            "trainee_hours": self.trainee_hours,
        }


@dataclass(frozen=True)
class WorkshopCounts:
    year: int
    workshops: int
    sessions: int
    half_days: int
    trainees: int
    trainee_hours: float
    by_funder: tuple[GroupCounts, ...]
    by_age: tuple[GroupCounts, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "workshops": self.workshops,
            "sessions": self.sessions,
            "half_days": self.half_days,
            "trainees": self.trainees,
            "trainee_hours": self.trainee_hours,
            "by_funder": [g.as_json() for g in self.by_funder],
            "by_age": [g.as_json() for g in self.by_age],
        }


@dataclass
class _Group:
    workshops: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    trainees: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def frozen(self, key: str) -> GroupCounts:
        hours = round(self.seconds / 3600, 2)
        return GroupCounts(key, len(self.workshops), len(self.sessions), len(self.trainees), hours)


def seconds_present(entry: AttendanceEntry, half: HalfDay) -> float:
    """How long a trainee was there in a half-day: all of it, less a late arrival or an
    early leave; nothing when not present."""
    if entry.mark not in PRESENT_MARKS:
        return 0.0
    start, end = entry.arrived_at or half.starts_at, entry.left_at or half.ends_at
    return max(timedelta(0), end - start).total_seconds()


def workshop_counts(session: Session, settings: Settings, year: int) -> WorkshopCounts:
    tz = settings.tz
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=tz)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=tz)
    meetings = session.scalars(
        select(WorkshopSession)
        .where(
            WorkshopSession.cancelled_at.is_(None),
            WorkshopSession.starts_at >= start,
            WorkshopSession.starts_at < end,
        )
        .order_by(WorkshopSession.starts_at)
    ).all()
    ages = {
        (e.workshop_id, e.member_id): e.age_bracket or UNKNOWN_AGE
        for e in session.scalars(select(Enrolment))
    }
    total, half_count = _Group(), 0
    funders: dict[str, _Group] = defaultdict(_Group)
    by_age: dict[str, _Group] = defaultdict(_Group)
    for meeting in meetings:
        funder = meeting.workshop.funder or NO_FUNDER
        halves = {h.index: h for h in halves_of(meeting, settings)}
        half_count += len(halves)
        for group in (total, funders[funder]):
            group.workshops.add(meeting.workshop_id)
            group.sessions.add(meeting.id)
        for (index, member_id), entry in current_marks(session, meeting.id).items():
            if member_id is None or entry.mark not in PRESENT_MARKS or index not in halves:
                continue
            seconds = seconds_present(entry, halves[index])
            age = ages.get((meeting.workshop_id, member_id), UNKNOWN_AGE)
            for group in (total, funders[funder], by_age[age]):
                group.trainees.add(member_id)
                group.seconds += seconds
            by_age[age].workshops.add(meeting.workshop_id)
            by_age[age].sessions.add(meeting.id)
    done = total.frozen("total")
    return WorkshopCounts(
        year=year,
        workshops=done.workshops,
        sessions=done.sessions,
        half_days=half_count,
        trainees=done.trainees,
        trainee_hours=done.trainee_hours,
        by_funder=tuple(g.frozen(k) for k, g in sorted(funders.items())),
        by_age=tuple(g.frozen(k) for k, g in sorted(by_age.items())),
    )


@dataclass(frozen=True)
class SessionAttendance:
    """One session as a trainee's certificate shows it."""

    session_id: str
    number: int
    starts_at: datetime
    ends_at: datetime
    marks: tuple[Mark | None, ...]  # per half-day; None: not recorded yet
    afternoons: tuple[bool, ...]
    hours: float


@dataclass(frozen=True)
class TraineeRecord:
    workshop_id: str
    member_id: str
    sessions: tuple[SessionAttendance, ...]

    @property
    def half_days_planned(self) -> int:
        return sum(len(s.marks) for s in self.sessions)

    @property
    def half_days_present(self) -> int:
        return sum(1 for s in self.sessions for m in s.marks if m in PRESENT_MARKS)

    @property
    def hours(self) -> float:
        return round(sum(s.hours for s in self.sessions), 2)

    def as_json(self) -> dict[str, Any]:
        return {
            "workshop_id": self.workshop_id,
            "member_id": self.member_id,
            "half_days_planned": self.half_days_planned,
            "half_days_present": self.half_days_present,
            "hours": self.hours,
            "sessions": [
                {
                    "session_id": s.session_id,
                    "number": s.number,
                    "starts_at": s.starts_at.isoformat(),
                    "ends_at": s.ends_at.isoformat(),
                    "marks": [m.value if m else None for m in s.marks],
                    "hours": s.hours,
                }
                for s in self.sessions
            ],
        }


def trainee_record(
    session: Session, settings: Settings, workshop_id: str, member_id: str
) -> TraineeRecord:
    """A trainee's attendance in a workshop: every session held (not cancelled), each
    half-day's mark and the hours present, for the certificate of attendance."""
    workshop = session.get_one(Workshop, workshop_id)
    lines = []
    for number, meeting in enumerate(workshop.sessions, start=1):
        if meeting.cancelled_at is not None:
            continue
        halves = halves_of(meeting, settings)
        marks = current_marks(session, meeting.id)
        boxes = [marks.get((h.index, member_id)) for h in halves]
        seconds = sum(seconds_present(e, h) for e, h in zip(boxes, halves, strict=True) if e)
        lines.append(
            SessionAttendance(
                meeting.id,
                number,
                meeting.starts_at,
                meeting.ends_at,
                tuple(e.mark if e else None for e in boxes),
                tuple(h.afternoon for h in halves),
                round(seconds / 3600, 2),
            )
        )
    return TraineeRecord(workshop_id, member_id, tuple(lines))
