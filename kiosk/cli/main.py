"""``fablab-kiosk`` subcommands that need no Qt.

The console script is ``ui.cli:main``, which adds what needs Qt (``run`` and PDF badge
cards) through :class:`QtCommands` and calls :func:`main` here; the core never imports
the UI. Every command takes ``--data-dir``; every listing takes ``--json``, whose shapes
are documented in the README and kept stable.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from kiosk.badges import format_short_code, render_png, render_svg
from kiosk.checkin import (
    VISIT_FIELDS,
    Outcome,
    close_forgotten_visits,
    scan,
    visit_json,
    visits_between,
)
from kiosk.cli.care import add_care_commands
from kiosk.cli.members import add_member_commands
from kiosk.cli.reports import add_report_commands
from kiosk.cli.support import (
    CommandError,
    Handler,
    QtCommands,
    member_by_ref,
    parse_day,
    print_json,
    site_for,
)
from kiosk.cli.sync import add_sync_commands
from kiosk.cli.today import add_today_commands
from kiosk.cli.tutorials import add_tutorial_commands
from kiosk.cli.workshops import add_workshop_commands
from kiosk.config import DATABASE_NAME, ConfigError, resolve_data_dir
from kiosk.logs import setup_logging
from kiosk.members.registration import (
    list_members,
)
from kiosk.models import CheckinMethod
from kiosk.network import enter
from kiosk.server.cli import add_server_commands
from kiosk.site import SiteExists, init_site, open_site
from kiosk.storage import StorageFault, classify, explain

log = logging.getLogger("fablab_kiosk")
# What the `kiosk` extra brings (pyproject.toml): absent on a server-only install.
KIOSK_EXTRA = frozenset(("PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "qrcode"))


# --- commands --------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, qt: QtCommands | None) -> int:
    path = resolve_data_dir(args.data_dir)
    try:
        site = init_site(path, args.name)
    except SiteExists as exc:
        raise CommandError(str(exc)) from exc
    print(f"New site {site.settings.site_name!r} (id {site.settings.site_id}) in {path}")
    print(f"Edit {site.data_dir.config_file} to set the spaces, camera and hours.")
    return 0


def cmd_demo(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.demo import create_demo

    path = resolve_data_dir(args.data_dir)
    try:
        site = create_demo(path, weeks=100)  # two years: reports compare them
    except SiteExists as exc:
        raise CommandError(str(exc)) from exc
    with site.sessions() as session:
        count = len(list_members(session))
    print(f"Demo site in {path}: {count} members, 23 months of visits.")
    if args.with_server:
        from kiosk.cli.demo_server import connect_demo_to_local_server

        server = connect_demo_to_local_server(site, args.data_dir)
        data_dir = f" --data-dir {args.data_dir}" if args.data_dir else ""
        print(f"Local server's database: {server.database}, with this kiosk connected to it.")
        print(
            f"Staff web page: {server.url}/staff/ as {server.staff!r}, "
            f"password {server.password} (shown only now)"
        )
        print(
            f"Next: fablab-kiosk server{data_dir}   then, in another terminal: "
            f"fablab-kiosk sync{data_dir}"
        )
    return 0


def cmd_run(args: argparse.Namespace, qt: QtCommands | None) -> int:
    if qt is None:
        raise CommandError("the kiosk screen needs PySide6: install fablab-kiosk with its Qt parts")
    try:
        site = site_for(args)
    except CommandError as exc:
        # Not a black screen restarted every second: the door says it is out of order
        # (and staff what to do) until the site opens again.
        print(f"fablab-kiosk: {exc}", file=sys.stderr)
        path = resolve_data_dir(args.data_dir)
        return qt.show_out_of_order(str(exc), lambda: site_opens(path), windowed=args.windowed)
    return qt.run_kiosk(site, windowed=args.windowed, camera=args.camera)


def site_opens(path: Path) -> bool:
    """Whether the site at *path* opens now (the out-of-order screen asks every 5 s)."""
    try:
        site = open_site(path)
    except (ConfigError, SQLAlchemyError, sqlite3.Error, OSError):
        return False
    site.sessions.kw["bind"].dispose()
    return True


def cmd_badge(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member = member_by_ref(site, args.member)
    out: Path = args.out
    token = site.badge_token(member)
    suffix = out.suffix.lower()
    try:
        if suffix == ".png":
            out.write_bytes(render_png(token))
        elif suffix == ".svg":
            out.write_bytes(render_svg(token))
        elif suffix == ".pdf":
            if qt is None:
                raise CommandError("PDF badge cards are drawn with Qt, which is not installed")
            qt.write_badge_pdf(site, member, out)
        else:
            raise CommandError(f"{out}: the badge can be written as .png, .svg or .pdf")
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"Badge of {member.first_name} ({format_short_code(member.short_code)}) in {out}")
    return 0


def cmd_checkin(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    if args.space and site.settings.space(args.space) is None:
        known = ", ".join(s.id for s in site.settings.spaces)
        raise CommandError(f"unknown space {args.space!r} (spaces: {known})")
    method = CheckinMethod.DESK
    with site.transaction() as session:
        result = scan(
            session,
            site.settings,
            site.secret,
            args.token,
            method=method,
            now=site.now(),
            space=args.space,
        )
        if result.outcome is Outcome.NETWORK_VISITOR:  # at the desk: staff let them in
            result = enter(
                session,
                site.settings,
                site.secret,
                args.token,
                method=method,
                now=site.now(),
                space=args.space,
            )
    if args.json:
        print_json(result.as_json())
    elif result.accepted:
        local = result.at.astimezone(site.settings.tz).strftime("%H:%M")
        who = result.first_name or f"a member of {result.place_name} (network visitor)"
        print(
            f"{result.outcome.value}: {who} at {local}"
            + (f" (membership {result.membership.value})" if result.membership else "")
        )
    if not result.accepted:
        raise CommandError(f"refused ({result.reason}): {result.detail}", status=2)
    return 0


def _day_start(day: date, tz: ZoneInfo, days_after: int = 0) -> datetime | None:
    """The start of *day* (+ *days_after*) in *tz*, in UTC; None past the ends of the
    calendar (``--from 0001-01-01``, ``--to 9999-12-31``): no bound, every visit is inside."""
    try:
        return datetime.combine(day + timedelta(days=days_after), time(), tzinfo=tz).astimezone(UTC)
    except OverflowError:
        return None


def cmd_visits(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    tz = site.settings.tz
    start = _day_start(args.date_from, tz) if args.date_from else None
    end = _day_start(args.date_to, tz, days_after=1) if args.date_to else None
    with site.transaction() as session:
        close_forgotten_visits(session, site.settings, site.now())
    with site.sessions() as session:
        rows = [visit_json(v, tz) for v in visits_between(session, start, end)]
    if args.json:
        print_json(rows)
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=VISIT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            who = (
                row["member_id"][:8]
                if row["member_id"]
                else f"network {row['home_site']}"
                if row["home_site"]
                else f"guests x{row['head_count']}"
            )
            out = row["checked_out_at"][11:16] if row["checked_out_at"] else "     "
            flag = "  (closed at closing time)" if row["auto_closed"] else ""
            start = row["checked_in_at"][:16].replace("T", " ")
            print(f"{start} - {out}  {row['space'] or '-':<10} {who}{flag}")
        print(f"{len(rows)} visits")
    return 0


def cmd_scan(args: argparse.Namespace, qt: QtCommands | None) -> int:
    import cv2

    from kiosk.scanning import Frame, load_decoder

    backend = args.decoder
    if backend is None:
        try:
            backend = site_for(args).settings.decoder
        except CommandError:
            backend = "zxing"
    name, decode = load_decoder(backend, log)
    rows: list[dict[str, Any]] = []
    for image in args.images:
        frame = cv2.imread(str(image), cv2.IMREAD_COLOR)
        found = decode(cast(Frame, frame)) if frame is not None else None
        rows.append({"image": str(image), "codes": found})
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            codes: list[str] | None = row["codes"]
            text = "cannot open this image" if codes is None else (", ".join(codes) or "no QR code")
            print(f"{row['image']}: {text}")
        print(f"(decoder: {name})")
    return 0 if all(r["codes"] for r in rows) else 1


# --- parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the kiosk's data directory (default: $FABLAB_KIOSK_DATA or the user data dir)",
    )
    listing = argparse.ArgumentParser(add_help=False)
    listing.add_argument("--json", action="store_true", help="print JSON (shape in README)")

    parser = argparse.ArgumentParser(
        prog="fablab-kiosk", description="Fab-lab entrance kiosk: check-in by QR badge."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Handler, help: str, *parents: argparse.ArgumentParser) -> Any:
        p = sub.add_parser(name, help=help, parents=[common, *parents])
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create a new site (config, signing secret, database)")
    p.add_argument("--name", default="Fablab", help="the site's name, printed on badges")
    p = add("demo", cmd_demo, "create a demo site with members and past visits")
    p.add_argument(
        "--with-server",
        action="store_true",
        help="and a local server's database (<data dir>/server) this kiosk syncs with, "
        "with a staff account for its web page",
    )
    p = add("run", cmd_run, "start the kiosk screen")
    p.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    p.add_argument(
        "--camera",
        metavar="SPEC",
        help="camera index, /dev/videoN, a video file, an image or a folder of images",
    )

    p = add("badge", cmd_badge, "write a member's badge as PNG, SVG or a PDF card")
    p.add_argument("member", help="id, short code or email")
    p.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.svg or FILE.pdf")
    p = add("checkin", cmd_checkin, "check a badge token or short code in (or out)", listing)
    p.add_argument("token", metavar="TOKEN_OR_CODE")
    p.add_argument("--space")
    p = add("visits", cmd_visits, "list visits", listing)
    p.add_argument("--from", dest="date_from", type=parse_day, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=parse_day, metavar="DATE")
    p.add_argument("--csv", action="store_true", help="print CSV")
    p = add("scan", cmd_scan, "show what the decoder reads in images", listing)
    p.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    p.add_argument("--decoder", choices=("zxing", "pyzbar"))

    add_member_commands(sub, common, listing)
    add_workshop_commands(sub, common, listing)
    add_today_commands(add, listing)
    add_sync_commands(add, listing)
    add_server_commands(add, listing)
    add_tutorial_commands(add, listing)
    add_report_commands(add, listing)
    add_care_commands(add, listing)
    return parser


# Options whose value may begin with "-": tokens issued before they were made not to
# (about one in 64). argparse takes "--token -abc" for two options; "--token=-abc" works.
VALUE_MAY_LOOK_LIKE_AN_OPTION = ("--token",)


def join_option_values(argv: Sequence[str]) -> list[str]:
    """``--token -abc`` becomes ``--token=-abc`` so that argparse reads it as the value."""
    out: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in VALUE_MAY_LOOK_LIKE_AN_OPTION:
            value = next(args, None)
            out.append(arg if value is None else f"{arg}={value}")
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None, qt: QtCommands | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(join_option_values(argv))
    setup_logging(args.verbose)
    try:
        status: int = args.handler(args, qt)
    except CommandError as exc:
        print(f"fablab-kiosk: {exc}", file=sys.stderr)
        return exc.status
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in KIOSK_EXTRA:
            raise
        # a server-only install: the screen, camera and QR packages are the kiosk extra
        print(
            f"fablab-kiosk: this command needs {exc.name}, which is not installed here; "
            "install the kiosk's part: pip install 'fablab-kiosk[kiosk]' "
            "(or packaging/install.sh --kiosk)",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:  # `fablab-kiosk visits | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        # A full disk, a damaged file, another user's files: words, not a traceback.
        log.debug("storage error", exc_info=True)
        print(f"fablab-kiosk: {storage_words(exc, args)}", file=sys.stderr)
        return 1
    return status


def storage_words(exc: BaseException, args: argparse.Namespace) -> str:
    """What a storage error means for the person at the terminal."""
    database = resolve_data_dir(getattr(args, "data_dir", None)) / DATABASE_NAME
    if isinstance(exc, PermissionError) and exc.filename:
        where = Path(exc.filename)
        return (
            f"permission denied on {where}: run it with sudo (sudo fablab-kiosk ...); the "
            "kiosk's files belong to its own user, so that only the kiosk and staff with "
            "sudo can read members' names"
        )
    if isinstance(exc, OSError) and not isinstance(exc, PermissionError) and exc.filename:
        fault = classify(exc, Path(exc.filename))
        if fault is StorageFault.OTHER:
            return f"{exc.filename}: {exc.strerror or exc}"
        return explain(exc, Path(exc.filename))
    return explain(exc, database)


if __name__ == "__main__":
    sys.exit(main())
