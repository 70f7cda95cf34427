"""One server, several sites (SQLite and PostgreSQL, over real HTTP): each kiosk reads and
writes its own site only, on every route; the network's places and the check of a
visiting member's badge; the command line's refusals."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy.orm import Session

from kiosk.badges import make_token
from kiosk.cli.main import main
from kiosk.server.accounts import AccountError, add_kiosk, add_staff
from kiosk.server.app import create_app
from kiosk.server.settings import ServerSettings
from kiosk.server.sites import SiteError, add_site, find_site

from .conftest import Running
from .test_web import PASSWORD, login_form

NOW = datetime.now(UTC).replace(microsecond=0)
KEY_A, KEY_B = "a1" * 32, "b2" * 32
# Every route of the API, and the test below that shows what it does across sites: a
# new route fails test_every_api_route_has_a_site_case until it is given one here.
SITE_CASES = {
    "/api/v1/health": "needs no token and reads no site's data",
    "/api/v1/events": "test_two_sites_keep_apart",
    "/api/v1/changes": "test_two_sites_keep_apart",
    "/api/v1/reports/visits": "test_a_kiosk_reads_its_own_sites_report",
    "/api/v1/network": "test_the_network_tells_places_never_keys",
}


def event(kind: str, payload: dict[str, Any], at: datetime = NOW) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "occurred_at": at.isoformat(),
        "payload": payload,
    }


def member(member_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "id": member_id,
        "short_code": "7K2M9QXD",
        "first_name": "Ada",
        "status": "active",
        "badge_version": 1,
        "created_at": NOW.isoformat(),
    } | changes


def machine(status: str) -> dict[str, Any]:
    return {
        "machine_id": "laser",
        "status": status,
        "note": None,
        "until": None,
        "since": NOW.isoformat(),
        "visit_id": None,
    }


def visit(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "member_id": None,
        "space": "fablab",
        "checked_in_at": (NOW - timedelta(hours=1)).isoformat(),
        "method": "guest",
    } | changes


def two_sites(server: Running) -> tuple[str, str]:
    """Sites Nord (code AAAA) and Sud; a kiosk of each; their tokens."""
    with Session(server.engine) as session, session.begin():
        add_site(session, "Nord", "Europe/Paris", code="AAAA")
        add_site(session, "Sud", "America/Cayenne")
        _kiosk, nord = add_kiosk(session, "nord-door", "Nord")
        _kiosk, sud = add_kiosk(session, "sud-door", "sud")  # a name in any case
    return nord, sud


def bearer(token: str, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} | more


def join(server: Running, token: str, code: str, key: str, **headers: str) -> requests.Response:
    return requests.post(
        f"{server.url}/api/v1/network",
        json={"site_code": code, "badge_key": key},
        headers=bearer(token, **headers),
        timeout=30,
    )


def sign_in_as(server: Running, username: str) -> requests.Session:
    browser, hidden = login_form(server)
    reply = browser.post(
        f"{server.url}/staff/login",
        data={"username": username, "password": PASSWORD} | hidden,
        allow_redirects=False,
        timeout=30,
    )
    assert reply.status_code == 303, reply.text
    return browser


def test_every_api_route_has_a_site_case() -> None:
    app = create_app(ServerSettings(database_url="sqlite://"))
    assert set(app.openapi()["paths"]) == set(SITE_CASES), "a new API route needs a case here"


def test_two_sites_keep_apart(server: Running) -> None:
    nord, sud = two_sites(server)
    shared = str(uuid.uuid4())  # the same id on both sides: a copied database, or a guess
    assert (
        server.push(
            nord,
            [
                event("member", member(shared)),
                event("machine", machine("ok")),
                event("visit", visit()),
            ],
        ).json()["results"][0]["status"]
        == "applied"
    )
    sud_events = [
        event("member", member(shared, first_name="Zoé", erased=True)),
        event("machine", machine("out_of_order"), NOW + timedelta(minutes=1)),
    ]
    assert [r["status"] for r in server.push(sud, sud_events).json()["results"]] == [
        "applied",
        "applied",
    ]
    nord_sees = server.pull(nord).json()["changes"]
    sud_sees = server.pull(sud).json()["changes"]
    assert {(c["kind"], c["payload"].get("status")) for c in nord_sees} == {
        ("member", "active"),
        ("machine", "ok"),
    }
    assert {(c["kind"], c["payload"].get("status")) for c in sud_sees} == {
        ("member", "active"),  # Sud's own copy, erased there
        ("machine", "out_of_order"),
    }
    assert next(c for c in nord_sees if c["kind"] == "member")["payload"]["first_name"] == "Ada"
    rows = server.rows(
        "SELECT s.name, m.first_name, m.erased FROM member m JOIN site s ON s.id = m.site_id"
        " ORDER BY s.name"
    )
    assert [tuple(r) for r in rows] == [("Nord", "Ada", False), ("Sud", "", True)]
    machines = server.rows("SELECT site_id, status FROM machine_state ORDER BY site_id")
    assert [r[1] for r in machines] == ["ok", "out_of_order"]


def test_a_visit_id_of_another_site_is_that_sites_own(server: Running) -> None:
    nord, sud = two_sites(server)
    same = visit()
    assert server.push(nord, [event("visit", same)]).json()["results"][0]["status"] == "applied"
    later = same | {"checked_out_at": NOW.isoformat()}
    reply = server.push(sud, [event("visit", later, NOW + timedelta(minutes=5))]).json()
    assert reply["results"][0]["status"] == "applied"  # Sud's own row, Nord's untouched
    rows = server.rows("SELECT site_id, checked_out_at FROM visit ORDER BY site_id")
    assert rows[0][1] is None and rows[1][1] is not None


def test_a_kiosk_reads_its_own_sites_report(server: Running) -> None:
    nord, sud = two_sites(server)
    server.push(nord, [event("visit", visit()) for _ in range(3)])
    server.push(sud, [event("visit", visit())])
    year = (NOW - timedelta(hours=1)).year
    for token, visits in ((nord, 3), (sud, 1)):
        reply = requests.get(
            f"{server.url}/api/v1/reports/visits",
            params={"year": year},
            headers=bearer(token),
            timeout=60,
        )
        assert reply.status_code == 200, reply.text
        assert reply.json()["visits"] == visits


def test_a_kiosk_set_up_for_another_site_is_refused(server: Running) -> None:
    """A kiosk set up for Sud (its code) but given Nord's token is refused, before
    anything is written; a code no site has (a second kiosk of a site, set up alone
    before sites existed) is not: it keeps syncing."""
    nord, sud = two_sites(server)
    assert join(server, sud, "CCCC", KEY_B).status_code == 200
    pushed = requests.post(
        f"{server.url}/api/v1/events",
        json={"events": [event("visit", visit())]},
        headers=bearer(nord, **{"X-Fablab-Site": "cccc"}),
        timeout=60,
    )
    assert pushed.status_code == 403
    assert "'Nord'" in pushed.json()["detail"] and "'Sud'" in pushed.json()["detail"]
    assert server.rows("SELECT count(*) FROM visit")[0][0] == 0
    for code in ("AAAA", "ZZZZ"):  # its own; nobody's
        ok = requests.get(
            f"{server.url}/api/v1/changes",
            headers=bearer(nord, **{"X-Fablab-Site": code}),
            timeout=30,
        )
        assert ok.status_code == 200


def test_the_network_tells_places_never_keys(server: Running) -> None:
    nord, sud = two_sites(server)
    first = join(server, sud, "CCCC", KEY_B)
    assert first.status_code == 200, first.text
    assert first.json() == {"site": {"code": "CCCC", "name": "Sud"}, "places": []}  # no key yet
    reply = join(server, nord, "AAAA", KEY_A)
    assert reply.json()["places"] == [{"code": "CCCC", "name": "Sud"}]
    assert KEY_B not in reply.text and KEY_A not in reply.text
    assert join(server, sud, "CCCC", KEY_B).json()["places"] == [{"code": "AAAA", "name": "Nord"}]
    # a second kiosk of Sud with another key; Nord's token on a kiosk set up for Sud
    other_key = join(server, sud, "CCCC", "c3" * 32)
    assert other_key.status_code == 409 and "site.key" in other_key.json()["detail"]
    crossed = join(server, nord, "CCCC", KEY_B)
    assert crossed.status_code == 403
    assert "'Nord'" in crossed.json()["detail"] and "'Sud'" in crossed.json()["detail"]
    alone = join(server, nord, "DDDD", KEY_A)  # a second Nord kiosk, set up on its own
    assert alone.status_code == 403
    assert "copy [site] id" in alone.json()["detail"] and "AAAA" in alone.json()["detail"]
    assert join(server, nord, "AAAA", "not hex").status_code == 422
    assert server.rows("SELECT code, badge_key FROM site WHERE name = 'Sud'")[0] == ("CCCC", KEY_B)


def test_a_visiting_members_badge_is_checked_with_their_home_key(server: Running) -> None:
    nord, sud = two_sites(server)
    join(server, nord, "AAAA", KEY_A)
    join(server, sud, "CCCC", KEY_B)
    badge = make_token(bytes.fromhex(KEY_A), "AAAA", "7K2M9QXD", 1)
    forged = make_token(bytes.fromhex(KEY_B), "AAAA", "7K2M9QXD", 1)  # signed elsewhere
    events = [
        event("visit", visit(home_site="AAAA", network_badge=badge)),
        event("visit", visit(home_site="AAAA", network_badge=badge)),  # the same person again
        event("visit", visit(home_site="AAAA", network_badge=forged)),
        event("visit", visit(home_site="CCCC", network_badge=badge)),  # not a Sud badge
        event("visit", visit(home_site="ZZZZ", network_badge=badge)),  # no such place
    ]
    results = server.push(sud, events).json()["results"]
    assert [r["status"] for r in results] == [
        "applied",
        "applied",
        "rejected",
        "rejected",
        "rejected",
    ]
    assert "signature" in results[2]["error"]
    rows = server.rows("SELECT home_site_id, visitor, member_id FROM visit ORDER BY id")
    assert len(rows) == 2 and rows[0][1] == rows[1][1] and rows[0][1].startswith("n")
    assert {r[0] for r in rows} == {server.rows("SELECT id FROM site WHERE code = 'AAAA'")[0][0]}
    # Nord reissues the badge (version 2): the old one is refused at Sud from then on
    ada = str(uuid.uuid4())
    home = [event("member", member(ada, badge_version=2))]
    assert server.push(nord, home).json()["results"][0]["status"] == "applied"
    again = server.push(sud, [event("visit", visit(home_site="AAAA", network_badge=badge))])
    assert again.json()["results"][0]["status"] == "rejected"
    assert "newer badge" in again.json()["results"][0]["error"]
    newer = make_token(bytes.fromhex(KEY_A), "AAAA", "7K2M9QXD", 2)
    fresh = server.push(sud, [event("visit", visit(home_site="AAAA", network_badge=newer))])
    assert fresh.json()["results"][0]["status"] == "applied"
    # at home, their own badge is not a network visitor's
    own = server.push(nord, [event("visit", visit(home_site="AAAA", network_badge=badge))])
    assert own.json()["results"][0]["status"] == "rejected"


def test_staff_see_their_site_and_a_network_account_every_site(server: Running) -> None:
    two_sites(server)
    with Session(server.engine) as session, session.begin():
        add_staff(session, "lea", PASSWORD, "Nord")
        add_staff(session, "net", PASSWORD, network=True)
    lea = sign_in_as(server, "lea")
    page = lea.get(f"{server.url}/staff/workshops", timeout=30)
    assert page.status_code == 200 and "Nord" in page.text and "Sud" not in page.text
    sud_id = server.rows("SELECT id FROM site WHERE name = 'Sud'")[0][0]
    assert lea.get(f"{server.url}/staff/workshops?site={sud_id}", timeout=30).status_code == 404
    net = sign_in_as(server, "net")
    page = net.get(f"{server.url}/staff/workshops?site={sud_id}", timeout=30)
    assert page.status_code == 200 and "— Sud" in page.text and ">Nord</a>" in page.text


def test_sites_and_accounts_refuse_what_does_not_fit(server: Running) -> None:
    two_sites(server)
    with Session(server.engine) as session, session.begin():
        with pytest.raises(SiteError, match="already a site named"):
            add_site(session, "nord")
        with pytest.raises(SiteError, match="AAAA is already"):
            add_site(session, "Est", code="aaaa")
        with pytest.raises(SiteError, match="not a site code"):
            add_site(session, "Est", code="AB-1")
        with pytest.raises(SiteError, match="time zone"):
            add_site(session, "Est", "Mars/Olympus")
        with pytest.raises(SiteError, match="3 sites: say which one with --site"):
            add_kiosk(session, "door")
        with pytest.raises(SiteError, match="no site 'Ouest'"):
            find_site(session, "Ouest")
        with pytest.raises(AccountError, match="not both"):
            add_staff(session, "x", PASSWORD, "Nord", network=True)
    assert server.rows("SELECT count(*) FROM site")[0][0] == 3  # Fablab (site 1), Nord, Sud


def test_the_command_line_makes_sites(server: Running, capsys: pytest.CaptureFixture[str]) -> None:
    db = server.settings.database_url
    assert (
        main(["server", "add-site", "Fablab de Rennes", "--timezone", "Europe/Paris", "--db", db])
        == 0
    )
    assert main(["server", "add-site", "fablab de rennes", "--db", db]) == 1
    assert "already a site named" in capsys.readouterr().err
    assert main(["server", "add-kiosk", "door", "--db", db]) == 1  # two sites now
    assert "--site" in capsys.readouterr().err
    assert (
        main(["server", "add-kiosk", "door", "--site", "Fablab de Rennes", "--db", db, "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["site"] == "Fablab de Rennes"
    assert main(["server", "edit-site", "Fablab", "--name", "Fablab Nord", "--db", db]) == 0
    capsys.readouterr()
    assert main(["server", "sites", "--db", db, "--json"]) == 0
    sites = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["kiosks"]) for s in sites] == [
        ("Fablab Nord", 0),
        ("Fablab de Rennes", 1),
    ]
