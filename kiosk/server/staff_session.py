"""Staff signed in to the server's web pages: a random token in a cookie, its hash in
the ``staff_session`` table.

Signing out deletes the row, so the old cookie opens nothing any more, and
``fablab-kiosk server remove-staff`` ends every session of an account at once. The
cookie is HttpOnly and SameSite=Strict; the forms that change something also carry a
token another site cannot read (kiosk.server.web.routes checks it): the sign-out form's is
derived from the session token, the sign-in form's is a second cookie it must match.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from fastapi import Request, Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.models import utcnow
from kiosk.server.accounts import hash_token
from kiosk.server.models import StaffAccount, StaffSession

COOKIE = "fablab_staff"
LOGIN_COOKIE = "fablab_login"  # the sign-in form's anti-forgery value
TOKEN_CHARS = 43  # secrets.token_urlsafe(32)


@dataclass(frozen=True)
class SignedIn:
    """A valid session: whose it is, and the token its sign-out form carries."""

    account_id: int
    username: str
    sign_out_token: str
    site_id: int | None = None  # the site whose pages it sees
    network: bool = False  # it sees every site's, and the network's


def _form_token(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"sign-out", hashlib.sha256).hexdigest()


def open_session(session: Session, username: str, lifetime_s: int, now: datetime) -> str:
    """A new session of *username* (an existing account); its token, for the cookie.
    Expired sessions of every account are deleted on the way."""
    account_id = session.scalar(select(StaffAccount.id).where(StaffAccount.username == username))
    if account_id is None:
        raise LookupError(f"no staff account named {username!r}")
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=lifetime_s)
    session.add(
        StaffSession(
            token_hash=hash_token(token), account_id=account_id, created_at=now, expires_at=expires
        )
    )
    return token


def find_session(session: Session, token: str, now: datetime) -> SignedIn | None:
    """The unexpired session of *token*; None for anything else."""
    if len(token) != TOKEN_CHARS:
        return None
    row = session.execute(
        select(StaffAccount.id, StaffAccount.username, StaffAccount.site_id, StaffAccount.network)
        .join(StaffSession, StaffSession.account_id == StaffAccount.id)
        .where(StaffSession.token_hash == hash_token(token), StaffSession.expires_at > now)
    ).one_or_none()
    if row is None:
        return None
    return SignedIn(row.id, row.username, _form_token(token), row.site_id, row.network)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == hash_token(token)))


# --- the cookies ------------------------------------------------------------------------


def signed_in_staff(request: Request) -> SignedIn | None:
    """The staff member whose cookie this request carries, if the session is still open."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    with request.app.state.sessions() as session:
        return find_session(session, token, utcnow())


def sign_in(response: Response, request: Request, token: str) -> None:
    lifetime = request.app.state.settings.staff_session_s
    _set(response, request, COOKIE, token, lifetime)
    response.delete_cookie(LOGIN_COOKIE, path="/staff")


def sign_out(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")


def login_form_token(request: Request) -> tuple[str, bool]:
    """The sign-in form's token: the one in the browser's cookie, else a new one (True:
    the response must set it with :func:`remember_login_form`)."""
    known = request.cookies.get(LOGIN_COOKIE, "")
    if len(known) == TOKEN_CHARS:
        return known, False
    return secrets.token_urlsafe(32), True


def remember_login_form(response: Response, request: Request, token: str) -> None:
    # Lax: a sign-in page reached by a link from elsewhere keeps it (a cross-site POST
    # still does not carry it)
    _set(response, request, LOGIN_COOKIE, token, None, path="/staff", samesite="lax")


def login_form_matches(request: Request, sent: str) -> bool:
    known = request.cookies.get(LOGIN_COOKIE, "")
    return len(known) == TOKEN_CHARS and hmac.compare_digest(known.encode(), sent.encode())


def _set(
    response: Response,
    request: Request,
    name: str,
    value: str,
    max_age: int | None,
    path: str = "/",
    samesite: Literal["strict", "lax"] = "strict",
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite=samesite,
        secure=request.url.scheme == "https",
        path=path,
    )
