"""The kiosk's data, as SQLAlchemy 2 typed ORM classes.

Times are stored in UTC (``UTCDateTime`` refuses naive datetimes) and shown in the
site's time zone by the screens.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import event as sa_event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from kiosk.reports.tally import define_tally_tables, mark_dirty, utc_day


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database: times must carry a zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _values(enum_class: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_class]


class MembershipStatus(enum.StrEnum):
    PENDING = "pending"  # registered at the kiosk, fee not yet paid
    ACTIVE = "active"
    EXPIRED = "expired"


class CheckinMethod(enum.StrEnum):
    BADGE = "badge"  # QR badge shown to the camera or a USB scanner
    CODE = "code"  # short code typed on the keypad
    GUEST = "guest"  # anonymous head count
    DESK = "desk"  # from the command line at the staff desk


AGE_BRACKETS = ("0-14", "15-17", "18-25", "26-44", "45-64", "65+")


class Member(Base):
    __tablename__ = "member"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    short_code: Mapped[str] = mapped_column(String(8), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    postcode: Mapped[str | None] = mapped_column(String(10))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[MembershipStatus] = mapped_column(
        Enum(MembershipStatus, native_enum=False, length=10, values_callable=_values),
        default=MembershipStatus.PENDING,
    )
    valid_until: Mapped[date | None] = mapped_column(Date)
    badge_version: Mapped[int] = mapped_column(Integer, default=1)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    staff: Mapped[bool] = mapped_column(Boolean, default=False)  # their badge opens staff mode
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    visits: Mapped[list[Visit]] = relationship(back_populates="member")

    def effective_status(self, today: date) -> MembershipStatus:
        """An active membership past its valid-until date counts as expired."""
        if (
            self.status is MembershipStatus.ACTIVE
            and self.valid_until is not None
            and self.valid_until < today
        ):
            return MembershipStatus.EXPIRED
        return self.status


class Visit(Base):
    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_member_open", "member_id", "checked_out_at"),
        Index("ix_visit_checked_in_at", "checked_in_at"),
        Index("ix_visit_home_site", "home_site"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    kiosk_id: Mapped[str] = mapped_column(String(40))
    space: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(String(40))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    method: Mapped[CheckinMethod] = mapped_column(
        Enum(CheckinMethod, native_enum=False, length=10, values_callable=_values)
    )
    head_count: Mapped[int] = mapped_column(Integer, default=1)
    auto_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    # kept when the visit is made anonymous: who-is-different for the yearly counts
    # (kiosk.reports.tally.visitor_key) and the age bracket at the time of the visit
    visitor: Mapped[str | None] = mapped_column(String(32))
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    # a member of another place of the network (kiosk.network): their site's code and
    # the badge as scanned, which the server checks under that site's key (member_id None)
    home_site: Mapped[str | None] = mapped_column(String(4))
    network_badge: Mapped[str | None] = mapped_column(String(64))

    member: Mapped[Member | None] = relationship(back_populates="visits")

    @property
    def is_guest(self) -> bool:
        return self.member_id is None and self.home_site is None


class HoursException(Base):
    """A one-off change to a space's opening hours, added by staff: a closure (no times)
    or a special opening (opens_at-closes_at), for one day or a range of days."""

    __tablename__ = "hours_exception"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    space: Mapped[str | None] = mapped_column(String(40))  # None: every space
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    comment: Mapped[str] = mapped_column(String(120), default="")  # shown to visitors
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_closure(self) -> bool:
        return self.opens_at is None


class MachineStatus(enum.StrEnum):
    AVAILABLE = "available"
    IN_USE = "in_use"
    RESERVED = "reserved"
    OUT_OF_ORDER = "out_of_order"
    MAINTENANCE = "maintenance"


class MachineState(Base):
    """The live status of a machine of the catalogue (config.toml [[machines]]).

    A machine with no row is available. ``visit_id`` is the visit using it (freed at
    that visit's check-out); ``until`` is when a reservation ends."""

    __tablename__ = "machine_state"

    machine_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[MachineStatus] = mapped_column(
        Enum(MachineStatus, native_enum=False, length=14, values_callable=_values)
    )
    note: Mapped[str | None] = mapped_column(String(200))
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))


class Certification(Base):
    """Who may use which machine: a tutorial's theory passed at the kiosk, and the
    practical part confirmed by staff."""

    __tablename__ = "certification"
    __table_args__ = (UniqueConstraint("member_id", "tutorial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    tutorial: Mapped[str] = mapped_column(String(60))
    theory_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    practical_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffLock(Base):
    """Wrong staff PINs in a row and until when the PIN pad is locked (one row, id 1);
    in the database so that a restart does not reset the delay."""

    __tablename__ = "staff_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TutorialProgress(Base):
    """Where a member stopped in a tutorial, so the next time starts there."""

    __tablename__ = "tutorial_progress"
    __table_args__ = (UniqueConstraint("member_id", "tutorial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    tutorial: Mapped[str] = mapped_column(String(60))
    step: Mapped[int] = mapped_column(Integer, default=0)  # index of the step to show next
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxEvent(Base):
    """One change waiting to reach the central server (docs/sync-api.md), written in the
    same transaction as the change it reports. ``id`` is the event id the server
    remembers, so sending it again is harmless. Sent: ``sent_at``; refused for good by
    the server: ``rejected_at`` with its ``error``."""

    __tablename__ = "outbox_event"
    __table_args__ = (Index("ix_outbox_event_waiting", "sent_at", "rejected_at", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class HoursExceptionKey(Base):
    """The id an hours exception has on the server (a UUID: local ids are integers that
    every kiosk starts at 1); also how an exception pulled from the server is found
    again when it is removed there."""

    __tablename__ = "hours_exception_key"

    exception_id: Mapped[int] = mapped_column(
        ForeignKey("hours_exception.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(36), unique=True)


class NetworkPlace(Base):
    """Another place of the network, as the central server last listed it (replaced whole
    after each sync round): the site id its badges carry and its name. Never its key: a
    badge of such a place is let in on its form, and the server checks its signature."""

    __tablename__ = "network_place"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SyncState(Base):
    """Where this kiosk syncs to and how it went (one row, id 1)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(300))
    token: Mapped[str | None] = mapped_column(String(200))
    cursor: Mapped[int] = mapped_column(Integer, default=0)  # GET /changes?since=
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    error_kind: Mapped[str | None] = mapped_column(String(20))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row, for the backoff
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # data older than the outbox waits to be queued (see kiosk.outbox.enqueue_existing)
    backfill_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    # why the network's places could not be fetched (kiosk.sync.network); None: fine
    network_problem: Mapped[str | None] = mapped_column(Text)


TALLY = define_tally_tables(Base.metadata)


@sa_event.listens_for(Session, "before_flush")
def _mark_tally_days(session: Session, _context: object, _instances: object) -> None:
    """Every visit added or changed marks its day for the tallies (kiosk.reports.tally)."""
    days = {
        utc_day(obj.checked_in_at)
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, Visit) and obj.checked_in_at is not None
    }
    if days:
        mark_dirty(session, TALLY, days)
