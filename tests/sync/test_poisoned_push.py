"""A kiosk whose push keeps failing still pulls (issue 12): the badge revocations made
elsewhere reach it while its own events wait."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from kiosk.members import NewMember, register_member
from kiosk.membership import reissue_badge
from kiosk.models import Member
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
