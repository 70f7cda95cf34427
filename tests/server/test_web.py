"""The staff web pages against the real server (SQLite and PostgreSQL), over real HTTP."""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy.orm import Session

from kiosk.reports.yearly import TOTALS, YearlyReport
from kiosk.server.accounts import add_staff
from kiosk.server.web import routes as web
from kiosk.server.web.pages import Page, workshops_section
from kiosk.server.web.routes import preferred_language
from kiosk.server.web.words import LANGUAGES
from kiosk.workshops.counts import GroupCounts, WorkshopCounts

from .test_cli import visit_event

STAFF, PASSWORD = "lea", "correct horse battery"
FORM = {"username": STAFF, "password": PASSWORD}
VOID = {"meta", "input", "br", "img", "link", "hr", "col", "wbr", "source"}


def member_event(created: datetime) -> dict[str, Any]:
    payload = {
        "id": str(uuid.uuid4()),
        "short_code": "7K2M9QXD",
        "first_name": "Ada",
        "status": "active",
        "badge_version": 1,
        "created_at": created.isoformat(),
    }
    return {"id": str(uuid.uuid4()), "kind": "member", "occurred_at": created.isoformat()} | {
        "payload": payload
    }


class PageParser(HTMLParser):
    """The body rows of a page's tables (by id, then by the row's heading), and every
    tag that is not closed in order (a cheap check that the HTML is well formed)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict[str, list[str]]] = {}
        self.unbalanced: list[str] = []
        self._open: list[str] = []
        self._table: dict[str, list[str]] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()
        self.unbalanced += self._open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self._open.append(tag)
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id") or "", {})
        elif tag == "tr" and self._table is not None and "thead" not in self._open:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <rect .../> in the SVG

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.unbalanced.append(f"</{tag}>")
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if self._row:
                self._table[self._row[0]] = self._row[1:]
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def staff_server(server: Any) -> Any:
    """The server, with the staff account lea."""
    with Session(server.engine) as session, session.begin():
        add_staff(session, STAFF, PASSWORD)
    return server


def form_token(page: str) -> str:
    """The hidden anti-forgery token of the page's form (sign-in or sign-out)."""
    found = re.search(r'name="form_token" value="([^"]*)"', page)
    assert found, page
    return found.group(1)


def login_form(server: Any, **headers: str) -> tuple[requests.Session, dict[str, str]]:
    """A browser that opened the sign-in page, and the fields its form sends but the
    username and password."""
    browser = requests.Session()
    browser.headers.update(headers)
    page = browser.get(f"{server.url}/staff/login", timeout=10)
    assert page.status_code == 200
    return browser, {"form_token": form_token(page.text)}


def try_login(server: Any, form: dict[str, str], **headers: str) -> requests.Response:
    browser, hidden = login_form(server, **headers)
    return browser.post(
        f"{server.url}/staff/login", data=form | hidden, allow_redirects=False, timeout=30
    )


def sign_in(server: Any, **kw: str) -> requests.Session:
    browser, hidden = login_form(server, **kw)
    reply = browser.post(
        f"{server.url}/staff/login", data=FORM | hidden, allow_redirects=False, timeout=30
    )
    assert reply.status_code == 303, reply.text
    assert reply.headers["Location"] == "/staff/reports"
    return browser


def push_the_year(server: Any) -> None:
    """2026 in Paris: ada twice in January, bob on 1 April (23:30 UTC on 31 March) and
    in November; 4 guests in the space ``<script>``; bob on 31 December 2025."""
    door, cowork = server.add_kiosk("door"), server.add_kiosk("cowork")
    ada = {"member_id": str(uuid.uuid4()), "visitor": "v-ada", "age_bracket": "26-44"}
    bob = {"member_id": str(uuid.uuid4()), "visitor": "v-bob", "age_bracket": "18-25"}
    door_events = [
        visit_event(datetime(2026, 1, 5, 10, tzinfo=UTC), **ada),
        visit_event(datetime(2026, 1, 7, 10, tzinfo=UTC), **ada),
        visit_event(datetime(2026, 3, 31, 23, 30, tzinfo=UTC), **bob),
        visit_event(datetime(2025, 12, 31, 12, tzinfo=UTC), **bob | {"visitor": "v-bob-25"}),
        member_event(datetime(2026, 2, 1, 9, tzinfo=UTC)),
    ]
    cowork_events = [
        visit_event(
            datetime(2026, 11, 25, 14, tzinfo=UTC),
            None,
            head_count=4,
            space="<script>",
            purpose="atelier",
        ),
        visit_event(datetime(2026, 11, 26, 9, tzinfo=UTC), **bob, space="cowork"),
    ]
    for token, events in ((door, door_events), (cowork, cowork_events)):
        reply = server.push(token, events)
        assert {r["status"] for r in reply.json()["results"]} == {"applied"}, reply.text


