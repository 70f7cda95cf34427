"""Pulling what other kiosks and staff changed (``GET /changes``), without outbox events.

Changes are applied with plain ORM writes (not the use cases, which would queue events
and send the change back), page by page, each page in one transaction with the cursor:
a crash re-applies at most that page, and every change is a snapshot, so applying it
twice is the same as once. A change older than an event still waiting here for the same
thing is skipped: the kiosk's newer event will win on the server too.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.members.actions import forget_member
from kiosk.models import (
    Certification,
    HoursException,
    HoursExceptionKey,
    MachineState,
    MachineStatus,
    Member,
    MembershipStatus,
    OutboxEvent,
    SyncState,
    Visit,
    utcnow,
)
from kiosk.plausible import check_day, check_moment
from kiosk.sync.client import SyncClient

log = logging.getLogger(__name__)
PAGE = 500
WORKSHOP_KINDS = frozenset({"workshop", "workshop_session", "enrolment", "attendance"})


def state_row(session: Session) -> SyncState:
    """The one SyncState row (made if missing)."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, cursor=0, failures=0, backfill_pending=False)
        session.add(state)
        session.flush()
    return state


def pulled_time(text: Any) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError(f"time without an offset: {text!r}")
    # stored on the server before it checked dates: 9999-12-31 is not taken. The wide
    # window ("planned") leaves room for this kiosk's own clock being wrong.
    check_moment("a time", moment, utcnow(), planned=True)
    return moment


def pulled_day(text: Any) -> date | None:
    if not text:
        return None
    day = date.fromisoformat(str(text))
    check_day("a date", day, utcnow(), planned=True)
    return day


def _clock(text: Any) -> time | None:
    return time.fromisoformat(str(text)) if text else None


def entity_key(kind: str, payload: dict[str, Any]) -> str:
    if kind == "certification":
        return f"{payload.get('member_id')}/{payload.get('tutorial')}"
    if kind == "machine":
        return str(payload.get("machine_id"))
    return str(payload.get("id"))


def _pending(session: Session) -> dict[tuple[str, str], datetime]:
    """The newest waiting event per shared thing (visits are never pulled)."""
    rows = session.execute(
        select(OutboxEvent.kind, OutboxEvent.payload, OutboxEvent.occurred_at).where(
            OutboxEvent.sent_at.is_(None),
            OutboxEvent.rejected_at.is_(None),
            OutboxEvent.kind != "visit",
        )
    )
    newest: dict[tuple[str, str], datetime] = {}
    for kind, payload, at in rows:
        key = (kind, entity_key(kind, json.loads(payload)))
        if key not in newest or at > newest[key]:
            newest[key] = at
    return newest


def _member(session: Session, p: dict[str, Any]) -> None:
    values = {  # read (and checked) before anything is written
        "short_code": str(p["short_code"]),
        "first_name": p.get("first_name") or "",
        "last_name": p.get("last_name"),
        "email": p.get("email"),
        "age_bracket": p.get("age_bracket"),
        "postcode": p.get("postcode"),
        "status": MembershipStatus(p["status"]),
        "valid_until": pulled_day(p.get("valid_until")),
        "consent_at": pulled_time(p.get("consent_at")),
        "erased": bool(p.get("erased")),
        "staff": bool(p.get("staff")),
    }
    version = int(p.get("badge_version") or 1)
    member = session.get(Member, p["id"])
    if member is None:
        clash = session.scalar(select(Member.id).where(Member.short_code == values["short_code"]))
        if clash is not None:
            log.warning("member %s not pulled: short code already used here", p["id"])
            return
        member = Member(id=p["id"], badge_version=version)
        session.add(member)
    for name, value in values.items():
        setattr(member, name, value)
    created_at = pulled_time(p.get("created_at"))
    if created_at is not None:
        member.created_at = created_at
    # a badge version never goes back: an older badge stays revoked
    member.badge_version = max(member.badge_version or 1, version)
    if member.erased:  # erased on another kiosk or by staff on the server
        session.flush()
        forget_member(session, member)


