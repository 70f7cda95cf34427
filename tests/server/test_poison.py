"""Data that must not poison the server (issue 12): absurd dates, NUL characters,
clock skew, huge cursors, a body that is not JSON. Real server, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.cli.main import main
from kiosk.server.accounts import add_staff
from tests.server.test_api import event, member, statuses, visit
from tests.server.test_web import PASSWORD, STAFF, sign_in

NOW = datetime.now(UTC).replace(microsecond=0)


def test_an_absurd_visit_date_is_rejected_and_reports_still_work(server: Any) -> None:
    token = server.add_kiosk("door")
    good = visit(checked_in_at=NOW.isoformat())
    batch = [
        event("visit", visit(checked_in_at="9999-12-31T23:59:59+00:00")),
        event("visit", visit(checked_in_at="0001-01-01T00:00:00+00:00")),
        event("visit", good, at=NOW),
    ]
    reply = server.push(token, batch)
    assert statuses(reply) == ["rejected", "rejected", "applied"]
    assert "checked_in_at" in reply.json()["results"][0]["error"]
    report = requests.get(
        f"{server.url}/api/v1/reports/visits",
        params={"year": NOW.year},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert report.status_code == 200, report.text


def test_a_stored_visit_at_the_ends_of_the_calendar_does_not_break_reports(
    server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows stored before dates were checked: left out of the counts, never a 500."""
    token = server.add_kiosk("door")
    assert statuses(server.push(token, [event("visit", visit(checked_in_at=NOW.isoformat()))]))
    with server.engine.begin() as conn:
        for moment in ("9999-12-31 23:59:59", "0001-01-01 00:00:00"):
            conn.execute(
                text(
                    "INSERT INTO visit (site_id, id, kiosk_id, member_id, checked_in_at, method,"
                    " head_count, auto_closed, occurred_at) SELECT site_id, :id, id, NULL, :at,"
                    " 'guest', 1, false, :at FROM kiosk"
                ),
                {"id": str(uuid.uuid4()), "at": moment},
            )
            conn.execute(
                text(
                    "INSERT INTO visit_tally_dirty (site_id, day) SELECT site_id, :day FROM kiosk"
                ),
                {"day": moment[:10]},
            )
    report = requests.get(
        f"{server.url}/api/v1/reports/visits",
        params={"year": NOW.year},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert report.status_code == 200, report.text
    assert report.json()["visits"] == 1
    # the staff pages and ``server report`` count the same way
    with Session(server.engine) as session, session.begin():
        add_staff(session, STAFF, PASSWORD)
    browser = sign_in(server)
    for path in ("/staff/reports", "/staff/reports/visits.csv"):
        page = browser.get(f"{server.url}{path}", params={"year": NOW.year}, timeout=30)
        assert page.status_code == 200, (path, page.text)
    argv = ["server", "report", "--year", str(NOW.year), "--db", server.settings.database_url]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"] == 1


def test_a_visit_checked_out_before_it_was_checked_in_is_rejected(server: Any) -> None:
    token = server.add_kiosk("door")
    backwards = visit(
        checked_in_at=NOW.isoformat(), checked_out_at=(NOW - timedelta(minutes=5)).isoformat()
    )
    same = visit(checked_in_at=NOW.isoformat(), checked_out_at=NOW.isoformat())
    reply = server.push(token, [event("visit", backwards, at=NOW), event("visit", same, at=NOW)])
    assert statuses(reply) == ["rejected", "applied"]
    assert "is before checked_in_at" in reply.json()["results"][0]["error"]
    assert server.rows("SELECT id FROM visit") == [(same["id"],)]


def test_a_nul_in_free_text_is_removed_and_in_an_id_is_refused(server: Any) -> None:
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    ada = member(first_name="A\x00da", last_name="Love\x07lace")
    batch = [
        event("member", ada),
        event("member", member(str(uuid.uuid4())[:-1] + "\x00")),
        event("visit", visit(space="fab\x00lab")),
        event("visit", visit()),
    ]
    reply = server.push(door, batch)
    assert statuses(reply) == ["applied", "rejected", "rejected", "applied"]
    assert "control character" in reply.json()["results"][1]["error"]
    assert "space" in reply.json()["results"][2]["error"]
    assert server.rows("SELECT first_name, last_name FROM member") == [("Ada", "Lovelace")]
    pulled = server.pull(cowork).json()["changes"]
    assert [c["payload"]["first_name"] for c in pulled] == ["Ada"]


POISON = {
    "sqlite": [
        "CREATE TRIGGER poison BEFORE INSERT ON member WHEN NEW.first_name = 'Poison'"
        " BEGIN SELECT RAISE(ABORT, 'this row cannot be stored'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN"
        " IF NEW.first_name = 'Poison' THEN"
        " RAISE EXCEPTION 'this row cannot be stored' USING ERRCODE = '22000'; END IF;"
        " RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER poison BEFORE INSERT ON member FOR EACH ROW EXECUTE FUNCTION poison()",
    ],
}


def test_an_event_the_database_refuses_is_rejected_alone(server: Any) -> None:
    """Whatever the database cannot store (here a trigger refuses a row): that event is
    rejected with the reason, the rest of its batch is applied, and the kiosk moves on."""
    token = server.add_kiosk("door")
    with server.engine.begin() as conn:
        for statement in POISON[conn.dialect.name]:
            conn.exec_driver_sql(statement)
    good, bad = member(), member(first_name="Poison", short_code="POISON01")
    batch = [event("visit", visit()), event("member", bad), event("member", good)]
    reply = server.push(token, batch)
    assert statuses(reply) == ["applied", "rejected", "applied"]
    assert "cannot be stored" in reply.json()["results"][1]["error"]
    assert server.rows("SELECT id FROM member") == [(good["id"],)]
    assert len(server.rows("SELECT id FROM visit")) == 1
    assert statuses(server.push(token, batch)) == ["duplicate", "rejected", "duplicate"]


def test_a_cursor_past_two_to_the_63_is_refused_clearly(server: Any) -> None:
    token = server.add_kiosk("door")
    for since in (2**63, 2**64, 10**30):
        reply = server.pull(token, since=since)
        assert reply.status_code == 422, reply.text
        assert "since" in reply.text
    assert server.pull(token, since=2**63 - 1).json()["changes"] == []


def test_a_body_that_is_not_json_is_422_and_the_token_comes_first(server: Any) -> None:
    token = server.add_kiosk("door")
    url = f"{server.url}/api/v1/events"
    for body in (b"not json", b'{"events": [', b"\xff\xfe", b""):
        json_type = {"Content-Type": "application/json"}
        refused = requests.post(url, data=body, headers=json_type, timeout=10)
        assert refused.status_code == 401, (body, refused.text)
        wrong = requests.post(
            url, data=body, headers=json_type | {"Authorization": "Bearer nope"}, timeout=10
        )
        assert wrong.status_code == 401, (body, wrong.text)
        reply = requests.post(
            url,
            data=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            timeout=10,
        )
        assert reply.status_code == 422, (body, reply.text)
    assert requests.post(url, json={"visits": []}, timeout=10).status_code == 401


def test_a_snapshot_from_a_clock_in_2099_does_not_win_for_ever(server: Any) -> None:
    """A kiosk whose clock says 2099 sends a member; a renewal made afterwards on a right
    clock wins (kiosks that merge by field, and older ones that send whole snapshots)."""
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    future = datetime(2099, 1, 1, tzinfo=UTC)
    ada = member(status="expired", valid_until=NOW.date().isoformat())
    assert statuses(server.push(door, [event("member", ada, at=future)])) == ["applied"]
    stored = server.rows("SELECT occurred_at FROM member")[0][0]
    assert str(stored) < "2099"  # bounded by the server's clock
    later = datetime.now(UTC)  # made after the 2099 snapshot arrived
    renewed = ada | {"status": "active", "valid_until": "2027-12-31"}
    merged = renewed | {"changed": ["status", "valid_until"]}
    assert statuses(server.push(cowork, [event("member", merged, at=later)])) == ["applied"]
    assert server.rows("SELECT status, valid_until FROM member")[0][0] == "active"
    staff = ada | {"staff": True}  # an older kiosk: the whole snapshot
    at = datetime.now(UTC)
    assert statuses(server.push(cowork, [event("member", staff, at=at)])) == ["applied"]
    [(status, staffed)] = server.rows("SELECT status, staff FROM member")
    assert (status, bool(staffed)) == ("expired", True)  # whole snapshot: every field
    pulled = server.pull(door).json()["changes"]
    assert pulled[-1]["payload"]["staff"] is True


def test_the_upgrade_brings_snapshots_stamped_in_the_future_back_to_now(
    database_url: str,
) -> None:
    from alembic import command

    from kiosk.db import alembic_config
    from kiosk.server.db import MIGRATIONS, make_engine, migrate

    engine = make_engine(database_url)
    try:
        command.upgrade(alembic_config(engine, MIGRATIONS), "0002")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO member (id, status, badge_version, erased, staff, occurred_at)"
                    " VALUES ('m1', 'active', 1, false, false, '2099-01-01 00:00:00')"
                )
            )
        assert migrate(engine)
        with engine.connect() as conn:
            stamp = conn.execute(text("SELECT occurred_at FROM member")).scalar_one()
        assert str(stamp)[:4] == str(datetime.now(UTC).year)
    finally:
        engine.dispose()


def test_the_daily_retention_survives_visits_at_the_ends_of_the_calendar(
    migrated_engine: Any,
) -> None:
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import sessionmaker

    from kiosk.server.retention import apply_server_retention

    with migrated_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO kiosk (name, token_hash, site_id, created_at) VALUES ('k', 'h', 1, :t)"
            ),
            {"t": NOW},
        )
        for moment in ("0001-01-01 00:00:00", "9999-12-31 23:59:59", "2024-03-01 10:00:00"):
            conn.execute(
                text(
                    "INSERT INTO visit (site_id, id, kiosk_id, member_id, visitor, checked_in_at,"
                    " checked_out_at, method, head_count, auto_closed, occurred_at) SELECT"
                    " site_id, :id, id, 'm1', 'abc', :at, :at, 'badge', 1, false, :at FROM kiosk"
                ),
                {"id": str(uuid.uuid4()), "at": moment},
            )
    sessions = sessionmaker(migrated_engine)
    done = apply_server_retention(sessions, months=12, now=NOW, tz=ZoneInfo("America/New_York"))
    assert NOW.year - 2 in done["sealed_years"]