def test_a_wrong_password_or_an_unknown_name_is_refused_alike(
    staff_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = web.verify_password

    def verify(password: str, stored: str) -> bool:
        checked.append(stored)
        return real(password, stored)

    form = requests.get(f"{staff_server.url}/staff/login", timeout=10)
    assert form.status_code == 200 and 'name="password" type="password"' in form.text
    monkeypatch.setattr(web, "verify_password", verify)
    wrong = try_login(staff_server, FORM | {"password": "wrong one"})
    unknown = try_login(staff_server, FORM | {"username": "nobody"})
    for reply in (wrong, unknown):
        assert reply.status_code == 401
        assert "Identifiant ou mot de passe incorrect." in reply.text
        assert "set-cookie" not in reply.headers
    assert len(checked) == 2  # scrypt ran for the unknown name too: the same time
    assert "scrypt$" in checked[1]


def test_signed_in_staff_see_the_year_checked_by_hand(staff_server: Any) -> None:
    push_the_year(staff_server)
    browser = sign_in(staff_server)
    cookie = next(c for c in browser.cookies if c.name == "fablab_staff")
    assert cookie.has_nonstandard_attr("HttpOnly")
    reply = browser.get(f"{staff_server.url}/staff/reports", params={"year": 2026}, timeout=30)
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in reply.text
    page = PageParser(reply.text)
    assert page.unbalanced == []
    tables = page.tables
    assert tables["totals"]["Visites (personnes)"] == ["8", "1", "+700 %"]
    assert tables["totals"]["dont visites de membres"] == ["4", "1", "+300 %"]
    assert tables["totals"]["Membres différents"] == ["2", "1", "+100 %"]
    assert tables["totals"]["Nouveaux membres"] == ["1", "0", "—"]
    assert tables["totals"]["Invités"] == ["4", "0", "—"]
    assert tables["totals"]["Groupes d’invités"] == ["1", "—", "—"]
    months = tables["by-month"]
    assert [months[m] for m in ("janvier", "avril", "novembre", "décembre")] == [
        ["2", "0"],
        ["1", "0"],
        ["5", "0"],
        ["0", "1"],
    ]
    assert sum(int(v[0]) for v in months.values()) == 8
    weekdays = tables["by-weekday"]
    assert (weekdays["lundi"], weekdays["mercredi"], weekdays["jeudi"]) == (["1"], ["6"], ["1"])
    # from the first hour with visits to the last: 1 h (1 April) ... 15 h (guests)
    hours = list(tables["by-hour"])
    assert len(hours) == 15 and hours[0] == "1 h" and hours[-1] == "15 h"
    assert tables["by-hour"]["11 h"] == ["2"] and tables["by-hour"]["10 h"] == ["1"]
    assert tables["by-space"] == {"<script>": ["4"], "cowork": ["1"], "fablab": ["3"]}
    assert tables["by-purpose"] == {"atelier": ["4"], "non précisé": ["4"]}
    ages = tables["by-age"]
    assert ages["18-25"] == ["2", "1"] and ages["26-44"] == ["2", "1"]
    assert ages["inconnu (et invités)"] == ["4", "0"] and ages["65+"] == ["0", "0"]
    assert tables["by-kiosk"] == {"cowork": ["5"], "door": ["3"]}
    # no workshop records on the server yet: zeros, and tables that say so
    assert tables["workshop-totals"] == {
        "Ateliers": ["0"],
        "Séances": ["0"],
        "Demi-journées": ["0"],
        "Stagiaires différents": ["0"],
        "Heures-stagiaires": ["0"],
    }
    assert tables["workshops-by-funder"] == {"Aucun atelier": []}
    assert tables["workshops-by-age"] == {"Aucun atelier": []}
    assert '<h2 id="workshops-title">Ateliers et formations 2026</h2>' in reply.text
    # the chart: a bar per month and year, each with a title; the years around
    assert reply.text.count("<rect") == 24 + 2  # and the two squares of the legend
    assert "<title>novembre 2026 : 5 visites</title>" in reply.text
    assert 'href="/staff/reports?year=2025"' in reply.text
    assert 'href="/staff/reports?year=2027"' in reply.text
    assert 'href="/staff/reports/visits.csv?year=2026"' in reply.text


def test_names_from_kiosks_are_escaped(staff_server: Any) -> None:
    push_the_year(staff_server)
    page = sign_in(staff_server).get(f"{staff_server.url}/staff/reports?year=2026", timeout=30)
    assert "&lt;script&gt;" in page.text
    assert "<script" not in page.text.lower()
    assert "script-src" not in page.headers["Content-Security-Policy"]  # no script at all
    typed = try_login(staff_server, {"username": '"><b>x', "password": "whatever1"})
    assert 'value="&quot;&gt;&lt;b&gt;x"' in typed.text and "<b>" not in typed.text


def test_the_csv_download_has_the_report_rows(staff_server: Any) -> None:
    push_the_year(staff_server)
    browser = sign_in(staff_server)
    reply = browser.get(f"{staff_server.url}/staff/reports/visits.csv?year=2026", timeout=30)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.headers["Content-Disposition"] == 'attachment; filename="visites-2026.csv"'
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))
    assert rows[0] == ["year", "section", "item", "count"]
    for row in (
        ["2026", "total", "visits", "8"],
        ["2026", "total", "unique_visitors", "2"],
        ["2026", "total", "new_members", "1"],
        ["2026", "month", "2026-01", "2"],
        ["2026", "month", "2026-11", "5"],
        ["2026", "space", "<script>", "4"],
        ["2026", "previous_year_2025", "visits", "1"],
        ["2026", "workshops", "trainees", "0"],
        ["2026", "workshops", "trainee_hours", "0.0"],
    ):
        assert row in rows


