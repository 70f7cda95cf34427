"""Staff signed in to the server's web pages: an HMAC-signed cookie, no server state.

The cookie holds ``username|expiry|signature``; the key is made at start-up (staff sign
in again after the server restarts) unless ``ServerSettings.session_key`` is given. The
cookie is HttpOnly and SameSite=Strict, so another site cannot post with it.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import Request, Response

COOKIE = "fablab_staff"


def _sign(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def make_cookie(key: bytes, username: str, lifetime_s: int, now: float | None = None) -> str:
    expiry = int((now or time.time()) + lifetime_s)
    body = f"{username}|{expiry}"
    return f"{body}|{_sign(key, body)}"


def read_cookie(key: bytes, value: str, now: float | None = None) -> str | None:
    """The username in a valid, unexpired cookie; None otherwise."""
    try:
        username, expiry, signature = value.rsplit("|", 2)
        body = f"{username}|{expiry}"
        if not hmac.compare_digest(signature, _sign(key, body)):
            return None
        if int(expiry) < (now or time.time()):
            return None
    except ValueError:
        return None
    return username


def signed_in_staff(request: Request) -> str | None:
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    key: bytes = request.app.state.session_key
    return read_cookie(key, value)


def sign_in(response: Response, request: Request, username: str) -> None:
    lifetime = request.app.state.settings.staff_session_s
    response.set_cookie(
        COOKIE,
        make_cookie(request.app.state.session_key, username, lifetime),
        max_age=lifetime,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def sign_out(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")
