"""The README's three commands: ``demo --with-server``, ``server``, ``sync``, then the
staff web page counts the demo kiosk's visits. The server is the real one on
127.0.0.1, on the database ``server --data-dir`` opens; on a free port rather than
8750, which something else on a test machine may hold."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from kiosk.cli.demo_server import connect_demo_to_local_server
from kiosk.cli.main import main
from kiosk.cli.support import CommandError
from kiosk.demo import create_demo
from kiosk.models import SyncState
from kiosk.reports.yearly import local_report
from kiosk.server.background import ServerThread
from kiosk.server.settings import ServerSettings, default_database_url
from kiosk.sync import connect, sync_once

from .conftest import free_port


def sign_in(url: str, username: str, password: str) -> str:
    """The staff page a browser gets after signing in, as text."""
    browser = requests.Session()
    form = browser.get(f"{url}/staff/login", timeout=10).text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    page = browser.post(
        f"{url}/staff/login",
        data={"username": username, "password": password, **hidden},
        headers={"Accept-Language": "en"},
        timeout=60,
    )
    assert page.status_code == 200 and page.url.endswith("/staff/reports"), page.text
    text = re.sub(r"(?s)<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", page.text)
    return re.sub(r"\s+", " ", html.unescape(text))


def test_a_demo_kiosk_and_its_local_server_count_the_same_visits(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    site = create_demo(data, weeks=8, members=12)
    demo = connect_demo_to_local_server(site, str(data))
    assert demo.url == "http://127.0.0.1:8750"
    with site.sessions() as session:
        state = session.scalars(select(SyncState)).one()
        assert state.server_url == demo.url and state.token
        token = state.token
    year = site.today().year
    local = local_report(site.sessions, year, site.settings.tz, site.now())
    assert local.visits > 0

    port = free_port()
    connect(site, f"http://127.0.0.1:{port}", token)
    database = default_database_url(str(data))  # what `server --data-dir DIR` opens
    server = ServerThread(ServerSettings(database_url=database), port=port).start()
    try:
        done = sync_once(site)
        assert done.ok and done.flush is not None and done.flush.rejected == 0, done.error
        page = sign_in(server.url, demo.staff, demo.password)
    finally:
        server.stop()
    shown = {f"{local.visits:,}".replace(",", sep) for sep in (",", "\u202f", "\u00a0", "")}
    assert re.search(rf"Visits \(people\) ({'|'.join(shown)}) ", page), page[:600]


def test_a_second_demo_on_the_same_server_is_refused_in_words(tmp_path: Path) -> None:
    site = create_demo(tmp_path / "first", weeks=1, members=3)
    connect_demo_to_local_server(site, str(tmp_path / "first"))
    with pytest.raises(CommandError, match=r"already has a demo.*demo-door"):
        connect_demo_to_local_server(site, str(tmp_path / "first"))


def test_the_demo_command_says_the_next_two_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "demo")
    assert main(["demo", "--with-server", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert re.search(r"as 'demo', password [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4} \(shown", out)
    assert f"fablab-kiosk server --data-dir {data}" in out
    assert f"fablab-kiosk sync --data-dir {data}" in out
