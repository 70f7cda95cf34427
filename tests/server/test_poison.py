"""Data that must not poison the server (issue 12): absurd dates, NUL characters,
clock skew, huge cursors, a body that is not JSON. Real server, SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import text

from tests.server.test_api import event, member, statuses, visit

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
    server: Any,
) -> None:
    """Rows stored before dates were checked: left out of the counts, never a 500."""
    token = server.add_kiosk("door")
    assert statuses(server.push(token, [event("visit", visit(checked_in_at=NOW.isoformat()))]))
    with server.engine.begin() as conn:
        for moment in ("9999-12-31 23:59:59", "0001-01-01 00:00:00"):
            conn.execute(
                text(
                    "INSERT INTO visit (id, kiosk_id, member_id, checked_in_at, method,"
                    " head_count, auto_closed, occurred_at) SELECT :id, id, NULL, :at, 'guest',"
                    " 1, false, :at FROM kiosk"
                ),
                {"id": str(uuid.uuid4()), "at": moment},
            )
            conn.execute(
                text("INSERT INTO visit_tally_dirty (day) VALUES (:day)"), {"day": moment[:10]}
            )
    report = requests.get(
        f"{server.url}/api/v1/reports/visits",
        params={"year": NOW.year},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert report.status_code == 200, report.text
    assert report.json()["visits"] == 1
