"""The front desk: the use cases the kiosk screens offer, each in its own transaction.

Screens call these methods and show what comes back (plain data, no ORM objects that
could lazy-load on the GUI thread later). Each call is a few milliseconds of SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from kiosk.badges import BadgeRefused, format_short_code
from kiosk.checkin import (
    Arrival,
    ScanResult,
    close_forgotten_visits,
    closing_after,
    count_guests,
    just_arrived,
    scan,
    set_visit_details,
)
from kiosk.config import Settings
from kiosk.hours import add_exception, remove_exception
from kiosk.machines import MachineView, UseCheck, board, free, photo_path, set_status, start_using
from kiosk.members.actions import (
    MemberRow,
    Present,
    check_out_now,
    erase_member,
    guests_since,
    in_the_building,
    member_row,
    reissue_badge,
    renew_membership,
    search_members,
    set_staff,
    staff_for_badge,
    validate_membership,
)
from kiosk.members.owner import badge_owner
from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, MachineStatus, Member, Visit
from kiosk.network import enter
from kiosk.reports.exports import ExportPlace, export_places, export_report
from kiosk.reports.spreadsheet import SheetWords
from kiosk.reports.yearly import YearlyReport
from kiosk.site import Site
from kiosk.staff import PinCheck, check_pin, lock_wait
from kiosk.storage import StorageFault, classify, explain
from kiosk.sync import SyncStatus, read_status
from kiosk.sync.report import ReportResult, yearly_report
from kiosk.today import TodayBuilder, TodayModel
from kiosk.tutorials.library import (
    CertificationView,
    Library,
    QuizResult,
    certifications,
    clear_progress,
    confirm_practical,
    default_root,
    record_theory,
    resume_step,
    save_progress,
    score,
)
from kiosk.tutorials.loader import load_library
from kiosk.workshops.door import WorkshopDoor


@dataclass(frozen=True)
class NewBadge:
    """What the badge screen shows a newcomer (and prints on their card)."""

    member_id: str
    first_name: str
    token: str
    short_code: str  # as printed: 8M3X-Q2TB


class Trainee(NamedTuple):
    """A member who showed their badge at the start of a tutorial (not checked in)."""

    member_id: str
    first_name: str


class StorageError(OSError):
    """The database could not be written (disk full, file locked or damaged); *fault* says
    which, and ``str()`` says it in words with what to do (kiosk.storage)."""

    def __init__(self, message: str, fault: StorageFault = StorageFault.OTHER) -> None:
        super().__init__(message)
        self.fault = fault


class FrontDesk:
    def __init__(self, site: Site, *, tutorials_root: Path | None = None) -> None:
        self.site = site
        self._today = TodayBuilder(site.settings)
        self._tutorials_root = tutorials_root
        self._library: Library | None = None
        self.door = WorkshopDoor(self._transaction, lambda: site.settings, self.now, site.secret)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with self.site.transaction() as session:
                yield session
        except (OperationalError, DatabaseError, OSError) as exc:
            database = self.site.data_dir.database_file
            raise StorageError(explain(exc, database), classify(exc, database)) from exc

    @property
    def settings(self) -> Settings:
        return self.site.settings

    def now(self) -> datetime:
        return self.site.now()

    def today(self) -> date:
        return self.site.today()

    def scan(self, text: str, method: CheckinMethod) -> ScanResult:
        with self._transaction() as session:
            return scan(
                session, self.settings, self.site.secret, text, method=method, now=self.now()
            )

    def enter_network(self, text: str, method: CheckinMethod) -> ScanResult:
        """ "Just come in" for a member of another place of the network (kiosk.network)."""
        with self._transaction() as session:
            return enter(
                session, self.settings, self.site.secret, text, method=method, now=self.now()
            )

    def just_arrived(self, text: str, method: CheckinMethod) -> Arrival | None:
        """Who holds this badge, if they checked in only minutes ago (ask before a checkout)."""
        with self._transaction() as session:
            return just_arrived(
                session, self.settings, self.site.secret, text, method=method, now=self.now()
            )

    def set_visit_details(
        self, visit_id: str, *, space: str | None = None, purpose: str | None = None
    ) -> None:
        with self._transaction() as session:
            set_visit_details(session, self.settings, visit_id, space=space, purpose=purpose)

    def count_guests(self, head_count: int, purpose: str | None) -> None:
        with self._transaction() as session:
            count_guests(
                session, self.settings, head_count=head_count, purpose=purpose, now=self.now()
            )

    def register(self, new: NewMember) -> NewBadge:
        """Register a newcomer who agreed to the consent screen (raises InvalidMember)."""
        with self._transaction() as session:
            member = register_member(
                session, new, consent_at=self.now(), country=self.settings.country
            )
            return self._badge(member)

    def _badge(self, member: Member) -> NewBadge:
        return NewBadge(
            member.id,
            member.first_name,
            self.site.badge_token(member),
            format_short_code(member.short_code),
        )

    def close_forgotten_visits(self) -> int:
        with self._transaction() as session:
            return close_forgotten_visits(session, self.settings, self.now())

    def next_closing(self) -> datetime:
        return closing_after(self.now(), self.settings)

    def machine_photo(self, machine: MachineView) -> Path | None:
        """The file of a machine's photo (data directory first, then resources/)."""
        return photo_path(self.site.data_dir.path, machine.photo)

    def board(self) -> list[MachineView]:
        """The machine board: every machine of the catalogue with its status now."""
        with self._transaction() as session:
            return board(session, self.settings, self.now())

    def start_using(self, visit_id: str, machine_ids: list[str]) -> list[UseCheck]:
        """The machines tapped after a check-in, marked in use by that member's visit."""
        with self._transaction() as session:
            visit = session.get(Visit, visit_id)
            if visit is None or visit.member_id is None:
                raise LookupError(f"no member's visit {visit_id}")
            return start_using(
                session,
                self.settings,
                visit_id=visit_id,
                member_id=visit.member_id,
                machine_ids=machine_ids,
                now=self.now(),
            )

    def set_machine_status(
        self,
        machine_id: str,
        status: MachineStatus,
        *,
        note: str | None = None,
        until: datetime | None = None,
    ) -> MachineView:
        """Staff mode: a machine's new status (ValueError says what is missing)."""
        with self._transaction() as session:
            return set_status(
                session, self.settings, machine_id, status, now=self.now(), note=note, until=until
            )

    def free_machine(self, machine_id: str) -> MachineView:
        """Staff mode: a machine back to available, whoever held it."""
        with self._transaction() as session:
            return free(session, self.settings, machine_id, now=self.now())

    def sync_status(self) -> SyncStatus:
        """Staff mode: last success, events waiting, the last error (counts only: cheap)."""
        with self._transaction() as session:
            return read_status(session)

    def check_staff_pin(self, pin: str) -> PinCheck:
        """The staff pad (scrypt: tens of milliseconds; call it from a worker)."""
        with self._transaction() as session:
            return check_pin(session, self.settings, pin, now=self.now())

    def staff_lock_wait(self) -> float:
        """Seconds before the staff pad takes another try (0: now)."""
        with self._transaction() as session:
            return lock_wait(session, now=self.now())

    def today_model(self) -> TodayModel:
        """Hours of every space, upcoming exceptions and the machine board, now."""
        with self._transaction() as session:
            return self._today.build(session, self.now())

    def add_exception(
        self,
        *,
        space: str | None,
        starts_on: date,
        ends_on: date | None = None,
        opens_at: time | None = None,
        closes_at: time | None = None,
        comment: str = "",
    ) -> None:
        """Staff mode: a closure or a special opening (ValueError says what is wrong)."""
        with self._transaction() as session:
            add_exception(
                session,
                self.settings,
                space=space,
                starts_on=starts_on,
                ends_on=ends_on,
                opens_at=opens_at,
                closes_at=closes_at,
                comment=comment,
            )

    def remove_exception(self, exception_id: int) -> None:
        with self._transaction() as session:
            remove_exception(session, exception_id)

    # --- tutorials ---------------------------------------------------------------------

    def tutorial_library(self) -> Library:
        """The tutorials (read once; a broken one is left out and listed in ``problems``)."""
        if self._library is None:
            self._library = load_library(self._tutorials_root or default_root())
        return self._library

    def reload_tutorials(self) -> Library:
        self._library = None
        return self.tutorial_library()

    def member_for_badge(self, text: str) -> Trainee | None:
        """Who a badge or short code stands for, without checking them in or out."""
        with self._transaction() as session:
            try:
                owner = badge_owner(
                    session, self.site.secret, self.settings.site_id, text, accept_code=True
                )
            except BadgeRefused:
                return None
            return Trainee(owner.member.id, owner.member.first_name)

    def resume_step(self, member_id: str, tutorial_id: str) -> int:
        """The step to show a member who comes back (0: the start; len(steps): the quiz)."""
        tutorial = self.tutorial_library().tutorials[tutorial_id]
        with self._transaction() as session:
            return resume_step(session, member_id, tutorial)

    def save_progress(self, member_id: str, tutorial_id: str, step: int) -> None:
        with self._transaction() as session:
            save_progress(session, member_id, tutorial_id, step, self.now())

    def finish_quiz(
        self, member_id: str | None, tutorial_id: str, answers: list[int]
    ) -> QuizResult:
        """Score a quiz; a member who passes gets the theory certification and starts
        afresh next time. An anonymous trainee (None) gets the score only."""
        tutorial = self.tutorial_library().tutorials[tutorial_id]
        result = score(tutorial, answers)
        if result.passed and member_id is not None:
            with self._transaction() as session:
                record_theory(session, member_id, tutorial, self.now())
                clear_progress(session, member_id, tutorial_id)
        return result

    def certifications(self, member_id: str) -> list[CertificationView]:
        """The tutorials a member has passed (theory) and whose practical staff confirmed."""
        with self._transaction() as session:
            return certifications(session, member_id)

    def confirm_practical(self, member_id: str, tutorial_id: str) -> CertificationView:
        """Staff mode: the practical part done (ValueError if the quiz is not passed yet)."""
        with self._transaction() as session:
            done = confirm_practical(session, member_id, tutorial_id, self.now())
            return CertificationView(done.tutorial, done.theory_at, done.practical_at)

    # --- staff: who is in, members, reports ----------------------------------------------

    def in_the_building(self) -> list[Present]:
        """Members checked in and not out, oldest first (the evacuation list)."""
        with self._transaction() as session:
            return in_the_building(session)

    def guests_today(self) -> int:
        """People counted as guests since midnight (they never check out)."""
        with self._transaction() as session:
            return guests_since(session, self._midnight())

    def _midnight(self) -> datetime:
        tz = self.settings.tz
        return datetime.combine(self.today(), time(0), tzinfo=tz)

    def check_out(self, visit_id: str) -> None:
        with self._transaction() as session:
            check_out_now(session, visit_id, now=self.now())

    def find_members(self, text: str) -> list[MemberRow]:
        """Members whose name, email or short code holds *text*; pending ones first."""
        with self._transaction() as session:
            return [member_row(m, self.today()) for m in search_members(session, text)]

    def member(self, member_id: str) -> MemberRow:
        with self._transaction() as session:
            found = session.get(Member, member_id)
            if found is None or found.erased:
                raise LookupError(f"no member {member_id}")
            return member_row(found, self.today())

    def validate_membership(self, member_id: str, valid_until: date) -> MemberRow:
        with self._transaction() as session:
            member = validate_membership(
                session, member_id, valid_until=valid_until, now=self.now()
            )
            return member_row(member, self.today())

    def renew_membership(self, member_id: str) -> MemberRow:
        with self._transaction() as session:
            member = renew_membership(session, member_id, today=self.today(), now=self.now())
            return member_row(member, self.today())

    def reissue_badge(self, member_id: str) -> NewBadge:
        """A new badge; the old one is refused from now on (on other kiosks after sync)."""
        with self._transaction() as session:
            return self._badge(reissue_badge(session, member_id, now=self.now()))

    def set_staff(self, member_id: str, staff: bool) -> MemberRow:
        with self._transaction() as session:
            return member_row(set_staff(session, member_id, staff, now=self.now()), self.today())

    def erase_member(self, member_id: str) -> int:
        """Erase on request; the visits made anonymous are returned (they still count)."""
        with self._transaction() as session:
            return erase_member(session, member_id, now=self.now())

    def staff_badge(self, text: str) -> str | None:
        """The first name of the staff member whose badge this is (None: not staff)."""
        with self._transaction() as session:
            return staff_for_badge(session, self.settings, self.site.secret, text)

    def report(self, year: int, *, use_server: bool = True) -> ReportResult:
        """The yearly counts: the server's when it answers, else this kiosk's (may take
        seconds when the network is slow: call it from a worker)."""
        return yearly_report(self.site, year, use_server=use_server)

    def export_places(self) -> list[ExportPlace]:
        return export_places(self.site)

    def export_report(
        self,
        report: YearlyReport,
        folder: Path,
        fmt: str,
        name: Callable[[str, str], str] | None = None,
        words: SheetWords | None = None,
    ) -> Path:
        return export_report(report, folder, fmt, name, words)
