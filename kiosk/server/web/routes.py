"""The staff web pages of the server: sign in, the yearly visit counts, their CSV.

``/staff/login`` checks a staff account (``fablab-kiosk server add-staff``) and sets
the signed cookie of kiosk.server.staff_session; ``/staff/reports`` shows the same
report as ``GET /api/v1/reports/visits`` as a page. Failed sign-ins are counted per
client address, in memory (a restart forgets them): after
``LoginThrottle.max_failures`` in ``window_s`` the address gets 429 and Retry-After.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from kiosk.reports.yearly import report_csv
from kiosk.scrypt import N, P, R
from kiosk.server.accounts import verify_password
from kiosk.server.deps import SettingsDep
from kiosk.server.models import StaffAccount
from kiosk.server.report import visit_report
from kiosk.server.staff_session import sign_in, sign_out, signed_in_staff
from kiosk.server.web.pages import Page, login_page, report_page
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


class LoginThrottle:
    """Failed sign-ins per client address in a sliding window.

    An attempt is counted as failed before its password is checked (:meth:`take`) and
    forgiven if it was right, so many attempts sent at once cannot slip past the limit.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_s: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.clock = clock
        self._failures: dict[str, list[float]] = {}  # address -> when, oldest first
        self._lock = threading.Lock()

    def take(self, address: str) -> int:
        """0 and the attempt counted as failed, or the seconds to wait (>= 1)."""
        with self._lock:
            now = self.clock()
            if len(self._failures) > 10_000:  # many addresses: forget the old ones
                for old in [a for a, times in self._failures.items() if not self._recent(times)]:
                    del self._failures[old]
            times = self._recent(self._failures.get(address, []))
            if len(times) >= self.max_failures:
                self._failures[address] = times
                return max(1, math.ceil(times[-self.max_failures] + self.window_s - now))
            self._failures[address] = [*times, now]
            return 0

    def forgive(self, address: str) -> None:
        """The password was right: the address starts again from zero."""
        with self._lock:
            self._failures.pop(address, None)

    def _recent(self, times: list[float]) -> list[float]:
        since = self.clock() - self.window_s
        return [t for t in times if t > since]


_THROTTLE_LOCK = threading.Lock()


def login_throttle(app: FastAPI) -> LoginThrottle:
    """One per app, made on first use (the app is made in kiosk.server.app)."""
    with _THROTTLE_LOCK:
        throttle: LoginThrottle | None = getattr(app.state, "login_throttle", None)
        if throttle is None:
            throttle = app.state.login_throttle = LoginThrottle()
    return throttle


def staff_password_ok(sessions: sessionmaker[Session], username: str, password: str) -> bool:
    """Slow on purpose (scrypt), and as slow for an unknown username."""
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


@router.get("/staff")
@router.get("/staff/")
def staff_home(request: Request) -> Response:
    return redirect(page_for(request).url("/staff/reports"))


@router.get("/staff/login")
def show_login(request: Request) -> Response:
    page = page_for(request)
    if signed_in_staff(request) is not None:
        return redirect(page.url("/staff/reports"))
    return html(login_page(page))


@router.post("/staff/login")
async def log_in(request: Request) -> Response:
    page = page_for(request)
    address = request.client.host if request.client else "unknown"
    throttle = login_throttle(request.app)
    wait = throttle.take(address)
    if wait:
        message = page.words["too_many"].format(minutes=math.ceil(wait / 60))
        return html(login_page(page, error=message), 429, **{"Retry-After": str(wait)})
    form = read_form(await request.body())
    username, password = form.get("username", "").strip(), form.get("password", "")
    sessions = request.app.state.sessions
    if not await run_in_threadpool(staff_password_ok, sessions, username, password):
        error = page.words["login_failed"]
        return html(login_page(page, username=username, error=error), 401)
    throttle.forgive(address)
    response = redirect(page.url("/staff/reports"))
    sign_in(response, request, username)
    return response


@router.post("/staff/logout")
def log_out(request: Request) -> Response:
    response = redirect(page_for(request).url("/staff/login"))
    sign_out(response)
    return response


@router.get("/staff/reports")
def show_report(
    request: Request, settings: SettingsDep, year: Annotated[int | None, YEAR] = None
) -> Response:
    page = page_for(request)
    staff = signed_in_staff(request)
    if staff is None:
        return redirect(page.url("/staff/login"))
    tz, now = ZoneInfo(settings.timezone), datetime.now(UTC)
    year = year or now.astimezone(tz).year
    report = visit_report(request.app.state.sessions, year, tz, now)
    return html(report_page(page, report, staff, now.astimezone(tz)))


@router.get("/staff/reports/visits.csv")
def download_report(
    request: Request, settings: SettingsDep, year: Annotated[int | None, YEAR] = None
) -> Response:
    """UTF-8 with a BOM, so a spreadsheet opened by double-click reads accents right."""
    if signed_in_staff(request) is None:
        return redirect(page_for(request).url("/staff/login"))
    tz, now = ZoneInfo(settings.timezone), datetime.now(UTC)
    year = year or now.astimezone(tz).year
    report = visit_report(request.app.state.sessions, year, tz, now)
    return Response(
        report_csv(report).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers=STAFF_HEADERS
        | {"Content-Disposition": f'attachment; filename="visites-{year}.csv"'},
    )
