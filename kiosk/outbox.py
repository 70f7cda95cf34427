"""The transactional outbox: every change the central server must hear about.

A use case that changes a visit, a member, a certification, a machine's status or an
hours exception calls :func:`record` in its own session, so the event row commits or
rolls back with the change it reports: nothing is lost when the network is down, and
nothing is sent that did not happen. Each payload is a snapshot, the whole state of the
thing after the change (docs/sync-api.md, "Kinds and payloads"); times are ISO 8601 in
UTC with the offset, dates ``YYYY-MM-DD``, times of day ``HH:MM``.

Hours exceptions have integer ids on the kiosk, which every kiosk starts at 1; their
id on the server is a UUID kept beside them in ``hours_exception_key`` (made when the
exception is added here, or the server's own when it was pulled from there).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.models import (
    Certification,
    HoursException,
    HoursExceptionKey,
    MachineState,
    Member,
    OutboxEvent,
    SyncState,
    Visit,
)

KINDS = (
    "visit",
    "member",
    "certification",
    "machine",
    "hours_exception",
    # kiosk.workshops.events
    "workshop",
    "workshop_session",
    "enrolment",
    "attendance",
)


def iso(moment: datetime | None) -> str | None:
    """An aware time as ISO 8601 in UTC with its offset (``...+00:00``)."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _hhmm(moment: time | None) -> str | None:
    return None if moment is None else moment.strftime("%H:%M")


def record(
    session: Session, kind: str, payload: dict[str, Any], occurred_at: datetime
) -> OutboxEvent:
    """Queue one event in the caller's transaction (it commits or rolls back with it)."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    if occurred_at.tzinfo is None:
        raise ValueError("occurred_at must carry a time zone")
    event = OutboxEvent(
        id=str(uuid.uuid4()),
        kind=kind,
        payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        occurred_at=occurred_at,
        attempts=0,
    )
    session.add(event)
    return event


def visit_payload(visit: Visit) -> dict[str, Any]:
    """A network visitor's visit (kiosk.network) carries its home place's code and the
    badge as scanned, which the server checks under that place's key; others do not."""
    payload: dict[str, Any] = {
        "id": visit.id,
        "member_id": visit.member_id,
        "space": visit.space,
        "purpose": visit.purpose,
        "checked_in_at": iso(visit.checked_in_at),
        "checked_out_at": iso(visit.checked_out_at),
        "method": visit.method.value,
        "head_count": visit.head_count,
        "auto_closed": bool(visit.auto_closed),
        "visitor": visit.visitor,
        "age_bracket": visit.age_bracket,
    }
    if visit.home_site is not None:
        payload["home_site"] = visit.home_site
        payload["network_badge"] = visit.network_badge
    return payload


# the member fields a change is about (member_payload's *changed*)
MEMBERSHIP = ("status", "valid_until")
ERASURE = (
    "badge_version",
    "erased",
    "first_name",
    "last_name",
    "email",
    "postcode",
    "age_bracket",
    "consent_at",
    "staff",
)


def member_payload(member: Member, changed: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The member as stored (``status`` is the stored status, not the effective one).

    *changed*: the fields this change is about. The server merges a member field by
    field (docs/sync-api.md), so kiosk A validating a membership while kiosk B reissues
    the badge keeps both; without it (a new member) every field counts as changed.
    """
    payload: dict[str, Any] = {
        "id": member.id,
        "short_code": member.short_code,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "email": member.email,
        "age_bracket": member.age_bracket,
        "postcode": member.postcode,
        "status": member.status.value,
        "valid_until": _day(member.valid_until),
        "badge_version": member.badge_version,
        "consent_at": iso(member.consent_at),
        "erased": bool(member.erased),
        "staff": bool(member.staff),
        "created_at": iso(member.created_at),
    }
    if changed is not None:
        payload["changed"] = sorted(changed)
    return payload


def certification_payload(cert: Certification) -> dict[str, Any]:
    return {
        "member_id": cert.member_id,
        "tutorial": cert.tutorial,
        "theory_at": iso(cert.theory_at),
        "practical_at": iso(cert.practical_at),
    }


def machine_payload(state: MachineState) -> dict[str, Any]:
    return {
        "machine_id": state.machine_id,
        "status": state.status.value,
        "note": state.note,
        "until": iso(state.until),
        "since": iso(state.since),
        "visit_id": state.visit_id,
    }


def exception_uid(session: Session, exc: HoursException, *, keep: bool = True) -> str:
    """The exception's id on the server; made (and kept, unless *keep* is False) if new."""
    uid = session.scalar(
        select(HoursExceptionKey.uid).where(HoursExceptionKey.exception_id == exc.id)
    )
    if uid is None:
        uid = str(uuid.uuid4())
        if keep:
            session.add(HoursExceptionKey(exception_id=exc.id, uid=uid))
    return uid


def exception_payload(
    session: Session, exc: HoursException, removed: bool = False
) -> dict[str, Any]:
    """*exc* must have its id (flushed). The session finds or makes its server id."""
    return {
        "id": exception_uid(session, exc, keep=not removed),
        "space": exc.space,
        "starts_on": _day(exc.starts_on),
        "ends_on": _day(exc.ends_on),
        "opens_at": _hhmm(exc.opens_at),
        "closes_at": _hhmm(exc.closes_at),
        "comment": exc.comment or "",
        "removed": removed,
    }


def enqueue_existing(session: Session, now: datetime) -> int:
    """Queue a snapshot of everything already here (data older than the outbox).

    Migration 0004 sets ``sync_state.backfill_pending`` when the database held members
    or visits before the outbox existed; the first sync calls this once and clears it.
    A snapshot the server already has is harmless (it keeps the newest by time).
    """
    count = 0
    for member in session.scalars(select(Member)):
        record(session, "member", member_payload(member), now)
        count += 1
    for visit in session.scalars(select(Visit)):
        record(session, "visit", visit_payload(visit), now)
        count += 1
    for cert in session.scalars(select(Certification)):
        record(session, "certification", certification_payload(cert), now)
        count += 1
    for state in session.scalars(select(MachineState)):
        record(session, "machine", machine_payload(state), now)
        count += 1
    for exc in session.scalars(select(HoursException)):
        record(session, "hours_exception", exception_payload(session, exc), now)
        count += 1
    session.execute(update(SyncState).where(SyncState.id == 1).values(backfill_pending=False))
    return count
