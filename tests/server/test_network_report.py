"""Reports across the network (SQLite and PostgreSQL): two sites in two time zones, the
``server report`` command in every format read back, the API's and the staff pages'
refusals. The visits go in as kiosks send them (the real server, over HTTP)."""

from __future__ import annotations

import csv
import io
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import requests

from kiosk.cli.main import main

from .test_cli import run_json, visit_event
from .test_web import form_token

PASSWORD = "correct horse battery"
LATE = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)  # 2026 in Lyon, still 2025 in Montréal


def add_staff(url: str, name: str, *options: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    argv = ["server", "add-staff", name, "--password-stdin", *options, "--db", url]
    assert main(argv) == 0


@pytest.fixture
def network(
    start_server: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Lyon (Paris time) and Montreal, a kiosk each and their visits; staff of Lyon
    (``lea``) and a network account (``net``)."""
    server = start_server()
    url = server.settings.database_url
    for name, zone in (("Lyon", "Europe/Paris"), ("Montreal", "America/Montreal")):
        assert main(["server", "add-site", name, "--timezone", zone, "--db", url]) == 0
    capsys.readouterr()
    tokens = {
        site: run_json(
            capsys, "server", "add-kiosk", f"door-{site}", "--site", site, "--db", url, "--json"
        )["token"]
        for site in ("Lyon", "Montreal")
    }
    add_staff(url, "lea", "--site", "Lyon", monkeypatch=monkeypatch)
    add_staff(url, "net", "--network", monkeypatch=monkeypatch)
    capsys.readouterr()
    ada = {"member_id": str(uuid.uuid4()), "visitor": "v-ada", "age_bracket": "26-44"}
    bob = {"member_id": str(uuid.uuid4()), "visitor": "v-bob", "age_bracket": "18-25"}
    lyon = [
        visit_event(datetime(2025, 1, 5, 10, tzinfo=UTC), **ada),
        visit_event(datetime(2025, 1, 7, 10, tzinfo=UTC), **ada),
        visit_event(LATE, **bob),  # Lyon's 2026
        visit_event(datetime(2025, 6, 2, 14, tzinfo=UTC), None, head_count=3),
    ]
    montreal = [
        visit_event(datetime(2025, 3, 3, 15, tzinfo=UTC), **ada),  # the same key, another site
        visit_event(LATE, **bob),  # Montréal's 2025 (18:30 local)
    ]
    for site, events in (("Lyon", lyon), ("Montreal", montreal)):
        reply = server.push(tokens[site], events)
        assert {r["status"] for r in reply.json()["results"]} == {"applied"}, reply.text
    server.tokens.update(tokens)
    return server


def report(capsys: pytest.CaptureFixture[str], url: str, *options: str) -> Any:
    return run_json(
        capsys, "server", "report", "--year", "2025", *options, "--format", "json", "--db", url
    )


def test_each_site_counts_in_its_zone_and_the_network_adds_them_up(
    network: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    url = network.settings.database_url
    lyon = report(capsys, url, "--site", "Lyon")
    montreal = report(capsys, url, "--site", "Montreal")
    assert (lyon["visits"], lyon["unique_visitors"], lyon["guests"]) == (5, 1, 3)
    assert lyon["timezone"] == "Europe/Paris" and lyon["by_month"][11] == 0
    assert (montreal["visits"], montreal["unique_visitors"]) == (2, 2)
    assert montreal["by_month"][11] == 1  # 31 December 18:30 in Montréal
    whole = report(capsys, url, "--network")
    assert [s["site"] for s in whole["sites"]][-2:] == ["Lyon", "Montreal"]
    total = whole["total"]
    assert total["source"] == "network"
    # ada came to both sites: once per site, so twice in the network's total
    assert total["unique_visitors"] == sum(s["report"]["unique_visitors"] for s in whole["sites"])
    assert total["unique_visitors"] >= 3
    for key in ("visits", "member_visits", "guests", "new_members", "network_visits"):
        assert total[key] == sum(s["report"][key] for s in whole["sites"]), key
    assert total["by_month"] == [
        sum(s["report"]["by_month"][m] for s in whole["sites"]) for m in range(12)
    ]
    next_year = run_json(
        capsys, "server", "report", "--year", "2026", "--site", "Lyon", "--json", "--db", url
    )
    assert next_year["visits"] == 1 and next_year["by_month"][0] == 1  # bob, 00:30 in Lyon


def test_the_formats_read_back(
    network: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = network.settings.database_url
    base = ["server", "report", "--year", "2025", "--db", url]
    assert main([*base, "--network", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    visits = {
        r["site"]: int(r["count"]) for r in rows if (r["section"], r["item"]) == ("total", "visits")
    }
    assert visits["Lyon"] == 5 and visits["Montreal"] == 2
    assert visits["network"] == sum(n for site, n in visits.items() if site != "network")
    book_path = tmp_path / "network.xlsx"
    assert main([*base, "--network", "--format", "xlsx", "--output", str(book_path)]) == 0
    assert str(book_path) in capsys.readouterr().out
    book = openpyxl.load_workbook(book_path)
    sites = {row[0]: row for row in book["sites"].iter_rows(min_row=2, values_only=True)}
    assert sites["Lyon"][1:3] == (5, 1) and sites["Montreal"][1:3] == (2, 2)
    assert sites["network"][1] == sum(row[1] for name, row in sites.items() if name != "network")
    one = tmp_path / "lyon.xlsx"
    assert main([*base, "--site", "Lyon", "--format", "xlsx", "--output", str(one)]) == 0
    sheet = openpyxl.load_workbook(one)["2025"]
    found = {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert found[("total", "visits")] == 5 and found[("total", "network_visits")] == 0
    assert main([*base, "--network"]) == 0
    table = capsys.readouterr().out
    assert "Sites of the network in 2025" in table and "Montreal" in table
    assert main([*base, "--site", "Montreal"]) == 0
    assert "site Montreal" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--site", "Nowhere"], "--site 'Nowhere': no such site"),
        (["--site", "Lyon", "--network"], "--site and --network: give one"),
        ([], "sites"),  # several sites, neither asked
        (["--site", "Lyon", "--tz", "Asia/Tokyo"], "counts in its own time zone, Europe/Paris"),
    ],
)
def test_bad_requests_get_one_line_and_status_2(
    network: Any, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    url = network.settings.database_url
    assert main(["server", "report", "--year", "2025", *options, "--db", url]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("year", ["1999", "2101", "-5"])
def test_absurd_years_get_status_2(
    network: Any, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    url = network.settings.database_url
    assert main(["server", "report", "--year", year, "--network", "--db", url]) == 2
    assert "the year must be between 2000 and 2100" in capsys.readouterr().err


def api(server: Any, token: str | None = None, browser: Any = None, **params: str) -> Any:
    ask = browser or requests
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return ask.get(
        f"{server.url}/api/v1/reports/visits",
        params={"year": "2025"} | params,
        headers=headers,
        timeout=30,
    )


def sign_in(server: Any, name: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{server.url}/staff/login", timeout=10)
    form = {"username": name, "password": PASSWORD, "form_token": form_token(page.text)}
    reply = browser.post(f"{server.url}/staff/login", data=form, allow_redirects=False, timeout=30)
    assert reply.status_code == 303, reply.text
    return browser


def test_a_kiosk_reads_its_own_site_only(network: Any) -> None:
    token = network.tokens["Lyon"]
    own = api(network, token)
    assert own.status_code == 200 and own.json()["visits"] == 5
    assert api(network, token, site="Lyon").json()["visits"] == 5
    for params in ({"site": "Montreal"}, {"network": "1"}):
        refused = api(network, token, **params)
        assert refused.status_code == 403, refused.text
        assert "Lyon" in refused.json()["detail"]
    assert api(network, token, site="Nowhere").status_code == 404
    assert api(network, token, site="Lyon", network="1").status_code == 400


def test_staff_read_their_site_and_a_network_account_any(network: Any) -> None:
    lea = sign_in(network, "lea")
    assert api(network, browser=lea).json()["visits"] == 5
    refused = api(network, browser=lea, site="Montreal")
    assert refused.status_code == 403 and "ne voit que" in refused.json()["detail"]
    assert api(network, browser=lea, network="1").status_code == 403
    net = sign_in(network, "net")
    assert api(network, browser=net, site="Montreal").json()["visits"] == 2
    whole = api(network, browser=net, network="1").json()
    assert whole["total"]["visits"] == sum(s["report"]["visits"] for s in whole["sites"])


def test_the_staff_pages_of_a_site_and_of_the_network(network: Any) -> None:
    lea = sign_in(network, "lea")
    page = lea.get(f"{network.url}/staff/reports", params={"year": "2025"}, timeout=30)
    assert page.status_code == 200 and "Lyon" in page.text and 'name="site"' not in page.text
    other = lea.get(f"{network.url}/staff/reports", params={"site": "Montreal"}, timeout=30)
    assert other.status_code == 403 and "Lyon" in other.text
    csv_other = lea.get(
        f"{network.url}/staff/reports/visits.csv", params={"network": "1"}, timeout=30
    )
    assert csv_other.status_code == 403
    net = sign_in(network, "net")
    page = net.get(f"{network.url}/staff/reports", params={"year": "2025"}, timeout=30)
    assert page.status_code == 200
    assert '<select id="site" name="site">' in page.text
    sites = api(network, browser=net, network="1").json()["sites"]
    assert page.text.count("<svg") == 1 + len(sites)  # the total's chart, then one per site
    assert 'id="chart-site-0-title"' in page.text and 'id="by-site"' in page.text
    english = net.get(f"{network.url}/staff/reports", params={"lang": "en"}, timeout=30)
    assert "The whole network" in english.text and "By site" in english.text
    one = net.get(f"{network.url}/staff/reports", params={"site": "Montreal"}, timeout=30)
    assert one.status_code == 200 and "Montreal" in one.text and 'name="site"' in one.text
    whole = net.get(f"{network.url}/staff/reports/visits.csv", params={"network": "1"}, timeout=30)
    assert whole.status_code == 200 and "reseau" in whole.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(whole.content.decode("utf-8-sig"))))
    assert {"Lyon", "Montreal", "network"} <= {r["site"] for r in rows}
    site_csv = net.get(
        f"{network.url}/staff/reports/visits.csv",
        params={"site": "Montreal", "year": "2025"},
        timeout=30,
    )
    assert "Montreal" in site_csv.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(site_csv.content.decode("utf-8-sig"))))
    assert {(r["section"], r["item"], r["count"]) for r in rows} >= {("total", "visits", "2")}


def test_a_member_of_another_site_counts_as_a_network_visitor(server: Any) -> None:
    """Through the real ingest: a Nord member's badge checked at Sud twice is two network
    visits and one person at Sud; Nord's counts do not change."""
    from .test_sites import KEY_A, KEY_B, NOW, event, join, make_token, two_sites
    from .test_sites import visit as site_visit

    nord, sud = two_sites(server)
    join(server, nord, "AAAA", KEY_A)
    join(server, sud, "CCCC", KEY_B)
    badge = make_token(bytes.fromhex(KEY_A), "AAAA", "7K2M9QXD", 1)
    events = [event("visit", site_visit(home_site="AAAA", network_badge=badge)) for _ in range(2)]
    events.append(event("visit", site_visit()))  # a guest
    assert {r["status"] for r in server.push(sud, events).json()["results"]} == {"applied"}
    year = str((NOW - timedelta(hours=1)).astimezone(ZoneInfo("America/Cayenne")).year)
    at_sud = api(server, sud, year=year).json()
    assert (at_sud["visits"], at_sud["network_visits"], at_sud["unique_visitors"]) == (3, 2, 1)
    assert at_sud["member_visits"] == 0  # the network visits are apart
    at_nord = api(server, nord, year=year).json()
    assert (at_nord["visits"], at_nord["network_visits"]) == (0, 0)
