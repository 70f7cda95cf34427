"""What the central server hears of the workshops (docs/sync-api.md, "Workshops").

Every function of kiosk.workshops that changes data calls one of these in its own
session, so the outbox event commits or rolls back with the change. ``workshop``,
``workshop_session`` and ``enrolment`` are snapshots with the fields the change is
about (``changed``; absent: every field, as for a new one): the server merges them
field by field like members. ``attendance`` is one entry of the append-only trail: an
entry is never changed, so its event is the entry itself.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kiosk.models import utcnow
from kiosk.outbox import iso, record
from kiosk.workshops.models import AttendanceEntry, Enrolment, Workshop, WorkshopSession

# one enrolment per member and workshop on every kiosk: two kiosks enrolling the same
# trainee make the same id, and the server merges them as one
_ENROLMENTS = uuid.UUID("0f5a3d0e-6a43-4b8e-9a51-6b1f0c1e7d21")


def enrolment_id(workshop_id: str, member_id: str) -> str:
    return str(uuid.uuid5(_ENROLMENTS, f"{workshop_id}/{member_id}"))


def _changed(payload: dict[str, Any], changed: Collection[str] | None) -> dict[str, Any]:
    if changed is not None:
        payload["changed"] = sorted(changed)
    return payload


def workshop_payload(w: Workshop, changed: Collection[str] | None = None) -> dict[str, Any]:
    return _changed(
        {
            "id": w.id,
            "title_fr": w.title_fr,
            "title_en": w.title_en,
            "space": w.space,
            "trainers": w.trainers or "",
            "tutorials": json.loads(w.tutorials or "[]"),
            "funder": w.funder,
            "funding_mention": w.funding_mention,
            "retention": w.retention.value,
            "last_payment_on": None if w.last_payment_on is None else w.last_payment_on.isoformat(),
            "created_at": iso(w.created_at),
        },
        changed,
    )


def session_payload(s: WorkshopSession, changed: Collection[str] | None = None) -> dict[str, Any]:
    return _changed(
        {
            "id": s.id,
            "workshop_id": s.workshop_id,
            "space": s.space,
            "starts_at": iso(s.starts_at),
            "ends_at": iso(s.ends_at),
            "cancelled_at": iso(s.cancelled_at),
            "closed_at": iso(s.closed_at),
            "closed_by": s.closed_by,
            "seal": s.seal,
            "signatures_purged_at": iso(s.signatures_purged_at),
        },
        changed,
    )


def enrolment_payload(e: Enrolment, changed: Collection[str] | None = None) -> dict[str, Any]:
    return _changed(
        {
            "id": e.id,
            "workshop_id": e.workshop_id,
            "member_id": e.member_id,
            "age_bracket": e.age_bracket,
            "enrolled_at": iso(e.enrolled_at),
            "withdrawn_at": iso(e.withdrawn_at),
        },
        changed,
    )


def entry_payload(e: AttendanceEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "session_id": e.session_id,
        "seq": e.seq,
        "half": e.half,
        "member_id": e.member_id,
        "trainer": e.trainer,
        "mark": e.mark.value,
        "strokes": e.strokes,
        "strokes_sha256": e.strokes_sha256,
        "signed_at": iso(e.signed_at),
        "arrived_at": iso(e.arrived_at),
        "left_at": iso(e.left_at),
        "reason": e.reason,
        "countersigned_by": e.countersigned_by,
        "late_allowed_by": e.late_allowed_by,
        "identity": e.identity,
        "kiosk_id": e.kiosk_id,
        "recorded_at": iso(e.recorded_at),
    }


def record_workshop(
    session: Session,
    w: Workshop,
    now: datetime | None = None,
    changed: Collection[str] | None = None,
) -> None:
    session.flush()
    record(session, "workshop", workshop_payload(w, changed), now or utcnow())


def record_session(
    session: Session,
    s: WorkshopSession,
    now: datetime | None = None,
    changed: Collection[str] | None = None,
) -> None:
    session.flush()
    record(session, "workshop_session", session_payload(s, changed), now or utcnow())


def record_enrolment(
    session: Session,
    e: Enrolment,
    now: datetime | None = None,
    changed: Collection[str] | None = None,
) -> None:
    session.flush()
    record(session, "enrolment", enrolment_payload(e, changed), now or utcnow())


def record_entry(session: Session, e: AttendanceEntry) -> None:
    record(session, "attendance", entry_payload(e), e.recorded_at)
