"""The front desk: the use cases the kiosk screens offer, each in its own transaction.

Screens call these methods and show what comes back (plain data, no ORM objects that
could lazy-load on the GUI thread later). Each call is a few milliseconds of SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

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
from kiosk.members import NewMember, register_member
from kiosk.models import CheckinMethod, Member
from kiosk.site import Site


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
