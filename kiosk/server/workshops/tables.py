"""The server's copies of the kiosks' workshop tables (kiosk.workshops.models), with the
same column names, so the same code reads both (kiosk.workshops.facts).

Workshops, sessions and enrolments keep their merged snapshot (``field_stamps`` as for
members, kiosk.server.merge); the attendance trail keeps every entry as it was pushed.
No foreign keys: a session may arrive before its workshop, an entry before its session
(another kiosk's batch), and each is placed when the rest comes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models import UTCDateTime
from kiosk.server.models import Base, site_key


class ServerWorkshop(Base):
    __tablename__ = "workshop"

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title_fr: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    space: Mapped[str] = mapped_column(String(40))
    trainers: Mapped[str] = mapped_column(String(200), default="")
    tutorials: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ids
    funder: Mapped[str | None] = mapped_column(String(120))
    funding_mention: Mapped[str | None] = mapped_column(String(400))
    retention: Mapped[str] = mapped_column(String(8))
    last_payment_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    field_stamps: Mapped[str | None] = mapped_column(Text)
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class ServerWorkshopSession(Base):
    __tablename__ = "workshop_session"

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(String(36), index=True)
    space: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(80))
    seal: Mapped[str | None] = mapped_column(String(64))
    signatures_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    field_stamps: Mapped[str | None] = mapped_column(Text)
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class ServerEnrolment(Base):
    __tablename__ = "workshop_enrolment"

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    field_stamps: Mapped[str | None] = mapped_column(Text)
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))


class ServerAttendanceEntry(Base):
    """One entry of a sheet's trail, as the kiosk that recorded it pushed it; only its
    strokes go (retention, erasure). Read in the order (recorded_at, kiosk_id, seq, id)."""

    __tablename__ = "attendance_entry"
    __table_args__ = (Index("ix_attendance_entry_session", "session_id", "recorded_at"),)

    site_id: Mapped[int] = site_key()
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)  # its place in the recording kiosk's trail
    half: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    trainer: Mapped[str | None] = mapped_column(String(80))
    mark: Mapped[str] = mapped_column(String(12))
    strokes: Mapped[str | None] = mapped_column(Text)
    strokes_sha256: Mapped[str | None] = mapped_column(String(64))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(300))
    countersigned_by: Mapped[str | None] = mapped_column(String(80))
    late_allowed_by: Mapped[str | None] = mapped_column(String(80))
    identity: Mapped[str] = mapped_column(String(80))
    kiosk_id: Mapped[str] = mapped_column(String(40))  # the recording kiosk's own id
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    origin_kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))  # the token's
