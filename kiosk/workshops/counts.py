"""The workshops' counts for the yearly report: workshops, sessions, distinct trainees
and trainee-hours, in total, by funder label and by age bracket.

A session counts in the year of its local start date; cancelled sessions do not
count. A trainee counts when present at least one half-day (signed, at the desk or
countersigned); their hours are each present half-day's, less a late arrival or an
early leave. The age bracket is the one given at enrolment, so erasing a member
later does not change past counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.models import AGE_BRACKETS
from kiosk.workshops.facts import EntryFacts, SessionFile, latest_marks, session_file
from kiosk.workshops.halfdays import HalfDay, half_days
from kiosk.workshops.models import (
    PRESENT_MARKS,
    AttendanceEntry,
    Enrolment,
    Mark,
    Workshop,
    WorkshopSession,
)

NO_FUNDER = "-"
UNKNOWN_AGE = "unknown"  # no bracket given: the same word as the visit report's


@dataclass(frozen=True)
class GroupCounts:
    """The counts of one funder label or one age bracket (*key*)."""

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

    @classmethod
    def from_json(cls, data: object) -> GroupCounts:
        if not isinstance(data, Mapping):
            raise ValueError("a group of workshop counts is not an object")
        key = data["key"]
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"{key!r} is not a funder label or an age bracket")
        return cls(
            key,
            _count(data["workshops"]),
            _count(data["sessions"]),
            _count(data["trainees"]),
            _hours(data["trainee_hours"]),
        )


@dataclass(frozen=True)
class WorkshopCounts:
    """A year's workshops and funded trainings, as the yearly report carries them."""

    year: int
    workshops: int
    sessions: int
    half_days: int
    trainees: int  # different people present at least one half-day
    trainee_hours: float  # the hours each was present, added up
    by_funder: tuple[GroupCounts, ...]  # by label; NO_FUNDER: workshops without one
    by_age: tuple[GroupCounts, ...]  # brackets in order, then UNKNOWN_AGE; only those seen

    @classmethod
    def none(cls, year: int) -> WorkshopCounts:
        """No workshop that year (or a server that does not count them yet): zeros."""
        return cls(year, 0, 0, 0, 0, 0.0, (), ())

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

    @classmethod
    def from_json(cls, data: object) -> WorkshopCounts:
        """The counts in a JSON object (the server's report): ValueError when it is not
        of the shape :meth:`as_json` writes."""
        if not isinstance(data, Mapping):
            raise ValueError("the workshop counts are not an object")
        try:
            groups = {key: data[key] for key in ("by_funder", "by_age")}
            for key, value in groups.items():
                if not isinstance(value, list):
                    raise ValueError(f"{key} is not a list")
            year = data["year"]
            if isinstance(year, bool) or not isinstance(year, int):
                raise ValueError(f"{year!r} is not a year")
            return cls(
                year=year,
                workshops=_count(data["workshops"]),
                sessions=_count(data["sessions"]),
                half_days=_count(data["half_days"]),
                trainees=_count(data["trainees"]),
                trainee_hours=_hours(data["trainee_hours"]),
                by_funder=tuple(GroupCounts.from_json(g) for g in groups["by_funder"]),
                by_age=tuple(GroupCounts.from_json(g) for g in groups["by_age"]),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"the workshop counts lack or garble {exc}") from exc


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _hours(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number of hours")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{value!r} is not a number of hours")
    return float(value)


@dataclass
class _Group:
    workshops: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    trainees: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def frozen(self, key: str) -> GroupCounts:
        hours = round(self.seconds / 3600, 2)
        return GroupCounts(key, len(self.workshops), len(self.sessions), len(self.trainees), hours)


def seconds_present(entry: AttendanceEntry | EntryFacts, half: HalfDay) -> float:
    """How long a trainee was there in a half-day: all of it, less a late arrival or an
    early leave; nothing when not present. Never more than the half-day (a session
    moved after its times were recorded does not stretch them)."""
    return _seconds(entry.mark, entry.arrived_at, entry.left_at, half)


def _seconds(mark: Mark, arrived: datetime | None, left: datetime | None, half: HalfDay) -> float:
    if mark not in PRESENT_MARKS:
        return 0.0
    start = max(arrived or half.starts_at, half.starts_at)
    end = min(left or half.ends_at, half.ends_at)
    return max(timedelta(0), end - start).total_seconds()


