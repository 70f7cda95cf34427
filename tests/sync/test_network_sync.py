"""The network's places after a sync round (issue 15): the kiosk sends its site's code
and badge key to ``POST /api/v1/network`` and replaces its list of places with the
answer. The real server answers every other route; until it has the network route, a
small real HTTP handler in front of it answers that one (the contract of the issue) and
forwards the rest. An older server (the real one, without the route) means no network."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.badges import make_token
from kiosk.checkin import Outcome, scan
from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, NetworkPlace, OutboxEvent
from kiosk.network import Place, enter, replace_places
from kiosk.server.accounts import add_kiosk
from kiosk.server.sites import add_site
from kiosk.site import Site, init_site
from kiosk.sync import connect, sync_once, sync_status

from .conftest import Pair

RENNES = {"code": "ABCD", "name": "Fablab de Rennes"}
LYON = {"code": "WXYZ", "name": "La Fabrique Lyon"}


@dataclass
class NetworkRoute:
    """Answers ``POST /api/v1/network`` with the next of ``answers`` (status, body) and
    keeps what the kiosk sent; forwards every other request to the real server."""

    upstream: str
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def route(pair: Pair) -> Iterator[NetworkRoute]:
    state = NetworkRoute(pair.url)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.command == "POST" and self.path == "/api/v1/network":
                state.received.append(
                    {"authorization": self.headers.get("Authorization"), "json": json.loads(body)}
                )
                status, answer = state.answers.pop(0)
                data = json.dumps(answer).encode()
                self._answer(status, data, {"Content-Type": "application/json"})
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            forwarded = requests.request(
                self.command, state.upstream + self.path, data=body, headers=headers, timeout=60
            )
            self._answer(forwarded.status_code, forwarded.content, dict(forwarded.headers))

        do_GET = do_POST = _handle

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    connect(pair.site, state.url, pair.token)
    yield state
    httpd.shutdown()
    httpd.server_close()


def places(site: Site) -> list[tuple[str, str]]:
    with site.sessions() as session:
        return [(p.code, p.name) for p in session.scalars(select(NetworkPlace))]


def answer(site: Site, *listed: dict[str, str]) -> dict[str, Any]:
    return {"site": {"code": site.settings.site_id, "name": "Fablab"}, "places": list(listed)}


def test_each_round_replaces_the_places_with_the_servers_list(
    pair: Pair, route: NetworkRoute
) -> None:
    pair.start()
    site = pair.site
    route.answers = [(200, answer(site, RENNES, LYON)), (200, answer(site, LYON))]
    report = sync_once(site, force=True)
    assert report.ok and report.network is not None and report.network.places == 2
    assert sorted(places(site)) == [("ABCD", "Fablab de Rennes"), ("WXYZ", "La Fabrique Lyon")]
    [sent] = route.received
    assert sent["authorization"] == f"Bearer {pair.token}"
    assert sent["json"] == {"site_code": site.settings.site_id, "badge_key": site.secret.hex()}

    rennes_badge = make_token(b"Rennes' own key", "ABCD", "8M3XQ2TB", 1)
    with site.transaction() as session:
        seen = scan(session, site.settings, site.secret, rennes_badge,
                    method=CheckinMethod.BADGE, now=site.now())  # fmt: skip
    assert seen.outcome is Outcome.NETWORK_VISITOR and seen.place_name == "Fablab de Rennes"

    assert sync_once(site, force=True).ok
    assert places(site) == [("WXYZ", "La Fabrique Lyon")]  # Rennes left the network
    with site.transaction() as session:
        refused = scan(session, site.settings, site.secret, rennes_badge,
                       method=CheckinMethod.BADGE, now=site.now())  # fmt: skip
    assert refused.outcome is Outcome.REFUSED
    assert sync_status(site).network_problem is None


def test_another_key_for_this_site_is_said_and_the_list_kept(
    pair: Pair, route: NetworkRoute
) -> None:
    pair.start()
    site = pair.site
    route.answers = [
        (200, answer(site, RENNES)),
        (409, {"detail": "another key is registered for this site"}),
        (200, answer(site, RENNES)),
    ]
    assert sync_once(site, force=True).ok
    report = sync_once(site, force=True)
    assert report.ok  # the push and the pull went well: no backoff for this
    assert report.network is not None and report.network.places is None
    problem = sync_status(site).network_problem
    assert problem is not None and "site.key" in problem and site.settings.site_id in problem
    assert "doivent partager" in problem  # French first
    assert places(site) == [("ABCD", "Fablab de Rennes")]
    assert sync_once(site, force=True).ok
    assert sync_status(site).network_problem is None  # mended: the warning goes


def test_a_token_of_another_site_is_said(pair: Pair, route: NetworkRoute) -> None:
    pair.start()
    route.answers = [(403, {"detail": "this kiosk's token belongs to site K7Q2, not ZZZZ"})]
    assert sync_once(pair.site, force=True).ok
    problem = sync_status(pair.site).network_problem
    assert problem is not None and "K7Q2" in problem and "another site" in problem


def test_an_answer_not_of_the_contract_leaves_the_list(pair: Pair, route: NetworkRoute) -> None:
    pair.start()
    site = pair.site
    route.answers = [
        (200, answer(site, RENNES)),
        (200, answer(site, {"code": "no!", "name": "Nowhere"})),
        (200, {"places": "all of them"}),
    ]
    for _ in range(3):
        assert sync_once(site, force=True).ok
    assert places(site) == [("ABCD", "Fablab de Rennes")]
    assert sync_status(site).network_problem is None


def test_an_older_server_without_the_route_means_no_network(
    pair: Pair, route: NetworkRoute
) -> None:
    """A server from before the network answers 404: quietly, no places, no problem."""
    pair.start()
    site = pair.site
    with site.transaction() as session:
        replace_places(session, [Place("ABCD", "Fablab de Rennes")], site.now())
    route.answers = [(404, {"detail": "Not Found"})]
    report = sync_once(site, force=True)
    assert report.ok and report.network is not None and report.network.places == 0
    assert places(site) == [] and sync_status(site).network_problem is None


def kiosk_of_another_site(pair: Pair, tmp_path: Path, name: str) -> Site:
    """A second place on the same server: its own site, kiosk, config and site.key."""
    with Session(pair.engine) as session, session.begin():
        add_site(session, name, "Europe/Paris")
        _kiosk, token = add_kiosk(session, f"{name}-door", name)
    other = init_site(tmp_path / name, name)
    connect(other, pair.url, token)
    return other


def test_a_member_of_another_place_comes_in_and_the_server_checks_the_badge(
    pair: Pair, tmp_path: Path
) -> None:
    """No stand-in: two kiosks of two sites on the real server. Each tells its key; the
    door lists Rennes; a Rennes member's badge lets them in at the door, and the server
    counts the visit once it has checked the badge with Rennes's key; a badge made up
    with Rennes's code is let in by the kiosk (it cannot check it) and rejected there."""
    pair.start()
    door, rennes = pair.site, kiosk_of_another_site(pair, tmp_path, "Rennes")
    assert sync_once(rennes, force=True).ok and sync_once(door, force=True).ok
    assert sync_once(rennes, force=True).ok  # the door had not told its key yet
    assert places(door) == [(rennes.settings.site_id, "Rennes")]
    assert places(rennes) == [(door.settings.site_id, "Fablab")]
    with rennes.transaction() as session:
        ada = register_member(session, NewMember(first_name="Ada"), consent_at=rennes.now())
        badge = make_token(rennes.secret, rennes.settings.site_id, ada.short_code, 1)
    forged = make_token(b"not Rennes's key", rennes.settings.site_id, "8M3XQ2TB", 1)
    for shown in (badge, forged):
        with door.transaction() as session:
            seen = scan(session, door.settings, door.secret, shown,
                        method=CheckinMethod.BADGE, now=door.now())  # fmt: skip
            assert seen.outcome is Outcome.NETWORK_VISITOR and seen.place_name == "Rennes"
            came = enter(session, door.settings, door.secret, shown,
                         method=CheckinMethod.BADGE, now=door.now())  # fmt: skip
            assert came.outcome is Outcome.CHECKED_IN
    assert sync_once(door, force=True).ok
    with pair.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT s.name, v.member_id FROM visit v JOIN site s ON s.id = v.home_site_id")
        ).all()
    assert [tuple(r) for r in rows] == [("Rennes", None)]  # the forged one is not there
    with door.sessions() as session:
        sent = {
            json.loads(e.payload)["network_badge"]: e
            for e in session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "visit"))
        }
    assert sent[badge].sent_at is not None and sent[badge].rejected_at is None
    assert sent[forged].rejected_at is not None


