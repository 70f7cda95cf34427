"""Applying the workshops' pushed events (called by kiosk.server.ingest).

``workshop``, ``workshop_session`` and ``enrolment`` merge field by field like members
(kiosk.server.merge): staff at kiosk A closing a session while kiosk B, not synced
since, cancels it, both hold. Times do not decide everything: a session once
cancelled, closed or purged of its signatures stays so, and of two closings the first
(the earlier ``closed_at``) keeps its seal, as on a kiosk.

``attendance`` entries are appended once and never changed (a second copy of an entry
is ``stale``); only their strokes are deleted: when the session's signatures are
purged, when the trainee is erased, and in the change log the kiosks pull from.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.server.db import insert_new_rows
from kiosk.server.merge import MemberState, MergeSpec, merge_rows
from kiosk.server.models import Change, Member
from kiosk.server.schemas import ENROLMENT_FIELDS, SESSION_FIELDS, WORKSHOP_FIELDS
from kiosk.server.sites import Sender
from kiosk.server.snapshots import Outcome, Snapshot, table_of
from kiosk.server.workshops.tables import (
    ServerAttendanceEntry,
    ServerEnrolment,
    ServerWorkshop,
    ServerWorkshopSession,
)

ENTRIES = table_of(ServerAttendanceEntry)
CLOSING = ("closed_at", "closed_by", "seal")
FOR_GOOD = ("cancelled_at", "signatures_purged_at")


def _by_field(fields: tuple[str, ...]) -> Any:
    def merge(
        state: MemberState | None, snapshot: Snapshot, changed: frozenset[str] | None
    ) -> MemberState:
        at, sent = snapshot.occurred_at, snapshot.values
        if state is None:
            return MemberState({n: sent[n] for n in fields}, dict.fromkeys(fields, at))
        values, stamps = dict(state.values), dict(state.stamps)
        for name in sorted(changed if changed is not None else fields):
            if at >= stamps[name]:
                values[name], stamps[name] = sent[name], at
        return (
            _session_rules(state, values, stamps)
            if "seal" in fields
            else MemberState(values, stamps)
        )

    return merge


def _session_rules(
    before: MemberState, values: dict[str, Any], stamps: dict[str, Any]
) -> MemberState:
    old = before.values
    for name in FOR_GOOD:
        if old[name] is not None and values[name] is None:
            values[name], stamps[name] = old[name], before.stamps[name]
    if old["closed_at"] is not None and (
        values["closed_at"] is None or values["closed_at"] > old["closed_at"]
    ):
        for name in CLOSING:  # the first closing keeps its seal
            values[name], stamps[name] = old[name], before.stamps[name]
    return MemberState(values, stamps)


SPECS = {
    "workshop": MergeSpec(table_of(ServerWorkshop), WORKSHOP_FIELDS, _by_field(WORKSHOP_FIELDS)),
    "workshop_session": MergeSpec(
        table_of(ServerWorkshopSession), SESSION_FIELDS, _by_field(SESSION_FIELDS)
    ),
    "enrolment": MergeSpec(
        table_of(ServerEnrolment), ENROLMENT_FIELDS, _by_field(ENROLMENT_FIELDS)
    ),
}


def keep_workshop_snapshots(
    session: Session,
    sender: Sender,
    kind: str,
    snapshots: Sequence[Snapshot],
    changed: Sequence[frozenset[str] | None],
) -> list[Outcome]:
    if kind == "attendance":
        return append_entries(session, sender, snapshots)
    for snapshot in snapshots:
        if kind == "workshop":
            snapshot.values["tutorials"] = json.dumps(snapshot.values["tutorials"])
    outcomes = merge_rows(session, sender, SPECS[kind], snapshots, changed)
    if kind == "workshop_session":
        purged = [
            s.values["id"]
            for s, outcome in zip(snapshots, outcomes, strict=True)
            if outcome == "kept" and s.values["signatures_purged_at"] is not None
        ]
        if purged:
            forget_strokes(session, sender.site_id, ENTRIES.c.session_id.in_(purged))
    return outcomes


def append_entries(
    session: Session, sender: Sender, snapshots: Sequence[Snapshot]
) -> list[Outcome]:
    """Each entry once (a copy of one already here is ``stale``); without its strokes
    when they are no longer kept here (the session purged, the trainee erased)."""
    sessions = {s.values["session_id"] for s in snapshots}
    members = {s.values["member_id"] for s in snapshots if s.values["member_id"]}
    purged = set(
        session.scalars(
            select(ServerWorkshopSession.id).where(
                ServerWorkshopSession.site_id == sender.site_id,
                ServerWorkshopSession.id.in_(sessions),
                ServerWorkshopSession.signatures_purged_at.is_not(None),
            )
        )
    )
    erased = set(
        session.scalars(
            select(Member.id).where(
                Member.site_id == sender.site_id, Member.id.in_(members), Member.erased
            )
        )
    )
    rows: dict[str, dict[str, Any]] = {}
    for s in snapshots:
        row = s.values | {"occurred_at": s.occurred_at, "origin_kiosk_id": sender.kiosk_id}
        if row["session_id"] in purged or row["member_id"] in erased:
            row["strokes"] = None
        rows.setdefault(row["id"], row)
    keys = [ENTRIES.c.site_id, ENTRIES.c.id]
    inserted = {key[1] for key in insert_new_rows(session, ENTRIES, list(rows.values()), keys)}
    outcomes: list[Outcome] = []
    for s in snapshots:
        first = s.values["id"] in inserted
        inserted.discard(s.values["id"])  # a second copy in the same batch is stale
        outcomes.append("kept" if first else "stale")
    return outcomes


def forget_strokes(session: Session, site_id: int, where: Any) -> None:
    """Delete the strokes of the entries of *site_id* that *where* says, here and in the
    change log (the SHA-256 stays: the sheets' seals still verify)."""
    mine = ENTRIES.c.site_id == site_id
    ids = list(
        session.scalars(select(ENTRIES.c.id).where(mine, where, ENTRIES.c.strokes.is_not(None)))
    )
    if not ids:
        return
    session.execute(update(ENTRIES).where(mine, ENTRIES.c.id.in_(ids)).values(strokes=None))
    strip_logged_strokes(session, site_id, ids)


def strip_logged_strokes(session: Session, site_id: int, entry_ids: Collection[str]) -> None:
    table = table_of(Change)
    for start in range(0, len(entry_ids), 500):
        chunk = list(entry_ids)[start : start + 500]
        rows = session.execute(
            select(table.c.seq, table.c.payload).where(
                table.c.site_id == site_id,
                table.c.kind == "attendance",
                table.c.entity_key.in_(chunk),
            )
        ).all()
        for seq, text in rows:
            payload = json.loads(text)
            if payload.get("strokes") is None:
                continue
            payload["strokes"] = None
            session.execute(
                update(table)
                .where(table.c.seq == seq)
                .values(payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
            )


def forget_trainees(session: Session, site_id: int, member_ids: list[str]) -> None:
    """Erased members keep their rows on the sheets (marks and times), not their strokes."""
    if member_ids:
        forget_strokes(session, site_id, ENTRIES.c.member_id.in_(member_ids))
