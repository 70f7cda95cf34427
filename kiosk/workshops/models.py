"""The workshops' tables: workshops, their sessions, who is enrolled, and the attendance
sheet as an append-only trail (nothing is overwritten: the state of a box is its latest
entry).

They share ``kiosk.models.Base`` (one metadata, one Alembic history: migration 0006).
Ids are UUIDs made on the kiosk so the sync can carry them unchanged later.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.models import Base, UTCDateTime, new_uuid, utcnow


def _values(enum_class: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_class]


class RetentionRule(enum.StrEnum):
    """How long a funder wants the signed sheets kept (see kiosk.workshops.retention)."""

    ESF = "esf"  # European social fund: 5 years from 31 December of the last payment's year
    STATE = "state"  # state aid: 10 years from the same day
    PLAIN = "plain"  # no funder rule: 5 years from 31 December of the last session's year


class Mark(enum.StrEnum):
    """What a box of the sheet says for one person and one half-day."""

    SIGNED = "signed"  # signed on the pad (strokes)
    DESK = "desk"  # present, recorded by a check-in at the door: "signed at the desk: no"
    ABSENT = "absent"
    EXCUSED = "excused"  # absent with a reason
    CANNOT_SIGN = "cannot_sign"  # present, cannot sign: countersigned by a named staff member


PRESENT_MARKS = frozenset((Mark.SIGNED, Mark.DESK, Mark.CANNOT_SIGN))


class Workshop(Base):
    __tablename__ = "workshop"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    title_fr: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    space: Mapped[str] = mapped_column(String(40))
    trainers: Mapped[str] = mapped_column(String(200), default="")  # names, comma separated
    tutorials: Mapped[str] = mapped_column(Text, default="[]")  # JSON: ordered tutorial ids
    funder: Mapped[str | None] = mapped_column(String(120))
    funding_mention: Mapped[str | None] = mapped_column(String(400))
    retention: Mapped[RetentionRule] = mapped_column(
        Enum(RetentionRule, native_enum=False, length=8, values_callable=_values),
        default=RetentionRule.PLAIN,
    )
    last_payment_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    sessions: Mapped[list[WorkshopSession]] = relationship(
        back_populates="workshop", order_by="WorkshopSession.starts_at"
    )
    enrolments: Mapped[list[Enrolment]] = relationship(
        back_populates="workshop", order_by="Enrolment.enrolled_at"
    )


class WorkshopSession(Base):
    """One meeting of a workshop; its attendance sheet is sealed when the trainer closes it."""

    __tablename__ = "workshop_session"
    __table_args__ = (Index("ix_workshop_session_space_time", "space", "starts_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshop.id"))
    space: Mapped[str] = mapped_column(String(40))  # the workshop's, kept for the overlap rule
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(80))
    seal: Mapped[str | None] = mapped_column(String(64))  # SHA-256 hex of the sealed sheet
    signatures_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    workshop: Mapped[Workshop] = relationship(back_populates="sessions")


class Enrolment(Base):
    __tablename__ = "workshop_enrolment"
    __table_args__ = (UniqueConstraint("workshop_id", "member_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshop.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    # the member's at enrolment: the yearly counts do not change when a member is erased
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    workshop: Mapped[Workshop] = relationship(back_populates="enrolments")


class AttendanceEntry(Base):
    """One line of the audit trail: a mark put in a box (a trainee's, or the trainer's
    when ``member_id`` is None), by whom, when, on which kiosk and why."""

    __tablename__ = "attendance_entry"
    __table_args__ = (
        Index("ix_attendance_entry_box", "session_id", "half", "member_id"),
        # two writers racing for the same place in the trail: one fails, neither is lost
        UniqueConstraint("session_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    seq: Mapped[int] = mapped_column(Integer)  # order within the session's trail, from 1
    session_id: Mapped[str] = mapped_column(ForeignKey("workshop_session.id"))
    half: Mapped[int] = mapped_column(Integer)  # 0: the first half-day of the session, 1: second
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))  # None: the trainer
    trainer: Mapped[str | None] = mapped_column(String(80))  # the trainer's name, for their box
    mark: Mapped[Mark] = mapped_column(
        Enum(Mark, native_enum=False, length=12, values_callable=_values)
    )
    strokes: Mapped[str | None] = mapped_column(Text)  # packed strokes (JSON); None once purged
    strokes_sha256: Mapped[str | None] = mapped_column(String(64))  # kept after a purge
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # late arrival
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # early leave
    reason: Mapped[str | None] = mapped_column(String(300))
    countersigned_by: Mapped[str | None] = mapped_column(String(80))  # cannot sign
    late_allowed_by: Mapped[str | None] = mapped_column(String(80))  # signed after the half-day
    identity: Mapped[str] = mapped_column(String(80))  # "badge:<member id>:<version>", "staff:NAME"
    kiosk_id: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
