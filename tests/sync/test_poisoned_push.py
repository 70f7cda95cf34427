"""A kiosk whose push keeps failing still pulls (issue 12): the badge revocations made
elsewhere reach it while its own events wait."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.members.actions import reissue_badge
from kiosk.members.registration import NewMember, register_member
from kiosk.models import HoursException, Member
from kiosk.server.accounts import add_kiosk
from kiosk.site import init_site
from kiosk.sync import connect, sync_once, sync_status


def test_a_failing_push_does_not_stop_the_pull(pair, relay, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pair.start()
    with pair.site.transaction() as session:
        ada = register_member(session, NewMember(first_name="Ada"), consent_at=pair.site.now())
        ada_id = ada.id
    assert sync_once(pair.site, force=True).ok
    with Session(pair.engine) as session:
        _kiosk, token = add_kiosk(session, "cowork")
        session.commit()
    cowork = init_site(tmp_path / "cowork", "Fablab")
    connect(cowork, pair.url, token)
    assert sync_once(cowork).ok
    with cowork.transaction() as session:
        reissue_badge(session, ada_id, now=cowork.now())
    assert sync_once(cowork).ok

    pair.backlog(3)
    relay.faults = ["502"] * 5  # every push of the door fails
    report = sync_once(pair.site, force=True)
    assert report.error_kind == "busy" and "502" in (report.error or "")
    assert sync_status(pair.site).waiting == 3
    assert report.pulled >= 1
    with pair.site.sessions() as session:
        door_ada = session.get(Member, ada_id)
        assert door_ada is not None and door_ada.badge_version == 2  # revoked here too


def test_a_change_with_an_absurd_date_is_skipped_and_the_next_applied(pair) -> None:  # type: ignore[no-untyped-def]
    """Changes stored on the server before it checked dates: the kiosk does not take
    9999-12-31 (a membership's end, a closure), and the changes after them still arrive."""
    pair.start()
    ids = [str(uuid.uuid4()) for _ in range(2)]
    with pair.engine.begin() as conn:
        for member_id, until, code in (
            (ids[0], "9999-12-31", "AAAA2222"),
            (ids[1], None, "BBBB3333"),
        ):
            payload = {
                "id": member_id,
                "short_code": code,
                "first_name": "X",
                "status": "active",
                "valid_until": until,
                "badge_version": 1,
                "erased": False,
            }
            conn.execute(
                text(
                    "INSERT INTO change (site_id, kind, entity_key, payload, occurred_at,"
                    " created_at) VALUES (1, 'member', :key, :payload, :at, :at)"
                ),
                {"key": member_id, "payload": json.dumps(payload), "at": datetime.now(UTC)},
            )
        for uid, day in ((str(uuid.uuid4()), "9999-12-31"), (str(uuid.uuid4()), "2026-12-24")):
            closure = {"id": uid, "space": None, "starts_on": day, "ends_on": day}
            conn.execute(
                text(
                    "INSERT INTO change (site_id, kind, entity_key, payload, occurred_at,"
                    " created_at) VALUES (1, 'hours_exception', :key, :payload, :at, :at)"
                ),
                {"key": uid, "payload": json.dumps(closure), "at": datetime.now(UTC)},
            )
    report = sync_once(pair.site, force=True)
    assert report.ok and report.pulled == 2
    with pair.site.sessions() as session:
        assert session.get(Member, ids[0]) is None
        assert session.get(Member, ids[1]) is not None
        days = [e.starts_on.isoformat() for e in session.scalars(select(HoursException))]
        assert days == ["2026-12-24"]
