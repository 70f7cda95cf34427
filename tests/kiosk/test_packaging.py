"""packaging/: the systemd units, the udev rule and install.sh agree with each other and
with the program (every command line in a unit parses with the real CLI parser), and
systemd itself accepts the units where ``systemd-analyze`` exists."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
INSTALL = PACKAGING / "install.sh"
UNITS = sorted(p.name for p in PACKAGING.glob("*.service")) + sorted(
    p.name for p in PACKAGING.glob("*.timer")
)
# Options of cage 0.1.4 (Debian 12) that 0.2.x (Debian 13) still has: -r (rotate) is gone.
CAGE_OPTIONS_IN_BOTH = {"-d", "-h", "-m", "-s", "-v"}

Unit = dict[str, dict[str, list[str]]]


def read_unit(name: str) -> Unit:
    """Sections of a unit file, each key with all its values in order (systemd allows a
    key more than once: ``After=``, ``Environment=``). Continued lines are not used."""
    unit: Unit = {}
    section = None
    for number, raw in enumerate((PACKAGING / name).read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            assert section not in unit, f"{name}:{number}: [{section}] twice"
            unit[section] = {}
            continue
        assert section is not None, f"{name}:{number}: a setting before any [section]"
        assert not line.endswith("\\"), f"{name}:{number}: keep each setting on one line"
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z]+", key), f"{name}:{number}: not key=value"
        unit[section].setdefault(key, []).append(value)
    return unit


def one(unit: Unit, section: str, key: str) -> str:
    values = unit[section].get(key, [])
    assert len(values) == 1, f"[{section}] {key}= given {len(values)} times"
    return values[0]


def environment(unit: Unit) -> dict[str, str]:
    pairs = (shlex.split(v) for v in unit["Service"].get("Environment", []))
    return dict(item.split("=", 1) for words in pairs for item in words)


def install_settings() -> dict[str, str]:
    """The NAME=value lines at the top of install.sh, with $NAME expanded as bash does."""
    found: dict[str, str] = {}
    for line in INSTALL.read_text().splitlines():
        match = re.fullmatch(r"([A-Z_]+)=([^\s()`]+)", line)
        if match:
            found[match[1]] = re.sub(r"\$([A-Z_]+)", lambda m: found[m[1]], match[2])
    return found


def exec_start(unit: Unit) -> list[str]:
    return shlex.split(one(unit, "Service", "ExecStart"))


def parses(argv: list[str]) -> None:
    """The real parser takes these words (argparse exits on an unknown option)."""
    build_parser().parse_args(argv)


SETTINGS = install_settings()


def test_install_sh_says_where_things_go() -> None:
    assert SETTINGS["VENV"] == "/opt/fablab-kiosk/venv"
    assert SETTINGS["PROGRAM"] == "/opt/fablab-kiosk/venv/bin/fablab-kiosk"
    assert SETTINGS["DATA_DIR"] == "/var/lib/fablab-kiosk"
    assert SETTINGS["SERVER_ENV"] == "/etc/fablab-kiosk/server.env"


def test_the_kiosk_service_comes_back_by_itself() -> None:
    unit = read_unit("fablab-kiosk.service")
    service = unit["Service"]
    assert one(unit, "Service", "Type") == "notify"
    assert one(unit, "Service", "NotifyAccess") == "all"  # the app is cage's child
    assert 10 <= int(one(unit, "Service", "WatchdogSec")) <= 60
    assert one(unit, "Service", "Restart") == "always"
    # a crash: back on the welcome screen within 5 s (start-up takes ~1.1 s)
    assert float(one(unit, "Service", "RestartSec")) + 1.1 < 5
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"  # and never gives up
    assert "getty@tty1.service" in " ".join(unit["Unit"]["Conflicts"])
    assert "systemd-user-sessions.service" in " ".join(unit["Unit"]["After"])
    assert service["User"] == [SETTINGS["KIOSK_USER"]]
    assert service["PAMName"] == ["login"]
    assert service["TTYPath"] == ["/dev/tty1"]
    assert service["UtmpIdentifier"] == ["tty1"]
    assert service["StandardInput"] == ["tty"]
    # logs to the journal (JOURNAL_STREAM is set for it), not to the tty
    assert service["StandardError"] == service["StandardOutput"] == ["journal"]
    assert environment(unit)["QT_QPA_PLATFORM"] == "wayland"
    assert one(unit, "Install", "WantedBy") == "graphical.target"


def test_the_kiosk_runs_inside_cage_with_options_both_debians_know() -> None:
    unit = read_unit("fablab-kiosk.service")
    argv = exec_start(unit)
    assert argv[0] == "/usr/bin/cage"
    split = argv.index("--")
    assert set(argv[1:split]) <= CAGE_OPTIONS_IN_BOTH
    app = argv[split + 1 :]
    # systemd's WATCHDOG_PID names cage; the kiosk, cage's child, sends the pings
    assert app[:3] == ["/usr/bin/env", "-u", "WATCHDOG_PID"]
    assert app[3] == SETTINGS["PROGRAM"]
    assert app[4:] == ["run", "--data-dir", SETTINGS["DATA_DIR"]]
    parses(app[4:])
    assert one(unit, "Service", "WorkingDirectory") == SETTINGS["DATA_DIR"]


def test_the_backup_runs_nightly_as_the_kiosk_user() -> None:
    service = read_unit("fablab-kiosk-backup.service")
    assert one(service, "Service", "Type") == "oneshot"
    assert one(service, "Service", "User") == SETTINGS["KIOSK_USER"]
    argv = exec_start(service)
    assert argv[0] == SETTINGS["PROGRAM"]
    assert argv[1:] == ["backup", "--data-dir", SETTINGS["DATA_DIR"], "--keep", "7"]
    parses(argv[1:])
    timer = read_unit("fablab-kiosk-backup.timer")
    assert one(timer, "Timer", "Persistent") == "true"  # a kiosk off at night: at next boot
    assert re.fullmatch(r"\*-\*-\* 0[0-5]:\d\d(:\d\d)?", one(timer, "Timer", "OnCalendar"))
    assert one(timer, "Install", "WantedBy") == "timers.target"


def test_the_server_runs_hardened_with_its_settings_file() -> None:
    unit = read_unit("fablab-kiosk-server.service")
    assert one(unit, "Service", "User") == SETTINGS["SERVER_USER"]
    assert one(unit, "Service", "Restart") == "on-failure"
    assert one(unit, "Service", "EnvironmentFile") == SETTINGS["SERVER_ENV"]
    assert one(unit, "Service", "NoNewPrivileges") == "yes"
    assert one(unit, "Service", "ProtectSystem") == "strict"
    assert one(unit, "Service", "ReadWritePaths") == SETTINGS["SERVER_DATA_DIR"]
    env = environment(unit)
    assert env["FABLAB_KIOSK_SERVER_DB"].startswith(SETTINGS["SERVER_DATA_DIR"] + "/")
    argv = [re.sub(r"\$\{(\w+)\}", lambda m: env[m[1]], word) for word in exec_start(unit)]
    assert argv[0] == SETTINGS["PROGRAM"]
    assert argv[1:] == [
        "server",
        "--host",
        "0.0.0.0",
        "--port",
        SETTINGS["SERVER_PORT"],
        "--workers",
        "1",
    ]
    parses(argv[1:])


def test_each_server_behind_the_proxy_listens_on_its_own_local_port() -> None:
    unit = read_unit("fablab-kiosk-server@.service")
    assert one(unit, "Service", "User") == SETTINGS["SERVER_USER"]
    assert one(unit, "Service", "EnvironmentFile") == SETTINGS["SERVER_ENV"]
    assert one(unit, "Service", "ProtectSystem") == "strict"
    argv = exec_start(unit)
    assert argv[0] == SETTINGS["PROGRAM"]
    # the proxy alone listens on the network, whatever server.env says
    assert argv[1:] == ["server", "--host", "127.0.0.1", "--port", "%i"]
    parses([word.replace("%i", "8751") for word in argv[1:]])
    assert "%i" in one(unit, "Unit", "Description")


def test_install_sh_installs_every_unit_and_the_rule() -> None:
    script = INSTALL.read_text()
    for name in UNITS:
        assert f"install_unit {name}" in script, name
    assert "90-fablab-kiosk-backlight.rules" in script
    assert "fablab-kiosk-command" in script


def test_install_sh_installs_the_libraries_qt_needs() -> None:
    """Every run-time package of .ci/system-deps (which CI proves Qt needs) is in the
    kiosk's list; only the test X server and xdotool (which types on it) are left out."""
    ci = re.search(r'PACKAGES="([^"]*)"', (ROOT / ".ci" / "system-deps").read_text())
    assert ci is not None
    block = re.search(r"KIOSK_PACKAGES=\(([^)]*)\)", INSTALL.read_text())
    assert block is not None
    kiosk = set(block[1].split())
    assert set(ci[1].split()) - {"xvfb", "xauth", "xdotool"} <= kiosk
    # cage 0.1.4 exits at start when it cannot run Xwayland (found on Debian 12)
    assert {"cage", "xwayland", "speech-dispatcher", "espeak-ng", "python3-venv"} <= kiosk


