"""``fablab-kiosk backup`` and ``fablab-kiosk doctor``: looking after a kiosk in the field.

Neither opens the site the usual way (:func:`kiosk.site.open_site` upgrades the
database): a backup copies the database as it is, and the doctor reports an old schema
instead of fixing it behind the volunteer's back.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.care.backup import DEFAULT_KEEP, BackupError, backup_database, list_backups
from kiosk.cli.support import AddCommand, CommandError, QtCommands, print_json
from kiosk.config import ConfigError, DataDir, resolve_data_dir

if TYPE_CHECKING:
    from kiosk.care.devices import Finding


def _site_now(data_dir: DataDir) -> datetime:
    """Now in the site's time zone (the machine's when the configuration cannot be read)."""
    try:
        return datetime.now(data_dir.load_settings().tz)
    except ConfigError:
        return datetime.now().astimezone()


def cmd_backup(args: argparse.Namespace, qt: QtCommands | None) -> int:
    data_dir = DataDir(resolve_data_dir(args.data_dir))
    folder = args.dir if args.dir is not None else data_dir.path / "backups"
    if args.action == "list":
        return _list_backups(folder, args.json)
    if args.action == "restore":
        return _restore(data_dir, folder, args.backup, args.json)
    if args.backup is not None:
        raise CommandError(f"{args.backup!r}: only 'backup restore' takes a backup's name")
    try:
        result = backup_database(
            data_dir.database_file,
            folder,
            day=_site_now(data_dir).date(),
            keep=args.keep,
            key=data_dir.secret_file,
        )
    except BackupError as exc:
        raise CommandError(f"backup not made: {exc}") from exc
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "bytes": result.size,
                "members": result.members,
                "visits": result.visits,
                "kept": [str(p) for p in result.kept],
                "removed": [str(p) for p in result.removed],
            }
        )
        return 0
    size = f"{result.size / 1024**2:.1f} MB"
    print(f"Backup {result.path} ({size}, {result.members:,} members, {result.visits:,} visits)")
    removed = f"; removed {len(result.removed)} older" if result.removed else ""
    print(f"{len(result.kept)} backups kept in {folder}{removed}")
    return 0


def _list_backups(folder: Path, as_json: bool) -> int:
    from kiosk.care.restore import inspect_backup

    rows: list[dict[str, Any]] = []
    for path in list_backups(folder):
        try:
            info = inspect_backup(path)
            rows.append(
                {
                    "path": str(path),
                    "bytes": info.size,
                    "members": info.members,
                    "visits": info.visits,
                    "problem": None,
                }
            )
        except BackupError as exc:
            rows.append(
                {
                    "path": str(path),
                    "bytes": path.stat().st_size,
                    "members": None,
                    "visits": None,
                    "problem": str(exc),
                }
            )
    if as_json:
        print_json(rows)
        return 0
    for row in rows:
        name = Path(row["path"]).name
        if row["problem"]:
            print(f"{name}  DAMAGED: {row['problem']}")
        else:
            size = f"{row['bytes'] / 1024**2:.1f} MB"
            print(f"{name}  {size:>9}  {row['members']:,} members, {row['visits']:,} visits")
    print(f"{len(rows)} backups in {folder}" if rows else f"no backups in {folder}")
    return 0


def _restore(data_dir: DataDir, folder: Path, wanted: str | None, as_json: bool) -> int:
    from kiosk.care.restore import restore_backup

    try:
        result = restore_backup(data_dir.database_file, folder, wanted, now=_site_now(data_dir))
    except BackupError as exc:
        raise CommandError(f"nothing restored: {exc}") from exc
    info = result.restored
    if as_json:
        print_json(
            {
                "restored": str(info.path),
                "members": info.members,
                "visits": info.visits,
                "database": str(result.database),
                "set_aside": [str(p) for p in result.set_aside],
                "skipped": [{"path": str(p), "problem": why} for p, why in result.skipped],
                "key_restored": result.key_restored,
            }
        )
        return 0
    for path, why in result.skipped:
        print(f"Not {path.name}: {why}")
    print(
        f"Restored {info.path.name} ({info.members:,} members, {info.visits:,} visits) "
        f"as {result.database}"
    )
    for path in result.set_aside:
        print(f"The file that was there is kept as {path}")
    if result.key_restored:
        print(f"site.key brought back from {folder}")
    print(
        "What was recorded after that backup is not on this kiosk (if it syncs with a "
        "server, what it had sent comes back). Start the kiosk: sudo systemctl start "
        "fablab-kiosk"
    )
    return 0


STATUS_WORDS = {"ok": "ok", "warning": "WARNING", "problem": "PROBLEM"}


def print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        print(f"{STATUS_WORDS[finding.status]:<8} {finding.check:<13} {finding.detail}")
        if finding.fix:
            print(f"{'':<8} {'':<13} what to do: {finding.fix}")
    problems = sum(f.status == "problem" for f in findings)
    warnings = sum(f.status == "warning" for f in findings)
    if not problems and not warnings:
        print("All good: this kiosk is ready.")
        return
    words = []
    if problems:
        words.append(f"{problems} problem{'s' if problems > 1 else ''}")
    if warnings:
        words.append(f"{warnings} warning{'s' if warnings > 1 else ''}")
    print(" and ".join(words) + ".")


def cmd_doctor(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.care.doctor import diagnose  # OpenCV and the decoders: only for this command

    findings = diagnose(resolve_data_dir(args.data_dir), camera=args.camera)
    if args.json:
        print_json([f.json() for f in findings])
    else:
        print_findings(findings)
    return 1 if any(f.status == "problem" for f in findings) else 0


def _keep(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give how many backups to keep, 1 or more")
    return value


def add_care_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
    p = add(
        "backup",
        cmd_backup,
        "copy the database to <data dir>/backups, keep a week; 'backup list', "
        "'backup restore [DATE]'",
        listing,
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=("make", "list", "restore"),
        default="make",
        help="make a backup (default), list them, or restore one (the kiosk stopped)",
    )
    p.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="restore: a date (2026-11-24), a file name or a path (default: the newest good one)",
    )
    p.add_argument(
        "--keep",
        type=_keep,
        default=DEFAULT_KEEP,
        metavar="N",
        help=f"how many daily backups to keep (default {DEFAULT_KEEP})",
    )
    p.add_argument(
        "--dir", type=Path, metavar="DIR", help="where to write them (default <data dir>/backups)"
    )
    p = add(
        "doctor",
        cmd_doctor,
        "check camera, decoder, database, disk, clock, server, read aloud",
        listing,
    )
    p.add_argument(
        "--camera",
        metavar="SRC",
        help="test this camera instead of config.toml's (index, /dev/videoN, a folder...)",
    )