def _certification(session: Session, p: dict[str, Any]) -> None:
    if session.get(Member, p["member_id"]) is None:
        log.warning("certification of unknown member %s not pulled", p["member_id"])
        return
    cert = session.scalar(
        select(Certification).where(
            Certification.member_id == p["member_id"], Certification.tutorial == p["tutorial"]
        )
    )
    if cert is None:
        cert = Certification(member_id=p["member_id"], tutorial=p["tutorial"])
        session.add(cert)
    cert.theory_at = pulled_time(p.get("theory_at"))
    cert.practical_at = pulled_time(p.get("practical_at"))


def _machine(session: Session, p: dict[str, Any], at: datetime) -> None:
    status = MachineStatus(p["status"])
    state = session.get(MachineState, p["machine_id"])
    if state is None:
        state = MachineState(machine_id=p["machine_id"], status=status)
        session.add(state)
    state.status = status
    state.note = p.get("note")
    state.until = pulled_time(p.get("until"))
    state.since = pulled_time(p.get("since")) or at
    visit_id = p.get("visit_id")
    # another kiosk's visit is not here: the machine is in use all the same
    state.visit_id = visit_id if visit_id and session.get(Visit, visit_id) else None


def _hours_exception(session: Session, p: dict[str, Any]) -> None:
    key = session.scalar(select(HoursExceptionKey).where(HoursExceptionKey.uid == p["id"]))
    exception = session.get(HoursException, key.exception_id) if key else None
    if p.get("removed"):
        if exception is not None:
            session.delete(exception)  # its key goes with it (ON DELETE CASCADE)
        return
    starts_on, ends_on = pulled_day(p["starts_on"]), pulled_day(p["ends_on"])
    if starts_on is None or ends_on is None:
        raise ValueError("an hours exception without its days")
    opens_at, closes_at = _clock(p.get("opens_at")), _clock(p.get("closes_at"))
    if exception is None:
        exception = HoursException(starts_on=starts_on, ends_on=ends_on)
        session.add(exception)
    exception.space = p.get("space")
    exception.starts_on, exception.ends_on = starts_on, ends_on
    exception.opens_at, exception.closes_at = opens_at, closes_at
    exception.comment = p.get("comment") or ""
    if key is None:
        session.flush()
        session.add(HoursExceptionKey(exception_id=exception.id, uid=str(p["id"])))


def apply_change(
    session: Session, change: dict[str, Any], pending: dict[tuple[str, str], datetime]
) -> bool:
    """Apply one change; False when skipped (unknown kind, bad data, or older than ours)."""
    kind, payload = change.get("kind"), change.get("payload")
    if not isinstance(kind, str) or not isinstance(payload, dict):
        return False
    try:
        at = pulled_time(change.get("occurred_at"))
        mine = pending.get((kind, entity_key(kind, payload)))
        if at is None or (mine is not None and mine >= at):
            return False
        if kind == "member":
            _member(session, payload)
        elif kind == "certification":
            _certification(session, payload)
        elif kind == "machine":
            _machine(session, payload, at)
        elif kind == "hours_exception":
            _hours_exception(session, payload)
        elif kind in WORKSHOP_KINDS:
            from kiosk.sync.pulled_workshops import apply_workshop_change  # it imports this

            if not apply_workshop_change(session, kind, payload):
                return False
        else:
            return False
        session.flush()
    except (KeyError, ValueError, TypeError) as exc:
        log.warning("change %s (%s) not applied: %s", change.get("seq"), kind, exc)
        return False
    return True


def pull_changes(sessions: sessionmaker[Session], client: SyncClient, limit: int = PAGE) -> int:
    """Fetch and apply every change since the stored cursor; how many were applied.

    Raises the client's :class:`~kiosk.sync.client.SyncError` when the server fails;
    the pages already applied stay applied (with their cursor).
    """
    applied = 0
    while True:
        with transaction(sessions) as session:
            cursor = state_row(session).cursor
        page = client.changes(cursor, limit)
        changes = page["changes"]
        with transaction(sessions) as session:
            pending = _pending(session)
            for change in changes:
                if isinstance(change, dict) and apply_change(session, change, pending):
                    applied += 1
            state_row(session).cursor = int(page.get("cursor", cursor))
        if not page.get("more") or not changes:
            return applied