def test_the_json_report_takes_the_cookie_and_refuses_nobody(staff_server: Any) -> None:
    push_the_year(staff_server)
    url = f"{staff_server.url}/api/v1/reports/visits?year=2026"
    assert requests.get(url, timeout=30).status_code == 401
    reply = sign_in(staff_server).get(url, timeout=30)
    assert reply.status_code == 200
    assert reply.json()["visits"] == 8 and reply.json()["by_kiosk"] == {"cowork": 5, "door": 3}
    assert reply.json()["workshops"] == WorkshopCounts.none(2026).as_json()
    assert YearlyReport.from_json(reply.json()).workshops == WorkshopCounts.none(2026)


def test_the_workshops_section_shows_counts_by_funder_and_age() -> None:
    """What the page shows once the server holds workshops: French numbers (12,5 hours),
    a funder label typed at a kiosk escaped, "-" (no label) and "unknown" in words."""
    report = YearlyReport.from_json(
        {
            "year": 2026,
            "source": "server",
            "timezone": "Europe/Paris",
            "generated_at": "2026-11-27T15:00:00+00:00",
            **dict.fromkeys(TOTALS, 0),
            "by_month": [0] * 12,
            "by_weekday": [0] * 7,
            "by_hour": [0] * 24,
            **{key: {} for key in ("by_space", "by_purpose", "by_age_bracket")},
            "unique_by_age_bracket": {},
            "previous_year": {
                "year": 2025,
                "visits": 0,
                "unique_visitors": 0,
                "new_members": 0,
                "guests": 0,
                "by_month": [0] * 12,
            },
        }
    )
    counts = WorkshopCounts(
        2026,
        workshops=2,
        sessions=4,
        half_days=5,
        trainees=1234,
        trainee_hours=1234.5,
        by_funder=(GroupCounts("-", 1, 2, 2, 5.0), GroupCounts("<b>FSE+</b>", 1, 2, 2, 7.5)),
        by_age=(GroupCounts("45-64", 2, 3, 1, 7.25), GroupCounts("unknown", 1, 1, 1, 3.0)),
    )
    for lang, hours, mark, none, unknown in (
        ("fr", "1\u202f234,5", ",", "sans financeur", "non précisé"),
        ("en", "1,234.5", ".", "no funder", "not given"),
    ):
        page = Page(LANGUAGES[lang])
        html = workshops_section(page, replace(report, workshops=counts))
        parsed = PageParser(f"<div>{html}</div>")
        assert parsed.unbalanced == []
        assert list(parsed.tables["workshop-totals"].values())[-1] == [hours]
        funders = parsed.tables["workshops-by-funder"]
        assert funders == {none: ["1", "2", "2", "5"], "<b>FSE+</b>": ["1", "2", "2", f"7{mark}5"]}
        assert "&lt;b&gt;FSE+&lt;/b&gt;" in html and "<b>" not in html
        ages = parsed.tables["workshops-by-age"]
        assert ages == {"45-64": ["1", f"7{mark}25"], unknown: ["1", "3"]}


