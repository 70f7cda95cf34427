"""The ``change`` log: appended by each push (the server's state of what it touched),
read by every kiosk from its cursor."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.orm import Session

from kiosk.server.models import Change
from kiosk.server.schemas import (
    PAYLOADS,
    CertificationPayload,
    HoursExceptionPayload,
    MachinePayload,
    MemberPayload,
    Payload,
)
from kiosk.server.sites import Sender
from kiosk.server.snapshots import TABLES, table_of


@dataclass(frozen=True)
class PulledChange:
    seq: int
    kind: str
    payload: dict[str, Any]
    occurred_at: datetime


@dataclass(frozen=True)
class ChangePage:
    changes: list[PulledChange]
    cursor: int
    more: bool


def changes_since(session: Session, sender: Sender, since: int, limit: int) -> ChangePage:
    """Changes after *since* in the sender's site, oldest first: every kiosk's of the
    site, the caller's own included (another site's never: the cursor is a ``seq`` of the
    whole server, so it skips theirs).

    A change holds the server's state of a thing after a push (kiosk.server.ingest);
    the caller's own come back because that state may not be what it sent (merged with
    another kiosk's change, or older than one), and the last change of a thing is the
    one that counts.
    The newest ``seq`` is read first and bounds the page, so a change committed
    meanwhile is left for the next call rather than skipped.
    """
    top = session.scalar(select(func.max(Change.seq))) or 0
    rows = list(
        session.scalars(
            select(Change)
            .where(
                Change.site_id == sender.site_id,
                Change.seq > since,
                Change.seq <= top,
            )
            .order_by(Change.seq)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].seq if more else max(since, top)
    pulled = [PulledChange(r.seq, r.kind, json.loads(r.payload), r.occurred_at) for r in rows]
    return ChangePage(pulled, cursor, more)


@dataclass(frozen=True)
class Touched:
    """A shared thing a push touched: did it change it, and what the kiosk sent of it."""

    kind: str
    key: str
    changed: bool
    sent: list[dict[str, Any]]


def append_states(
    session: Session, sender: Sender, touched: Sequence[Touched], now: datetime
) -> None:
    """One ``change`` row per thing in *touched* (in that order), holding its state on
    the server now (members merged by field): when the push changed it, and also when
    what the kiosk sent is not what the server keeps (a stale snapshot, a member merged
    with another kiosk's change), so that the kiosk that sent it learns the server's
    state too. Every kiosk pulls every change, its own included: once it has read the
    log to its end, it holds what the server holds (docs/sync-api.md).
    """
    if not touched:
        return
    current = _current_payloads(session, sender.site_id, [(t.kind, t.key) for t in touched])
    rows = []
    for thing in touched:
        found = current.get((thing.kind, thing.key))
        if found is None:  # not stored (a certification of an erased member)
            continue
        payload, occurred_at = found
        if not thing.changed and all(sent == payload for sent in thing.sent):
            continue
        rows.append(
            {
                "site_id": sender.site_id,
                "kind": thing.kind,
                "entity_key": thing.key,
                "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                "occurred_at": occurred_at,
                "origin_kiosk_id": sender.kiosk_id,
                "created_at": now,
            }
        )
    if rows:
        session.connection().execute(insert(table_of(Change)), rows)


def as_change_payload(snapshot: Payload) -> dict[str, Any]:
    """A snapshot as a change's payload holds it (a member without ``changed``)."""
    return snapshot.model_dump(mode="json", exclude={"changed"})


def entity_key(snapshot: Payload) -> str:
    """The key of a shared thing in the change log."""
    if isinstance(snapshot, CertificationPayload):
        return f"{snapshot.member_id}/{snapshot.tutorial}"
    if isinstance(snapshot, MachinePayload):
        return snapshot.machine_id
    if isinstance(snapshot, MemberPayload | HoursExceptionPayload):
        return snapshot.id
    key = getattr(snapshot, "id", None)  # the workshops' kinds: their uuid
    if isinstance(key, str):
        return key
    raise TypeError(f"{type(snapshot).__name__} is not shared with other kiosks")


def _current_payloads(
    session: Session, site_id: int, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[dict[str, Any], datetime]]:
    """The stored snapshot of each (kind, key), as a change's payload, and its time."""
    found: dict[tuple[str, str], tuple[dict[str, Any], datetime]] = {}
    for kind in sorted({kind for kind, _key in keys}):
        wanted = [key for k, key in keys if k == kind]
        table = TABLES[kind].table
        if kind == "certification":
            pairs = [tuple(key.split("/", 1)) for key in wanted]
            where = tuple_(table.c.member_id, table.c.tutorial).in_(pairs)
        else:
            column = table.c.machine_id if kind == "machine" else table.c.id
            where = column.in_(wanted)
        schema = PAYLOADS[kind]
        query = select(table).where(table.c.site_id == site_id, where)
        for row in session.execute(query).mappings():
            values = dict(row)
            if kind == "workshop":  # stored as JSON text
                values["tutorials"] = json.loads(values["tutorials"] or "[]")
            snapshot = schema.model_validate(values)
            found[(kind, entity_key(snapshot))] = (as_change_payload(snapshot), row["occurred_at"])
    return found
