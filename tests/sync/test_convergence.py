"""Several kiosks changing the same members (issue 12), against the real server on
127.0.0.1 (SQLite and PostgreSQL): once they have all synced, every kiosk holds what the
server holds, and each field of a member holds its latest change, whichever kiosk made
it (members merge field by field: docs/sync-api.md)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.members.actions import reissue_badge, set_staff, validate_membership
from kiosk.members.registration import NewMember, register_member
from kiosk.models import Member
from kiosk.server import models as server_models
from kiosk.server.accounts import add_kiosk
from kiosk.site import Site, init_site
from kiosk.sync import connect, sync_once

from .conftest import Pair

State = dict[str, tuple[str, date | None, int, bool]]


def another_kiosk(pair: Pair, tmp_path: Path, name: str) -> Site:
    with Session(pair.engine) as session:
        _kiosk, token = add_kiosk(session, name)
        session.commit()
    site = init_site(tmp_path / name, "Fablab")
    connect(site, pair.url, token)
    return site


def sync(site: Site) -> None:
    report = sync_once(site, force=True)
    assert report.ok, report.error


def kiosk_state(site: Site) -> State:
    with site.sessions() as session:
        return {
            m.id: (m.status.value, m.valid_until, m.badge_version, bool(m.staff))
            for m in session.scalars(select(Member))
        }


def server_state(pair: Pair) -> State:
    with Session(pair.engine) as session:
        return {
            m.id: (m.status, m.valid_until, m.badge_version, bool(m.staff))
            for m in session.scalars(select(server_models.Member))
        }


def register(site: Site, names: list[str]) -> list[str]:
    with site.transaction() as session:
        return [
            register_member(session, NewMember(first_name=name), consent_at=site.now()).id
            for name in names
        ]


def test_a_validation_and_a_reissue_on_two_kiosks_both_survive(pair: Pair, tmp_path: Path) -> None:
    """Kiosk A validates a paid membership; seconds later kiosk B, not synced since,
    reissues the same member's badge: both changes stay, on the server and both kiosks."""
    pair.start()
    door, cowork = pair.site, another_kiosk(pair, tmp_path, "cowork")
    (ada,) = register(door, ["Ada"])
    sync(door)
    sync(cowork)
    until = door.today() + timedelta(days=365)
    with door.transaction() as session:
        validate_membership(session, ada, valid_until=until, now=door.now())
    with cowork.transaction() as session:
        reissue_badge(session, ada, now=cowork.now())
    for site in (door, cowork, door, cowork):
        sync(site)
    expected = {ada: ("active", until, 2, False)}
    assert server_state(pair) == kiosk_state(door) == kiosk_state(cowork) == expected


def test_five_kiosks_editing_ten_members_converge(pair: Pair, tmp_path: Path) -> None:
    pair.start()
    rng = random.Random(12)
    kiosks = [pair.site] + [another_kiosk(pair, tmp_path, f"k{i}") for i in range(1, 5)]
    ids = register(pair.site, [f"M{i}" for i in range(10)])
    for site in kiosks:
        sync(site)
    latest: dict[tuple[str, str], Any] = {}  # (member, field): the value of its last change
    badge = dict.fromkeys(ids, 1)
    for _step in range(80):
        site, member_id = rng.choice(kiosks), rng.choice(ids)
        action = rng.choice(("validate", "staff", "reissue"))
        with site.transaction() as session:
            if action == "validate":
                until = site.today() + timedelta(days=rng.randint(30, 700))
                validate_membership(session, member_id, valid_until=until, now=site.now())
                latest[(member_id, "valid_until")] = until
                latest[(member_id, "status")] = "active"
            elif action == "staff":
                staff = rng.random() < 0.5
                set_staff(session, member_id, staff, now=site.now())
                latest[(member_id, "staff")] = staff
            else:
                version = reissue_badge(session, member_id, now=site.now()).badge_version
                badge[member_id] = max(badge[member_id], version)
        if rng.random() < 0.3:  # some kiosks sync between changes, others much later
            sync(site)
    for _round in range(2):  # the first pushes what waits, the second pulls the rest
        for site in kiosks:
            sync(site)
    server = server_state(pair)
    for member_id in ids:
        status, valid_until, version, staff = server[member_id]
        assert status == latest.get((member_id, "status"), "pending")
        assert valid_until == latest.get((member_id, "valid_until"))
        assert staff == latest.get((member_id, "staff"), False)
        assert version == badge[member_id]  # a badge version never goes back
    differing = [
        (member_id, index)
        for index, site in enumerate(kiosks)
        for member_id, state in kiosk_state(site).items()
        if state != server[member_id]
    ]
    assert differing == []
