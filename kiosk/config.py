"""Site settings: a TOML file in the data directory, plus the data paths.

The data directory holds everything a kiosk owns: ``config.toml`` (what staff edit),
``kiosk.sqlite3`` (members and visits) and ``site.key`` (the badge signing secret, made
once at ``init``; it never leaves the machine except in a backup).

It is, in order: ``--data-dir`` on the command line, the ``FABLAB_KIOSK_DATA``
environment variable, or the platform's user data directory.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container

from kiosk.scrypt import scrypt_hash, scrypt_verify

CONFIG_NAME = "config.toml"
DATABASE_NAME = "kiosk.sqlite3"
SECRET_NAME = "site.key"
ENV_DATA_DIR = "FABLAB_KIOSK_DATA"
DECODERS = ("zxing", "pyzbar")
LANGUAGES = ("fr", "en")
SITE_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or holds a wrong value."""


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("fablab-kiosk", appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_data_dir()


@dataclass(frozen=True)
class Space:
    """A room or area visitors check into (fab lab, coworking, machine room, ...)."""

    id: str
    names: dict[str, str]
    opening_hours: str = ""  # OpenStreetMap opening_hours syntax; "" = hours unknown

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("fr") or next(iter(self.names.values()))


@dataclass(frozen=True)
class MachineEntry:
    """A machine in the catalogue; its live status is a ``MachineState`` row (kiosk.machines).

    ``photo`` is a picture for the machine board: a path relative to the data directory
    or to ``resources/`` (optional)."""

    id: str
    name: str
    kind: str
    space: str
    tutorial: str | None = None
    photo: str | None = None


@dataclass(frozen=True)
class Settings:
    site_name: str
    site_id: str
    kiosk_id: str = "door"
    timezone: str = "Europe/Paris"
    country: str = "FR"
    closing_time: time = time(23, 0)
    default_space: str | None = None
    spaces: tuple[Space, ...] = ()
    machines: tuple[MachineEntry, ...] = ()
    camera: str = "0"
    decoder: str = "zxing"
    idle_timeout_s: int = 45
    repeat_window_s: int = 8
    languages: tuple[str, ...] = LANGUAGES
    staff_pin_hash: str = ""
    membership_fee_eur: int = 15
    data_retention_months: int = 12
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def space(self, space_id: str | None) -> Space | None:
        return next((s for s in self.spaces if s.id == space_id), None)


def new_site_id() -> str:
    """Four Crockford base32 characters: printed in every badge so another site's is told apart."""
    return "".join(secrets.choice(SITE_ID_ALPHABET) for _ in range(4))


def _parse_time(value: object, key: str) -> time:
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}", value):
        raise ConfigError(f'{key}: expected a time such as "22:00", got {value!r}')
    hours, minutes = (int(p) for p in value.split(":"))
    if hours > 23 or minutes > 59:
        raise ConfigError(f"{key}: {value!r} is not a time of day")
    return time(hours, minutes)


def _spaces(raw: object) -> tuple[Space, ...]:
    if not isinstance(raw, list):
        raise ConfigError("[[spaces]] must be a list of tables")
    spaces = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ConfigError(f"spaces[{i}]: each space needs an id")
        # `name` is the French (default) name; `name_en` the English one when it differs.
        name = item.get("name", item["id"])
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"spaces[{i}] ({item['id']}): name must be text")
        names = {"fr": name, "en": str(item.get("name_en") or name)}
        hours = item.get("opening_hours", "")
        if not isinstance(hours, str):
            raise ConfigError(f"spaces[{i}] ({item['id']}): opening_hours must be text")
        spaces.append(Space(item["id"], names, hours.strip()))
    return tuple(spaces)


def _machines(raw: object) -> tuple[MachineEntry, ...]:
    if not isinstance(raw, list):
        raise ConfigError("[[machines]] must be a list of tables")
    machines = []
    for i, item in enumerate(raw):
        try:
            machines.append(
                MachineEntry(
                    id=str(item["id"]),
                    name=str(item["name"]),
                    kind=str(item["kind"]),
                    space=str(item["space"]),
                    tutorial=item.get("tutorial"),
                    photo=item.get("photo"),
                )
            )
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"machines[{i}]: needs id, name, kind and space ({exc})") from exc
    return tuple(machines)


