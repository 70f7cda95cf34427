"""Applying pushed events: each once, late ones placed by their own time, bad ones alone.

Plain functions over a :class:`~sqlalchemy.orm.Session` (the route owns the transaction),
a whole batch at a time: every event is checked first (pure Python), so a malformed one
is rejected alone; the ids already applied are read in one query; then the request
claims the others by inserting their ``applied_event`` rows with ``ON CONFLICT DO
NOTHING`` -- an id another request has just claimed waits for that request (PostgreSQL)
and is skipped once it commits, and is reported ``duplicate``. The snapshots of what the
claimed events touch are then kept or not, in bulk (:mod:`kiosk.server.snapshots`;
members merged field by field, :mod:`kiosk.server.merge`), and the server's state of
every shared thing touched is appended to the ``change`` log (:mod:`kiosk.server.changelog`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from kiosk.plausible import Implausible, bounded, check_moment
from kiosk.reports.tally import lock_for_visit_writes, mark_dirty, utc_day
from kiosk.server.changelog import Touched, append_states, as_change_payload, entity_key
from kiosk.server.db import insert_new_rows, serialize_changes
from kiosk.server.erasure import erased_members, forget_members
from kiosk.server.merge import merge_members
from kiosk.server.models import (
    TALLY,
    AppliedEvent,
    EventStatus,
)
from kiosk.server.schemas import (
    PAYLOADS,
    Payload,
    VisitPayload,
)
from kiosk.server.sites import Sender, SiteError, home_site_of, network_visitor_key
from kiosk.server.snapshots import (
    TABLES,
    WORKSHOP_KINDS,
    Outcome,
    Snapshot,
    keep_newest,
    table_of,
)
from kiosk.server.workshops.ingest import keep_workshop_snapshots

log = logging.getLogger(__name__)
# what the database says of a value it cannot store (not of itself being unwell), and
# what our own code raises on a value it did not foresee: tied to one event, so that
# event is rejected alone. A database that does not answer (OperationalError) is not
# here: the whole request fails and the kiosk sends the batch again later.
FAULTS_OF_ONE_EVENT = (DataError, IntegrityError, ValueError, TypeError, LookupError)
Status = Literal["applied", "duplicate", "rejected"]
APPLIED: Status = "applied"
DUPLICATE: Status = "duplicate"
REJECTED: Status = "rejected"
SHARED_KINDS = frozenset({"member", "certification", "machine", "hours_exception"}) | WORKSHOP_KINDS


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


def check_event(event: IncomingEvent, now: datetime) -> _Checked:
    """The event's id, time and payload parsed, or :class:`Rejected` with the reason.

    Every date must be plausible at *now*, the server's clock (:mod:`kiosk.plausible`);
    ``occurred_at`` is bounded by it: a kiosk whose clock runs ahead does not stamp its
    changes in a future where they would win over every real change until then.
    """
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
        if occurred_at < now:  # later ones are bounded below, however far (2099, 9999)
            check_moment("occurred_at", occurred_at, now)
    except Implausible as exc:
        raise Rejected(str(exc)) from None
    try:
        snapshot = schema.model_validate(event.payload, context={"now": now})
    except ValidationError as exc:
        raise Rejected(f"{event.kind} payload: {_errors(exc)}") from None
    return _Checked(event_id, event.kind, bounded(occurred_at, now), snapshot)


def _errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def apply_events(
    session: Session, sender: Sender, events: Sequence[IncomingEvent], now: datetime
) -> list[EventResult]:
    """Apply a batch pushed by *sender* (a kiosk, in its site); one result per event, in
    order. Everything it reads and writes is in the sender's site.

    The batch is applied in a savepoint. When some event of it cannot be stored (a value
    the database refuses, or one our code did not foresee: :data:`FAULTS_OF_ONE_EVENT`),
    the batch is applied again one event at a time, each in its own savepoint, and that
    event alone is ``rejected``: one bad event never holds back the kiosk's others for
    ever. A database that does not answer is still an error of the whole request (the
    kiosk retries).
    """
    try:
        with session.begin_nested():
            return _apply_batch(session, sender, events, now)
    except FAULTS_OF_ONE_EVENT as exc:
        log.warning("a batch of %d events was refused (%s): one at a time", len(events), exc)
    results = []
    for event in events:
        try:
            with session.begin_nested():
                results += _apply_batch(session, sender, [event], now)
        except FAULTS_OF_ONE_EVENT as exc:
            log.exception("event %s (%s) could not be stored: %s", event.id, event.kind, exc)
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
            results.append(
                EventResult(event.id, REJECTED, f"the server could not store it: {reason}")
            )
    return results


def _apply_batch(
    session: Session, sender: Sender, events: Sequence[IncomingEvent], now: datetime
) -> list[EventResult]:
    results: dict[int, EventResult] = {}
    fresh = _fresh(session, sender, events, results, now)
    homes = _network_visitors(session, sender, fresh, results)
    if any(item.kind in SHARED_KINDS for item in fresh.values()):
        serialize_changes(session)  # before any insert: waits never form a cycle with it
    claimed = _claim(session, sender, list(fresh.values()), now)
    mine = {index: item for index, item in fresh.items() if item.event_id in claimed}
    for index in fresh.keys() - mine.keys():
        results[index] = EventResult(events[index].id, DUPLICATE)  # another request's
    outcomes = _keep_snapshots(session, sender, mine, homes)
    _record_outcomes(session, sender, mine, outcomes)
    _append_changes(session, sender, mine, outcomes, now)
    for index, outcome in outcomes.items():
        results[index] = _result(events[index].id, mine[index], outcome)
    return [results[index] for index in range(len(events))]


def _fresh(
    session: Session,
    sender: Sender,
    events: Sequence[IncomingEvent],
    results: dict[int, EventResult],
    now: datetime,
) -> dict[int, _Checked]:
    """The well-formed events not applied before, by index; results for the others.

    The ids already applied are read in one query; an id given twice in one batch is
    applied once (the first time).
    """
    checked: dict[int, _Checked] = {}
    for index, event in enumerate(events):
        try:
            checked[index] = check_event(event, now)
        except Rejected as exc:
            results[index] = EventResult(event.id, REJECTED, str(exc))
    ids = {item.event_id for item in checked.values()}
    seen = set(
        session.scalars(
            select(AppliedEvent.event_id).where(
                AppliedEvent.site_id == sender.site_id, AppliedEvent.event_id.in_(ids)
            )
        )
    )
    fresh: dict[int, _Checked] = {}
    for index, item in checked.items():
        if item.event_id in seen:
            results[index] = EventResult(events[index].id, DUPLICATE)
        else:
            seen.add(item.event_id)
            fresh[index] = item
    return fresh


@dataclass(frozen=True)
class _Home:
    """A network visitor's home site, their badge checked; the key their visits count by."""

    site_id: int
    visitor: str


