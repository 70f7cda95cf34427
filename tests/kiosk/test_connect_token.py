"""Kiosk tokens on the command line: ``connect URL --token TOKEN`` as the docs show it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.server.accounts import new_kiosk_token
from kiosk.site import Site
from kiosk.sync import read_status


def test_new_tokens_never_look_like_an_option() -> None:
    tokens = [new_kiosk_token() for _ in range(2000)]  # about 31 would start with "-" before
    assert not [t for t in tokens if t.startswith("-")]
    assert len(set(tokens)) == len(tokens) and min(len(t) for t in tokens) >= 43


@pytest.mark.parametrize("words", [["--token", "-abcDEF123"], ["--token=-abcDEF123"]])
def test_a_token_issued_with_a_leading_dash_is_accepted(
    site: Site, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(site.data_dir.path)
    status = main(["connect", "http://127.0.0.1:9", *words, "--no-check", "--data-dir", data_dir])
    assert status == 0, capsys.readouterr().err
    with site.sessions() as session:
        assert read_status(session).server_url == "http://127.0.0.1:9"
    from kiosk.models import SyncState

    with site.sessions() as session:
        state = session.get(SyncState, 1)
        assert state is not None and state.token == "-abcDEF123"


def test_a_missing_token_is_still_refused(site: Site, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(
            ["connect", "http://127.0.0.1:9", "--no-check", "--data-dir", str(tmp_path), "--token"]
        )
