"""The outbox (each use case queues its event in its own transaction), the backoff, and
the flush and pull logic against a small HTTP server on 127.0.0.1 that answers like
docs/sync-api.md and can fail on demand (no mock of requests). The real server is
tested end to end in tests/sync/.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from kiosk.checkin import close_forgotten_visits, count_guests, scan, set_visit_details
from kiosk.config import MachineEntry
from kiosk.hours import add_exception, remove_exception
from kiosk.machines import set_status, start_using
from kiosk.members.registration import import_members_csv
from kiosk.models import (
    CheckinMethod,
    HoursException,
    MachineState,
    MachineStatus,
    Member,
    OutboxEvent,
    SyncState,
)
from kiosk.outbox import enqueue_existing, record
from kiosk.site import Site
from kiosk.sync import connect, sync_once, sync_status
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import SyncClient, parse_retry_after
from kiosk.sync.flush import flush_outbox
from kiosk.sync.pull import pull_changes
from kiosk.tutorials.library import confirm_practical

VISIT_KEYS = {
    "id",
    "member_id",
    "space",
    "purpose",
    "checked_in_at",
    "checked_out_at",
    "method",
    "head_count",
    "auto_closed",
    "visitor",
    "age_bracket",
}
MEMBER_KEYS = {
    "id",
    "short_code",
    "first_name",
    "last_name",
    "email",
    "age_bracket",
    "postcode",
    "status",
    "valid_until",
    "badge_version",
    "consent_at",
    "erased",
    "staff",
    "created_at",
}


def events(site: Site, kind: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    with site.sessions() as session:
        query = select(OutboxEvent).order_by(OutboxEvent.created_at)
        if kind:
            query = query.where(OutboxEvent.kind == kind)
        return [(e.kind, json.loads(e.payload)) for e in session.scalars(query)]


def checkin(site: Site, code: str, at: datetime) -> Any:
    with site.transaction() as session:
        return scan(session, site.settings, site.secret, code, method=CheckinMethod.CODE, now=at)


# --- the use cases queue their events -----------------------------------------------------


def test_a_check_in_and_out_queue_visit_snapshots(site: Site, make_member: Any, now: datetime):
    member = make_member()
    assert events(site) == [("member", events(site)[0][1])]
    first = checkin(site, member.short_code, now)
    later = now + timedelta(hours=2)
    checkin(site, member.short_code, later)
    visits = [p for _, p in events(site, "visit")]
    assert len(visits) == 2
    assert set(visits[0]) == VISIT_KEYS
    assert visits[0]["id"] == visits[1]["id"] == first.visit_id
    assert visits[0]["checked_out_at"] is None
    assert datetime.fromisoformat(visits[1]["checked_out_at"]) == later
    assert visits[1]["checked_out_at"].endswith("+00:00")
    assert visits[1]["method"] == "code" and visits[1]["member_id"] == member.id


def test_a_rolled_back_change_leaves_no_event(site: Site, make_member: Any, now: datetime):
    member = make_member()
    before = len(events(site))
    with pytest.raises(RuntimeError), site.transaction() as session:
        scan(
            session,
            site.settings,
            site.secret,
            member.short_code,
            method=CheckinMethod.CODE,
            now=now,
        )
        raise RuntimeError("power cut before the commit")
    assert len(events(site)) == before
    with site.sessions() as session:
        assert session.scalar(select(OutboxEvent).where(OutboxEvent.kind == "visit")) is None


def test_a_refused_scan_queues_nothing(site: Site, now: datetime):
    checkin(site, "ZZZZZZZZ", now)
    assert events(site) == []


def test_forgotten_visits_closed_at_closing_time_are_sent(site: Site, make_member: Any, paris: Any):
    member = make_member()
    checkin(site, member.short_code, paris(2026, 11, 24, 15))
    with site.transaction() as session:
        assert close_forgotten_visits(session, site.settings, paris(2026, 11, 25, 9)) == 1
    last = events(site, "visit")[-1][1]
    assert last["auto_closed"] is True and last["checked_out_at"] is not None

    other = make_member("Alix")
    checkin(site, other.short_code, paris(2026, 11, 24, 15))
    checkin(site, other.short_code, paris(2026, 11, 25, 15))  # closes yesterday's, opens one
    tail = [p for _, p in events(site, "visit")[-2:]]
    assert tail[0]["auto_closed"] is True and tail[1]["checked_out_at"] is None
    assert tail[0]["id"] != tail[1]["id"]


def test_details_and_guests_are_sent(site: Site, make_member: Any, now: datetime):
    member = make_member()
    visit_id = checkin(site, member.short_code, now).visit_id
    with site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space="coworking", purpose="project")
        count_guests(session, site.settings, head_count=4, now=now, purpose="discovery")
    tapped, guests = (p for _, p in events(site, "visit")[-2:])
    assert (tapped["space"], tapped["purpose"]) == ("coworking", "project")
    assert guests["member_id"] is None and guests["head_count"] == 4
    assert guests["method"] == "guest"


def test_members_registered_and_renewed_are_sent(
    site: Site, make_member: Any, tmp_path: Path, now: datetime
):
    make_member("Camille", email="camille@example.org")
    (_, payload) = events(site, "member")[0]
    assert set(payload) == MEMBER_KEYS
    assert payload["status"] == "active" and payload["erased"] is False
    assert payload["valid_until"] == "2027-06-30"
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("Prénom,Email,Date de fin\nCamille,camille@example.org,2028-01-31\n")
    with site.transaction() as session:
        import_members_csv(session, csv_file, now=now, today=now.date())
    renewed = events(site, "member")[-1][1]
    assert renewed["id"] == payload["id"] and renewed["valid_until"] == "2028-01-31"


def _with_machines(site: Site) -> Site:
    from dataclasses import replace

    machines = (
        MachineEntry("laser", "Laser", "laser", "fablab", None, None),
        MachineEntry("printer", "Printer", "3d", "fablab", None, None),
    )
    return Site(
        site.data_dir, replace(site.settings, machines=machines), site.secret, site.sessions
    )


def test_machine_changes_are_sent(site: Site, make_member: Any, now: datetime):
    site = _with_machines(site)
    member = make_member()
    visit_id = checkin(site, member.short_code, now).visit_id
    with site.transaction() as session:
        set_status(
            session, site.settings, "printer", MachineStatus.OUT_OF_ORDER, now=now, note="nozzle"
        )
        start_using(
            session, site.settings, visit_id=visit_id, member_id=member.id,
            machine_ids=["laser", "printer"], now=now,
        )  # fmt: skip
    broken, in_use = (p for _, p in events(site, "machine"))
    assert broken == {
        "machine_id": "printer",
        "status": "out_of_order",
        "note": "nozzle",
        "until": None,
        "since": "2026-11-25T13:00:00+00:00",
        "visit_id": None,
    }
    assert in_use["machine_id"] == "laser" and in_use["visit_id"] == visit_id
    checkin(site, member.short_code, now + timedelta(hours=1))  # check-out frees the laser
    freed = events(site, "machine")[-1][1]
    assert freed["status"] == "available" and freed["visit_id"] is None


def test_hours_exceptions_keep_one_server_id(site: Site):
    with site.transaction() as session:
        exc = add_exception(
            session, site.settings, space=None, starts_on=date(2026, 12, 24),
            ends_on=date(2027, 1, 2), comment="Noël",
        )  # fmt: skip
        exception_id = exc.id
    with site.transaction() as session:
        remove_exception(session, exception_id)
    added, removed = (p for _, p in events(site, "hours_exception"))
    assert added["removed"] is False and removed["removed"] is True
    assert added["id"] == removed["id"] and len(added["id"]) == 36
    assert (added["starts_on"], added["ends_on"], added["opens_at"]) == (
        "2026-12-24",
        "2027-01-02",
        None,
    )


def test_certifications_are_sent(site: Site, make_member: Any, now: datetime):
    from kiosk.tutorials.library import record_theory

    member = make_member()

    class Tutorial:  # record_theory needs only the id
        id = "laser"

    with site.transaction() as session:
        record_theory(session, member.id, Tutorial(), now)  # type: ignore[arg-type]
    with site.transaction() as session:
        confirm_practical(session, member.id, "laser", now + timedelta(days=1))
    theory, practical = (p for _, p in events(site, "certification"))
    assert theory["practical_at"] is None and theory["tutorial"] == "laser"
    assert practical["theory_at"] == theory["theory_at"] and practical["practical_at"]


def test_data_older_than_the_outbox_is_queued_once(site: Site, make_member: Any, now: datetime):
    make_member()
    checkin(site, make_member("B").short_code, now)
    with site.transaction() as session:
        session.execute(OutboxEvent.__table__.delete())
        assert enqueue_existing(session, now) == 3
    assert sorted(k for k, _ in events(site)) == ["member", "member", "visit"]


# --- backoff ----------------------------------------------------------------------------


def test_backoff_full_jitter_doubles_to_the_cap():
    backoff = Backoff(base=2, cap=300, rng=random.Random(7))
    ceilings = []
    for _ in range(12):
        ceiling = backoff.ceiling()
        delay = backoff.next_delay()
        assert 0 <= delay <= ceiling
        ceilings.append(ceiling)
    assert ceilings[:4] == [2, 4, 8, 16] and ceilings[-1] == 300
    delays = [Backoff(rng=random.Random(i)).next_delay() for i in range(50)]
    assert len(set(delays)) == 50  # jitter: kiosks do not all come back at once
    backoff.reset()
    assert backoff.ceiling() == 2


def test_retry_after_is_a_floor():
    backoff = Backoff(rng=random.Random(1))
    assert backoff.next_delay(retry_after=42) >= 42
    assert parse_retry_after("17") == 17
    assert parse_retry_after("Wed, 25 Nov 2026 14:00:30 GMT", datetime.fromisoformat(
        "2026-11-25T14:00:00+00:00")) == 30  # fmt: skip
    assert parse_retry_after("soon") is None


# --- a small server answering like the contract -----------------------------------------


@dataclass
class Contract:
    """What the test server does: its memory of events and the fault to play next."""

    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[str] = field(default_factory=list)  # "500", "429", "lose", "401"
    max_events: int = 1000  # more in one request: 413
    requests: list[int] = field(default_factory=list)  # batch sizes received
    changes: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    contract: Contract

    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/api/v1/health":
            self._reply(200, {"status": "ok", "version": "t", "database": "ok", "kiosk": "door"})
            return
        since = int(parse_qs(url.query)["since"][0])
        page = [c for c in self.contract.changes if c["seq"] > since][:2]
        cursor = page[-1]["seq"] if page else since
        more = any(c["seq"] > cursor for c in self.contract.changes)
        self._reply(200, {"changes": page, "cursor": cursor, "more": more})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        batch = body["events"]
        c = self.contract
        fault = c.faults.pop(0) if c.faults else None
        if fault == "401":
            self._reply(401, {"detail": "unknown token"})
            return
        if fault == "500":
            self._reply(500, {"detail": "database down"})
            return
        if fault == "429":
            self._reply(429, {"detail": "slow down"}, {"Retry-After": "120"})
            return
        if len(batch) > c.max_events:
            self._reply(413, {"detail": "too large"})
            return
        results = []
        with c.lock:
            c.requests.append(len(batch))
            for event in batch:
                if "id" not in event["payload"]:
                    results.append({"id": event["id"], "status": "rejected", "error": "no id"})
                elif event["id"] in c.seen:
                    results.append({"id": event["id"], "status": "duplicate"})
                else:
                    c.seen[event["id"]] = event
                    results.append({"id": event["id"], "status": "applied"})
        if fault == "lose":  # committed, then the connection drops before the reply
            self.close_connection = True
            self.connection.close()
            return
        self._reply(200, {"results": results})


@pytest.fixture
def contract() -> Iterator[tuple[Contract, str]]:
    state = Contract()
    handler = type("Handler", (_Handler,), {"contract": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _backlog(site: Site, count: int, now: datetime) -> list[str]:
    with site.transaction() as session:
        return [
            record(session, "visit", {"id": f"v{i}", "n": i}, now + timedelta(seconds=i)).id
            for i in range(count)
        ]


def _waiting(site: Site) -> int:
    return sync_status(site).waiting


def test_flush_sends_in_order_and_marks_only_confirmed(
    site: Site, contract: tuple[Contract, str], now: datetime
):
    server, url = contract
    ids = _backlog(site, 25, now)
    with site.transaction() as session:
        record(session, "visit", {"no": "id"}, now)  # the server will reject this one
    seen: list[tuple[int, int]] = []
    result = flush_outbox(
        site.sessions,
        SyncClient(url, "t"),
        batch_size=10,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (result.sent, result.duplicates, result.rejected, result.remaining) == (25, 0, 1, 0)
    assert result.error is None
    assert list(server.seen) == ids  # oldest first
    assert server.requests == [10, 10, 6] and seen[-1] == (26, 26)
    status = sync_status(site)
    assert (status.waiting, status.rejected) == (0, 1)
    with site.sessions() as session:
        bad = session.scalar(select(OutboxEvent).where(OutboxEvent.rejected_at.is_not(None)))
        assert bad is not None and bad.error == "no id"
    again = flush_outbox(site.sessions, SyncClient(url, "t"))
    assert again.done == 0  # a rejected event is not sent again


@pytest.mark.parametrize(("fault", "kind"), [("500", "busy"), ("429", "busy"), ("401", "token")])
def test_server_errors_leave_events_waiting(
    site: Site, contract: tuple[Contract, str], now: datetime, fault: str, kind: str
):
    server, url = contract
    _backlog(site, 30, now)
    server.faults = ["ok", fault]
    result = flush_outbox(site.sessions, SyncClient(url, "t"), batch_size=10)
    assert (result.sent, result.remaining, result.error_kind) == (10, 20, kind)
    if fault == "429":
        assert result.retry_after == 120
    assert _waiting(site) == 20
    assert flush_outbox(site.sessions, SyncClient(url, "t")).remaining == 0
    assert len(server.seen) == 30


def test_too_large_batches_are_halved(site: Site, contract: tuple[Contract, str], now: datetime):
    server, url = contract
    server.max_events = 7
    _backlog(site, 40, now)
    result = flush_outbox(site.sessions, SyncClient(url, "t"), batch_size=50)
    assert (result.sent, result.remaining, result.error) == (40, 0, None)
    assert max(server.requests) <= 7


def test_a_lost_reply_is_resent_and_counted_once(
    site: Site, contract: tuple[Contract, str], now: datetime
):
    server, url = contract
    _backlog(site, 12, now)
    server.faults = ["lose"]
    lost = flush_outbox(site.sessions, SyncClient(url, "t"), batch_size=5)
    assert lost.error_kind == "unreachable" and lost.sent == 0
    assert _waiting(site) == 12 and len(server.seen) == 5  # committed there, not marked here
    result = flush_outbox(site.sessions, SyncClient(url, "t"), batch_size=5)
    assert (result.sent, result.duplicates, result.remaining) == (7, 5, 0)
    assert len(server.seen) == 12


def test_unreachable_server(site: Site, now: datetime):
    _backlog(site, 3, now)
    result = flush_outbox(site.sessions, SyncClient("http://127.0.0.1:9", "t", timeout=(1, 1)))
    assert result.error_kind == "unreachable" and "cannot reach" in (result.error or "")
    assert result.remaining == 3


# --- sync_once: the state kept for staff and for the next try --------------------------


def test_sync_once_backs_off_and_recovers(
    site: Site, contract: tuple[Contract, str], now: datetime
):
    server, url = contract
    assert sync_once(site).skipped  # not connected: nothing tried
    connect(site, url, "t")
    _backlog(site, 4, now)
    server.faults = ["429"]
    report = sync_once(site, rng=random.Random(3))
    assert report.error_kind == "busy" and report.next_try_at is not None
    assert report.next_try_at - datetime.now(report.next_try_at.tzinfo) > timedelta(seconds=100)
    status = sync_status(site)
    assert (status.waiting, status.error_kind) == (4, "busy") and status.last_error
    assert sync_once(site).skipped  # still waiting for Retry-After
    report = sync_once(site, force=True)
    assert report.ok and report.remaining == 0
    status = sync_status(site)
    assert status.last_success_at is not None and status.error_kind is None
    assert status.next_try_at is None


def test_a_refused_token_stops_until_connect(
    site: Site, contract: tuple[Contract, str], now: datetime
):
    server, url = contract
    connect(site, url, "old")
    _backlog(site, 2, now)
    server.faults = ["401"]
    assert sync_once(site).error_kind == "token"
    assert sync_once(site, force=True).skipped  # not before connect is run again
    assert len(server.seen) == 0
    connect(site, url, "new")
    assert sync_once(site).ok and len(server.seen) == 2


# --- pull: other kiosks' changes, applied without events --------------------------------


def test_pulled_changes_are_applied_without_events(
    site: Site, contract: tuple[Contract, str], now: datetime, make_member: Any
):
    server, url = contract
    local = make_member()
    at = "2026-11-25T15:00:00+00:00"  # after the local registration (waiting)
    server.changes = [
        {"seq": 3, "kind": "member", "occurred_at": at, "payload": {
            "id": "11111111-1111-1111-1111-111111111111", "short_code": "ABCDEFGH",
            "first_name": "Noé", "last_name": None, "email": None, "age_bracket": None,
            "postcode": None, "status": "active", "valid_until": "2027-01-01",
            "badge_version": 1, "consent_at": at, "erased": False}},
        {"seq": 5, "kind": "member", "occurred_at": at, "payload": {
            **{k: getattr(local, k) for k in ("id", "short_code", "first_name")},
            "last_name": None, "email": None, "age_bracket": None, "postcode": None,
            "status": "active", "valid_until": None, "badge_version": 3, "consent_at": at,
            "erased": False}},
        {"seq": 6, "kind": "machine", "occurred_at": at, "payload": {
            "machine_id": "laser", "status": "maintenance", "note": "lens", "until": None,
            "since": at, "visit_id": "elsewhere"}},
        {"seq": 8, "kind": "hours_exception", "occurred_at": at, "payload": {
            "id": "22222222-2222-2222-2222-222222222222", "space": None,
            "starts_on": "2026-12-24", "ends_on": "2026-12-26", "opens_at": None,
            "closes_at": None, "comment": "Noël", "removed": False}},
        {"seq": 9, "kind": "certification", "occurred_at": at, "payload": {
            "member_id": local.id, "tutorial": "laser", "theory_at": at, "practical_at": None}},
        {"seq": 12, "kind": "hours_exception", "occurred_at": at, "payload": {
            "id": "22222222-2222-2222-2222-222222222222", "space": None,
            "starts_on": "2026-12-24", "ends_on": "2026-12-26", "opens_at": "10:00",
            "closes_at": "12:00", "comment": "", "removed": False}},
    ]  # fmt: skip
    before = len(events(site))
    assert pull_changes(site.sessions, SyncClient(url, "t")) == 6
    assert len(events(site)) == before
    with site.sessions() as session:
        assert session.get(SyncState, 1).cursor == 12  # type: ignore[union-attr]
        assert session.get(Member, local.id).badge_version == 3  # type: ignore[union-attr]
        assert session.get(Member, "11111111-1111-1111-1111-111111111111") is not None
        machine = session.get(MachineState, "laser")
        assert machine is not None and machine.status is MachineStatus.MAINTENANCE
        exception = session.scalar(select(HoursException))
        assert exception is not None and exception.opens_at == time(10)
    server.changes.append(
        {"seq": 13, "kind": "hours_exception", "occurred_at": at, "payload": {
            "id": "22222222-2222-2222-2222-222222222222", "space": None,
            "starts_on": "2026-12-24", "ends_on": "2026-12-26", "removed": True}}
    )  # fmt: skip
    assert pull_changes(site.sessions, SyncClient(url, "t")) == 1
    with site.sessions() as session:
        assert session.scalar(select(HoursException)) is None


def test_a_pulled_change_older_than_a_waiting_one_is_skipped(
    site: Site, contract: tuple[Contract, str], now: datetime
):
    server, url = _contract = contract
    site = _with_machines(site)
    with site.transaction() as session:
        set_status(session, site.settings, "laser", MachineStatus.OUT_OF_ORDER, now=now, note="x")
    server.changes = [
        {"seq": 1, "kind": "machine", "occurred_at": (now - timedelta(hours=1)).isoformat(),
         "payload": {"machine_id": "laser", "status": "available", "note": None,
                     "until": None, "since": None, "visit_id": None}}
    ]  # fmt: skip
    assert pull_changes(site.sessions, SyncClient(url, "t")) == 0
    with site.sessions() as session:
        state = session.get(MachineState, "laser")
        assert state is not None and state.status is MachineStatus.OUT_OF_ORDER
