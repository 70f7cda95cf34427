"""``fablab-kiosk`` subcommands that need no Qt.

The console script is ``ui.cli:main``, which adds what needs Qt (``run`` and PDF badge
cards) through :class:`QtCommands` and calls :func:`main` here; the core never imports
the UI. Every command takes ``--data-dir``; every listing takes ``--json``, whose shapes
are documented in the README and kept stable.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Protocol, cast

from kiosk.badges import format_short_code, render_png, render_svg
from kiosk.checkin import VISIT_FIELDS, close_forgotten_visits, scan, visit_json, visits_between
from kiosk.config import ConfigError, resolve_data_dir
from kiosk.hours import (
    add_exception,
    exception_json,
    hours_json,
    list_exceptions,
    load_hours,
    remove_exception,
)
from kiosk.machines import board, machine_json, set_status
from kiosk.members import (
    InvalidMember,
    NewMember,
    find_member,
    import_members_csv,
    list_members,
    member_json,
    register_member,
)
from kiosk.models import AGE_BRACKETS, CheckinMethod, MachineStatus, Member
from kiosk.site import Site, SiteExists, init_site, open_site
from kiosk.staff import set_staff_pin

log = logging.getLogger("fablab_kiosk")


class CommandError(Exception):
    """A refusal or a mistake to print on stderr, exit status 1 (or *status*)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class QtCommands(Protocol):
    """What the UI package adds to the command line."""

    def run_kiosk(self, site: Site, *, windowed: bool, camera: str | None) -> int: ...

    def write_badge_pdf(self, site: Site, member: Member, out: Path) -> None: ...


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _site(args: argparse.Namespace) -> Site:
    path = resolve_data_dir(args.data_dir)
    try:
        return open_site(path)
    except ConfigError as exc:
        raise CommandError(str(exc)) from exc


def _member(site: Site, ref: str) -> Member:
    with site.sessions() as session:
        member = find_member(session, ref)
    if member is None or member.erased:
        raise CommandError(f"no member matches {ref!r} (give an id, a short code or an email)")
    return member


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from exc


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
        site = create_demo(path)
    except SiteExists as exc:
        raise CommandError(str(exc)) from exc
    with site.sessions() as session:
        count = len(list_members(session))
    print(f"Demo site in {path}: {count} members, a few weeks of visits.")
    return 0


def cmd_run(args: argparse.Namespace, qt: QtCommands | None) -> int:
    if qt is None:
        raise CommandError("the kiosk screen needs PySide6: install fablab-kiosk with its Qt parts")
    return qt.run_kiosk(_site(args), windowed=args.windowed, camera=args.camera)


