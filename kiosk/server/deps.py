"""FastAPI dependencies: the settings, one session per request, the calling kiosk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import utcnow
from kiosk.server.accounts import kiosk_for_token
from kiosk.server.models import Kiosk, Site
from kiosk.server.report_access import Reader, kiosk_reader, staff_reader
from kiosk.server.settings import ServerSettings
from kiosk.server.staff_session import signed_in_staff
from kiosk.server.throttle import take_token

SITE_HEADER = "X-Fablab-Site"
_bearer = HTTPBearer(auto_error=False, description="the kiosk's token (server add-kiosk)")


def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, else rolled back.

    ``scope="function"`` (below) commits before the response is sent: a kiosk is told
    ``applied`` only for what is on disk.
    """
    with request.app.state.sessions() as session, session.begin():
        yield session


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]

_REFUSED = HTTPException(
    status.HTTP_401_UNAUTHORIZED,
    "missing or unknown kiosk token",
    headers={"WWW-Authenticate": "Bearer"},
)


def optional_kiosk(session: SessionDep, credentials: Credentials) -> Kiosk | None:
    """The token's kiosk, None without a token; an unknown token is refused (401)."""
    if credentials is None:
        return None
    kiosk = kiosk_for_token(session, credentials.credentials)
    if kiosk is None:
        raise _REFUSED
    return kiosk


def current_kiosk(request: Request, credentials: Credentials) -> Kiosk:
    """The authenticated kiosk (401 otherwise), within its request rate (429 otherwise).

    The token is looked up and one request spent from the kiosk's bucket (``rate_bucket``,
    shared by every server process, kept across a restart) in a short transaction of
    its own, committed before the request's: a request counts whether or not it then
    succeeds, and a request holds one database connection at a time (the request's
    session takes its connection only when the handler first uses it).

    A kiosk names the site it is set up for (``X-Fablab-Site``, its ``[site] id``): when
    that is another site's code, the kiosk was set up for that site but given this
    token; it is refused (403) before anything is read or written. A code no site has is
    not refused: the kiosks of a site set up one by one each made their own before sites
    existed, and they keep syncing (the network's places tell them, POST /api/v1/network).
    """
    if credentials is None:
        raise _REFUSED
    per_minute = get_settings(request).rate_per_minute
    said = request.headers.get(SITE_HEADER)
    with request.app.state.sessions() as session, session.begin():
        kiosk = kiosk_for_token(session, credentials.credentials)
        if kiosk is None:
            raise _REFUSED
        if said is not None:
            _refuse_another_sites_kiosk(session, kiosk, said.strip().upper()[:8])
        wait = take_token(session, f"sync:kiosk:{kiosk.id}", per_minute, utcnow())
    if wait:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"more than {per_minute} requests a minute from this kiosk; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    return kiosk


def _refuse_another_sites_kiosk(session: Session, kiosk: Kiosk, said: str) -> None:
    other = session.scalar(select(Site).where(Site.code == said, Site.id != kiosk.site_id))
    if other is None:
        return
    mine = session.get(Site, kiosk.site_id)
    raise HTTPException(
        status.HTTP_403_FORBIDDEN,
        f"this token is kiosk {kiosk.name!r}'s, of the site {mine.name if mine else '?'!r}; "
        f"this kiosk is set up for the site {other.name!r} (code {said}): give it a token "
        "of its own site (server add-kiosk --site)",
    )


OptionalKioskDep = Annotated[Kiosk | None, Depends(optional_kiosk)]
KioskDep = Annotated[Kiosk, Depends(current_kiosk)]


def report_reader(request: Request, credentials: Credentials) -> Reader:
    """Who may read the counts: a staff member signed in to the web pages, or a kiosk
    with its token (staff mode shows the server's counts); 401 for anyone else. Its
    ``key`` (``staff:<account id>`` or ``kiosk:<id>``) names its request budget; which
    sites it sees: kiosk.server.report_access.

    Looked up in a short session of its own: the report then refreshes the tallies in
    a write transaction, which an open request transaction would block on SQLite."""
    staff = signed_in_staff(request)
    if staff is not None:
        return staff_reader(staff)
    reader = None
    if credentials is not None:
        with request.app.state.sessions() as session:
            kiosk = kiosk_for_token(session, credentials.credentials)
            reader = None if kiosk is None else kiosk_reader(kiosk)
    if reader is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a kiosk token or a staff session is needed",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return reader


ReportReaderDep = Annotated[Reader, Depends(report_reader)]
