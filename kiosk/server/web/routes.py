"""The staff web pages of the server: sign in, the yearly visit counts, their CSV.

``/staff/login`` checks a staff account (``fablab-kiosk server add-staff``) and opens
a session (kiosk.server.staff_session); ``/staff/reports`` shows the same report as
``GET /api/v1/reports/visits`` as a page, within the same request budget.

Failed sign-ins are counted per client address in the database (kiosk.server.throttle):
after ``LoginThrottle.max_failures`` in ``window_s`` the address gets 429 and
Retry-After. The address is the connection's; ``X-Forwarded-For`` counts only from
``ServerSettings.trusted_proxies`` (kiosk.server.app). The two forms that change
something refuse a request another site made (:func:`from_elsewhere`, and a token
in the form that only this site's pages know).
"""

from __future__ import annotations

import hmac
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from kiosk.models import utcnow
from kiosk.plaintext import has_control
from kiosk.reports.network import NetworkReport, file_part, network_csv
from kiosk.reports.yearly import YearlyReport, report_csv
from kiosk.scrypt import N, P, R
from kiosk.server.accounts import verify_password
from kiosk.server.models import StaffAccount
from kiosk.server.report import all_sites, network_report, site_report
from kiosk.server.report_access import ReportRefused, scope_for, staff_reader
from kiosk.server.staff_session import (
    COOKIE,
    SignedIn,
    end_session,
    login_form_matches,
    login_form_token,
    open_session,
    remember_login_form,
    sign_in,
    sign_out,
    signed_in_staff,
)
from kiosk.server.throttle import LoginThrottle, spend_report_token
from kiosk.server.web.network import network_page, site_picker
from kiosk.server.web.pages import Page, login_page, message_page, report_page
from kiosk.server.web.words import LANGUAGES

router = APIRouter(include_in_schema=False)

# no-store: a shared computer's back button or cache never shows the counts again;
# the policy forbids scripts and outside resources even if escaping ever failed
STAFF_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Vary": "Accept-Language, Cookie",
}
YEAR = Query(ge=2000, le=2100, description="the calendar year, in the site's time zone")
# verified when the username is unknown, so that it takes as long as a wrong password
_NO_ACCOUNT = f"scrypt${N}${R}${P}${'00' * 16}${'00' * 64}"
THROTTLE = LoginThrottle()  # its counts are in the database: one object is enough
SAME_SITE = {"same-origin", "none"}  # Sec-Fetch-Site of a form on our page, or typed


def staff_password_ok(sessions: sessionmaker[Session], username: str, password: str) -> bool:
    """Slow on purpose (scrypt), and as slow for an unknown username."""
    stored = None
    if not has_control(username):  # no account has one (a NUL: PostgreSQL cannot look it up)
        with sessions() as session:
            stored = session.scalar(
                select(StaffAccount.password_hash).where(StaffAccount.username == username)
            )
    right = verify_password(password, stored or _NO_ACCOUNT)
    return stored is not None and right


def preferred_language(accept_language: str) -> str:
    """``en`` when the browser ranks English above French, else ``fr`` (the site's)."""
    best: dict[str, tuple[float, int]] = {}
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        rank = (quality, -position)
        if quality > 0 and rank > best.get(primary, (0.0, 0)):
            best[primary] = rank
    if not best:
        return "fr"
    return max(best, key=lambda language: best[language])


def page_for(request: Request) -> Page:
    asked = request.query_params.get("lang", "")
    params = tuple((k, v) for k, v in request.query_params.multi_items() if k != "lang")
    if asked in LANGUAGES:
        return Page(LANGUAGES[asked], True, request.url.path, params)
    chosen = preferred_language(request.headers.get("accept-language", ""))
    return Page(LANGUAGES[chosen], False, request.url.path, params)


def html(content: str, status_code: int = 200, **headers: str) -> HTMLResponse:
    return HTMLResponse(content, status_code, headers=STAFF_HEADERS | headers)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, 303, headers=STAFF_HEADERS)


def read_form(body: bytes) -> dict[str, str]:
    """An urlencoded form's first value per field; a malformed body is an empty form."""
    try:
        fields = parse_qs(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=20
        )
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0] for name, values in fields.items()}