def settings_from_dict(data: dict[str, Any]) -> Settings:
    site = data.get("site", {})
    kiosk = data.get("kiosk", {})
    if not site.get("name"):
        raise ConfigError("[site] name is missing")
    site_id = str(site.get("id", ""))
    if not re.fullmatch(f"[{SITE_ID_ALPHABET}]{{4}}", site_id):
        raise ConfigError(f"[site] id must be 4 characters of {SITE_ID_ALPHABET}, got {site_id!r}")
    tz = str(site.get("timezone", "Europe/Paris"))
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"[site] timezone {tz!r} is not a known time zone") from exc
    decoder = str(kiosk.get("decoder", "zxing"))
    if decoder not in DECODERS:
        raise ConfigError(f"[kiosk] decoder must be one of {', '.join(DECODERS)}, got {decoder!r}")
    languages = tuple(kiosk.get("languages", LANGUAGES))
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise ConfigError(f"[kiosk] languages: only {', '.join(LANGUAGES)} exist, got {unknown}")
    spaces = _spaces(data.get("spaces", []))
    default_space = site.get("default_space")
    if default_space is not None and default_space not in {s.id for s in spaces}:
        raise ConfigError(f"[site] default_space {default_space!r} is not one of the [[spaces]]")
    try:
        idle = int(kiosk.get("idle_timeout_s", 45))
        repeat = int(kiosk.get("repeat_window_s", 8))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[kiosk] idle_timeout_s and repeat_window_s are seconds: {exc}") from exc
    known = {"site", "kiosk", "spaces", "machines"}
    return Settings(
        site_name=str(site["name"]),
        site_id=site_id,
        kiosk_id=str(site.get("kiosk_id", "door")),
        timezone=tz,
        country=str(site.get("country", "FR")),
        closing_time=_parse_time(site.get("closing_time", "23:00"), "[site] closing_time"),
        default_space=default_space,
        spaces=spaces,
        machines=_machines(data.get("machines", [])),
        camera=str(kiosk.get("camera", "0")),
        decoder=decoder,
        idle_timeout_s=max(10, idle),
        repeat_window_s=max(1, repeat),
        languages=languages,
        staff_pin_hash=str(kiosk.get("staff_pin_hash", "")),
        membership_fee_eur=int(site.get("membership_fee_eur", 15)),
        data_retention_months=int(site.get("data_retention_months", 12)),
        extra={k: v for k, v in data.items() if k not in known},
    )


def settings_to_dict(s: Settings) -> dict[str, Any]:
    site: dict[str, Any] = {
        "name": s.site_name,
        "id": s.site_id,
        "kiosk_id": s.kiosk_id,
        "timezone": s.timezone,
        "country": s.country,
        "closing_time": s.closing_time.strftime("%H:%M"),
        "membership_fee_eur": s.membership_fee_eur,
        "data_retention_months": s.data_retention_months,
    }
    if s.default_space:
        site["default_space"] = s.default_space
    data: dict[str, Any] = {
        "site": site,
        "kiosk": {
            "camera": s.camera,
            "decoder": s.decoder,
            "idle_timeout_s": s.idle_timeout_s,
            "repeat_window_s": s.repeat_window_s,
            "languages": list(s.languages),
            "staff_pin_hash": s.staff_pin_hash,
        },
        "spaces": [
            {
                "id": sp.id,
                "name": sp.name("fr"),
                "name_en": sp.name("en"),
                "opening_hours": sp.opening_hours,
            }
            for sp in s.spaces
        ],
        "machines": [{k: v for k, v in vars(m).items() if v is not None} for m in s.machines],
    }
    data.update(s.extra)
    return data


# What settings_to_dict may write in [site] and [kiosk]: a key among these that it no
# longer writes (default_space unset) is removed; any other key staff wrote is kept.
WRITTEN_KEYS = {
    "site": {
        "name",
        "id",
        "kiosk_id",
        "timezone",
        "country",
        "closing_time",
        "membership_fee_eur",
        "data_retention_months",
        "default_space",
    },
    "kiosk": {
        "camera",
        "decoder",
        "idle_timeout_s",
        "repeat_window_s",
        "languages",
        "staff_pin_hash",
    },
}