def test_pages_without_the_cookie_lead_to_the_login(staff_server: Any) -> None:
    forged = {"fablab_staff": f"{STAFF}|9999999999|{'0' * 64}"}
    for path in ("/staff/", "/staff", "/staff/reports", "/staff/reports/visits.csv?year=2026"):
        for cookies in ({}, forged):
            reply = requests.get(
                f"{staff_server.url}{path}", cookies=cookies, allow_redirects=False, timeout=10
            )
            assert reply.status_code == 303, path
            expected = "/staff/login" if path.startswith("/staff/r") else "/staff/reports"
            assert reply.headers["Location"] == expected, path
    browser = sign_in(staff_server)
    home = browser.get(f"{staff_server.url}/staff/", allow_redirects=False, timeout=10)
    assert home.headers["Location"] == "/staff/reports"
    login = browser.get(f"{staff_server.url}/staff/login", allow_redirects=False, timeout=10)
    assert login.headers["Location"] == "/staff/reports"  # already signed in


def test_signing_out_ends_the_session_and_needs_a_post(staff_server: Any) -> None:
    browser = sign_in(staff_server)
    reports = f"{staff_server.url}/staff/reports"
    page = browser.get(reports, allow_redirects=False, timeout=30)
    assert page.status_code == 200
    kept = dict(browser.cookies)  # what a thief copying the cookie would hold
    assert browser.get(f"{staff_server.url}/staff/logout", timeout=10).status_code == 405
    out = browser.post(
        f"{staff_server.url}/staff/logout",
        data={"form_token": form_token(page.text)},
        allow_redirects=False,
        timeout=10,
    )
    assert out.status_code == 303 and out.headers["Location"] == "/staff/login"
    assert browser.get(reports, allow_redirects=False, timeout=30).status_code == 303
    # the old cookie, sent again, opens nothing: the session ended on the server
    again = requests.get(reports, cookies=kept, allow_redirects=False, timeout=30)
    assert again.status_code == 303 and again.headers["Location"] == "/staff/login"
    api = f"{staff_server.url}/api/v1/reports/visits?year=2026"
    assert requests.get(api, cookies=kept, timeout=30).status_code == 401


def test_the_page_shows_this_year_by_default(staff_server: Any) -> None:
    year = datetime.now(ZoneInfo("Europe/Paris")).year
    page = sign_in(staff_server).get(f"{staff_server.url}/staff/reports", timeout=30)
    assert f"<h1>Fréquentation {year}</h1>" in page.text
    assert f"Aucune visite enregistrée en {year}." in page.text
    assert PageParser(page.text).unbalanced == []


def test_english_when_the_browser_prefers_it(staff_server: Any) -> None:
    english = {"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"}
    login = requests.get(f"{staff_server.url}/staff/login", headers=english, timeout=10)
    assert '<html lang="en">' in login.text and "Staff sign-in" in login.text
    page = sign_in(staff_server, **english).get(
        f"{staff_server.url}/staff/reports?year=2026", timeout=30
    )
    assert "<h1>Visits in 2026</h1>" in page.text and "Download CSV" in page.text
    assert "Workshops and trainings in 2026" in page.text and "Trainee-hours" in page.text
    chosen = requests.get(f"{staff_server.url}/staff/login?lang=en", timeout=10)
    assert "Staff sign-in" in chosen.text and 'action="/staff/login?lang=en"' in chosen.text
    french = requests.get(f"{staff_server.url}/staff/login?lang=fr", headers=english, timeout=10)
    assert '<html lang="fr">' in french.text


def test_repeated_failures_are_refused_for_a_while(staff_server: Any) -> None:
    for _ in range(5):
        wrong = try_login(staff_server, FORM | {"password": "guess guess"})
        assert wrong.status_code == 401
    refused = try_login(staff_server, FORM)  # even right
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 15 * 60
    assert "réessayez dans 15 min" in refused.text
    assert "set-cookie" not in refused.headers


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "fr"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"),
        ("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7", "en"),
        ("de, es", "fr"),
        ("en;q=0, fr;q=0.1", "fr"),
        ("en;q=nonsense", "fr"),
    ],
)
def test_the_preferred_language(header: str, language: str) -> None:
    assert preferred_language(header) == language