def test_the_backlight_rule_lets_group_video_write_the_brightness() -> None:
    rules = [
        line
        for line in (PACKAGING / "90-fablab-kiosk-backlight.rules").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rules) == 1
    rule = rules[0]
    assert 'SUBSYSTEM=="backlight"' in rule and 'ACTION=="add"' in rule
    assert 'RUN+="/bin/chgrp video /sys%p/brightness"' in rule
    assert 'RUN+="/bin/chmod g+w /sys%p/brightness"' in rule
    assert "video" in INSTALL.read_text().split("KIOSK_GROUPS=(", 1)[1].split(")")[0]


def test_install_sh_is_valid_bash() -> None:
    done = subprocess.run(["bash", "-n", str(INSTALL)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert INSTALL.read_text().splitlines()[1:12].count("set -euo pipefail") == 1
    assert os.access(INSTALL, os.X_OK)
    done = subprocess.run(["sh", "-n", str(PACKAGING / "fablab-kiosk-command")])
    assert done.returncode == 0


def test_install_sh_refuses_what_it_cannot_do() -> None:
    done = subprocess.run(
        ["bash", str(INSTALL), "--kiosk", "--postgresql"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr == "install.sh: --postgresql goes with --server\n"
    done = subprocess.run(["bash", str(INSTALL), "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--server" in done.stdout


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed")
def test_the_scripts_are_shellcheck_clean() -> None:
    scripts = [str(INSTALL), str(PACKAGING / "fablab-kiosk-command")]
    done = subprocess.run(["shellcheck", *scripts], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_command_for_people_defaults_to_the_kiosk_data(tmp_path: Path) -> None:
    """/usr/local/bin/fablab-kiosk passes every word on, with the kiosk's data directory
    (the user switch needs root and the fablab user: not tried here)."""
    fake = tmp_path / "fablab-kiosk"
    fake.write_text('#!/bin/sh\necho "$FABLAB_KIOSK_DATA" "$@"\n')
    fake.chmod(0o755)
    script = (PACKAGING / "fablab-kiosk-command").read_text()
    script = script.replace(SETTINGS["PROGRAM"], str(fake)).replace("id -u", "echo 1000")
    wrapper = tmp_path / "command"
    wrapper.write_text(script)
    env = {k: v for k, v in os.environ.items() if k != "FABLAB_KIOSK_DATA"}
    done = subprocess.run(
        ["sh", str(wrapper), "member", "add", "--first-name", "Jean Pierre"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == "/var/lib/fablab-kiosk member add --first-name Jean Pierre\n"


@pytest.fixture
def reachable_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="fablab-command-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_server_commands_without_sudo_say_run_it_with_sudo(reachable_tmp: Path) -> None:
    """On an installed server the settings (and so the database's address) are readable
    by root and fablab-server only: without sudo, the command says so instead of opening
    a database that is not the server's."""
    tmp_path = reachable_tmp
    fake = tmp_path / "fablab-kiosk"
    fake.write_text('#!/bin/sh\necho "ran $FABLAB_KIOSK_SERVER_DB" "$@"\n')
    fake.chmod(0o755)
    settings = tmp_path / "server.env"
    settings.write_text("FABLAB_KIOSK_SERVER_DB=postgresql://fablab-server@/fablab\n")
    script = (PACKAGING / "fablab-kiosk-command").read_text()
    assert "/etc/fablab-kiosk/server.env" in script
    script = script.replace(SETTINGS["PROGRAM"], str(fake)).replace(
        "/etc/fablab-kiosk/server.env", str(settings)
    )
    wrapper = tmp_path / "command"
    wrapper.write_text(script)
    for path in (fake, wrapper):
        path.chmod(0o755)
    as_volunteer = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []

    def run(*words: str) -> subprocess.CompletedProcess[str]:
        command = [*as_volunteer, "sh", str(wrapper), *words]
        return subprocess.run(command, capture_output=True, text=True, timeout=30)

    settings.chmod(0o644)
    readable = run("server", "add-kiosk", "door")
    assert readable.stdout == "ran postgresql://fablab-server@/fablab server add-kiosk door\n"
    settings.chmod(0o600 if os.geteuid() == 0 else 0o000)  # root:fablab-server 0640 there
    refused = run("server", "add-kiosk", "door")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "run it with sudo (sudo fablab-kiosk server ...)" in refused.stderr
    assert str(settings) in refused.stderr
    assert run("member", "list").stdout.startswith("ran ")  # the kiosk's commands go on


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    """``systemd-analyze verify`` on copies whose programs (not installed here) are
    stand-ins: any warning (an unknown key, a bad value) fails the test."""
    stand_in = tmp_path / "stand-in"
    stand_in.write_text("#!/bin/sh\n")
    stand_in.chmod(0o755)
    for name in UNITS:
        text = (PACKAGING / name).read_text().replace(SETTINGS["PROGRAM"], str(stand_in))
        if not Path("/usr/bin/cage").exists():
            text = text.replace("/usr/bin/cage", str(stand_in))
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *(str(tmp_path / n) for n in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr


# --- install.sh's steps, run one at a time with stand-ins (the script is sourced) ----------


def run_step(tmp_path: Path, step: str, *, stubs: dict[str, str], **settings: str) -> Any:
    """Source install.sh, set *settings* (its variables), run *step* with a PATH that
    holds the stand-in commands *stubs* (name -> shell body) before the real ones; every
    stand-in logs its arguments to calls.log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    for name, body in stubs.items():
        stub = bin_dir / name
        stub.write_text(f'#!/bin/sh\necho "{name} $*" >>"{log}"\n{body}\n')
        stub.chmod(0o755)
    assigns = "".join(f"{k}={shlex.quote(v)}\n" for k, v in settings.items())
    script = f"set -euo pipefail\nsource {shlex.quote(str(INSTALL))}\n{assigns}{step}\n"
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        timeout=60,
    )
    done.calls = log.read_text().splitlines() if log.exists() else []  # type: ignore[attr-defined]
    return done


def only_path(tmp_path: Path, *commands: str) -> str:
    """A PATH holding just these commands (links to the real ones)."""
    bin_dir = tmp_path / "only"
    bin_dir.mkdir()
    for name in commands:
        real = shutil.which(name)
        assert real is not None, name
        (bin_dir / name).symlink_to(real)
    return str(bin_dir)


def test_missing_prerequisites_are_found_before_anything_changes(tmp_path: Path) -> None:
    path = only_path(
        tmp_path,
        "id",
        "apt-get",
        "runuser",
        "useradd",
        "usermod",
        "getent",
        "install",
        "tar",
        "bash",
        "cat",
        "dirname",
        "rm",
    )
    done = subprocess.run(
        ["bash", "-c", f"source {shlex.quote(str(INSTALL))}; preflight"],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
    )
    assert done.returncode == 1
    assert "missing: systemctl; nothing was changed" in done.stderr
    assert "apt-get install systemd" in done.stderr


def test_without_systemd_units_are_enabled_not_started_and_it_is_said(tmp_path: Path) -> None:
    done = run_step(
        tmp_path,
        "enable_and_start fablab-kiosk-backup.timer; say_not_started",
        stubs={"systemctl": ""},
        SYSTEMD_RUN_DIR=str(tmp_path / "no-systemd"),
    )
    assert done.returncode == 0, done.stderr
    assert done.calls == ["systemctl enable fablab-kiosk-backup.timer"]
    assert "Not started (systemd is not running here): fablab-kiosk-backup.timer" in done.stdout
    assert "sudo systemctl start fablab-kiosk-backup.timer" in done.stdout
    running = tmp_path / "systemd"
    running.mkdir()
    (tmp_path / "calls.log").unlink()
    done = run_step(
        tmp_path,
        "enable_and_start fablab-kiosk-backup.timer; say_not_started",
        stubs={"systemctl": ""},
        SYSTEMD_RUN_DIR=str(running),
    )
    assert done.calls == ["systemctl enable --now fablab-kiosk-backup.timer"]
    assert "Not started" not in done.stdout


def test_without_systemd_postgresql_is_started_for_the_database_and_stopped(
    tmp_path: Path,
) -> None:
    """--server --postgresql in a chroot: the database and its role are made all the same
    (the cluster started just for that, stopped after), the unit enabled, and it is said."""
    done = run_step(
        tmp_path,
        "setup_postgresql; say_not_started",
        stubs={
            "systemctl": "",
            "pg_lsclusters": 'echo "15 main 5432 down postgres /var/lib/postgresql/15/main"',
            "pg_ctlcluster": '[ "$3" != status ] || exit 3',  # status: not running
            "runuser": "",  # psql answers nothing: no role, no database yet
        },
        SYSTEMD_RUN_DIR=str(tmp_path / "no-systemd"),
    )
    assert done.returncode == 0, done.stderr
    calls = [c for c in done.calls if not c.startswith("runuser -u postgres -- psql")]
    assert calls == [
        "systemctl enable postgresql.service",
        "pg_lsclusters --no-header",
        "pg_ctlcluster 15 main status",
        "pg_ctlcluster 15 main start",
        "runuser -u postgres -- createuser fablab-server",
        "runuser -u postgres -- createdb --owner fablab-server fablab",
        "pg_ctlcluster 15 main stop",
    ]
    assert "PostgreSQL 15 main was started for this only, and stopped again" in done.stdout
    assert "Not started (systemd is not running here): postgresql.service" in done.stdout


def test_the_server_install_fails_loudly_when_its_health_check_does(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text("#!/bin/sh\nexit 1\n")  # the server never answers
    python.chmod(0o755)
    done = run_step(
        tmp_path, "wait_for_server", stubs={"sleep": ""}, VENV=str(venv), SERVER_WAIT_S="2"
    )
    assert done.returncode == 1
    assert "FAILED: the server is installed but does not answer" in done.stderr
    assert "journalctl -u fablab-kiosk-server" in done.stderr
    assert "Done" not in done.stdout
    script = INSTALL.read_text()
    assert "wait_for_server || exit 1" in script


def test_screen_blanking_says_what_it_changed(tmp_path: Path) -> None:
    nothing = run_step(
        tmp_path,
        "no_console_blanking",
        stubs={"setterm": "exit 1"},
        GRUB_DEFAULT=str(tmp_path / "no-grub"),
        PI_CMDLINE=str(tmp_path / "no-cmdline.txt"),
    )
    assert nothing.returncode == 0, nothing.stderr
    assert "NOT changed: no GRUB" in nothing.stdout
    grub = tmp_path / "grub"
    grub.write_text('GRUB_CMDLINE_LINUX_DEFAULT="quiet"\n')
    cmdline = tmp_path / "cmdline.txt"
    cmdline.write_text("console=tty1 root=PARTUUID=1234 rootwait\n")
    changed = run_step(
        tmp_path,
        "no_console_blanking",
        stubs={"setterm": "exit 1", "update-grub": ""},
        GRUB_DEFAULT=str(grub),
        PI_CMDLINE=str(cmdline),
    )
    assert changed.returncode == 0, changed.stderr
    assert "kernel option added in" in changed.stdout and "GRUB updated" in changed.stdout
    assert "consoleblank=0" in (tmp_path / "grub.d" / "fablab-kiosk.cfg").read_text()
    assert cmdline.read_text() == "console=tty1 root=PARTUUID=1234 rootwait consoleblank=0\n"
    again = run_step(
        tmp_path,
        "no_console_blanking",
        stubs={"setterm": "exit 1", "update-grub": ""},
        GRUB_DEFAULT=str(grub),
        PI_CMDLINE=str(cmdline),
    )
    assert again.stdout.count("nothing changed") == 2
