"""Applying pushed events: each once, late ones placed by their own time, bad ones alone.

Plain functions over a :class:`~sqlalchemy.orm.Session` (the route owns the transaction).
Every event runs in its own SAVEPOINT, so a rejected event or a race with another
request pushing the same event undoes only that event. The row in ``applied_event`` is
written first: a second request inserting the same id waits on it (PostgreSQL) and then
hits the primary key, which is reported ``duplicate``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.server.db import serialize_changes
from kiosk.server.models import (
    AppliedEvent,
    Base,
    Certification,
    Change,
    EventStatus,
    HoursException,
    MachineState,
    Member,
    Visit,
)
from kiosk.server.schemas import (
    PAYLOADS,
    CertificationPayload,
    HoursExceptionPayload,
    MachinePayload,
    MemberPayload,
    Payload,
    VisitPayload,
)

Status = Literal["applied", "duplicate", "rejected"]
APPLIED: Status = "applied"
DUPLICATE: Status = "duplicate"
REJECTED: Status = "rejected"
SHARED_KINDS = frozenset({"member", "certification", "machine", "hours_exception"})
_ATTEMPTS = 3  # a lost race on a brand-new snapshot row is retried as an update


@dataclass(frozen=True)
class IncomingEvent:
    id: str
    kind: str
    occurred_at: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class EventResult:
    id: str
    status: Status
    error: str | None = None


class Rejected(ValueError):
    """This event cannot be applied; the message says why, for the kiosk's log."""


@dataclass(frozen=True)
class _Checked:
    event_id: str
    kind: str
    occurred_at: datetime
    snapshot: Payload


def check_event(event: IncomingEvent) -> _Checked:
    """The event's id, time and payload parsed, or :class:`Rejected` with the reason."""
    try:
        event_id = str(uuid.UUID(event.id))
    except ValueError:
        raise Rejected(f"id {event.id!r} is not a UUID") from None
    schema = PAYLOADS.get(event.kind)
    if schema is None:
        known = ", ".join(PAYLOADS)
        raise Rejected(f"unknown kind {event.kind!r} (known: {known})")
    try:
        occurred_at = datetime.fromisoformat(event.occurred_at)
    except ValueError:
        occurred_at = None
    if occurred_at is None or occurred_at.tzinfo is None:
        raise Rejected(f"occurred_at {event.occurred_at!r} is not an ISO 8601 time with an offset")
    try:
        snapshot = schema.model_validate(event.payload)
    except ValidationError as exc:
        raise Rejected(f"{event.kind} payload: {_errors(exc)}") from None
    return _Checked(event_id, event.kind, occurred_at, snapshot)


def _errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"]) or "payload"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def apply_events(
    session: Session, kiosk_id: int, events: Sequence[IncomingEvent], now: datetime
) -> list[EventResult]:
    """Apply a batch pushed by *kiosk_id*; one result per event, in order."""
    checked: list[_Checked | Rejected] = []
    for event in events:
        try:
            checked.append(check_event(event))
        except Rejected as exc:
            checked.append(exc)
    ids = [c.event_id for c in checked if isinstance(c, _Checked)]
    seen = set(session.scalars(select(AppliedEvent.event_id).where(AppliedEvent.event_id.in_(ids))))
    if any(isinstance(c, _Checked) and c.kind in SHARED_KINDS for c in checked):
        serialize_changes(session)  # before any insert: waits never form a cycle with it
    results = []
    for event, item in zip(events, checked, strict=True):
        if isinstance(item, Rejected):
            results.append(EventResult(event.id, REJECTED, str(item)))
        elif item.event_id in seen:
            results.append(EventResult(event.id, DUPLICATE))
        else:
            seen.add(item.event_id)
            results.append(_apply_once(session, kiosk_id, event.id, item, now))
    return results