def _network_visitors(
    session: Session, sender: Sender, fresh: dict[int, _Checked], results: dict[int, EventResult]
) -> dict[int, _Home]:
    """The visits of members of other sites, by index, each badge checked with its home
    site's key; a badge that does not check is rejected (never counted) and taken out
    of *fresh*."""
    homes: dict[int, _Home] = {}
    for index, item in list(fresh.items()):
        snapshot = item.snapshot
        if not isinstance(snapshot, VisitPayload) or snapshot.network_badge is None:
            continue
        assert snapshot.home_site is not None  # the schema: both or neither
        try:
            home = home_site_of(session, snapshot.network_badge, snapshot.home_site, sender.site_id)
        except SiteError as exc:
            results[index] = EventResult(item.event_id, REJECTED, str(exc))
            del fresh[index]
            continue
        assert home.badge_key is not None
        homes[index] = _Home(
            home.id,
            network_visitor_key(
                bytes.fromhex(home.badge_key), snapshot.network_badge, snapshot.checked_in_at.year
            ),
        )
    return homes


def _result(given_id: str, item: _Checked, outcome: Outcome) -> EventResult:
    if outcome == "foreign":
        assert isinstance(item.snapshot, VisitPayload)
        return EventResult(
            given_id, REJECTED, f"visit {item.snapshot.id} was recorded by another kiosk"
        )
    return EventResult(given_id, APPLIED)  # stale too: recorded, the newer one kept


def _claim(session: Session, sender: Sender, items: list[_Checked], now: datetime) -> set[str]:
    """Insert the ``applied_event`` rows of *items*; the ids this request really got."""
    rows = [
        {
            "site_id": sender.site_id,
            "event_id": item.event_id,
            "kiosk_id": sender.kiosk_id,
            "kind": item.kind,
            "occurred_at": item.occurred_at,
            "received_at": now,
            "status": EventStatus.APPLIED,
        }
        for item in items
    ]
    table = table_of(AppliedEvent)
    inserted = insert_new_rows(session, table, rows, [table.c.site_id, table.c.event_id])
    return {key[1] for key in inserted}


