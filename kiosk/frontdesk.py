"""The front desk: the use cases the kiosk screens offer, each in its own transaction.

Screens call these methods and show what comes back (plain data, no ORM objects that
could lazy-load on the GUI thread later). Each call is a few milliseconds of SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kiosk.badges import format_short_code
from kiosk.checkin import (
    ScanResult,
    close_forgotten_visits,
    closing_after,
    count_guests,
    scan,
    set_visit_details,
)
from kiosk.config import Settings
from kiosk.hours import add_exception, remove_exception
from kiosk.machines import MachineView, UseCheck, board, free, set_status, start_using
from kiosk.members import NewMember, register_member
from kiosk.models import CheckinMethod, MachineStatus, Member, Visit
from kiosk.site import Site
from kiosk.staff import PinCheck, check_pin, lock_wait
from kiosk.today import TodayBuilder, TodayModel


@dataclass(frozen=True)
class NewBadge:
    """What the badge screen shows a newcomer (and prints on their card)."""

    member_id: str
    first_name: str
    token: str
    short_code: str  # as printed: 8M3X-Q2TB


class StorageError(OSError):
    """The database could not be written (disk full, file locked or damaged)."""


class FrontDesk:
    def __init__(self, site: Site) -> None:
        self.site = site
        self._today = TodayBuilder(site.settings)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with self.site.transaction() as session:
                yield session
        except (OperationalError, OSError) as exc:
            raise StorageError(f"the kiosk database could not be written: {exc}") from exc

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
