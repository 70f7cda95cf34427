"""The FastAPI application: ``create_app(settings)``; uvicorn serves it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import kiosk
from kiosk.server.db import REQUESTS_AT_ONCE, make_engine, migrate, shown_url
from kiosk.server.limits import BodySizeLimit, RequestsAtOnce
from kiosk.server.retention import DAY_S, apply_server_retention
from kiosk.server.routes import changes, events, health, network, reports
from kiosk.server.settings import ServerSettings, settings_from_environment
from kiosk.server.web import routes as web
from kiosk.server.web import workshops as web_workshops

log = logging.getLogger(__name__)
API_PREFIX = "/api/v1"


async def _retention_daily(app: FastAPI) -> None:
    """Old visits made anonymous at start, then every day (kiosk.server.retention)."""
    settings: ServerSettings = app.state.settings
    while True:
        try:
            await asyncio.to_thread(
                apply_server_retention,
                app.state.sessions,
                months=settings.retention_months,
                now=datetime.now(UTC),
                tz=ZoneInfo(settings.timezone),
            )
        except Exception:  # a failed run must not end the loop: log, try tomorrow
            log.exception("retention failed; tried again in a day")
        await asyncio.sleep(DAY_S)


def create_app(settings: ServerSettings) -> FastAPI:
    """The server for *settings*; its database is opened and migrated at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        if migrate(engine):
            log.info("server database %s is up to date", shown_url(engine))
        app.state.engine = engine
        app.state.sessions = sessionmaker(engine, expire_on_commit=False)
        daily = asyncio.create_task(_retention_daily(app)) if settings.retention_months else None
        try:
            yield
        finally:
            if daily is not None:
                daily.cancel()
            engine.dispose()

    app = FastAPI(
        title="fablab-kiosk server",
        summary="Central server of the fab-lab kiosks: sync API v1 (docs/sync-api.md)",
        version=kiosk.__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(RequestsAtOnce, limit=REQUESTS_AT_ONCE)  # inside: bodies read first
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.trusted_proxies:  # the runners give uvicorn proxy_headers=False
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    for module in (health, events, changes, reports, network):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(web.router)
    app.include_router(web_workshops.router)
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``fablab-kiosk server --workers N``: uvicorn
    imports this factory in each process it starts, with the settings the command
    wrote (kiosk.server.settings.settings_for_workers)."""
    return create_app(settings_from_environment())