def from_elsewhere(request: Request) -> bool:
    """True for a POST another site's page made the browser send.

    Browsers say where a request comes from: ``Sec-Fetch-Site`` (all current ones),
    else ``Origin``, compared with the ``Host`` asked for. A request with neither is
    not a browser's (curl, a script): the form token still guards it.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in SAME_SITE
    origin = request.headers.get("origin")
    if origin is None:
        return False
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        return True
    return not netloc or netloc.lower() != request.headers.get("host", "").lower()


def login_reply(
    request: Request,
    page: Page,
    status_code: int = 200,
    username: str = "",
    error: str | None = None,
    **headers: str,
) -> Response:
    """The sign-in page, with its form token (and the cookie it must match, when new)."""
    token, new = login_form_token(request)
    response = html(login_page(page, token, username, error), status_code, **headers)
    if new:
        remember_login_form(response, request, token)
    return response


def report_budget(request: Request, staff: SignedIn, page: Page) -> Response | None:
    """None while the staff account is within its request budget, else the 429 page."""
    settings = request.app.state.settings
    key = f"reports:staff:{staff.account_id}"
    wait = spend_report_token(request.app.state.sessions, key, settings.report_rate_per_minute)
    if not wait:
        return None
    message = page.words["slow_down"].format(seconds=wait)
    content = message_page(page, message, staff.username, staff.sign_out_token)
    return html(content, 429, **{"Retry-After": str(wait)})


@router.get("/staff")
@router.get("/staff/")
def staff_home(request: Request) -> Response:
    return redirect(page_for(request).url("/staff/reports"))


@router.get("/staff/login")
def show_login(request: Request) -> Response:
    page = page_for(request)
    if signed_in_staff(request) is not None:
        return redirect(page.url("/staff/reports"))
    return login_reply(request, page)


def _take_attempt(sessions: sessionmaker[Session], address: str) -> int:
    with sessions() as session, session.begin():
        return THROTTLE.take(session, address, utcnow())


def _signed_in(sessions: sessionmaker[Session], address: str, username: str, life: int) -> str:
    """The address forgiven and a session opened, in one transaction: its token."""
    with sessions() as session, session.begin():
        THROTTLE.forgive(session, address)
        return open_session(session, username, life, utcnow())


@router.post("/staff/login")
async def log_in(request: Request) -> Response:
    page = page_for(request)
    form = read_form(await request.body())
    username, password = form.get("username", "").strip()[:80], form.get("password", "")
    if from_elsewhere(request) or not login_form_matches(request, form.get("form_token", "")):
        # before the throttle: another site cannot spend this address's attempts
        return login_reply(request, page, 403, username, page.words["form_expired"])
    address = request.client.host if request.client else "unknown"
    sessions = request.app.state.sessions
    wait = await run_in_threadpool(_take_attempt, sessions, address)
    if wait:
        message = page.words["too_many"].format(minutes=math.ceil(wait / 60))
        return login_reply(request, page, 429, error=message, **{"Retry-After": str(wait)})
    if not await run_in_threadpool(staff_password_ok, sessions, username, password):
        return login_reply(request, page, 401, username, page.words["login_failed"])
    lifetime = request.app.state.settings.staff_session_s
    try:
        token = await run_in_threadpool(_signed_in, sessions, address, username, lifetime)
    except LookupError:  # the account was removed while its password was checked
        return login_reply(request, page, 401, username, page.words["login_failed"])
    response = redirect(page.url("/staff/reports"))
    sign_in(response, request, token)
    return response


def _end(sessions: sessionmaker[Session], token: str) -> None:
    with sessions() as session, session.begin():
        end_session(session, token)


@router.post("/staff/logout")
async def log_out(request: Request) -> Response:
    page = page_for(request)
    form = read_form(await request.body())
    staff = await run_in_threadpool(signed_in_staff, request)
    if staff is None:  # already ended (or never opened): nothing to refuse
        response = redirect(page.url("/staff/login"))
        sign_out(response)
        return response
    sent = form.get("form_token", "")
    if from_elsewhere(request) or not hmac.compare_digest(
        sent.encode(), staff.sign_out_token.encode()
    ):
        content = message_page(
            page, page.words["sign_out_again"], staff.username, staff.sign_out_token
        )
        return html(content, 403)
    await run_in_threadpool(_end, request.app.state.sessions, request.cookies[COOKIE])
    response = redirect(page.url("/staff/login"))
    sign_out(response)
    return response


SITE = Query(max_length=120, description="a site's name (a network account's choice)")
NETWORK = Query(description="every site and their total (a network account)")


@dataclass(frozen=True)
class Shown:
    """What a staff page or CSV shows: the counts, when they were computed (in the
    site's zone), the site's name when the server has several, and for a network
    account every site's name (its picker)."""

    page: Page
    staff: SignedIn
    report: YearlyReport | NetworkReport
    computed: datetime
    site: str | None
    pickable: list[str]


def _report_for_staff(
    request: Request, year: int | None, site: str | None, network: bool
) -> Response | Shown:
    """The year's counts a signed-in staff member may see, within their budget (this
    year when none is asked): their site's, or for a network account the site asked
    (a blank one: the network) or the network's; with the page, the moment in the
    site's zone and the site's name when the server has several. Else what to answer:
    the sign-in redirect, the 403 page (another site's counts) or the 429 page."""
    page = page_for(request)
    staff = signed_in_staff(request)
    sessions = request.app.state.sessions
    if staff is None:
        return redirect(page.url("/staff/login"))
    reader = staff_reader(staff)
    with sessions() as session:
        sites = all_sites(session)
    site = site or None  # the picker's "whole network" is a blank site
    try:
        scope = scope_for(reader, sites, site, network or (reader.network and site is None))
    except ReportRefused as refused:
        message = refused.french if page.words["lang"] == "fr" else refused.english
        return html(message_page(page, message, staff.username, staff.sign_out_token), 403)
    refused_page = report_budget(request, staff, page)
    if refused_page is not None:
        return refused_page
    now = datetime.now(UTC)
    pickable = [s.name for s in sites] if reader.network else []
    if scope.site is None:
        tz = ZoneInfo(request.app.state.settings.timezone)
        whole = network_report(sessions, year or now.astimezone(tz).year, now)
        return Shown(page, staff, whole, now.astimezone(tz), None, pickable)
    tz = scope.site.timezone
    report = site_report(sessions, scope.site.id, year or now.astimezone(tz).year, now)
    name = scope.site.name if len(sites) > 1 else None
    return Shown(page, staff, report, now.astimezone(tz), name, pickable)


@router.get("/staff/reports")
def show_report(
    request: Request,
    year: Annotated[int | None, YEAR] = None,
    site: Annotated[str | None, SITE] = None,
    network: Annotated[bool, NETWORK] = False,
) -> Response:
    shown = _report_for_staff(request, year, site, network)
    if isinstance(shown, Response):
        return shown
    page, staff, report = shown.page, shown.staff, shown.report
    if isinstance(report, NetworkReport):
        content = network_page(page, report, staff.username, shown.computed, staff.sign_out_token)
        return html(content)
    picker = ""
    if shown.pickable:
        picker = site_picker(page, report.year, shown.pickable, shown.site)
    content = report_page(
        page, report, staff.username, shown.computed, staff.sign_out_token, shown.site, picker
    )
    return html(content)


@router.get("/staff/reports/visits.csv")
def download_report(
    request: Request,
    year: Annotated[int | None, YEAR] = None,
    site: Annotated[str | None, SITE] = None,
    network: Annotated[bool, NETWORK] = False,
) -> Response:
    """UTF-8 with a BOM, so a spreadsheet opened by double-click reads accents right."""
    shown = _report_for_staff(request, year, site, network)
    if isinstance(shown, Response):
        return shown
    report, name = shown.report, shown.site
    if isinstance(report, NetworkReport):
        text, part = network_csv(report), "-reseau"
    else:
        text, part = report_csv(report), "" if name is None else f"-{file_part(name)}"
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers=STAFF_HEADERS
        | {"Content-Disposition": f'attachment; filename="visites-{report.year}{part}.csv"'},
    )
