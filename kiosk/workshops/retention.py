"""How long signed sheets are kept, and the purge of signature strokes after it.

Per funder: the European social fund wants the proofs for 5 years from 31 December of
the year of the last payment; state aid 10 years from the same day; without a funder
rule, 5 years from 31 December of the year of the workshop's last session. Until the
last payment is known (``workshop paid``), the last session's year stands in for it.

Past retention, staff export the sheets (PDF), confirm, and the strokes are deleted;
each entry keeps the SHA-256 of its strokes, the marks and the times, so the sheets'
seals still verify and the counts do not change.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.workshops.events import record_session
from kiosk.workshops.models import AttendanceEntry, RetentionRule, Workshop, WorkshopSession
from kiosk.workshops.refusals import Why, WorkshopRefused

YEARS = {RetentionRule.ESF: 5, RetentionRule.STATE: 10, RetentionRule.PLAIN: 5}


def kept_until(workshop: Workshop, settings: Settings) -> date | None:
    """The last day the workshop's signatures must be kept (None: no session yet)."""
    days = [s.starts_at.astimezone(settings.tz).date() for s in workshop.sessions]
    if not days:
        return None
    anchor = max(days).year
    if workshop.retention is not RetentionRule.PLAIN and workshop.last_payment_on is not None:
        anchor = max(anchor, workshop.last_payment_on.year)
    return date(anchor + YEARS[workshop.retention], 12, 31)


@dataclass(frozen=True)
class PastRetention:
    workshop_id: str
    title: str
    session_id: str
    starts_at: datetime
    kept_until: date
    signatures: int

    def as_json(self) -> dict[str, Any]:
        return {
            "workshop_id": self.workshop_id,
            "title": self.title,
            "session_id": self.session_id,
            "starts_at": self.starts_at.isoformat(),
            "kept_until": self.kept_until.isoformat(),
            "signatures": self.signatures,
        }


def past_retention(session: Session, settings: Settings, today: date) -> list[PastRetention]:
    """Sessions whose signature strokes may now be deleted (those that still have some)."""
    out = []
    for workshop in session.scalars(select(Workshop)):
        until = kept_until(workshop, settings)
        if until is None or today <= until:
            continue
        for meeting in workshop.sessions:
            count = len(
                session.scalars(
                    select(AttendanceEntry.id).where(
                        AttendanceEntry.session_id == meeting.id,
                        AttendanceEntry.strokes.is_not(None),
                    )
                ).all()
            )
            if count:
                out.append(
                    PastRetention(
                        workshop.id, workshop.title_fr, meeting.id, meeting.starts_at, until, count
                    )
                )
    return out


def purge_signatures(
    session: Session,
    settings: Settings,
    session_ids: Collection[str],
    *,
    exported: bool,
    today: date,
    now: datetime,
) -> int:
    """Delete the strokes of the given sessions, past retention only, once staff confirm
    the sheets were exported. Returns how many signatures were deleted."""
    if not exported:
        raise WorkshopRefused(Why.NOT_EXPORTED)
    due = {p.session_id for p in past_retention(session, settings, today)}
    purged = 0
    for session_id in session_ids:
        if session_id not in due:
            continue
        result = session.execute(
            update(AttendanceEntry)
            .where(AttendanceEntry.session_id == session_id, AttendanceEntry.strokes.is_not(None))
            .values(strokes=None)
            .execution_options(synchronize_session=False)
        )
        purged += int(getattr(result, "rowcount", 0) or 0)
        meeting = session.get_one(WorkshopSession, session_id)
        meeting.signatures_purged_at = now
        # the server and the other kiosks delete their copies of the strokes too
        record_session(session, meeting, now, ("signatures_purged_at",))
    session.expire_all()
    return purged


def forget_trainee(session: Session, member_id: str) -> None:
    """Erasing a member: their rows stay on the sheets as "trainee erased" (marks and
    times, so the proof of the session and the counts hold), their drawn signatures go.
    Names live only in the member row, which the erasure blanks."""
    session.execute(
        update(AttendanceEntry)
        .where(AttendanceEntry.member_id == member_id, AttendanceEntry.strokes.is_not(None))
        .values(strokes=None)
        .execution_options(synchronize_session=False)
    )