def cmd_member_add(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    new = NewMember(args.first_name, args.last_name, args.email, args.age_bracket, args.postcode)
    try:
        with site.transaction() as session:
            member = register_member(
                session, new, consent_at=site.now(), country=site.settings.country
            )
            data = member_json(member, site.today())
    except InvalidMember as exc:
        raise CommandError(f"member not added: {exc}") from exc
    if args.json:
        _print_json(data)
    else:
        print(f"{data['first_name']}: short code {data['short_code_display']}, id {data['id']}")
    return 0


def cmd_member_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    with site.sessions() as session:
        rows = [member_json(m, site.today()) for m in list_members(session)]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        name = " ".join(filter(None, [row["first_name"], row["last_name"]]))
        until = row["valid_until"] or "-"
        print(f"{row['short_code_display']}  {row['status']:<8} {until:<10}  {name}")
    print(f"{len(rows)} members")
    return 0


def cmd_member_show(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    data = member_json(_member(site, args.member), site.today())
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:>18}: {'' if value is None else value}")
    return 0


def cmd_member_import(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    try:
        with site.transaction() as session:
            report = import_members_csv(
                session,
                args.file,
                now=site.now(),
                today=site.today(),
                country=site.settings.country,
            )
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {args.file}: {exc}") from exc
    if args.json:
        _print_json(report.as_json())
    else:
        print(
            f"{len(report.imported)} imported, {len(report.updated)} renewed or already here, "
            f"{len(report.refused)} refused"
        )
        for line, reason in report.refused:
            print(f"  line {line}: {reason}")
    return 1 if report.refused and not (report.imported or report.updated) else 0


def cmd_badge(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    member = _member(site, args.member)
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
    site = _site(args)
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
    if args.json:
        _print_json(result.as_json())
    elif result.accepted:
        local = result.at.astimezone(site.settings.tz).strftime("%H:%M")
        print(
            f"{result.outcome.value}: {result.first_name} at {local}"
            + (f" (membership {result.membership.value})" if result.membership else "")
        )
    if not result.accepted:
        raise CommandError(f"refused ({result.reason}): {result.detail}", status=2)
    return 0


def cmd_visits(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    tz = site.settings.tz
    start = datetime.combine(args.date_from, time(), tzinfo=tz) if args.date_from else None
    end = (
        datetime.combine(args.date_to + timedelta(days=1), time(), tzinfo=tz)
        if args.date_to
        else None
    )
    with site.transaction() as session:
        close_forgotten_visits(session, site.settings, site.now())
    with site.sessions() as session:
        rows = [visit_json(v, tz) for v in visits_between(session, start, end)]
    if args.json:
        _print_json(rows)
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=VISIT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            who = row["member_id"][:8] if row["member_id"] else f"guests x{row['head_count']}"
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
            backend = _site(args).settings.decoder
        except CommandError:
            backend = "zxing"
    name, decode = load_decoder(backend, log)
    rows: list[dict[str, Any]] = []
    for image in args.images:
        frame = cv2.imread(str(image), cv2.IMREAD_COLOR)
        found = decode(cast(Frame, frame)) if frame is not None else None
        rows.append({"image": str(image), "codes": found})
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            codes: list[str] | None = row["codes"]
            text = "cannot open this image" if codes is None else (", ".join(codes) or "no QR code")
            print(f"{row['image']}: {text}")
        print(f"(decoder: {name})")
    return 0 if all(r["codes"] for r in rows) else 1


STATUS_WORDS = {
    MachineStatus.AVAILABLE: "available",
    MachineStatus.IN_USE: "in use",
    MachineStatus.RESERVED: "reserved",
    MachineStatus.OUT_OF_ORDER: "out of order",
    MachineStatus.MAINTENANCE: "maintenance",
}


def _machine_line(row: dict[str, Any]) -> str:
    words = STATUS_WORDS[MachineStatus(row["status"])]
    if row["until"]:
        words += f" until {row['until'][:16].replace('T', ' ')}"
    if row["note"]:
        words += f" ({row['note']})"
    needs = f"needs the {row['tutorial']} tutorial" if row["tutorial"] else "no tutorial needed"
    return f"{row['id']:<12} {row['name']:<24} {words}; {needs}"


def cmd_machines(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    with site.transaction() as session:  # machines of visits left open are freed first
        close_forgotten_visits(session, site.settings, site.now())
        rows = [
            machine_json(v, site.settings.tz) for v in board(session, site.settings, site.now())
        ]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        print(_machine_line(row))
    print(f"{len(rows)} machines" if rows else f"no [[machines]] in {site.data_dir.config_file}")
    return 0


def cmd_machines_set(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    tz = site.settings.tz
    until = None
    if args.until is not None:
        try:
            until = datetime.fromisoformat(args.until)
        except ValueError as exc:
            raise CommandError(
                f"--until {args.until!r} is not a date and time like 2026-11-26T18:00"
            ) from exc
        if until.tzinfo is None:
            until = until.replace(tzinfo=tz)
    try:
        with site.transaction() as session:
            view = set_status(
                session,
                site.settings,
                args.machine,
                MachineStatus(args.status),
                now=site.now(),
                note=args.note,
                until=until,
            )
            row = machine_json(view, tz)
    except ValueError as exc:
        raise CommandError(f"status not changed: {exc}") from exc
    if args.json:
        _print_json(row)
    else:
        print(_machine_line(row))
    return 0


def cmd_staff_pin(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    if args.pin_stdin:
        pin = sys.stdin.readline().rstrip("\r\n")
    else:
        pin = getpass.getpass("New staff PIN (4 to 12 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise CommandError("the two PINs differ; the staff PIN was not changed")
    if not re.fullmatch(r"[0-9]{4,12}", pin):
        raise CommandError("a staff PIN is 4 to 12 digits (0-9); the staff PIN was not changed")
    set_staff_pin(site, pin)
    print(f"Staff PIN set (only its scrypt hash is kept, in {site.data_dir.config_file})")
    return 0


def _hours_moment(text: str | None, site: Site) -> datetime:
    """--date: ISO 8601; a date alone is that day at noon; no offset means site time."""
    tz = site.settings.tz
    if text is None:
        return site.now().astimezone(tz)
    try:
        at = (
            datetime.combine(date.fromisoformat(text), time(12))
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError as exc:
        raise CommandError(f"--date {text!r} is not a date or time like 2026-11-25T15:00") from exc
    return (at if at.tzinfo else at.replace(tzinfo=tz)).astimezone(tz)


def _hhmm(text: str) -> time:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 14:00")
    return time(int(match[1]), int(match[2]))


def _hours_line(row: dict[str, Any], name: str) -> str:
    change = datetime.fromisoformat(row["next_change"]) if row["next_change"] else None
    if row["state"] == "open":
        words = "open" + (f" until {change:%a %d %b %H:%M}" if change else "")
    elif row["state"] == "closed":
        words = "closed" + (f", opens {change:%a %d %b %H:%M}" if change else "")
    else:
        words = "hours unknown"
    return f"{name} ({row['space']}): {words}" + (f" ({row['comment']})" if row["comment"] else "")


def cmd_hours(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    settings, tz = site.settings, site.settings.tz
    if args.space and settings.space(args.space) is None:
        known = ", ".join(s.id for s in settings.spaces)
        raise CommandError(f"unknown space {args.space!r} (spaces: {known})")
    at = _hours_moment(args.date, site)
    with site.sessions() as session:
        exceptions = list_exceptions(session, from_day=at.date() - timedelta(days=1))
    rows = [
        hours_json(h, at, tz)
        for h in load_hours(settings, exceptions).values()
        if args.space in (None, h.space_id)
    ]
    if args.json:
        _print_json(rows)
        return 0
    print(f"{at:%a %d %b %Y %H:%M %z}")
    for row in rows:
        space = settings.space(row["space"])
        print(_hours_line(row, space.name("en") if space else row["space"]))
        print(f"  hours: {row['opening_hours'] or '(not set)'}")
        slots = ", ".join(
            f"{s['start'][11:16]}-{s['end'][11:16]}" + (f" {s['comment']}" if s["comment"] else "")
            for s in row["slots"]
        )
        print(f"  {at:%a %d %b}: {slots or 'no opening'}")
        if row["error"]:
            print(f"  problem: {row['error']}")
    return 0


def _exception_line(row: dict[str, Any]) -> str:
    days = row["starts_on"]
    if row["ends_on"] != days:
        days += f" to {row['ends_on']}"
    what = f"open {row['opens_at']}-{row['closes_at']}" if row["opens_at"] else "closed"
    comment = f"  {row['comment']}" if row["comment"] else ""
    return f"#{row['id']:<4} {days:<26} {row['space'] or 'all spaces':<12} {what}{comment}"


def cmd_hours_except_add(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    try:
        with site.transaction() as session:
            exception = add_exception(
                session,
                site.settings,
                space=args.space,
                starts_on=args.date_from,
                ends_on=args.date_to,
                opens_at=args.open,
                closes_at=args.close,
                comment=args.comment,
            )
            row = exception_json(exception)
    except ValueError as exc:
        raise CommandError(f"exception not added: {exc}") from exc
    if args.json:
        _print_json(row)
    else:
        print(_exception_line(row))
    return 0


def cmd_hours_except_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    with site.sessions() as session:
        rows = [exception_json(e) for e in list_exceptions(session, from_day=args.date_from)]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        print(_exception_line(row))
    print(f"{len(rows)} exceptions")
    return 0


def cmd_hours_except_remove(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = _site(args)
    try:
        with site.transaction() as session:
            remove_exception(session, args.id)
    except LookupError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Exception #{args.id} removed")
    return 0


# --- parser ----------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace, "QtCommands | None"], int]


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
    add("demo", cmd_demo, "create a demo site with members and past visits")
    p = add("run", cmd_run, "start the kiosk screen")
    p.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    p.add_argument(
        "--camera",
        metavar="SPEC",
        help="camera index, /dev/videoN, a video file, an image or a folder of images",
    )

    p = sub.add_parser("member", help="add, list, show or import members")
    msub = p.add_subparsers(dest="member_command", required=True, metavar="ACTION")
    m = msub.add_parser("add", parents=[common, listing], help="register a member")
    m.add_argument("--first-name", required=True)
    m.add_argument("--last-name")
    m.add_argument("--email")
    m.add_argument("--age-bracket", choices=AGE_BRACKETS)
    m.add_argument("--postcode")
    m.set_defaults(handler=cmd_member_add)
    m = msub.add_parser("list", parents=[common, listing], help="all members")
    m.set_defaults(handler=cmd_member_list)
    m = msub.add_parser("show", parents=[common, listing], help="one member")
    m.add_argument("member", help="id, short code or email")
    m.set_defaults(handler=cmd_member_show)
    m = msub.add_parser("import", parents=[common, listing], help="import a membership CSV")
    m.add_argument("file", type=Path)
    m.set_defaults(handler=cmd_member_import)

    p = add("badge", cmd_badge, "write a member's badge as PNG, SVG or a PDF card")
    p.add_argument("member", help="id, short code or email")
    p.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.svg or FILE.pdf")
    p = add("checkin", cmd_checkin, "check a badge token or short code in (or out)", listing)
    p.add_argument("token", metavar="TOKEN_OR_CODE")
    p.add_argument("--space")
    p = add("visits", cmd_visits, "list visits", listing)
    p.add_argument("--from", dest="date_from", type=_parse_day, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_parse_day, metavar="DATE")
    p.add_argument("--csv", action="store_true", help="print CSV")
    p = add("scan", cmd_scan, "show what the decoder reads in images", listing)
    p.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    p.add_argument("--decoder", choices=("zxing", "pyzbar"))

    p = add("machines", cmd_machines, "the machine board, or 'machines set' a status", listing)
    # `machines` alone lists; its options may come before or after `set`, so `set`'s copies
    # must not overwrite them with their defaults (hence SUPPRESS).
    again = argparse.ArgumentParser(add_help=False)
    again.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    again.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as above")
    msub = p.add_subparsers(dest="machines_action", metavar="ACTION")
    m = msub.add_parser("set", parents=[again], help="set a machine's status (staff)")
    m.add_argument("machine", metavar="MACHINE", help="the machine's id in config.toml")
    statuses = [st.value for st in MachineStatus]
    m.add_argument("status", metavar="STATUS", choices=statuses, help=", ".join(statuses))
    m.add_argument("--note", help="why (needed for out_of_order and maintenance)")
    m.add_argument(
        "--until",
        metavar="DATETIME",
        help="end of a reservation, ISO 8601 (2026-11-26T18:00; no offset: site local time)",
    )
    m.set_defaults(handler=cmd_machines_set)
    p = add("staff-pin", cmd_staff_pin, "set the staff PIN (kept only as a slow hash)")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from one stdin line")
    p = add("hours", cmd_hours, "opening hours now or at --date, or 'hours except' ...", listing)
    p.add_argument("--space", help="only this space")
    p.add_argument("--date", metavar="DATETIME", help="ISO 8601; a date alone: that day at noon")
    hours_again = argparse.ArgumentParser(add_help=False)  # as for `machines set`
    hours_again.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS)
    hours_again.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    hsub = p.add_subparsers(dest="hours_action", metavar="ACTION")
    e = hsub.add_parser("except", help="one-off closures and openings (staff)")
    esub = e.add_subparsers(dest="except_action", required=True, metavar="ACTION")
    h = esub.add_parser("add", parents=[hours_again], help="add a closure or a special opening")
    which = h.add_mutually_exclusive_group(required=True)
    which.add_argument("--space", help="the space's id")
    which.add_argument("--all", dest="space", action="store_const", const=None, help="all spaces")
    h.add_argument("--from", dest="date_from", type=_parse_day, required=True, metavar="DATE")
    h.add_argument("--to", dest="date_to", type=_parse_day, metavar="DATE", help="default: --from")
    h.add_argument("--open", type=_hhmm, metavar="HH:MM", help="a special opening (else closed)")
    h.add_argument("--close", type=_hhmm, metavar="HH:MM", help="before --open: after midnight")
    h.add_argument("--comment", default="", help="shown to visitors (120 characters at most)")
    h.set_defaults(handler=cmd_hours_except_add)
    h = esub.add_parser("list", parents=[hours_again], help="exceptions (from --from on)")
    h.add_argument("--from", dest="date_from", type=_parse_day, metavar="DATE")
    h.set_defaults(handler=cmd_hours_except_list)
    h = esub.add_parser("remove", parents=[hours_again], help="remove an exception")
    h.add_argument("id", type=int, metavar="ID")
    h.set_defaults(handler=cmd_hours_except_remove)
    return parser


def main(argv: Sequence[str] | None = None, qt: QtCommands | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        status: int = args.handler(args, qt)
    except CommandError as exc:
        print(f"fablab-kiosk: {exc}", file=sys.stderr)
        return exc.status
    return status


if __name__ == "__main__":
    sys.exit(main())
