"""The machine catalogue and each machine's live status (the machine board).

The catalogue (name, kind, space, photo, required tutorial) is ``[[machines]]`` in
config.toml; the live status is a :class:`~kiosk.models.MachineState` row per machine,
and a machine without a row is available. Staff set a status with a reason; a member who
checks in may tap the machines they will use, which are then in use by that visit until
its check-out (see :func:`release_for_visit`, called by kiosk.checkin) or until staff
free them.

What a screen shows is the *effective* status: a reservation whose end has passed, or a
machine held by a visit that has been closed, reads as available without anyone having
to write that down.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import MachineEntry, Settings
from kiosk.models import Certification, MachineState, MachineStatus, Visit
from kiosk.outbox import machine_payload, record

MAX_NOTE = 200  # MachineState.note is String(200)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
NEEDS_NOTE = (MachineStatus.OUT_OF_ORDER, MachineStatus.MAINTENANCE)


@dataclass(frozen=True)
class MachineView:
    """One machine as the board shows it: catalogue entry plus effective status."""

    id: str
    name: str
    kind: str
    space: str
    tutorial: str | None
    photo: str | None
    status: MachineStatus
    note: str | None = None  # why it is out of order / in maintenance, who reserved it
    until: datetime | None = None  # end of a reservation
    since: datetime | None = None  # when the status last changed (None: never set)
    visit_id: str | None = None  # the visit using it (in use)


@dataclass(frozen=True)
class UseCheck:
    """What happened to one machine tapped at check-in.

    ``refused`` is the status that kept it from being marked in use (the screen says it
    in words, with ``note`` / ``until``); ``missing_tutorial`` is the tutorial the member
    should take, said kindly: the machine is marked in use all the same.
    """

    machine_id: str
    name: str
    missing_tutorial: str | None
    refused: MachineStatus | None
    note: str | None = None
    until: datetime | None = None

    @property
    def marked_in_use(self) -> bool:
        return self.refused is None


def _entry(settings: Settings, machine_id: str) -> MachineEntry:
    for machine in settings.machines:
        if machine.id == machine_id:
            return machine
    known = ", ".join(m.id for m in settings.machines) or "none in config.toml"
    raise ValueError(f"unknown machine {machine_id!r} (machines: {known})")


def _view(
    machine: MachineEntry,
    state: MachineState | None,
    visit_closed_at: datetime | None,
    now: datetime,
) -> MachineView:
    available = MachineView(
        machine.id,
        machine.name,
        machine.kind,
        machine.space,
        machine.tutorial,
        machine.photo,
        MachineStatus.AVAILABLE,
    )
    if state is None:
        return available
    if state.status is MachineStatus.RESERVED and state.until is not None and state.until <= now:
        return replace(available, since=state.until)
    if state.status is MachineStatus.IN_USE and visit_closed_at is not None:
        # The visit was closed without releasing it (should not happen: belt and braces).
        return replace(available, since=visit_closed_at)
    return replace(
        available,
        status=state.status,
        note=state.note,
        until=state.until,
        since=state.since,
        visit_id=state.visit_id,
    )


def _states(
    session: Session, machine_ids: list[str] | None = None
) -> dict[str, tuple[MachineState, datetime | None]]:
    """Machine states with the check-out time of the visit holding each (one query)."""
    query = select(MachineState, Visit.checked_out_at).outerjoin(
        Visit, MachineState.visit_id == Visit.id
    )
    if machine_ids is not None:
        query = query.where(MachineState.machine_id.in_(machine_ids))
    return {state.machine_id: (state, closed) for state, closed in session.execute(query)}


def board(session: Session, settings: Settings, now: datetime) -> list[MachineView]:
    """Every machine of the catalogue, in catalogue order, with its effective status."""
    states = _states(session)
    views = []
    for machine in settings.machines:
        state, closed = states.get(machine.id, (None, None))
        views.append(_view(machine, state, closed, now))
    return views


def machine_view(
    session: Session, settings: Settings, machine_id: str, *, now: datetime
) -> MachineView:
    machine = _entry(settings, machine_id)
    state, closed = _states(session, [machine_id]).get(machine_id, (None, None))
    return _view(machine, state, closed, now)


def set_status(
    session: Session,
    settings: Settings,
    machine_id: str,
    status: MachineStatus,
    *,
    now: datetime,
    note: str | None = None,
    until: datetime | None = None,
) -> MachineView:
    """Staff set a machine's status (ValueError says what is wrong, nothing is changed).

    Out of order and maintenance need a reason (``note``); reserved needs an ``until``
    in the future, and only reserved takes one. Available clears the note, the end of a
    reservation and the visit. ``since`` moves only when the status actually changes
    (editing the reason of a broken machine does not restart its clock).
    """
    machine = _entry(settings, machine_id)
    status = MachineStatus(status)
    note = note.strip() if note and note.strip() else None
    if note is not None and len(note) > MAX_NOTE:
        raise ValueError(f"the note is {len(note)} characters; at most {MAX_NOTE}")
    if until is not None and until.tzinfo is None:
        raise ValueError("until must carry a time zone")
    if status is MachineStatus.RESERVED:
        if until is None or until <= now:
            raise ValueError(f"{machine.id}: a reservation needs an end time in the future")
    elif until is not None:
        raise ValueError(f"{machine.id}: only a reservation has an end time (until)")
    if status in NEEDS_NOTE and note is None:
        state_words = "out of order" if status is MachineStatus.OUT_OF_ORDER else "in maintenance"
        raise ValueError(f"{machine.id}: say why it is {state_words} (a note, the reason)")

    before = machine_view(session, settings, machine_id, now=now)
    state = session.get(MachineState, machine_id)
    if state is None:
        state = MachineState(machine_id=machine_id, status=status, since=now)
        session.add(state)
    if before.status is not status:
        state.since = now
    state.status = status
    state.visit_id = None
    state.note = None if status is MachineStatus.AVAILABLE else note
    state.until = until
    session.flush()
    record(session, "machine", machine_payload(state), now)
    return _view(machine, state, None, now)


def free(session: Session, settings: Settings, machine_id: str, *, now: datetime) -> MachineView:
    """Staff free a machine: back to available, whoever held it."""
    return set_status(session, settings, machine_id, MachineStatus.AVAILABLE, now=now)


def certified_tutorials(session: Session, member_id: str | None) -> set[str]:
    """Tutorials whose theory the member has passed.

    Only the theory counts here: the practical part confirmed by staff is shown by the
    tutorial screens but does not block a check-in (the machine is marked in use and the
    member is only told what to take).
    """
    if member_id is None:
        return set()
    return set(
        session.scalars(
            select(Certification.tutorial).where(
                Certification.member_id == member_id, Certification.theory_at.is_not(None)
            )
        )
    )


def missing_tutorial(session: Session, member_id: str | None, machine: MachineEntry) -> str | None:
    """The tutorial *machine* needs that the member has not taken (theory), or None."""
    if machine.tutorial is None or machine.tutorial in certified_tutorials(session, member_id):
        return None
    return machine.tutorial


def start_using(
    session: Session,
    settings: Settings,
    *,
    visit_id: str,
    member_id: str,
    machine_ids: list[str],
    now: datetime,
) -> list[UseCheck]:
    """Mark the machines a member tapped at check-in as in use by their visit.

    A machine out of order, in maintenance, reserved or in use by another visit is
    refused with that status and left as it is. A machine whose tutorial the member
    lacks is marked in use anyway (the check-in happens; the screen tells them kindly
    which tutorial to take). Tapping a machine this visit already holds is harmless.
    Raises ValueError for an unknown machine or a visit that is closed or not theirs,
    LookupError for an unknown visit; nothing is changed then.
    """
    machines = [_entry(settings, mid) for mid in dict.fromkeys(machine_ids)]
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise LookupError(f"no visit {visit_id}")
    if visit.member_id != member_id:
        raise ValueError(f"visit {visit_id} is not this member's")
    if visit.checked_out_at is not None:
        raise ValueError(f"visit {visit_id} is closed: machines are taken during a visit")
    states = _states(session, [m.id for m in machines])
    certified = certified_tutorials(session, member_id)
    checks = []
    for machine in machines:
        state, closed = states.get(machine.id, (None, None))
        view = _view(machine, state, closed, now)
        lacking = machine.tutorial if machine.tutorial not in certified else None
        if view.status is MachineStatus.IN_USE and view.visit_id == visit_id:
            checks.append(UseCheck(machine.id, machine.name, lacking, None))
            continue
        if view.status is not MachineStatus.AVAILABLE:
            checks.append(
                UseCheck(machine.id, machine.name, lacking, view.status, view.note, view.until)
            )
            continue
        if state is None:
            state = MachineState(machine_id=machine.id, status=MachineStatus.IN_USE, since=now)
            session.add(state)
        state.status = MachineStatus.IN_USE
        state.since = now
        state.visit_id = visit_id
        state.note = None
        state.until = None
        record(session, "machine", machine_payload(state), now)
        checks.append(UseCheck(machine.id, machine.name, lacking, None))
    session.flush()
    return checks


def release_for_visit(session: Session, visit_id: str, *, now: datetime) -> int:
    """Machines held by the visit back to available (its check-out); how many."""
    states = session.scalars(select(MachineState).where(MachineState.visit_id == visit_id))
    released = 0
    for state in states:
        state.status = MachineStatus.AVAILABLE
        state.visit_id = None
        state.note = None
        state.until = None
        state.since = now
        record(session, "machine", machine_payload(state), now)
        released += 1
    return released


def photo_path(data_dir: Path, photo: str | None) -> Path | None:
    """The file of a machine's photo: in the data directory, else in resources/."""
    if not photo:
        return None
    for base in (data_dir, RESOURCES):
        candidate = base / photo
        if candidate.is_file():
            return candidate
    return None


def machine_json(view: MachineView, tz: ZoneInfo) -> dict[str, Any]:
    """The stable JSON shape of ``fablab-kiosk machines --json``; times ISO 8601 with offset."""
    return {
        "id": view.id,
        "name": view.name,
        "kind": view.kind,
        "space": view.space,
        "tutorial": view.tutorial,
        "photo": view.photo,
        "status": view.status.value,
        "note": view.note,
        "until": view.until.astimezone(tz).isoformat() if view.until else None,
        "since": view.since.astimezone(tz).isoformat() if view.since else None,
    }
