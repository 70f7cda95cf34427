"""Site settings, data paths, the signing secret, the SQLite file and its migrations."""

from __future__ import annotations

import io
import os
import stat
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kiosk.config import (
    ENV_DATA_DIR,
    ConfigError,
    DataDir,
    MachineEntry,
    Settings,
    Space,
    hash_pin,
    resolve_data_dir,
    verify_pin,
)
from kiosk.db import current_revision, head_revision, make_engine, migrate
from kiosk.models import CheckinMethod, Visit
from kiosk.site import DEFAULT_SPACES, Site, SiteExists, init_site, open_site

# --- settings -----------------------------------------------------------------------------


def test_settings_round_trip_through_the_config_file(tmp_path: Path) -> None:
    settings = Settings(
        site_name="La Machinerie",
        site_id="K7Q2",
        kiosk_id="cowork-floor",
        timezone="America/Montreal",
        country="BE",
        closing_time=time(21, 30),
        default_space="coworking",
        spaces=(*DEFAULT_SPACES, Space("pro", {"fr": "Atelier pro", "en": "Pro workshop"})),
        machines=(
            MachineEntry("laser", "Trotec Speedy 100", "laser_cutter", "fablab", "laser-cutter"),
            MachineEntry("vinyl", "Silhouette Cameo", "vinyl_cutter", "fablab"),
        ),
        camera="/dev/video2",
        decoder="pyzbar",
        idle_timeout_s=90,
        repeat_window_s=3,
        languages=("en", "fr"),
        staff_pin_hash="scrypt$16384$8$1$00$00",
        membership_fee_eur=20,
        data_retention_months=24,
        extra={"sync": {"url": "https://central.example.org", "interval_s": 60}},
    )
    data_dir = DataDir(tmp_path / "site")
    data_dir.save_settings(settings)
    loaded = data_dir.load_settings()
    assert loaded == settings
    assert loaded.space("pro") is not None and loaded.space("pro").name("en") == "Pro workshop"
    assert loaded.default_language == "en"
    # Saved atomically: no temporary file left behind.
    assert sorted(p.name for p in data_dir.path.iterdir()) == ["config.toml"]


def _minimal() -> dict[str, Any]:
    return {
        "site": {"name": "Fablab", "id": "K7Q2", "default_space": "fablab"},
        "kiosk": {},
        "spaces": [{"id": "fablab", "name": "Fab lab"}],
    }


def _load(tmp_path: Path, data: dict[str, Any]) -> Settings:
    data_dir = DataDir(tmp_path)
    data_dir.config_file.write_text(tomlkit.dumps(data))
    return data_dir.load_settings()


def test_minimal_config_gets_the_defaults(tmp_path: Path) -> None:
    settings = _load(tmp_path, _minimal())
    assert settings.timezone == "Europe/Paris"
    assert settings.closing_time == time(23, 0)
    assert settings.decoder == "zxing"
    assert settings.repeat_window_s == 8
    assert settings.default_language == "fr"


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("site", "timezone", "Europe/Amiens", "'Europe/Amiens' is not a known time zone"),
        ("site", "timezone", "", "is not a known time zone"),
        ("kiosk", "decoder", "zbar", "decoder must be one of zxing, pyzbar"),
        ("site", "default_space", "kitchen", "default_space 'kitchen' is not one of"),
        ("site", "id", "K7Q", "[site] id must be 4 characters"),
        ("site", "id", "k7q2", "[site] id must be 4 characters"),
        ("site", "closing_time", "25:00", "is not a time of day"),
        ("site", "closing_time", "11pm", "expected a time such as"),
        ("kiosk", "languages", ["fr", "de"], "languages: only fr, en exist"),
        ("kiosk", "repeat_window_s", "soon", "repeat_window_s are seconds"),
        ("site", "name", "", "[site] name is missing"),
    ],
)
def test_wrong_value_is_a_config_error_that_names_it(
    tmp_path: Path, section: str, key: str, value: object, message: str
) -> None:
    data = _minimal()
    data[section][key] = value
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, data)
    assert message in str(caught.value)


def test_seconds_are_clamped_to_sane_minimums(tmp_path: Path) -> None:
    data = _minimal()
    data["kiosk"] = {"repeat_window_s": 0, "idle_timeout_s": 2}
    settings = _load(tmp_path, data)
    assert settings.repeat_window_s == 1
    assert settings.idle_timeout_s == 10