def merge_settings(document: Container, data: dict[str, Any]) -> None:
    """Put *data* (settings_to_dict) into a parsed config.toml, value by value."""
    for table, values in data.items():
        if table in WRITTEN_KEYS and isinstance(values, dict):
            if table not in document:
                document[table] = tomlkit.table()
            current: Any = document[table]  # a tomlkit Table: a dict that keeps comments
            for key, value in values.items():
                if key not in current or _plain(current[key]) != value:
                    current[key] = value
            for key in [k for k in current if k in WRITTEN_KEYS[table] and k not in values]:
                del current[key]
        elif table not in document or _plain(document[table]) != values:
            if isinstance(values, list) and values and all(isinstance(v, dict) for v in values):
                array = tomlkit.aot()
                for item in values:
                    array.append(tomlkit.item(item))
                document[table] = array
            elif isinstance(values, list) and not values:
                if table in document:
                    del document[table]
            else:
                document[table] = values


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def write_atomically(path: Path, content: bytes) -> None:
    """*content* in *path*: a hidden file beside it, flushed, then renamed over it; the old
    file's mode and owner are kept (``sudo fablab-kiosk staff-pin`` leaves it the kiosk's)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        old = path.stat()
    except FileNotFoundError:
        old = None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if old is not None:
            os.chmod(tmp, old.st_mode & 0o7777)
            if os.geteuid() == 0:
                os.chown(tmp, old.st_uid, old.st_gid)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def restore_key(path: Path) -> str:
    """What to do when the site's key is gone but the site exists (issue 12): the nightly
    backup keeps a copy of it; ``init`` would refuse, and a new key would orphan badges."""
    return (
        f"copy it back from the nightly backup ({path / 'backups' / SECRET_NAME}; "
        "'fablab-kiosk backup restore' brings it back too, with last night's database) "
        "or from your safe copy (a USB stick: docs/install.md, 'Backups'); do not run "
        "'fablab-kiosk init' (a new key would make every badge printed so far unreadable)"
    )


@dataclass(frozen=True)
class DataDir:
    """The files of one kiosk, found under one directory."""

    path: Path

    @property
    def config_file(self) -> Path:
        return self.path / CONFIG_NAME

    @property
    def database_file(self) -> Path:
        return self.path / DATABASE_NAME

    @property
    def secret_file(self) -> Path:
        return self.path / SECRET_NAME

    def exists(self) -> bool:
        return self.config_file.exists() and self.secret_file.exists()

    def load_settings(self) -> Settings:
        try:
            with self.config_file.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise ConfigError(
                f"no configuration in {self.path}: run 'fablab-kiosk init' (or 'demo') first"
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{self.config_file}: {exc}") from exc
        return settings_from_dict(data)

    def save_settings(self, settings: Settings) -> None:
        """Write *settings* to config.toml, keeping what staff wrote in it: comments,
        blank lines, the order of keys, keys this program does not know. Only the values
        that changed are rewritten (tomlkit). Atomic (a power cut leaves the old file or
        the new one), with the old file's permissions and owner."""
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            document = tomlkit.parse(self.config_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            document = tomlkit.document()
        except (UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
            raise ConfigError(f"{self.config_file} cannot be read, not changed: {exc}") from exc
        merge_settings(document, settings_to_dict(settings))
        write_atomically(self.config_file, tomlkit.dumps(document).encode())

    def load_secret(self) -> bytes:
        try:
            secret = bytes.fromhex(self.secret_file.read_text().strip())
        except FileNotFoundError as exc:
            if self.config_file.exists():  # the site exists: init would refuse, and must
                raise ConfigError(
                    f"the site's key {self.secret_file} is missing: {restore_key(self.path)}"
                ) from exc
            raise ConfigError(f"no site secret in {self.path}: run 'fablab-kiosk init'") from exc
        except ValueError as exc:
            raise ConfigError(f"{self.secret_file} is damaged (not hexadecimal)") from exc
        if len(secret) < 16:
            raise ConfigError(f"{self.secret_file} is too short to sign badges")
        return secret

    def create_secret(self) -> bytes:
        """Make the per-site signing secret, readable by the kiosk user only."""
        self.path.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)
        fd = os.open(self.secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secret.hex() + "\n")
        return secret


def hash_pin(pin: str) -> str:
    """The staff PIN as a slow scrypt hash (kiosk.scrypt); never stored in clear."""
    if not re.fullmatch(r"[0-9]{4,12}", pin):
        raise ValueError("a staff PIN is 4 to 12 digits")
    return scrypt_hash(pin)


def verify_pin(pin: str, stored: str) -> bool:
    # a hand-edited or damaged config refuses the PIN, it does not crash the staff screen
    return scrypt_verify(pin, stored)
