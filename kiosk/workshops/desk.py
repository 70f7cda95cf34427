"""The staff screens' way into workshops: each method one use case in its own
transaction, returning plain frozen data (no ORM object reaches the GUI thread).

The screens show a :class:`~kiosk.workshops.refusals.WorkshopRefused` with
``message(lang)``; a database that cannot be written raises ``StorageError`` as the
front desk does. The rosters (with last names) are for staff mode only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from kiosk.badges import format_short_code
from kiosk.frontdesk import NewBadge, StorageError
from kiosk.members.actions import MemberRow, member_row, search_members
from kiosk.models import Member
from kiosk.reports.exports import ExportPlace, export_places
from kiosk.site import Site
from kiosk.storage import classify, explain
from kiosk.tutorials.library import Library
from kiosk.workshops import attendance, planning
from kiosk.workshops.models import Mark, Workshop, WorkshopSession
from kiosk.workshops.planning import NewWorkshop
from kiosk.workshops.progress import course_progress
from kiosk.workshops.sheet import build_sheet, close_session
from kiosk.workshops.staff_views import (
    HalfRow,
    Roster,
    RosterRow,
    SessionRow,
    TraineeRow,
    WorkshopPlan,
    WorkshopRow,
    box_of,
    session_row,
)

if TYPE_CHECKING:
    from kiosk.workshops.export import Exported

__all__ = ["Roster", "RosterRow", "SessionRow", "WorkshopDesk", "WorkshopPlan", "WorkshopRow"]


class WorkshopDesk:
    def __init__(self, site: Site, library: Callable[[], Library]) -> None:
        self.site = site
        self._library = library

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with self.site.transaction() as session:
                yield session
        except (OperationalError, DatabaseError) as exc:
            database = self.site.data_dir.database_file
            raise StorageError(explain(exc, database), classify(exc, database)) from exc

    def library(self) -> Library:
        return self._library()

    def _known_tutorials(self) -> set[str]:
        return set(self._library().tutorials)

    def _local(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self.site.settings.tz)

    # --- workshops --------------------------------------------------------------------

    def _row(self, workshop: Workshop) -> WorkshopRow:
        now = self.site.now()
        live = [s for s in workshop.sessions if s.cancelled_at is None]
        coming = [s.starts_at for s in live if s.ends_at >= now]
        return WorkshopRow(
            workshop.id,
            workshop.title_fr,
            workshop.title_en,
            workshop.space,
            workshop.trainers,
            tuple(planning.tutorial_ids(workshop)),
            workshop.funder,
            min(coming) if coming else None,
            len(live),
            sum(1 for e in workshop.enrolments if e.withdrawn_at is None),
        )

    def workshops(self) -> list[WorkshopRow]:
        """Every workshop, those with a session coming first (soonest first)."""
        with self._transaction() as session:
            rows = [self._row(w) for w in planning.list_workshops(session)]
        far = datetime.max.replace(tzinfo=self.site.settings.tz)
        return sorted(rows, key=lambda r: (r.next_session is None, r.next_session or far))

    def plan(self, workshop_id: str) -> WorkshopPlan:
        with self._transaction() as session:
            workshop = session.get_one(Workshop, workshop_id)
            sessions = tuple(
                session_row(m, len(attendance.halves_of(m, self.site.settings)))
                for m in workshop.sessions
            )
            trainees = []
            for enrolment in workshop.enrolments:
                member = session.get_one(Member, enrolment.member_id)
                if enrolment.withdrawn_at is None and not member.erased:
                    trainees.append(
                        TraineeRow(
                            member.id,
                            member.first_name,
                            member.last_name or "",
                            format_short_code(member.short_code),
                        )
                    )
            return WorkshopPlan(self._row(workshop), sessions, tuple(trainees))

    def add_workshop(self, new: NewWorkshop) -> WorkshopRow:
        with self._transaction() as session:
            workshop = planning.add_workshop(
                session, self.site.settings, new, self._known_tutorials()
            )
            return self._row(workshop)

    def edit_workshop(self, workshop_id: str, new: NewWorkshop) -> WorkshopRow:
        with self._transaction() as session:
            workshop = planning.edit_workshop(
                session,
                self.site.settings,
                workshop_id,
                new,
                self._known_tutorials(),
                today=self.site.today(),
            )
            return self._row(workshop)

    # --- sessions ---------------------------------------------------------------------

    def add_sessions(
        self, workshop_id: str, day: date, start: time, end: time, *, weekly: int = 1
    ) -> int:
        """One session, or *weekly* a week apart; how many were added."""
        with self._transaction() as session:
            made = planning.add_sessions(
                session,
                self.site.settings,
                workshop_id,
                self._local(day, start),
                self._local(day, end),
                today=self.site.today(),
                weekly=weekly,
            )
            return len(made)

    def cancel_session(self, session_id: str) -> None:
        with self._transaction() as session:
            planning.cancel_session(session, session_id, now=self.site.now())

    def move_session(self, session_id: str, day: date, start: time, end: time) -> None:
        with self._transaction() as session:
            planning.move_session(
                session,
                self.site.settings,
                session_id,
                self._local(day, start),
                self._local(day, end),
                today=self.site.today(),
            )

    # --- trainees ---------------------------------------------------------------------

    def find_members(self, text: str) -> list[MemberRow]:
        with self._transaction() as session:
            today = self.site.today()
            return [member_row(m, today) for m in search_members(session, text)]

    def enrol(self, workshop_id: str, member_id: str) -> None:
        with self._transaction() as session:
            planning.enrol(session, workshop_id, member_id, now=self.site.now())

    def withdraw(self, workshop_id: str, member_id: str) -> None:
        with self._transaction() as session:
            planning.withdraw(session, workshop_id, member_id, now=self.site.now())

    def enrol_new_trainee(
        self, workshop_id: str, first_name: str, last_name: str | None
    ) -> NewBadge:
        """Registered and enrolled in one step (InvalidMember: a field is wrong); their
        badge to show and print as registration does."""
        with self._transaction() as session:
            enrolment = planning.enrol_new_trainee(
                session, workshop_id, first_name, last_name or None, now=self.site.now()
            )
            member = session.get_one(Member, enrolment.member_id)
            return NewBadge(
                member.id,
                member.first_name,
                self.site.badge_token(member),
                format_short_code(member.short_code),
            )

    # --- the sheet ----------------------------------------------------------------------

    def roster(self, session_id: str) -> Roster:
        """The session's sheet as staff see it, with each trainee's course progress."""
        library = self._library()
        settings = self.site.settings
        with self._transaction() as session:
            sheet = build_sheet(session, settings, session_id)
            meeting = session.get_one(WorkshopSession, session_id)
            course = planning.tutorial_ids(meeting.workshop)
            rows = tuple(
                RosterRow(
                    r.member_id,
                    r.first_name,
                    r.last_name,
                    r.erased,
                    tuple(box_of(c) for c in r.cells),
                    course_progress(session, library, r.member_id, course),
                )
                for r in sheet.rows
            )
            return Roster(
                self._row(meeting.workshop),
                session_row(meeting, len(sheet.halves)),
                tuple(HalfRow(h.index, h.starts_at, h.ends_at, h.afternoon) for h in sheet.halves),
                rows,
                tuple(box_of(c) for c in sheet.trainer_cells),
                meeting.seal,
            )

    def _who(self, staff: str) -> attendance.Who:
        return attendance.Who.staff(staff, self.site.settings.kiosk_id)

    def set_mark(
        self,
        session_id: str,
        member_id: str,
        half: int,
        mark: Mark,
        *,
        staff: str,
        reason: str | None = None,
        countersigned_by: str | None = None,
    ) -> None:
        with self._transaction() as session:
            attendance.set_mark(
                session,
                self.site.settings,
                session_id,
                member_id,
                half,
                mark,
                who=self._who(staff),
                now=self.site.now(),
                reason=reason,
                countersigned_by=countersigned_by,
            )

    def set_times(
        self,
        session_id: str,
        member_id: str,
        half: int,
        *,
        staff: str,
        arrived: time | None = None,
        left: time | None = None,
    ) -> None:
        """A late arrival or an early leave, in local time on the session's day."""
        with self._transaction() as session:
            meeting = session.get_one(WorkshopSession, session_id)
            day = meeting.starts_at.astimezone(self.site.settings.tz).date()
            attendance.set_times(
                session,
                self.site.settings,
                session_id,
                member_id,
                half,
                who=self._who(staff),
                now=self.site.now(),
                arrived_at=self._local(day, arrived) if arrived else None,
                left_at=self._local(day, left) if left else None,
            )

    def sign(
        self,
        session_id: str,
        half: int,
        strokes: object,
        *,
        staff: str,
        member_id: str | None = None,
        trainer: str | None = None,
        late_allowed_by: str | None = None,
        reason: str | None = None,
    ) -> None:
        """The trainer's signature (*member_id* None) or a trainee's, on this kiosk's
        pad in staff mode; after the half-day, *late_allowed_by* and *reason* needed."""
        with self._transaction() as session:
            attendance.sign(
                session,
                self.site.settings,
                session_id,
                member_id,
                strokes,
                who=self._who(staff),
                now=self.site.now(),
                half=half,
                trainer=trainer,
                late_allowed_by=late_allowed_by,
                reason=reason,
            )

    def close_session(self, session_id: str, *, by: str, staff: str) -> str:
        """Empty boxes become absent, the sheet is sealed; its seal (SHA-256 hex)."""
        with self._transaction() as session:
            meeting = close_session(
                session,
                self.site.settings,
                session_id,
                who=self._who(staff),
                by=by,
                now=self.site.now(),
            )
            return meeting.seal or ""

    # --- exports ------------------------------------------------------------------------

    def export_places(self) -> list[ExportPlace]:
        return export_places(self.site)

    def export_session(self, session_id: str, folder: Path, lang: str) -> Exported:
        """The sheet and the certificates as PDF under *folder* (reportlab, perhaps a
        slow USB stick: call it from a worker)."""
        from kiosk.workshops.export import export_session

        return export_session(self.site, session_id, folder, lang)
