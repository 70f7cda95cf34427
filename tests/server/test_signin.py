"""Signing in to the server, as an attacker would try it: forged client addresses,
restarts and second processes, posts from other sites, stolen cookies, report floods.

Real servers on 127.0.0.1 over SQLite and PostgreSQL; two servers on one database
stand for two worker processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kiosk.cli.main import main
from kiosk.server.accounts import AccountError, add_staff
from kiosk.server.settings import proxy_list
from kiosk.server.throttle import LoginThrottle, address_key, take_token

from .conftest import Running
from .test_web import FORM, PASSWORD, STAFF, PageParser, form_token, sign_in, try_login

T0 = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)


def with_staff(server: Running) -> Running:
    with Session(server.engine) as session, session.begin():
        add_staff(session, STAFF, PASSWORD)
    return server


def wrong(server: Running, **headers: str) -> int:
    return try_login(server, FORM | {"password": "guess guess"}, **headers).status_code


def test_a_forged_forwarded_for_does_not_escape_the_throttle(
    start_server: Callable[..., Running],
) -> None:
    server = with_staff(start_server())
    codes = [wrong(server, **{"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(6)]
    assert codes == [401] * 5 + [429]
    refused = try_login(server, FORM, **{"X-Forwarded-For": "203.0.113.77"})
    assert refused.status_code == 429 and "set-cookie" not in refused.headers


def test_a_trusted_proxy_names_the_client(start_server: Callable[..., Running]) -> None:
    server = with_staff(start_server(trusted_proxies=("127.0.0.1",)))
    attacker = {"X-Forwarded-For": "198.51.100.7"}
    assert [wrong(server, **attacker) for _ in range(6)] == [401] * 5 + [429]
    # the lab's own computer, behind the same proxy, is not locked out
    lab = {"X-Forwarded-For": "203.0.113.20", "X-Forwarded-Proto": "https"}
    form = requests.get(f"{server.url}/staff/login", headers=lab, timeout=10)
    assert "secure" in form.headers["set-cookie"].lower()  # the proxy said https
    reply = requests.post(
        f"{server.url}/staff/login",
        data=FORM | {"form_token": form_token(form.text)},
        headers=lab,
        cookies={"fablab_login": form.cookies["fablab_login"]},  # requests keeps it to https
        allow_redirects=False,
        timeout=30,
    )
    assert reply.status_code == 303
    assert "secure" in reply.headers["set-cookie"].lower()
    assert server.rows("SELECT address FROM login_failure") == [("198.51.100.7",)] * 5


def test_attempts_sent_at_once_do_not_slip_past_the_limit(
    start_server: Callable[..., Running],
) -> None:
    first = with_staff(start_server())
    second = start_server()
    with ThreadPoolExecutor(12) as pool:
        codes = list(pool.map(lambda n: wrong(first if n % 2 else second), range(12)))
    assert sorted(codes) == [401] * 5 + [429] * 7


def test_failures_count_across_processes_and_restarts(
    start_server: Callable[..., Running],
) -> None:
    first = with_staff(start_server())
    second = start_server()  # another worker on the same database
    assert [wrong(first) for _ in range(3)] + [wrong(second) for _ in range(2)] == [401] * 5
    assert wrong(first) == 429 and wrong(second) == 429
    third = start_server()  # as after a restart
    refused = try_login(third, FORM)
    assert refused.status_code == 429
    assert 800 <= int(refused.headers["Retry-After"]) <= 15 * 60


def test_the_throttle_forgets_after_the_window_and_after_success(
    migrated_engine: Engine,
) -> None:
    throttle = LoginThrottle(max_failures=3, window_s=60)

    def take(address: str, at: datetime) -> int:
        with Session(migrated_engine) as session, session.begin():
            return throttle.take(session, address, at)

    assert [take("192.0.2.1", T0) for _ in range(3)] == [0, 0, 0]
    assert take("192.0.2.1", T0) == 60 and take("192.0.2.2", T0) == 0
    assert take("192.0.2.1", T0 + timedelta(seconds=30)) == 30
    assert take("192.0.2.1", T0 - timedelta(hours=1)) == 60  # a clock set back
    assert take("192.0.2.1", T0 + timedelta(seconds=61)) == 0  # out of the window
    with Session(migrated_engine) as session, session.begin():
        throttle.forgive(session, "192.0.2.1")
    later = T0 + timedelta(seconds=62)
    assert [take("192.0.2.1", later) for _ in range(3)] == [0, 0, 0]


def test_an_ipv6_client_is_counted_by_its_64() -> None:
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.5") == "192.0.2.5"
    assert address_key("192.0.2.5") == "192.0.2.5"
    assert address_key("unknown") == "unknown"


def test_a_bucket_refills_evenly_and_ignores_a_clock_going_back(
    migrated_engine: Engine,
) -> None:
    def take(key: str, at: datetime) -> int:
        with Session(migrated_engine) as session, session.begin():
            return take_token(session, key, 6, at)  # one every 10 s

    assert [take("a", T0) for _ in range(6)] == [0] * 6
    assert take("a", T0) == 10 and take("b", T0) == 0
    assert take("a", T0 + timedelta(seconds=4)) == 6
    assert take("a", T0 + timedelta(seconds=10)) == 0
    assert take("a", T0 - timedelta(hours=1)) >= 1  # not a refill


def test_another_sites_form_is_refused_and_costs_no_attempt(
    start_server: Callable[..., Running],
) -> None:
    server = with_staff(start_server())
    elsewhere = [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": server.url},  # a sibling subdomain
    ]
    for headers in elsewhere:
        reply = try_login(server, FORM, **headers)
        assert reply.status_code == 403, headers
        assert "set-cookie" not in reply.headers or "fablab_staff" not in str(
            reply.headers["set-cookie"]
        )
        assert "Ce formulaire a expiré" in reply.text
    # a post with no token (a page that never showed our form), 10 times over
    for _ in range(10):
        blind = requests.post(f"{server.url}/staff/login", data=FORM, timeout=30)
        assert blind.status_code == 403
    assert server.rows("SELECT count(*) FROM login_failure") == [(0,)]
    # the refusal shows a fresh form, with the username kept, that works
    browser = requests.Session()
    refused = browser.post(
        f"{server.url}/staff/login", data=FORM, allow_redirects=False, timeout=30
    )
    assert f'value="{STAFF}"' in refused.text
    hidden = {"form_token": form_token(refused.text)}
    done = browser.post(
        f"{server.url}/staff/login",
        data=FORM | hidden,
        headers={"Origin": server.url},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 303


def test_our_own_page_is_let_through_by_a_browser(start_server: Callable[..., Running]) -> None:
    server = with_staff(start_server())
    browser = sign_in(server, **{"Sec-Fetch-Site": "same-origin", "Origin": server.url})
    page = browser.get(f"{server.url}/staff/reports", timeout=30)
    assert page.status_code == 200 and STAFF in page.text


def test_sign_out_from_another_site_is_refused(start_server: Callable[..., Running]) -> None:
    server = with_staff(start_server())
    browser = sign_in(server)
    page = browser.get(f"{server.url}/staff/reports", timeout=30)
    token = form_token(page.text)
    logout = f"{server.url}/staff/logout"
    forged = browser.post(logout, headers={"Sec-Fetch-Site": "cross-site"}, timeout=30)
    assert forged.status_code == 403 and "Se déconnecter" in forged.text
    assert PageParser(forged.text).unbalanced == []
    wrong_token = browser.post(logout, data={"form_token": "0" * 64}, timeout=30)
    assert wrong_token.status_code == 403
    assert browser.get(f"{server.url}/staff/reports", timeout=30).status_code == 200
    # the refusal's own button carries the right token
    assert form_token(forged.text) == token
    out = browser.post(logout, data={"form_token": token}, allow_redirects=False, timeout=30)
    assert out.status_code == 303
    assert server.rows("SELECT count(*) FROM staff_session") == [(0,)]


def test_remove_staff_ends_their_sessions_at_once(
    start_server: Callable[..., Running], capsys: pytest.CaptureFixture[str]
) -> None:
    server = with_staff(start_server())
    browsers = [sign_in(server), sign_in(server)]  # two computers
    url = f"{server.url}/staff/reports"
    assert all(b.get(url, timeout=30).status_code == 200 for b in browsers)
    db = server.settings.database_url
    assert main(["server", "remove-staff", STAFF, "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"username": STAFF, "ended_sessions": 2}
    for browser in browsers:
        reply = browser.get(url, allow_redirects=False, timeout=30)
        assert reply.status_code == 303 and reply.headers["Location"] == "/staff/login"
    assert try_login(server, FORM).status_code == 401  # the account is gone
    assert main(["server", "remove-staff", STAFF, "--db", db]) != 0
    assert "there is no staff account named 'lea'" in capsys.readouterr().err


def test_reports_have_a_budget_per_caller_shared_by_every_process(
    start_server: Callable[..., Running],
) -> None:
    first = with_staff(start_server(report_rate_per_minute=3))
    second = start_server(report_rate_per_minute=3)
    door = first.add_kiosk("door")
    api = "/api/v1/reports/visits?year=2026"
    bearer = {"Authorization": f"Bearer {door}"}

    def ask(server: Running, **kw: Any) -> requests.Response:
        return requests.get(f"{server.url}{api}", timeout=30, **kw)

    codes = [ask(first, headers=bearer).status_code for _ in range(2)]
    codes += [ask(second, headers=bearer).status_code for _ in range(2)]
    assert codes == [200, 200, 200, 429]
    refused = ask(first, headers=bearer)
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 20
    assert "3 reports a minute" in refused.json()["detail"]
    # a staff member has a budget of their own, spent by the pages and the API alike
    browser = sign_in(second)
    assert browser.get(f"{second.url}/staff/reports", timeout=30).status_code == 200
    assert browser.get(f"{first.url}{api}", timeout=30).status_code == 200
    csv = browser.get(f"{first.url}/staff/reports/visits.csv?year=2026", timeout=30)
    assert csv.status_code == 200
    page = browser.get(f"{second.url}/staff/reports", timeout=30)
    assert page.status_code == 429 and int(page.headers["Retry-After"]) >= 1
    assert "Trop de demandes de bilans" in page.text and "Revenir aux bilans" in page.text
    assert PageParser(page.text).unbalanced == []


def test_a_nul_in_a_username_is_a_failed_sign_in_not_a_server_error(
    start_server: Callable[..., Running], capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL cannot even look up a text holding NUL: the sign-in form, add-staff and
    remove-staff treat such a name as no account (issue 12: text refused at the edges)."""
    server = with_staff(start_server())
    for name in ("lea\x00", "\x00", "le\x07a"):
        reply = try_login(server, FORM | {"username": name})
        assert reply.status_code == 401, (name, reply.text)
        assert "fablab_staff" not in reply.headers.get("set-cookie", "")
    db = server.settings.database_url
    with Session(server.engine) as session, pytest.raises(AccountError, match="control"):
        add_staff(session, "ma\x00x", PASSWORD)
    assert main(["server", "remove-staff", "lea\x00", "--db", db]) == 1
    assert "there is no staff account named" in capsys.readouterr().err
    assert try_login(server, FORM).status_code == 303  # lea herself still signs in


def test_trusted_proxies_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert proxy_list("127.0.0.1, ::1 10.0.0.0/8") == ("127.0.0.1", "::1", "10.0.0.0/8")
    assert proxy_list("") == ()
    with pytest.raises(ValueError, match="'\\*' is not an address"):
        proxy_list("*")
    assert main(["server", "--trusted-proxy", "localhost", "--db", ":memory:"]) != 0
    assert "--trusted-proxy: 'localhost' is not an address" in capsys.readouterr().err
