"""The workshops as the staff screens show them: plain frozen data made from the
tables inside a transaction, so nothing lazy-loads on the GUI thread later. The
rosters (with last names) are for staff mode only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.workshops.models import Mark, WorkshopSession
from kiosk.workshops.planning import NewWorkshop
from kiosk.workshops.progress import CourseStep
from kiosk.workshops.sheet import Cell


@dataclass(frozen=True)
class WorkshopRow:
    id: str
    title_fr: str
    title_en: str
    space: str
    trainers: str
    tutorials: tuple[str, ...]
    funder: str | None
    next_session: datetime | None  # the next one not cancelled, from today
    sessions: int  # not cancelled
    trainees: int  # enrolled, not withdrawn

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr

    def as_new(self) -> NewWorkshop:
        """What the form starts from when staff edit it."""
        return NewWorkshop(
            self.title_fr, self.space, self.title_en, self.trainers, self.tutorials, self.funder
        )


@dataclass(frozen=True)
class SessionRow:
    id: str
    number: int  # 1 is the first
    starts_at: datetime
    ends_at: datetime
    cancelled: bool
    closed_at: datetime | None
    closed_by: str | None
    half_days: int


@dataclass(frozen=True)
class TraineeRow:
    member_id: str
    first_name: str
    last_name: str
    short_code: str


@dataclass(frozen=True)
class WorkshopPlan:
    workshop: WorkshopRow
    sessions: tuple[SessionRow, ...]
    trainees: tuple[TraineeRow, ...]


@dataclass(frozen=True)
class Box:
    """One box of the sheet as staff see it; ``mark`` None: nothing recorded yet."""

    mark: Mark | None
    signed_at: datetime | None = None
    arrived_at: datetime | None = None
    left_at: datetime | None = None
    reason: str | None = None
    countersigned_by: str | None = None
    late_allowed_by: str | None = None
    trainer: str | None = None


@dataclass(frozen=True)
class HalfRow:
    index: int
    starts_at: datetime
    ends_at: datetime
    afternoon: bool


@dataclass(frozen=True)
class RosterRow:
    member_id: str
    first_name: str
    last_name: str
    erased: bool
    boxes: tuple[Box, ...]  # one per half-day
    progress: tuple[CourseStep, ...]  # the workshop's course, in order


@dataclass(frozen=True)
class Roster:
    workshop: WorkshopRow
    session: SessionRow
    halves: tuple[HalfRow, ...]
    rows: tuple[RosterRow, ...]
    trainer_boxes: tuple[Box, ...]
    seal: str | None


def box_of(cell: Cell) -> Box:
    e = cell.entry
    if e is None:
        return Box(cell.mark)
    return Box(
        e.mark,
        e.signed_at,
        e.arrived_at,
        e.left_at,
        e.reason,
        e.countersigned_by,
        e.late_allowed_by,
        e.trainer,
    )


def session_number(meeting: WorkshopSession) -> int:
    """The session's 1-based place in its workshop, by start (as on the sheet)."""
    ordered = sorted(meeting.workshop.sessions, key=lambda s: (s.starts_at, s.id))
    return [s.id for s in ordered].index(meeting.id) + 1


def session_row(meeting: WorkshopSession, halves: int) -> SessionRow:
    return SessionRow(
        meeting.id,
        session_number(meeting),
        meeting.starts_at,
        meeting.ends_at,
        meeting.cancelled_at is not None,
        meeting.closed_at,
        meeting.closed_by,
        halves,
    )
