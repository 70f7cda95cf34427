"""The workshops pulled from the server: what other kiosks planned, who they enrolled,
and every entry of the sheets' trails, so any kiosk's staff mode shows the whole sheet.

Plain ORM writes, no outbox events (kiosk.sync.pull). A snapshot is the server's state
(merged field by field); an entry is added once (its id), at the end of this kiosk's
numbering, and takes its place in the trail by the time it was recorded
(kiosk.workshops.facts.trail_key). A thing whose workshop, session or member is not
here is skipped with a warning (the server sends them in the order they were made).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.models import Member
from kiosk.sync.pull import pulled_day, pulled_time
from kiosk.workshops.models import (
    AttendanceEntry,
    Enrolment,
    Mark,
    RetentionRule,
    Workshop,
    WorkshopSession,
)

log = logging.getLogger(__name__)


def apply_workshop_change(session: Session, kind: str, p: dict[str, Any]) -> bool:
    """Apply one pulled change of a workshop kind; False when skipped."""
    if kind == "workshop":
        return _workshop(session, p)
    if kind == "workshop_session":
        return _session(session, p)
    if kind == "enrolment":
        return _enrolment(session, p)
    return _entry(session, p)


def _text(value: Any, limit: int) -> str:
    return str(value or "")[:limit]


def _workshop(session: Session, p: dict[str, Any]) -> bool:
    tutorials = p.get("tutorials") or []
    if not isinstance(tutorials, list):
        raise ValueError("tutorials is not a list")
    values = {
        "title_fr": _text(p["title_fr"], 120),
        "title_en": _text(p.get("title_en") or p["title_fr"], 120),
        "space": _text(p["space"], 40),
        "trainers": _text(p.get("trainers"), 200),
        "tutorials": json.dumps([str(t) for t in tutorials]),
        "funder": p.get("funder"),
        "funding_mention": p.get("funding_mention"),
        "retention": RetentionRule(p.get("retention") or "plain"),
        "last_payment_on": pulled_day(p.get("last_payment_on")),
    }
    workshop = session.get(Workshop, p["id"])
    if workshop is None:
        workshop = Workshop(id=str(p["id"]), created_at=pulled_time(p.get("created_at")))
        session.add(workshop)
    for name, value in values.items():
        setattr(workshop, name, value)
    return True


def _session(session: Session, p: dict[str, Any]) -> bool:
    if session.get(Workshop, p["workshop_id"]) is None:
        log.warning("session %s of unknown workshop %s not pulled", p["id"], p["workshop_id"])
        return False
    values = {
        "workshop_id": str(p["workshop_id"]),
        "space": _text(p["space"], 40),
        "starts_at": pulled_time(p["starts_at"]),
        "ends_at": pulled_time(p["ends_at"]),
        "cancelled_at": pulled_time(p.get("cancelled_at")),
        "closed_at": pulled_time(p.get("closed_at")),
        "closed_by": p.get("closed_by"),
        "seal": p.get("seal"),
        "signatures_purged_at": pulled_time(p.get("signatures_purged_at")),
    }
    if values["starts_at"] is None or values["ends_at"] is None:
        raise ValueError("a session needs its start and end")
    meeting = session.get(WorkshopSession, p["id"])
    if meeting is None:
        meeting = WorkshopSession(id=str(p["id"]))
        session.add(meeting)
    for name, value in values.items():
        setattr(meeting, name, value)
    if meeting.signatures_purged_at is not None:  # purged elsewhere: here too
        session.flush()
        session.execute(
            update(AttendanceEntry)
            .where(AttendanceEntry.session_id == meeting.id, AttendanceEntry.strokes.is_not(None))
            .values(strokes=None)
            .execution_options(synchronize_session=False)
        )
    return True


def _enrolment(session: Session, p: dict[str, Any]) -> bool:
    workshop_id, member_id = str(p["workshop_id"]), str(p["member_id"])
    if session.get(Workshop, workshop_id) is None or session.get(Member, member_id) is None:
        log.warning("enrolment %s: its workshop or member is not here", p["id"])
        return False
    enrolled_at = pulled_time(p["enrolled_at"])
    if enrolled_at is None:
        raise ValueError("an enrolment needs its time")
    # one per member and workshop: an enrolment made here before the sync keeps its id
    enrolment = session.scalar(
        select(Enrolment).where(
            Enrolment.workshop_id == workshop_id, Enrolment.member_id == member_id
        )
    )
    if enrolment is None:
        enrolment = Enrolment(id=str(p["id"]), workshop_id=workshop_id, member_id=member_id)
        session.add(enrolment)
    enrolment.age_bracket = p.get("age_bracket")
    enrolment.enrolled_at = enrolled_at
    enrolment.withdrawn_at = pulled_time(p.get("withdrawn_at"))
    return True


def _entry(session: Session, p: dict[str, Any]) -> bool:
    existing = session.get(AttendanceEntry, p["id"])
    if existing is not None:  # ours coming back, or pulled before: only strokes may go
        if p.get("strokes") is None and existing.strokes is not None:
            existing.strokes = None
        return True
    meeting = session.get(WorkshopSession, p["session_id"])
    member_id = p.get("member_id")
    member = session.get(Member, member_id) if member_id else None
    if meeting is None or (member_id and member is None):
        log.warning("attendance entry %s: its session or trainee is not here", p["id"])
        return False
    recorded_at = pulled_time(p["recorded_at"])
    if recorded_at is None:
        raise ValueError("an entry needs its time")
    kept = meeting.signatures_purged_at is None and not (member is not None and member.erased)
    last = session.scalar(
        select(func.max(AttendanceEntry.seq)).where(AttendanceEntry.session_id == meeting.id)
    )
    session.add(
        AttendanceEntry(
            id=str(p["id"]),
            seq=(last or 0) + 1,  # this kiosk's numbering; the order is by time
            session_id=meeting.id,
            half=int(p["half"]),
            member_id=member_id,
            trainer=p.get("trainer"),
            mark=Mark(p["mark"]),
            strokes=p.get("strokes") if kept else None,
            strokes_sha256=p.get("strokes_sha256"),
            signed_at=pulled_time(p.get("signed_at")),
            arrived_at=pulled_time(p.get("arrived_at")),
            left_at=pulled_time(p.get("left_at")),
            reason=p.get("reason"),
            countersigned_by=p.get("countersigned_by"),
            late_allowed_by=p.get("late_allowed_by"),
            identity=str(p["identity"]),
            kiosk_id=str(p["kiosk_id"]),
            recorded_at=recorded_at,
        )
    )
    return True