def test_broken_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    data_dir.config_file.write_text('[site\nname = "Fablab"\n')
    with pytest.raises(ConfigError, match=r"config\.toml"):
        data_dir.load_settings()


def test_missing_config_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fablab-kiosk init"):
        DataDir(tmp_path / "nowhere").load_settings()
    with pytest.raises(ConfigError, match="fablab-kiosk init"):
        open_site(tmp_path / "nowhere")


# --- data directory -----------------------------------------------------------------------


def test_data_dir_command_line_beats_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve_data_dir(str(tmp_path / "from-cli")) == tmp_path / "from-cli"
    assert resolve_data_dir(tmp_path / "from-cli") == tmp_path / "from-cli"
    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_data_dir_expands_the_home_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(ENV_DATA_DIR, "~/kiosk-env")
    assert resolve_data_dir("~/kiosk-cli") == tmp_path / "kiosk-cli"
    assert resolve_data_dir(None) == tmp_path / "kiosk-env"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG paths are Linux's")
def test_data_dir_defaults_to_the_platform_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == tmp_path / "xdg" / "fablab-kiosk"
    monkeypatch.setenv(ENV_DATA_DIR, "")  # set but empty: still the platform default
    assert resolve_data_dir("") == tmp_path / "xdg" / "fablab-kiosk"


# --- site creation and the secret ---------------------------------------------------------


def test_init_site_makes_config_secret_and_database(site: Site) -> None:
    assert site.settings.site_name == "Fablab Test"
    assert [s.id for s in site.settings.spaces] == ["fablab", "coworking"]
    assert site.settings.default_space == "fablab"
    assert site.data_dir.exists()
    assert site.data_dir.database_file.exists()
    assert len(site.secret) == 32
    reopened = open_site(site.data_dir.path)
    assert reopened.settings == site.settings
    assert reopened.secret == site.secret


def test_each_site_gets_its_own_id_and_secret(tmp_path: Path) -> None:
    sites = [init_site(tmp_path / f"site{i}", "Fablab") for i in range(3)]
    assert len({s.secret for s in sites}) == 3
    assert all(len(s.settings.site_id) == 4 for s in sites)


def test_init_site_never_overwrites_an_existing_site(site: Site) -> None:
    secret_text = site.data_dir.secret_file.read_text()
    with pytest.raises(SiteExists):
        init_site(site.data_dir.path, "Another")
    assert site.data_dir.secret_file.read_text() == secret_text
    assert open_site(site.data_dir.path).settings.site_name == "Fablab Test"

    site.data_dir.config_file.unlink()  # a half-restored backup: the key alone still counts
    with pytest.raises(SiteExists):
        init_site(site.data_dir.path, "Another")
    assert site.data_dir.secret_file.read_text() == secret_text


def test_secret_file_is_readable_by_the_kiosk_user_only(site: Site) -> None:
    mode = stat.S_IMODE(os.stat(site.data_dir.secret_file).st_mode)
    assert mode == 0o600


@pytest.mark.parametrize(
    ("content", "message"), [("not hex at all\n", "damaged"), ("abcd\n", "too short")]
)
def test_damaged_secret_is_a_config_error(site: Site, content: str, message: str) -> None:
    site.data_dir.secret_file.write_text(content)
    with pytest.raises(ConfigError, match=message):
        open_site(site.data_dir.path)


def test_missing_secret_of_a_site_says_restore_it_not_init(site: Site) -> None:
    site.data_dir.secret_file.unlink()
    with pytest.raises(ConfigError, match="from the nightly backup") as refused:
        open_site(site.data_dir.path)
    assert "do not run 'fablab-kiosk init'" in str(refused.value)


def test_no_site_at_all_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="run 'fablab-kiosk init'"):
        open_site(tmp_path)


# --- database -----------------------------------------------------------------------------


def test_database_pragmas_protect_visits(site: Site) -> None:
    with site.sessions() as session:
        raw = session.connection().connection.driver_connection
        assert raw is not None
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_foreign_keys_are_enforced(site: Site, now: datetime) -> None:
    with pytest.raises(IntegrityError), site.transaction() as session:
        session.add(
            Visit(
                member_id="no-such-member",
                kiosk_id="door",
                checked_in_at=now,
                method=CheckinMethod.BADGE,
            )
        )


