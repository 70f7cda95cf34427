"""Applying events as plain functions over a session, and the migrations themselves."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from kiosk.db import current_revision, head_revision
from kiosk.server.accounts import add_kiosk
from kiosk.server.changelog import changes_since
from kiosk.server.db import MIGRATIONS, migrate, schema_differences
from kiosk.server.ingest import EventResult, IncomingEvent, apply_events
from kiosk.server.models import AppliedEvent, Certification, HoursException, MachineState, Visit
from kiosk.server.sites import Sender

T0 = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)
RECEIVED = T0 + timedelta(days=1)  # the server's clock: after every event here


def incoming(kind: str, payload: dict[str, Any], at: datetime = T0) -> IncomingEvent:
    return IncomingEvent(str(uuid.uuid4()), kind, at.isoformat(), payload)


def test_migrations_bring_a_fresh_database_to_the_models(migrated_engine: Engine) -> None:
    assert current_revision(migrated_engine) == head_revision(migrated_engine, MIGRATIONS) == "0007"
    assert schema_differences(migrated_engine) == []
    assert migrate(migrated_engine) is False  # already there: nothing to do


def test_every_shared_kind_keeps_its_newest_snapshot(migrated_engine: Engine) -> None:
    hours_id, member_id = str(uuid.uuid4()), str(uuid.uuid4())
    with Session(migrated_engine) as session, session.begin():
        door, _ = add_kiosk(session, "door")
        cowork, _ = add_kiosk(session, "cowork")
        later = T0 + timedelta(hours=1)
        events = [
            incoming(
                "certification",
                {
                    "member_id": member_id,
                    "tutorial": "laser",
                    "theory_at": T0.isoformat(),
                    "practical_at": None,
                },
            ),
            incoming(
                "certification",
                {
                    "member_id": member_id,
                    "tutorial": "laser",
                    "theory_at": T0.isoformat(),
                    "practical_at": later.isoformat(),
                },
                later,
            ),
            incoming(
                "machine",
                {
                    "machine_id": "laser",
                    "status": "out_of_order",
                    "note": "lens",
                    "until": None,
                    "since": later.isoformat(),
                    "visit_id": None,
                },
                later,
            ),
            incoming(
                "machine",
                {
                    "machine_id": "laser",
                    "status": "available",
                    "note": None,
                    "until": None,
                    "since": T0.isoformat(),
                    "visit_id": None,
                },
            ),
            incoming(
                "hours_exception",
                {
                    "id": hours_id,
                    "space": None,
                    "starts_on": "2026-12-24",
                    "ends_on": "2026-12-26",
                    "opens_at": None,
                    "closes_at": None,
                    "comment": "Noël",
                    "removed": False,
                },
            ),
            incoming(
                "hours_exception",
                {
                    "id": hours_id,
                    "space": "fablab",
                    "starts_on": "2026-12-24",
                    "ends_on": "2026-12-24",
                    "opens_at": "10:00",
                    "closes_at": "12:00",
                    "comment": "",
                    "removed": True,
                },
                later,
            ),
        ]
        results = apply_events(session, Sender.of(door), events, RECEIVED)
        assert [r.status for r in results] == ["applied"] * 6
        cert = session.get(Certification, (1, member_id, "laser"))
        assert cert is not None and cert.practical_at == later
        machine = session.get(MachineState, (1, "laser"))
        assert machine is not None and machine.status == "out_of_order"  # older one lost
        exception = session.get(HoursException, (1, hours_id))
        assert exception is not None and exception.removed and exception.space == "fablab"
        page = changes_since(session, Sender.of(cowork), 0, 100)
        # one change per thing the batch touched, with its state after the batch
        assert [c.kind for c in page.changes] == ["certification", "machine", "hours_exception"]
        assert page.changes[0].payload["practical_at"] == later.isoformat().replace("+00:00", "Z")
        assert page.changes[1].payload["status"] == "out_of_order"
        assert page.changes[-1].payload["opens_at"] == "10:00:00"
        assert changes_since(session, Sender.of(door), 0, 100).changes == page.changes  # door too
        assert len(session.scalars(select(MachineState)).all()) == 1


def visit(visit_id: str, at: datetime = T0, **changes: Any) -> dict[str, Any]:
    return {
        "id": visit_id,
        "member_id": None,
        "space": "fablab",
        "purpose": None,
        "checked_in_at": at.isoformat(),
        "checked_out_at": None,
        "method": "guest",
        "head_count": 1,
        "auto_closed": False,
    } | changes


def kiosks(engine: Engine, *names: str) -> list[Sender]:
    with Session(engine) as session, session.begin():
        return [Sender.of(add_kiosk(session, name)[0]) for name in names]


def while_held(
    engine: Engine,
    first: Callable[[Session], object],
    second: Callable[[Session], list[EventResult]],
    commit: bool = True,
) -> list[EventResult]:
    """*second* in its own transaction, started while *first*'s is open and ended after.

    On PostgreSQL *second* is let run until it waits on a lock held by *first*; on
    SQLite it waits for the write lock at BEGIN.
    """
    got: list[list[EventResult]] = []

    def run() -> None:
        with Session(engine) as session, session.begin():
            got.append(second(session))

    with Session(engine) as session:
        session.begin()
        first(session)
        other = threading.Thread(target=run)
        other.start()
        _until_waiting(engine)
        if commit:
            session.commit()
        else:
            session.rollback()
    other.join(30)
    assert got, "the second transaction did not finish"
    return got[0]


def _until_waiting(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        time.sleep(0.3)
        return
    deadline = time.monotonic() + 10
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            if conn.execute(query).scalar_one():
                return
        time.sleep(0.02)
    raise AssertionError("the second transaction never waited on the first")


def statuses(results: Sequence[EventResult]) -> list[str]:
    return [r.status for r in results]


@pytest.mark.parametrize("commit", [True, False], ids=["committed", "rolled-back"])
def test_the_same_events_pushed_twice_at_once(migrated_engine: Engine, commit: bool) -> None:
    """The second push waits on the first's ``applied_event`` rows (PostgreSQL: ON
    CONFLICT DO NOTHING), then finds them taken, or free if the first rolled back."""
    (door,) = kiosks(migrated_engine, "door")
    batch = [incoming("visit", visit(str(uuid.uuid4()))) for _ in range(3)]
    first: list[list[EventResult]] = []
    second = while_held(
        migrated_engine,
        lambda session: first.append(apply_events(session, door, batch, RECEIVED)),
        lambda session: apply_events(session, door, batch, RECEIVED),
        commit=commit,
    )
    assert statuses(first[0]) == ["applied"] * 3
    assert statuses(second) == (["duplicate"] * 3 if commit else ["applied"] * 3)
    with Session(migrated_engine) as session:
        assert len(session.scalars(select(Visit.id)).all()) == 3
        assert len(session.scalars(select(AppliedEvent.event_id)).all()) == 3


@pytest.mark.parametrize(
    ("pusher", "later", "status", "kept"),
    [
        ("door", False, "applied", "first"),  # older: recorded as stale
        ("door", True, "applied", "second"),
        ("cowork", True, "rejected", "first"),  # not cowork's visit
    ],
)
def test_a_visit_created_meanwhile_by_another_request(
    migrated_engine: Engine, pusher: str, later: bool, status: str, kept: str
) -> None:
    """Both requests find no row and insert one: the one that waited decides again
    against the row now there (PostgreSQL); a brand-new visit beside it is unaffected."""
    ids = dict(zip(["door", "cowork"], kiosks(migrated_engine, "door", "cowork"), strict=True))
    shared, alone = str(uuid.uuid4()), str(uuid.uuid4())
    first = incoming("visit", visit(shared, purpose="first"), T0 + timedelta(minutes=1))
    at = T0 + timedelta(minutes=2 if later else 0)
    second = [
        incoming("visit", visit(shared, purpose="second"), at),
        incoming("visit", visit(alone)),
    ]
    results = while_held(
        migrated_engine,
        lambda session: apply_events(session, ids["door"], [first], RECEIVED),
        lambda session: apply_events(session, ids[pusher], second, RECEIVED),
    )
    assert statuses(results) == [status, "applied"]
    with Session(migrated_engine) as session:
        row = session.get(Visit, (1, shared))
        assert row is not None and row.purpose == kept and row.kiosk_id == ids["door"].kiosk_id
        assert session.get(Visit, (1, alone)) is not None
        recorded = session.get(AppliedEvent, (1, str(uuid.UUID(second[0].id))))
    if status == "rejected":
        assert recorded is None  # not applied: the kiosk keeps it as rejected
        assert "another kiosk" in (results[0].error or "")
    else:
        assert recorded is not None
        assert recorded.status == ("applied" if later else "stale")