def _apply_once(
    session: Session, kiosk_id: int, given_id: str, item: _Checked, now: datetime
) -> EventResult:
    for attempt in range(_ATTEMPTS):
        try:
            with session.begin_nested():
                _apply(session, kiosk_id, item, now)
            return EventResult(given_id, APPLIED)
        except Rejected as exc:
            return EventResult(given_id, REJECTED, str(exc))
        except IntegrityError:
            if session.scalar(
                select(AppliedEvent.event_id).where(AppliedEvent.event_id == item.event_id)
            ):
                return EventResult(given_id, DUPLICATE)  # another request applied it
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _apply(session: Session, kiosk_id: int, item: _Checked, now: datetime) -> None:
    record = AppliedEvent(
        event_id=item.event_id,
        kiosk_id=kiosk_id,
        kind=item.kind,
        occurred_at=item.occurred_at,
        received_at=now,
        status=EventStatus.APPLIED,
    )
    session.add(record)
    session.flush()  # first: a concurrent push of the same event stops here
    kept = _APPLIERS[item.kind](session, kiosk_id, item.snapshot, item.occurred_at)
    if not kept:
        record.status = EventStatus.STALE
    elif item.kind in SHARED_KINDS:
        key, payload = _change_of(item.snapshot)
        session.add(
            Change(
                kind=item.kind,
                entity_key=key,
                payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                occurred_at=item.occurred_at,
                origin_kiosk_id=kiosk_id,
                created_at=now,
            )
        )
    session.flush()


def _change_of(snapshot: Payload) -> tuple[str, dict[str, Any]]:
    payload = snapshot.model_dump(mode="json")
    if isinstance(snapshot, CertificationPayload):
        return f"{snapshot.member_id}/{snapshot.tutorial}", payload
    if isinstance(snapshot, MachinePayload):
        return snapshot.machine_id, payload
    if isinstance(snapshot, MemberPayload | HoursExceptionPayload):
        return snapshot.id, payload
    raise TypeError(f"{type(snapshot).__name__} is not shared with other kiosks")


def _keep_newest(
    session: Session,
    model: type[Base],
    key: Any,
    values: dict[str, Any],
    occurred_at: datetime,
    check: Callable[[Any], None] | None = None,
) -> bool:
    """Store *values* unless the stored snapshot is newer; True when they were kept.

    Equal times: the later-received wins (docs/sync-api.md). The row is locked (FOR
    UPDATE on PostgreSQL) so two requests compare and write one after the other.
    """
    row: Any = session.get(model, key, with_for_update=True)
    if row is None:
        session.add(model(**values, occurred_at=occurred_at))
        return True
    if check is not None:
        check(row)
    if occurred_at < row.occurred_at:
        return False
    for name, value in values.items():
        setattr(row, name, value)
    row.occurred_at = occurred_at
    return True


def _visit(session: Session, kiosk_id: int, snap: Payload, occurred_at: datetime) -> bool:
    assert isinstance(snap, VisitPayload)

    def same_kiosk(row: Visit) -> None:
        if row.kiosk_id != kiosk_id:
            raise Rejected(f"visit {snap.id} was recorded by another kiosk")

    values = snap.model_dump()
    values["kiosk_id"] = kiosk_id  # the token's kiosk, whatever the payload says
    return _keep_newest(session, Visit, snap.id, values, occurred_at, same_kiosk)


def _member(session: Session, kiosk_id: int, snap: Payload, occurred_at: datetime) -> bool:
    assert isinstance(snap, MemberPayload)
    values = snap.model_dump() | {"origin_kiosk_id": kiosk_id}
    return _keep_newest(session, Member, snap.id, values, occurred_at)


def _certification(session: Session, kiosk_id: int, snap: Payload, occurred_at: datetime) -> bool:
    assert isinstance(snap, CertificationPayload)
    values = snap.model_dump() | {"origin_kiosk_id": kiosk_id}
    key = (snap.member_id, snap.tutorial)
    return _keep_newest(session, Certification, key, values, occurred_at)


def _machine(session: Session, kiosk_id: int, snap: Payload, occurred_at: datetime) -> bool:
    assert isinstance(snap, MachinePayload)
    values = snap.model_dump() | {"origin_kiosk_id": kiosk_id}
    return _keep_newest(session, MachineState, snap.machine_id, values, occurred_at)


def _hours_exception(session: Session, kiosk_id: int, snap: Payload, occurred_at: datetime) -> bool:
    assert isinstance(snap, HoursExceptionPayload)
    values = snap.model_dump() | {"origin_kiosk_id": kiosk_id}
    return _keep_newest(session, HoursException, snap.id, values, occurred_at)


_APPLIERS: dict[str, Callable[[Session, int, Payload, datetime], bool]] = {
    "visit": _visit,
    "member": _member,
    "certification": _certification,
    "machine": _machine,
    "hours_exception": _hours_exception,
}