def _age_order(key: str) -> tuple[int, str]:
    return (AGE_BRACKETS.index(key) if key in AGE_BRACKETS else len(AGE_BRACKETS), key)


@dataclass(frozen=True)
class WorkshopTables:
    """The four tables the counts read: the kiosk's, or the server's copies of them."""

    workshop: Any
    session: Any
    enrolment: Any
    entry: Any


KIOSK_TABLES = WorkshopTables(Workshop, WorkshopSession, Enrolment, AttendanceEntry)


def workshop_counts(
    session: Session,
    tz: ZoneInfo,
    year: int,
    tables: WorkshopTables | None = None,
    site: int | None = None,
) -> WorkshopCounts:
    """The workshops of *year* in the site's time zone *tz* (a session on 31 December
    late in the evening local time is that year's, whatever UTC says). *tables*: the
    kiosk's (by default) or the server's (kiosk.server.workshops.tables: same columns),
    where *site* names the site counted (their ``site_id``)."""
    t = tables or KIOSK_TABLES
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=tz)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=tz)

    def mine(table: Any) -> tuple[Any, ...]:
        return () if site is None else (table.site_id == site,)

    held = (
        t.session.cancelled_at.is_(None),
        t.session.starts_at >= start,
        t.session.starts_at < end,
        *mine(t.session),
    )
    meetings = session.scalars(select(t.session).where(*held).order_by(t.session.starts_at)).all()
    funder_of = {
        w: f
        for w, f in session.execute(
            select(t.workshop.id, t.workshop.funder).where(*mine(t.workshop))
        )
    }
    # the latest entry of every box of the year's sheets, in one query and without the
    # strokes (a year of signatures is megabytes the counts do not need)
    e = t.entry
    latest: dict[str, dict[tuple[int, str], Any]] = defaultdict(dict)
    for row in session.execute(
        select(e.session_id, e.half, e.member_id, e.mark, e.arrived_at, e.left_at)
        .join(t.session, t.session.id == e.session_id)
        .where(*held, e.member_id.is_not(None), *mine(e))
        .order_by(e.session_id, e.recorded_at, e.kiosk_id, e.seq)  # the trail's order
    ):
        latest[row.session_id][(row.half, row.member_id)] = row
    ages = {
        (e.workshop_id, e.member_id): e.age_bracket or UNKNOWN_AGE
        for e in session.scalars(select(t.enrolment).where(*mine(t.enrolment)))
    }
    total, half_count = _Group(), 0
    funders: dict[str, _Group] = defaultdict(_Group)
    by_age: dict[str, _Group] = defaultdict(_Group)
    for meeting in meetings:
        funder = funder_of.get(meeting.workshop_id) or NO_FUNDER
        halves = {h.index: h for h in half_days(meeting.starts_at, meeting.ends_at, tz)}
        half_count += len(halves)
        for group in (total, funders[funder]):
            group.workshops.add(meeting.workshop_id)
            group.sessions.add(meeting.id)
        for (index, member_id), entry in latest[meeting.id].items():
            if entry.mark not in PRESENT_MARKS or index not in halves:
                continue
            seconds = _seconds(entry.mark, entry.arrived_at, entry.left_at, halves[index])
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
        by_age=tuple(by_age[k].frozen(k) for k in sorted(by_age, key=_age_order)),
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
    files = [session_file(session, meeting.id) for meeting in workshop.sessions]
    return record_of(files, workshop_id, member_id, settings.tz)


def record_of(
    files: Sequence[SessionFile], workshop_id: str, member_id: str, tz: ZoneInfo
) -> TraineeRecord:
    """:func:`trainee_record` from the sessions' files (the kiosk's or the server's)."""
    lines = []
    for file in sorted(files, key=lambda f: f.session.number):
        meeting = file.session
        if meeting.cancelled_at is not None:
            continue
        halves = half_days(meeting.starts_at, meeting.ends_at, tz)
        marks = latest_marks(file.trail)
        boxes = [marks.get((h.index, member_id)) for h in halves]
        seconds = sum(seconds_present(e, h) for e, h in zip(boxes, halves, strict=True) if e)
        lines.append(
            SessionAttendance(
                meeting.id,
                meeting.number,
                meeting.starts_at,
                meeting.ends_at,
                tuple(e.mark if e else None for e in boxes),
                tuple(h.afternoon for h in halves),
                round(seconds / 3600, 2),
            )
        )
    return TraineeRecord(workshop_id, member_id, tuple(lines))