def test_naive_datetimes_are_refused(site: Site) -> None:
    with pytest.raises(Exception, match="naive datetime"), site.transaction() as session:
        session.add(
            Visit(
                member_id=None,
                kiosk_id="door",
                checked_in_at=datetime(2026, 11, 25, 14, 0),
                method=CheckinMethod.GUEST,
            )
        )


def test_fresh_database_is_at_the_newest_schema(site: Site) -> None:
    engine = site.sessions.kw["bind"]
    assert current_revision(engine) == head_revision(engine) is not None
    with engine.connect() as conn:
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert {"member", "visit", "alembic_version"} <= tables


def test_opening_again_keeps_the_data_and_migrates_nothing(site: Site, make_member: Any) -> None:
    member = make_member("Léa")
    reopened = open_site(site.data_dir.path)
    assert migrate(reopened.sessions.kw["bind"]) is False
    with reopened.sessions() as session:
        assert session.execute(text("SELECT first_name FROM member")).scalars().all() == ["Léa"]
        assert session.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    assert member.id


def test_an_empty_database_file_is_upgraded(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "db" / "kiosk.sqlite3")
    assert current_revision(engine) is None
    assert migrate(engine) is True
    assert current_revision(engine) == head_revision(engine)
    assert migrate(engine) is False


# --- staff PIN ----------------------------------------------------------------------------


def test_staff_pin_hash_and_verify() -> None:
    stored = hash_pin("2468")
    assert stored.startswith("scrypt$")
    assert "2468" not in stored
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)
    assert hash_pin("2468") != stored  # salted


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "garbage",
        "bcrypt$16384$8$1$00$00",
        "scrypt$x$8$1$00$00",
        "scrypt$16384$8$1$nothex$00",
        "scrypt$16384$8$1$00$nothex",
        "scrypt$3$8$1$00$00",  # n must be a power of two
    ],
)
def test_malformed_stored_pin_refuses_instead_of_crashing(stored: str) -> None:
    assert verify_pin("2468", stored) is False


@pytest.mark.parametrize("pin", ["", "123", "12ab", "1234567890123", " 1234", "12.34"])
def test_staff_pin_must_be_4_to_12_ascii_digits(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin(pin)


def test_the_fast_start_check_knows_the_same_head_as_alembic(tmp_path) -> None:
    """migrate() skips Alembic when the file names say the database is current: the
    revisions must stay a single numbered line for that to hold."""
    from kiosk.db import head_revision, latest_revision, make_engine, migrate, stored_revision

    engine = make_engine(tmp_path / "k.sqlite3")
    assert stored_revision(engine) is None
    assert latest_revision() == head_revision(engine)
    assert migrate(engine) is True
    assert stored_revision(engine) == latest_revision()
    assert migrate(engine) is False


def test_staff_pin_keeps_what_staff_wrote_in_config_toml(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comments, blank lines, order and unknown keys survive every write of the config."""
    config = site.data_dir.config_file
    written = config.read_text()
    hand_edited = (
        "# Fab lab de la gare: call Dominique before changing this file\n"
        + written.replace("[kiosk]\n", "[kiosk]\n# the USB camera on the left\n", 1).replace(
            'decoder = "zxing"', 'decoder = "zxing"  # pyzbar was slower here'
        )
        + '\n[printer]\nname = "Brother QL"  # for badge cards\n'
    )
    config.write_text(hand_edited)
    os.chmod(config, 0o640)
    from kiosk.cli.main import main

    monkeypatch.setattr(sys, "stdin", io.StringIO("4821\n"))
    assert main(["staff-pin", "--pin-stdin", "--data-dir", str(site.data_dir.path)]) == 0
    new = config.read_text()
    assert "# Fab lab de la gare: call Dominique before changing this file" in new
    assert "# the USB camera on the left" in new
    assert 'decoder = "zxing"  # pyzbar was slower here' in new
    assert '[printer]\nname = "Brother QL"  # for badge cards' in new
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    reread = site.data_dir.load_settings()
    assert verify_pin("4821", reread.staff_pin_hash)
    assert reread.extra == {"printer": {"name": "Brother QL"}}
    # only the PIN line changed
    changed = [a for a, b in zip(hand_edited.splitlines(), new.splitlines(), strict=True) if a != b]
    assert [line.split("=")[0].strip() for line in changed] == ["staff_pin_hash"]
