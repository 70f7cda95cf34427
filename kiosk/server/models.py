"""The server's tables (its own metadata: the kiosk's tables are not here).

One server serves a network of sites (``site``): every kiosk belongs to one, and every
synced row carries its ``site_id`` first in its key, so the same machine name or a copied
id in two sites are two rows, and a kiosk reads and writes its own site's rows only.
Every synced thing keeps one row, the snapshot with the latest ``occurred_at`` (members:
merged field by field, kiosk.server.merge), and who sent it (``origin_kiosk_id``).
``applied_event`` remembers every event id so a resent
event is applied once; ``change`` is the log other kiosks pull, ordered by ``seq``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.models import NAMING, UTCDateTime, utcnow
from kiosk.reports.tally import define_tally_tables

# BIGSERIAL on PostgreSQL; on SQLite only INTEGER PRIMARY KEY is the rowid alias.
SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class EventStatus:
    APPLIED = "applied"  # its snapshot became the current one
    STALE = "stale"  # recorded, but a newer snapshot of the same thing was already kept


class Site(Base):
    """A place of the network: its kiosks, its staff, and everything they sync."""

    __tablename__ = "site"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # the site id its badges carry (a kiosk's config ``[site] id``): given to add-site, or
    # taken from the site's first kiosk that tells it (POST /api/v1/network)
    code: Mapped[str | None] = mapped_column(String(4), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))  # its visits count in its local days
    # its badges' signing key (hex), sent by its kiosks: the server checks the badges of
    # this site's members visiting another site with it; no kiosk ever gets it back
    badge_key: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def site_key() -> Mapped[int]:
    """The ``site_id`` of a synced row: the first column of its primary key."""
    return mapped_column(ForeignKey("site.id"), primary_key=True)


class Kiosk(Base):
    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffAccount(Base):
    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt$n$r$p$salt$hash
    # the site whose pages it sees; a network account (``network``) sees every site
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    network: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffSession(Base):
    """A staff member signed in to the web pages; the cookie holds the token, the table
    only its SHA-256, so signing out (or ``server remove-staff``) ends it for good."""

    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("staff_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class LoginFailure(Base):
    """A failed sign-in from a client address (an IPv6 one by its /64), kept for the
    throttle's window: in the database, so a restart or a second process still counts."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(SEQ_TYPE, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RateBucket(Base):
    """A token bucket shared by every server process: ``key`` is who asks (a kiosk, a
    staff account) and for what (kiosk.server.throttle.take_token)."""

    __tablename__ = "rate_bucket"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AppliedEvent(Base):
    __tablename__ = "applied_event"

    site_id: Mapped[int] = site_key()
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(16))


class Visit(Base):
    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_checked_in_at", "checked_in_at"),
        Index("ix_visit_site_checked_in_at", "site_id", "checked_in_at"),  # a site's rebuild
    )

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"), index=True)  # the token's
    # no foreign key: a visit may arrive before its member does
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    space: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(String(40))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    method: Mapped[str] = mapped_column(String(16))
    head_count: Mapped[int] = mapped_column(Integer, default=1)
    auto_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    visitor: Mapped[str | None] = mapped_column(String(32))  # kiosk.reports.tally.visitor_key
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    # a member of another site of the network (their badge checked with its key)
    home_site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Member(Base):
    __tablename__ = "member"
    # a site's new members of a year (kiosk.server.report)
    __table_args__ = (Index("ix_member_site_created_at", "site_id", "created_at"),)

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    short_code: Mapped[str | None] = mapped_column(String(8), index=True)
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    postcode: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    valid_until: Mapped[date | None] = mapped_column(Date)
    badge_version: Mapped[int] = mapped_column(Integer, default=1)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    staff: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # registered
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the newest field stamp
    # JSON {field: ISO time it last changed}: members merge field by field (merge.py)
    field_stamps: Mapped[str | None] = mapped_column(Text)
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class Certification(Base):
    __tablename__ = "certification"

    site_id: Mapped[int] = site_key()
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tutorial: Mapped[str] = mapped_column(String(60), primary_key=True)
    theory_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    practical_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class MachineState(Base):
    __tablename__ = "machine_state"

    site_id: Mapped[int] = site_key()
    machine_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(200))
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    visit_id: Mapped[str | None] = mapped_column(String(36))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class HoursException(Base):
    __tablename__ = "hours_exception"

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's uuid
    space: Mapped[str | None] = mapped_column(String(40))  # None: every space
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    comment: Mapped[str] = mapped_column(String(120), default="")
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class Change(Base):
    """One kept snapshot of a shared thing, for the other kiosks to pull in ``seq`` order."""

    __tablename__ = "change"

    __table_args__ = (Index("ix_change_site_seq", "site_id", "seq"),)

    seq: Mapped[int] = mapped_column(SEQ_TYPE, primary_key=True, autoincrement=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))  # read by its kiosks only
    kind: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)  # JSON of the snapshot
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


TALLY = define_tally_tables(Base.metadata, per_site=True)  # per site (kiosk.reports.site_tally)
