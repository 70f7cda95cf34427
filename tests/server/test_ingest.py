"""Applying events as plain functions over a session, and the migrations themselves."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.server.accounts import add_kiosk
from kiosk.server.changelog import changes_since
from kiosk.server.db import current_revision, head_revision, migrate, schema_differences
from kiosk.server.ingest import IncomingEvent, apply_events
from kiosk.server.models import Certification, HoursException, MachineState

T0 = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)


def incoming(kind: str, payload: dict[str, Any], at: datetime = T0) -> IncomingEvent:
    return IncomingEvent(str(uuid.uuid4()), kind, at.isoformat(), payload)


def test_migrations_bring_a_fresh_database_to_the_models(migrated_engine: Engine) -> None:
    assert current_revision(migrated_engine) == head_revision(migrated_engine) == "0001"
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
        results = apply_events(session, door.id, events, T0)
        assert [r.status for r in results] == ["applied"] * 6
        cert = session.get(Certification, (member_id, "laser"))
        assert cert is not None and cert.practical_at == later
        machine = session.get(MachineState, "laser")
        assert machine is not None and machine.status == "out_of_order"  # older one lost
        exception = session.get(HoursException, hours_id)
        assert exception is not None and exception.removed and exception.space == "fablab"
        page = changes_since(session, cowork.id, 0, 100)
        # five kept snapshots (the older machine one is not sent): oldest seq first
        assert [c.kind for c in page.changes] == [
            "certification",
            "certification",
            "machine",
            "hours_exception",
            "hours_exception",
        ]
        assert page.changes[-1].payload["opens_at"] == "10:00:00"
        assert changes_since(session, door.id, 0, 100).changes == []
        assert len(session.scalars(select(MachineState)).all()) == 1


def test_the_rate_limit_refills_and_says_how_long_to_wait() -> None:
    from kiosk.server.limits import RateLimiter

    now = [100.0]
    limiter = RateLimiter(per_minute=6, clock=lambda: now[0])  # one token every 10 s
    assert [limiter.take(1) for _ in range(6)] == [0] * 6
    assert limiter.take(1) == 10
    assert limiter.take(2) == 0  # another kiosk has its own bucket
    now[0] += 4.0
    assert limiter.take(1) == 6  # 0.4 of a token back: 6 s more
    now[0] += 6.0
    assert limiter.take(1) == 0
