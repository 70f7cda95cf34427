"""Keeping the newest snapshot of each thing, a whole batch at a time.

For one kind, :func:`keep_newest` reads the stored snapshots of every thing the batch
touches in one query (locked ``FOR UPDATE`` on PostgreSQL, in key order, so that two
requests lock the same rows in the same order), decides in memory which events win,
then writes: one UPDATE statement run for all the changed rows, one multi-row INSERT
for the new ones. The events of one thing
are taken in batch order, as if applied one by one: an event whose time is older than
the current snapshot is ``stale``; equal times go to the later-received one.

A thing that did not exist when read may be created meanwhile by another request
(PostgreSQL): the INSERT skips it (``ON CONFLICT DO NOTHING``) and says so, and its
events are decided again against the row that now exists (now locked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Column, Table, bindparam, select, tuple_, update
from sqlalchemy.orm import Session

from kiosk.server.db import insert_new_rows
from kiosk.server.models import (
    Base,
    Certification,
    HoursException,
    MachineState,
    Member,
    Visit,
)
from kiosk.server.sites import Sender
from kiosk.server.workshops.tables import (
    ServerAttendanceEntry,
    ServerEnrolment,
    ServerWorkshop,
    ServerWorkshopSession,
)

Outcome = Literal["kept", "stale", "foreign"]  # foreign: owned by another kiosk, not stored
Key = tuple[Any, ...]
_ATTEMPTS = 3  # a lost race on a brand-new row is decided again against the stored one


@dataclass(frozen=True)
class SnapshotTable:
    table: Table
    kiosk_column: str  # who sent it: the token's kiosk
    owned: bool  # True: only the kiosk that created the row may change it (visits)


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


TABLES: dict[str, SnapshotTable] = {
    # keys: ``site_id`` first (kiosk.server.models), in every snapshot's values
    "visit": SnapshotTable(table_of(Visit), "kiosk_id", owned=True),
    "member": SnapshotTable(table_of(Member), "origin_kiosk_id", owned=False),
    "certification": SnapshotTable(table_of(Certification), "origin_kiosk_id", owned=False),
    "machine": SnapshotTable(table_of(MachineState), "origin_kiosk_id", owned=False),
    "hours_exception": SnapshotTable(table_of(HoursException), "origin_kiosk_id", owned=False),
    # merged or appended by kiosk.server.workshops.ingest; in this order (sessions
    # before the entries of one batch, so a purge reaches them)
    "workshop": SnapshotTable(table_of(ServerWorkshop), "origin_kiosk_id", owned=False),
    "workshop_session": SnapshotTable(
        table_of(ServerWorkshopSession), "origin_kiosk_id", owned=False
    ),
    "enrolment": SnapshotTable(table_of(ServerEnrolment), "origin_kiosk_id", owned=False),
    "attendance": SnapshotTable(table_of(ServerAttendanceEntry), "origin_kiosk_id", owned=False),
}
WORKSHOP_KINDS = frozenset({"workshop", "workshop_session", "enrolment", "attendance"})


@dataclass(frozen=True)
class Snapshot:
    """One event's snapshot as column values (without ``occurred_at`` or the kiosk)."""

    values: dict[str, Any]
    occurred_at: datetime


@dataclass(frozen=True)
class _Stored:
    occurred_at: datetime
    kiosk_id: int | None


