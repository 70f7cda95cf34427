"""The sync API v1 against the real server (SQLite and PostgreSQL), over real HTTP."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

T0 = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)


def event(kind: str, payload: dict[str, Any], at: datetime = T0, **kw: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "occurred_at": at.isoformat(),
        "payload": payload,
    } | kw


def visit(visit_id: str | None = None, **changes: Any) -> dict[str, Any]:
    return {
        "id": visit_id or str(uuid.uuid4()),
        "member_id": str(uuid.uuid4()),
        "space": "fablab",
        "purpose": None,
        "checked_in_at": T0.isoformat(),
        "checked_out_at": None,
        "method": "badge",
        "head_count": 1,
        "auto_closed": False,
    } | changes


def member(member_id: str | None = None, **changes: Any) -> dict[str, Any]:
    return {
        "id": member_id or str(uuid.uuid4()),
        "short_code": "7K2M9QXD",
        "first_name": "Ada",
        "last_name": None,
        "email": "ada@example.org",
        "age_bracket": "26-44",
        "postcode": "69001",
        "status": "active",
        "valid_until": "2027-06-30",
        "badge_version": 1,
        "consent_at": T0.isoformat(),
        "erased": False,
    } | changes


def statuses(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def test_health_without_and_with_a_token(server: Any) -> None:
    reply = requests.get(f"{server.url}/api/v1/health", timeout=10)
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "version": "0.1.0", "database": "ok"}
    token = server.add_kiosk("fablab-door")
    reply = requests.get(
        f"{server.url}/api/v1/health", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert reply.json()["kiosk"] == "fablab-door"
    reply = requests.get(
        f"{server.url}/api/v1/health", headers={"Authorization": "Bearer nope"}, timeout=10
    )
    assert reply.status_code == 401


def test_no_token_or_a_bad_token_is_refused(server: Any) -> None:
    batch = {"events": [event("visit", visit())]}
    reply = requests.post(f"{server.url}/api/v1/events", json=batch, timeout=10)
    assert reply.status_code == 401
    reply = server.push("not-a-token", batch["events"])
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"] == "Bearer"
    assert requests.get(f"{server.url}/api/v1/changes", timeout=10).status_code == 401
    assert server.rows("SELECT id FROM visit") == []


def test_a_batch_is_applied_once_however_often_it_is_sent(server: Any) -> None:
    token = server.add_kiosk("door")
    v = visit()
    closed = v | {"checked_out_at": (T0 + timedelta(hours=2)).isoformat()}
    batch = [
        event("visit", v),
        event("member", member()),
        event("visit", closed, at=T0 + timedelta(hours=2)),
    ]
    assert statuses(server.push(token, batch)) == ["applied"] * 3
    for _ in range(2):
        assert statuses(server.push(token, batch)) == ["duplicate"] * 3
    assert len(server.rows("SELECT id FROM visit")) == 1
    assert len(server.rows("SELECT event_id FROM applied_event")) == 3
    (out,) = server.rows("SELECT checked_out_at FROM visit")
    assert out[0] is not None


def test_out_of_order_events_keep_the_newest_snapshot(server: Any) -> None:
    token = server.add_kiosk("door")
    v = visit()
    closed = v | {"checked_out_at": (T0 + timedelta(hours=3)).isoformat(), "auto_closed": True}
    newer, older = event("visit", closed, at=T0 + timedelta(hours=3)), event("visit", v)
    assert statuses(server.push(token, [newer])) == ["applied"]
    assert statuses(server.push(token, [older])) == ["applied"]  # late, accepted, not kept
    rows = server.rows("SELECT checked_out_at, auto_closed FROM visit")
    assert len(rows) == 1
    assert rows[0][0] is not None and bool(rows[0][1]) is True
    kept = server.rows("SELECT status FROM applied_event ORDER BY occurred_at")
    assert [r[0] for r in kept] == ["stale", "applied"]


def test_a_malformed_event_is_rejected_and_the_others_applied(server: Any) -> None:
    token = server.add_kiosk("door")
    no_space = visit()
    del no_space["checked_in_at"]
    batch = [
        event("visit", visit()),
        event("visit", no_space),
        event("teleport", {}),
        event("visit", visit(), occurred_at="yesterday"),
        event("member", member(), id="not-a-uuid"),
        event("member", member(badge_version="two")),
        event("visit", visit()),
    ]
    reply = server.push(token, batch)
    assert statuses(reply) == ["applied"] + ["rejected"] * 5 + ["applied"]
    errors = [r.get("error") for r in reply.json()["results"]]
    assert errors[0] is None and errors[-1] is None
    assert "checked_in_at" in errors[1] and "Field required" in errors[1]
    assert "unknown kind 'teleport'" in errors[2]
    assert "occurred_at 'yesterday'" in errors[3]
    assert "not a UUID" in errors[4]
    assert "badge_version" in errors[5]
    assert [r["id"] for r in reply.json()["results"]] == [e["id"] for e in batch]
    assert len(server.rows("SELECT id FROM visit")) == 2


def test_a_body_that_is_not_a_batch_is_422(server: Any) -> None:
    token = server.add_kiosk("door")
    reply = requests.post(
        f"{server.url}/api/v1/events",
        json={"visits": []},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert reply.status_code == 422


def test_a_body_over_2_mib_is_413(server: Any) -> None:
    token = server.add_kiosk("door")
    big = [event("visit", visit(purpose="x" * 3000)) for _ in range(1000)]  # ~3.2 MiB
    reply = server.push(token, big)
    assert reply.status_code == 413
    assert "send fewer events" in reply.json()["detail"]
    body = b'{"events": [' + b" " * (3 * 1024 * 1024) + b"]}"

    def chunks() -> Any:  # no Content-Length: counted as it streams
        for i in range(0, len(body), 65536):
            yield body[i : i + 65536]

    reply = requests.post(
        f"{server.url}/api/v1/events",
        data=chunks(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert reply.status_code == 413
    assert server.rows("SELECT id FROM visit") == []
    half = big[:300]  # the kiosk halves its batch: small enough goes through
    assert (
        statuses(server.push(token, [e | {"payload": visit()} for e in half])) == ["applied"] * 300
    )


def test_over_the_rate_is_429_with_retry_after(start_server: Callable[..., Any]) -> None:
    server = start_server(rate_per_minute=3)
    token, other = server.add_kiosk("door"), server.add_kiosk("cowork")
    for _ in range(3):
        assert server.pull(token).status_code == 200
    reply = server.pull(token)
    assert reply.status_code == 429
    assert int(reply.headers["Retry-After"]) >= 1
    assert server.pull(other).status_code == 200  # per kiosk


def test_the_rate_holds_across_a_restart_and_a_malformed_request_counts(
    start_server: Callable[..., Any],
) -> None:
    first = start_server(rate_per_minute=3)
    token = first.add_kiosk("door")
    assert first.pull(token).status_code == 200
    assert first.push(token, [{"not": "an event"}]).status_code == 422  # spent all the same
    again = start_server(rate_per_minute=3)  # as after a restart, or another worker
    assert again.pull(token).status_code == 200
    reply = again.pull(token)
    assert reply.status_code == 429 and "3 requests a minute" in reply.json()["detail"]


def test_a_kiosk_writes_only_as_itself(server: Any) -> None:
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    v = visit()
    assert statuses(server.push(door, [event("visit", v | {"kiosk_id": "cowork"})])) == ["applied"]
    (row,) = server.rows(
        "SELECT kiosk.name FROM visit JOIN kiosk ON kiosk.id = visit.kiosk_id WHERE visit.id = :v",
        v=v["id"],
    )
    assert row[0] == "door"
    closed = v | {"checked_out_at": (T0 + timedelta(hours=1)).isoformat()}
    reply = server.push(cowork, [event("visit", closed, at=T0 + timedelta(hours=1))])
    assert statuses(reply) == ["rejected"]
    assert "another kiosk" in reply.json()["results"][0]["error"]
    assert server.rows("SELECT checked_out_at FROM visit")[0][0] is None


def test_changes_reach_every_kiosk_the_sender_too(server: Any) -> None:
    """The sender pulls its own change back: it holds the server's state, which may not
    be what it sent (merged with another kiosk's change, or older than one)."""
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    ada = member()
    assert statuses(server.push(door, [event("member", ada)])) == ["applied"]
    page = server.pull(cowork).json()
    assert [(c["kind"], c["payload"]["id"]) for c in page["changes"]] == [("member", ada["id"])]
    assert page["changes"][0]["payload"]["first_name"] == "Ada"
    assert page["more"] is False
    cursor = page["cursor"]
    assert cursor == page["changes"][0]["seq"]
    own = server.pull(door).json()
    assert own["changes"] == page["changes"] and own["cursor"] == cursor
    again = server.pull(cowork, since=cursor).json()
    assert again == {"changes": [], "cursor": cursor, "more": False}
    assert server.rows("SELECT kind FROM change") == [("member",)]  # visits are not sent back


def test_a_badge_revocation_reaches_the_other_kiosk(server: Any) -> None:
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    ada = member()
    server.push(door, [event("member", ada)])
    cursor = server.pull(cowork).json()["cursor"]
    revoked = ada | {"badge_version": 2}
    assert statuses(server.push(door, [event("member", revoked, at=T0 + timedelta(minutes=5))]))
    page = server.pull(cowork, since=cursor).json()
    assert [c["payload"]["badge_version"] for c in page["changes"]] == [2]
    late = ada | {"first_name": "Old"}  # a late, older snapshot changes nothing...
    server.push(door, [event("member", late, at=T0 - timedelta(days=1))])
    # ... and its sender is told what the server keeps instead
    again = server.pull(cowork, since=page["cursor"]).json()["changes"]
    assert [(c["payload"]["first_name"], c["payload"]["badge_version"]) for c in again] == [
        ("Ada", 2)
    ]
    same = ada | {"badge_version": 2}  # what the server has: nothing to say
    server.push(door, [event("member", same, at=T0 - timedelta(days=1))])
    assert server.pull(cowork, since=again[-1]["seq"]).json()["changes"] == []


def test_changes_come_in_pages(server: Any) -> None:
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    machines = [
        event(
            "machine",
            {
                "machine_id": f"m{i}",
                "status": "available",
                "note": None,
                "until": None,
                "since": T0.isoformat(),
                "visit_id": None,
            },
        )
        for i in range(7)
    ]
    server.push(door, machines)
    server.push(cowork, [event("member", member())])  # cowork's own comes back too
    seen, cursor, calls = [], 0, 0
    while True:
        page = server.pull(cowork, since=cursor, limit=3).json()
        calls += 1
        seen += [c["payload"].get("machine_id", c["kind"]) for c in page["changes"]]
        seqs = [c["seq"] for c in page["changes"]]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == [f"m{i}" for i in range(7)] + ["member"]
    assert calls == 3
    assert cursor == server.rows("SELECT max(seq) FROM change")[0][0]


def test_two_pushes_of_the_same_event_at_once(server: Any) -> None:
    token = server.add_kiosk("door")
    for _ in range(5):
        batch = [event("visit", visit()), event("member", member())]
        results: list[list[str]] = []
        barrier = threading.Barrier(2)

        def push(
            batch: list[dict[str, Any]], barrier: threading.Barrier, results: list[list[str]]
        ) -> None:
            barrier.wait()
            results.append(statuses(server.push(token, batch)))

        threads = [threading.Thread(target=push, args=(batch, barrier, results)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i in range(2):
            assert sorted(r[i] for r in results) == ["applied", "duplicate"]
    assert len(server.rows("SELECT id FROM visit")) == 5
    assert len(server.rows("SELECT seq FROM change")) == 5


def test_openapi_describes_the_endpoints(server: Any) -> None:
    schema = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    paths = schema["paths"]
    assert set(paths) >= {"/api/v1/health", "/api/v1/events", "/api/v1/changes"}
    push = paths["/api/v1/events"]["post"]
    assert push["summary"] == "Push a batch of events"
    assert push["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "EventResultsOut"
    )
    assert {"401", "413", "429"} <= set(push["responses"])


def test_openapi_declares_the_yearly_report_and_who_may_read_it(server: Any) -> None:
    schema = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    reports = schema["paths"]["/api/v1/reports/visits"]["get"]
    answer = reports["responses"]["200"]["content"]["application/json"]["schema"]
    # a site's report, or (a network account's ?network=1) every site's and their total
    refs = sorted(option["$ref"].rsplit("/", 1)[1] for option in answer["anyOf"])
    assert refs == ["NetworkReport", "YearlyReport"]
    declared = schema["components"]["schemas"]["YearlyReport"]["properties"]
    assert {"year", "visits", "by_month", "by_kiosk", "workshops", "network_visits"} <= set(
        declared
    )
    network = schema["components"]["schemas"]["NetworkReport"]["properties"]
    assert {"year", "generated_at", "sites", "total"} <= set(network)
    assert {"400", "401", "403", "404", "429"} <= set(reports["responses"])
