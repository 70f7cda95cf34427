"""Member snapshots merged field by field: two kiosks that change different fields of
one member (kiosk A validates the membership, kiosk B reissues the badge) both win.

Each member row keeps, beside its values, the time each field was last changed
(``field_stamps``, JSON). A member event names the fields it changed (``changed``;
every field when absent: a registration, or a kiosk older than this); each of them is
taken when the event is not older than that field's stamp (equal times: the later
received). Two rules do not depend on time: a badge version never goes back (a revoked
badge stays revoked, whatever clock the reissuing kiosk had), and an erasure is for
good (the personal fields stay empty whatever arrives after it).

Rows are read and locked as in :mod:`kiosk.server.snapshots` (``FOR UPDATE`` in key
order on PostgreSQL, retried when another request created the same member meanwhile).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kiosk.server.db import insert_new_rows
from kiosk.server.models import Member
from kiosk.server.schemas import MEMBER_FIELDS
from kiosk.server.sites import Sender
from kiosk.server.snapshots import Outcome, Snapshot, table_of, update_rows

TABLE = table_of(Member)
_ATTEMPTS = 3
ERASED = {  # what an erased member keeps of the person: nothing (kiosk.members.actions)
    "first_name": "",
    "last_name": None,
    "email": None,
    "age_bracket": None,
    "postcode": None,
    "consent_at": None,
    "staff": False,
}


@dataclass(frozen=True)
class MemberState:
    """A merged thing (a member, a workshop...): its values and their times."""

    values: dict[str, Any]  # the spec's fields
    stamps: dict[str, datetime]  # when each field last changed


Merge = Callable[["MemberState | None", Snapshot, "frozenset[str] | None"], MemberState]


@dataclass(frozen=True)
class MergeSpec:
    """What is merged field by field: the table (key ``id``, with ``occurred_at``,
    ``field_stamps`` and ``origin_kiosk_id``), its fields, and the rule for one event."""

    table: Table
    fields: tuple[str, ...]
    merge: Merge


def merge_members(
    session: Session,
    sender: Sender,
    snapshots: Sequence[Snapshot],
    changed: Sequence[frozenset[str] | None],
) -> list[Outcome]:
    """Merge *snapshots* (member values by field, in batch order) into the stored rows.

    One outcome per snapshot: ``kept`` when it changed the stored member (a value or a
    field's time), ``stale`` when every field it changed had a newer change already.
    """
    return merge_rows(session, sender, MEMBERS, snapshots, changed)


def merge_rows(
    session: Session,
    sender: Sender,
    spec: MergeSpec,
    snapshots: Sequence[Snapshot],
    changed: Sequence[frozenset[str] | None],
) -> list[Outcome]:
    """:func:`merge_members` for any :class:`MergeSpec` (the workshops' kinds too), in
    the sender's site: the key of every row is (``site_id``, ``id``)."""
    table = spec.table
    keys = [table.c.site_id, table.c.id]
    by_key: dict[str, list[int]] = {}
    for index, snapshot in enumerate(snapshots):
        by_key.setdefault(snapshot.values["id"], []).append(index)
    outcomes: list[Outcome] = ["stale"] * len(snapshots)
    pending = sorted(by_key)
    for _attempt in range(_ATTEMPTS):
        stored = _lock_stored(session, spec, sender.site_id, pending)
        updated: list[dict[str, Any]] = []
        created: dict[tuple[Any, ...], dict[str, Any]] = {}
        for key in pending:
            state = before = stored.get(key)
            for index in by_key[key]:
                after = spec.merge(state, snapshots[index], changed[index])
                outcomes[index] = "stale" if after == state else "kept"
                state = after
            if state is None or state == before:
                continue
            row = _row(key, state, sender)
            if key in stored:
                updated.append(row)
            else:
                created[(sender.site_id, key)] = row
        update_rows(session, table, keys, updated)
        inserted = insert_new_rows(session, table, list(created.values()), keys)
        pending = [key[1] for key in created if key not in inserted]
        if not pending:
            return outcomes
    raise RuntimeError(f"{table.name}: lost the race to create {pending[0]} {_ATTEMPTS} times")


def merge(
    state: MemberState | None, snapshot: Snapshot, changed: frozenset[str] | None
) -> MemberState:
    """The member after *snapshot* (which changed the fields *changed*; None: all)."""
    at, sent = snapshot.occurred_at, snapshot.values
    if state is None:
        values = {name: sent[name] for name in MEMBER_FIELDS}
        stamps = dict.fromkeys(MEMBER_FIELDS, at)
    else:
        values, stamps = dict(state.values), dict(state.stamps)
        for name in sorted(changed if changed is not None else MEMBER_FIELDS):
            if name != "badge_version" and at >= stamps[name]:
                values[name], stamps[name] = sent[name], at
        if sent["badge_version"] > values["badge_version"]:  # never back
            values["badge_version"] = sent["badge_version"]
            stamps["badge_version"] = max(at, stamps["badge_version"])
        if sent["erased"] and not values["erased"]:  # for good, whatever the time
            values["erased"], stamps["erased"] = True, max(at, stamps["erased"])
    if values["erased"]:
        values.update(ERASED)
    return MemberState(values, stamps)


def _lock_stored(
    session: Session, spec: MergeSpec, site_id: int, keys: list[str]
) -> dict[str, MemberState]:
    if not keys:
        return {}
    table = spec.table
    columns = [table.c[name] for name in spec.fields]
    query = (
        select(table.c.id, table.c.occurred_at, table.c.field_stamps, *columns)
        .where(table.c.site_id == site_id, table.c.id.in_(keys))
        .order_by(table.c.id)
        .with_for_update()  # nothing on SQLite: its write lock is already held
    )
    found: dict[str, MemberState] = {}
    for row in session.execute(query):
        stamps = dict.fromkeys(spec.fields, row.occurred_at)  # rows from before stamps
        for name, text in json.loads(row.field_stamps or "{}").items():
            if name in stamps:
                stamps[name] = datetime.fromisoformat(text)
        values = {name: getattr(row, name) for name in spec.fields}
        found[row.id] = MemberState(values, stamps)
    return found


def _row(key: str, state: MemberState, sender: Sender) -> dict[str, Any]:
    stamps = {name: moment.isoformat() for name, moment in state.stamps.items()}
    return state.values | {
        "site_id": sender.site_id,
        "id": key,
        "occurred_at": max(state.stamps.values()),
        "field_stamps": json.dumps(stamps, separators=(",", ":"), sort_keys=True),
        "origin_kiosk_id": sender.kiosk_id,  # the last kiosk that changed it
    }


MEMBERS = MergeSpec(TABLE, MEMBER_FIELDS, merge)
