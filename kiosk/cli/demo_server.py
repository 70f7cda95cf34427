"""``fablab-kiosk demo --with-server``: the demo kiosk and a local server's database,
ready to sync, so three commands show the whole system (README):

    fablab-kiosk demo --with-server --data-dir DIR   # this
    fablab-kiosk server --data-dir DIR               # the server, on its database
    fablab-kiosk sync --data-dir DIR                 # the demo's two years reach it

The server's database is the one ``server --data-dir DIR`` opens (``DIR/server``); the
kiosk is registered there, connected to it (its token never printed), and a staff
account is made with a password printed once, for the staff web page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from kiosk.cli.support import CommandError
from kiosk.server.accounts import add_kiosk, add_staff
from kiosk.server.cli import DEFAULT_HOST, DEFAULT_PORT
from kiosk.server.db import open_server_database, shown_url
from kiosk.server.settings import default_database_url
from kiosk.site import Site
from kiosk.sync import connect

DEMO_KIOSK, DEMO_STAFF = "demo-door", "demo"


@dataclass(frozen=True)
class DemoServer:
    url: str  # where the kiosk will find the server once it runs
    database: str  # shown, password hidden
    staff: str
    password: str


def connect_demo_to_local_server(site: Site, data_dir: str | None) -> DemoServer:
    """Register the demo kiosk and a staff account on the local server's database (made
    here when new) and point the kiosk at it; refused in words if that database already
    has them (another demo: use a new data directory)."""
    password = "-".join(secrets.token_hex(2) for _ in range(3))  # 14 characters to type
    try:
        engine, sessions = open_server_database(default_database_url(data_dir))
    except SQLAlchemyError as exc:
        raise CommandError(f"cannot open the local server's database: {exc}") from exc
    try:
        with sessions() as session, session.begin():
            taken = add_kiosk(session, DEMO_KIOSK)
            add_staff(session, DEMO_STAFF, password)
        database = shown_url(engine)
    except ValueError as exc:  # AccountError: a name taken, a demo already there
        raise CommandError(f"the server's database already has a demo: {exc}") from exc
    finally:
        engine.dispose()
    url = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"
    connect(site, url, taken[1])
    return DemoServer(url, database, DEMO_STAFF, password)
