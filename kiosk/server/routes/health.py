"""``GET /api/v1/health``: is the server up, is its database, is this token known."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

import kiosk
from kiosk.server.accounts import kiosk_for_token
from kiosk.server.db import check_database
from kiosk.server.deps import Credentials
from kiosk.server.schemas import ErrorOut, HealthOut

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)


@router.get(
    "/health",
    summary="Health of the server and its database",
    response_model=HealthOut,
    response_model_exclude_none=True,
    responses={401: {"model": ErrorOut}, 503: {"model": HealthOut}},
)
def health(request: Request, credentials: Credentials) -> HealthOut | JSONResponse:
    """No token needed. With a token, also the name of its kiosk (401 if unknown)."""
    name = None
    try:
        with request.app.state.sessions() as session, session.begin():
            check_database(session)
            if credentials is not None:
                found = kiosk_for_token(session, credentials.credentials)
                if found is None:
                    raise HTTPException(
                        status.HTTP_401_UNAUTHORIZED,
                        "missing or unknown kiosk token",
                        headers={"WWW-Authenticate": "Bearer"},
                    )
                name = found.name
    except SQLAlchemyError as exc:
        log.warning("health: the database does not answer: %s", exc)
        down = HealthOut(status="error", version=kiosk.__version__, database="unavailable")
        return JSONResponse(down.model_dump(exclude_none=True), status_code=503)
    return HealthOut(status="ok", version=kiosk.__version__, database="ok", kiosk=name)