def test_a_kiosk_given_another_sites_token_is_refused(pair: Pair, tmp_path: Path) -> None:
    """The Rennes kiosk, once known to the server, connected by mistake with the door's
    token: the server refuses its requests (X-Fablab-Site), saying both sites, and
    nothing of Rennes lands in the door's site."""
    pair.start()
    rennes = kiosk_of_another_site(pair, tmp_path, "Rennes")
    assert sync_once(rennes, force=True).ok  # Rennes's site learns its code
    connect(rennes, pair.url, pair.token)
    pair.site, before = rennes, pair.server_visits()
    pair.backlog(3)
    report = sync_once(rennes, force=True)
    error = report.error or ""
    assert not report.ok and "'Fablab'" in error and "'Rennes'" in error, error
    assert pair.server_visits() == before


def test_a_network_visit_reaches_the_server_with_its_badge(pair: Pair, route: NetworkRoute) -> None:
    """The event as pushed (the server, which has no site ABCD, rejects it: the test
    above follows a real one through)."""
    pair.start()
    site = pair.site
    route.answers = [(200, answer(site, RENNES))] * 2
    assert sync_once(site, force=True).ok
    badge = make_token(b"Rennes' own key", "ABCD", "8M3XQ2TB", 1)
    now: datetime = site.now()
    with site.transaction() as session:
        came_in = enter(session, site.settings, site.secret, badge,
                        method=CheckinMethod.BADGE, now=now)  # fmt: skip
    assert came_in.outcome is Outcome.CHECKED_IN
    assert sync_once(site, force=True).ok
    with site.sessions() as session:
        [event] = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "visit"))
        assert event.sent_at is not None or event.rejected_at is not None
        payload = json.loads(event.payload)
    assert payload["home_site"] == "ABCD" and payload["network_badge"] == badge