def _keep_snapshots(
    session: Session, sender: Sender, items: dict[int, _Checked], homes: dict[int, _Home]
) -> dict[int, Outcome]:
    """Each claimed event's outcome, by its index in the batch, kind after kind (visits
    before members, so an erasure in the same batch reaches that batch's visits)."""
    outcomes: dict[int, Outcome] = {}
    for kind in TABLES:
        indexes = [index for index, item in items.items() if item.kind == kind]
        if not indexes:
            continue
        mine = {"site_id": sender.site_id}  # first in the key of every row
        values = {
            index: mine | items[index].snapshot.model_dump(exclude={"changed"}) for index in indexes
        }
        if kind in ("visit", "certification"):
            erased = erased_members(
                session, sender.site_id, {v["member_id"] for v in values.values()}
            )
            for index in indexes:
                if kind == "visit":
                    _visit_values(values[index], erased, homes.get(index))
                elif values[index]["member_id"] in erased:  # queued before the erasure
                    outcomes[index] = "stale"
            indexes = [index for index in indexes if index not in outcomes]
        snapshots = [Snapshot(values[index], items[index].occurred_at) for index in indexes]
        if not snapshots:
            continue
        if kind == "visit":
            lock_for_visit_writes(session)
        if kind == "member":
            changed = [_changed_fields(items[index].snapshot) for index in indexes]
            kept = merge_members(session, sender, snapshots, changed)
        elif kind in WORKSHOP_KINDS:
            changed = [_changed_fields(items[index].snapshot) for index in indexes]
            kept = keep_workshop_snapshots(session, sender, kind, snapshots, changed)
        else:
            kept = keep_newest(session, sender, kind, snapshots)
        outcomes.update(zip(indexes, kept, strict=True))
        if kind == "visit":
            days = {utc_day(s.values["checked_in_at"]) for s in snapshots}
            mark_dirty(session, TALLY, days, sender.site_id)  # the site's tallies
        if kind == "member":
            gone = [
                s.values["id"]
                for s, outcome in zip(snapshots, kept, strict=True)
                if outcome == "kept" and s.values["erased"]
            ]
            forget_members(session, sender.site_id, gone)
    return outcomes


def fallback_visitor(member_id: str) -> str:
    """The visitor key of a visit sent by a kiosk too old to send one (migration 0002
    fills the same into older rows)."""
    return "m" + member_id.replace("-", "")[:31]


def _visit_values(values: dict[str, Any], erased: set[str], home: _Home | None) -> None:
    del values["home_site"], values["network_badge"]  # checked: kept as the home site
    # every visit of a batch names the column: inserted together, rows take the first
    # row's columns, and a home site after a local visit was silently left out
    values["home_site_id"] = None
    if home is not None:
        values["home_site_id"], values["visitor"] = home.site_id, home.visitor
    member_id = values.get("member_id")
    if member_id is not None and not values.get("visitor"):
        values["visitor"] = fallback_visitor(member_id)
    if member_id in erased:  # a visit queued before the member was erased
        values["member_id"] = None


def _record_outcomes(
    session: Session, sender: Sender, items: dict[int, _Checked], outcomes: dict[int, Outcome]
) -> None:
    """Stale events stay remembered as such; rejected ones are forgotten (not applied)."""
    stale = [items[i].event_id for i, outcome in outcomes.items() if outcome == "stale"]
    foreign = [items[i].event_id for i, outcome in outcomes.items() if outcome == "foreign"]
    if stale:
        session.execute(
            update(AppliedEvent)
            .where(AppliedEvent.site_id == sender.site_id, AppliedEvent.event_id.in_(stale))
            .values(status=EventStatus.STALE)
        )
    if foreign:
        session.execute(
            delete(AppliedEvent).where(
                AppliedEvent.site_id == sender.site_id, AppliedEvent.event_id.in_(foreign)
            )
        )


def _append_changes(
    session: Session,
    sender: Sender,
    items: dict[int, _Checked],
    outcomes: dict[int, Outcome],
    now: datetime,
) -> None:
    """The server's state of every shared thing the batch touched, to the change log, in
    the order of the batch's last event about each (:func:`append_states`)."""
    touching: dict[tuple[str, str], list[int]] = {}
    for index in sorted(outcomes):
        item = items[index]
        if item.kind in SHARED_KINDS and outcomes[index] != "foreign":
            touching.setdefault((item.kind, entity_key(item.snapshot)), []).append(index)
    touched = [
        Touched(
            kind,
            key,
            changed=any(outcomes[i] == "kept" for i in indexes),
            sent=[as_change_payload(items[i].snapshot) for i in indexes],
        )
        for (kind, key), indexes in sorted(touching.items(), key=lambda entry: entry[1][-1])
    ]
    append_states(session, sender, touched, now)


def _changed_fields(snapshot: Payload) -> frozenset[str] | None:
    changed: frozenset[str] | None = getattr(snapshot, "changed", None)
    return changed