def keep_newest(
    session: Session, sender: Sender, kind: str, snapshots: Sequence[Snapshot]
) -> list[Outcome]:
    """Store the newest of *snapshots* (all of *kind*, in batch order) per thing.

    The snapshots' values hold their ``site_id``, the sender's: the key of every row
    begins with it, so another site's rows are neither read nor written.

    One outcome per snapshot, in order: ``kept`` (it became the current snapshot, if
    only until a later one of the same batch), ``stale`` (a newer one was already
    there) or ``foreign`` (a visit recorded by another kiosk: nothing stored).
    """
    spec = TABLES[kind]
    key_columns = list(spec.table.primary_key.columns)
    by_key: dict[Key, list[int]] = {}
    for index, snapshot in enumerate(snapshots):
        key = tuple(snapshot.values[column.name] for column in key_columns)
        by_key.setdefault(key, []).append(index)
    outcomes: list[Outcome] = ["stale"] * len(snapshots)
    pending = sorted(by_key)
    for _attempt in range(_ATTEMPTS):
        stored = _lock_stored(session, spec, key_columns, pending)
        changed: list[dict[str, Any]] = []
        created: dict[Key, dict[str, Any]] = {}
        for key in pending:
            indexes = by_key[key]
            winner = _decide(
                indexes, snapshots, stored.get(key), sender.kiosk_id, spec.owned, outcomes
            )
            if winner is None:
                continue
            row = _row(spec, sender.kiosk_id, snapshots[winner])
            if key in stored:
                changed.append(row)
            else:
                created[key] = row
        update_rows(session, spec.table, key_columns, changed)
        inserted = insert_new_rows(session, spec.table, list(created.values()), key_columns)
        pending = [key for key in created if key not in inserted]
        if not pending:
            return outcomes
    raise RuntimeError(f"{kind}: lost the race to create {pending[0]} {_ATTEMPTS} times")


def _lock_stored(
    session: Session, spec: SnapshotTable, key_columns: list[Column[Any]], keys: list[Key]
) -> dict[Key, _Stored]:
    """The stored time (and kiosk) of each of *keys* that exists, its row locked."""
    if not keys:
        return {}
    table = spec.table
    where = (
        key_columns[0].in_([key[0] for key in keys])
        if len(key_columns) == 1
        else tuple_(*key_columns).in_(keys)
    )
    query = (
        select(*key_columns, table.c.occurred_at, table.c[spec.kiosk_column])
        .where(where)
        .order_by(*key_columns)
        .with_for_update()  # nothing on SQLite: its write lock is already held
    )
    width = len(key_columns)
    return {
        tuple(row[:width]): _Stored(row[width], row[width + 1]) for row in session.execute(query)
    }


def _decide(
    indexes: list[int],
    snapshots: Sequence[Snapshot],
    stored: _Stored | None,
    kiosk_id: int,
    owned: bool,
    outcomes: list[Outcome],
) -> int | None:
    """Fill the outcomes of one thing's snapshots; the index of the one to write, if any."""
    current = stored.occurred_at if stored is not None else None
    foreign = owned and stored is not None and stored.kiosk_id != kiosk_id
    winner = None
    for index in indexes:
        occurred_at = snapshots[index].occurred_at
        if foreign:
            outcomes[index] = "foreign"
        elif current is not None and occurred_at < current:
            outcomes[index] = "stale"
        else:
            outcomes[index] = "kept"
            current, winner = occurred_at, index
    return winner


def _row(spec: SnapshotTable, kiosk_id: int, snapshot: Snapshot) -> dict[str, Any]:
    # the token's kiosk, whatever the payload says
    return snapshot.values | {"occurred_at": snapshot.occurred_at, spec.kiosk_column: kiosk_id}


def update_rows(
    session: Session,
    table: Table,
    key_columns: list[Column[Any]],
    rows: list[dict[str, Any]],
) -> None:
    """Overwrite the (locked) stored rows with *rows*: one statement, run for many."""
    if not rows:
        return
    keys = {column.name for column in key_columns}
    names = [name for name in rows[0] if name not in keys]
    # the columns to set are the other names in the parameters
    statement = update(table).where(
        *[column == bindparam(f"key_{column.name}") for column in key_columns]
    )
    params = [
        {name: row[name] for name in names}
        | {f"key_{column.name}": row[column.name] for column in key_columns}
        for row in rows
    ]
    session.connection().execute(statement, params)
