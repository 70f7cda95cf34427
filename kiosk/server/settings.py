"""The server's settings: one frozen object, made by the command line or a test."""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from kiosk.config import resolve_data_dir
from kiosk.models import utcnow

ENV_DATABASE = "FABLAB_KIOSK_SERVER_DB"
ENV_TRUSTED_PROXIES = "FABLAB_KIOSK_SERVER_TRUSTED_PROXIES"
ENV_SETTINGS = "FABLAB_KIOSK_SERVER_SETTINGS"  # for worker processes: see settings_for_workers
MIB = 1024 * 1024


def default_database_url(data_dir: str | os.PathLike[str] | None = None) -> str:
    """``$FABLAB_KIOSK_SERVER_DB``, else a SQLite file in ``<data dir>/server``."""
    env = os.environ.get(ENV_DATABASE)
    if env and data_dir is None:
        return database_url(env)
    return f"sqlite:///{resolve_data_dir(data_dir) / 'server' / 'server.sqlite3'}"


def database_url(text: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given (``postgresql://`` gets the psycopg 3
    driver), anything without ``://`` is the path of a SQLite file."""
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if text.startswith(plain):
            return "postgresql+psycopg://" + text[len(plain) :]
    return text


def proxy_list(text: str) -> tuple[str, ...]:
    """``--trusted-proxy`` / ``$FABLAB_KIOSK_SERVER_TRUSTED_PROXIES``: addresses or
    networks separated by commas or spaces; ValueError names the first wrong one."""
    proxies = tuple(item for item in text.replace(",", " ").split() if item)
    for item in proxies:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ValueError(
                f"{item!r} is not an address or a network like 127.0.0.1 or 10.0.0.0/8"
            ) from None
    return proxies


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    max_body_bytes: int = 2 * MIB  # bigger bodies get 413 (the kiosk halves its batch)
    rate_per_minute: int = 120  # per kiosk, token bucket: more gets 429 + Retry-After
    batch_max: int = 1000  # events per POST /api/v1/events
    changes_limit_max: int = 1000  # GET /api/v1/changes?limit=
    changes_limit_default: int = 500
    # the site's time zone: a visit counts in the local day, month and year it began
    timezone: str = "Europe/Paris"
    # the organisation named on the workshops' sheets and certificates
    site_name: str = "Fablab"
    # staff web pages: a signed-in staff member stays signed in this long
    staff_session_s: int = 8 * 3600
    # GET /api/v1/reports/visits and the staff report pages, per kiosk and per staff
    # account, shared by every server process: more gets 429 + Retry-After
    report_rate_per_minute: int = 20
    # addresses (or networks) of reverse proxies whose X-Forwarded-For and
    # X-Forwarded-Proto are believed; none by default: the connection's address counts
    trusted_proxies: tuple[str, ...] = ()
    # identified visits older than this are made anonymous (0: never, e.g. in tests)
    retention_months: int = 12
    # the clock pushed dates are checked against (kiosk.plausible); a test of a year
    # still to come sets the day it plays
    clock: Callable[[], datetime] = utcnow


def settings_for_workers(settings: ServerSettings) -> str:
    """*settings* as one JSON text: ``server --workers N`` puts it in ``$ENV_SETTINGS``,
    and each worker process (started afresh by uvicorn) reads it back with
    :func:`settings_from_environment`. The clock is not passed: workers use the real one."""
    data = asdict(settings)
    del data["clock"]
    return json.dumps(data)


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> ServerSettings:
    """The settings :func:`settings_for_workers` wrote; ValueError says what is wrong."""
    text = environ.get(ENV_SETTINGS)
    if not text:
        raise ValueError(f"${ENV_SETTINGS} is not set: start the server with fablab-kiosk server")
    data = json.loads(text)
    known = {f.name for f in fields(ServerSettings)} - {"clock"}
    if not isinstance(data, dict) or not set(data) <= known or "database_url" not in data:
        raise ValueError(f"${ENV_SETTINGS} is not what fablab-kiosk server writes")
    data["trusted_proxies"] = tuple(data.get("trusted_proxies", ()))
    return ServerSettings(**data)
