"""``fablab-kiosk`` commands for the Today issue: hours, exceptions, machines, staff PIN."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.checkin import close_forgotten_visits
from kiosk.cli.support import (
    AddCommand,
    CommandError,
    QtCommands,
    parse_day,
    print_json,
    site_for,
    typed_twice,
)
from kiosk.hours import (
    add_exception,
    exception_json,
    hours_json,
    list_exceptions,
    load_hours,
    remove_exception,
    wall_time,
)
from kiosk.machines import board, machine_json, set_status
from kiosk.models import MachineStatus
from kiosk.plausible import check_day
from kiosk.site import Site
from kiosk.staff import set_staff_pin

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
    site = site_for(args)
    with site.transaction() as session:  # machines of visits left open are freed first
        close_forgotten_visits(session, site.settings, site.now())
        rows = [
            machine_json(v, site.settings.tz) for v in board(session, site.settings, site.now())
        ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(_machine_line(row))
    print(f"{len(rows)} machines" if rows else f"no [[machines]] in {site.data_dir.config_file}")
    return 0


def cmd_machines_set(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
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
            until, skipped = wall_time(until, tz)
            if skipped:
                print(
                    f"--until {args.until} does not exist in {tz.key} (the clocks jump "
                    f"forward): {until:%H:%M} is used",
                    file=sys.stderr,
                )
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
        print_json(row)
    else:
        print(_machine_line(row))
    return 0


def cmd_staff_pin(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    if args.pin_stdin:
        pin = sys.stdin.readline().rstrip("\r\n")
    else:
        pin = typed_twice(
            "New staff PIN (4 to 12 digits): ",
            "The same PIN again: ",
            "the two PINs differ; the staff PIN was not changed",
            "--pin-stdin",
        )
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
    try:  # the week shown around it must fit in the calendar too
        check_day("--date", at.date(), site.now())
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if at.tzinfo is not None:
        return at.astimezone(tz)
    local, skipped = wall_time(at, tz)
    if skipped:
        print(
            f"{at:%Y-%m-%d %H:%M} does not exist in {tz.key} (the clocks jump forward): "
            f"showing {local:%H:%M}, the next minute that exists",
            file=sys.stderr,
        )
    return local


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
    site = site_for(args)
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
        print_json(rows)
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
    site = site_for(args)
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
        print_json(row)
    else:
        print(_exception_line(row))
    return 0


def cmd_hours_except_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        rows = [exception_json(e) for e in list_exceptions(session, from_day=args.date_from)]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(_exception_line(row))
    print(f"{len(rows)} exceptions")
    return 0


def cmd_hours_except_remove(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    try:
        with site.transaction() as session:
            remove_exception(session, args.id)
    except LookupError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Exception #{args.id} removed")
    return 0


def add_today_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
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
    h.add_argument("--from", dest="date_from", type=parse_day, required=True, metavar="DATE")
    h.add_argument("--to", dest="date_to", type=parse_day, metavar="DATE", help="default: --from")
    h.add_argument("--open", type=_hhmm, metavar="HH:MM", help="a special opening (else closed)")
    h.add_argument("--close", type=_hhmm, metavar="HH:MM", help="before --open: after midnight")
    h.add_argument("--comment", default="", help="shown to visitors (120 characters at most)")
    h.set_defaults(handler=cmd_hours_except_add)
    h = esub.add_parser("list", parents=[hours_again], help="exceptions (from --from on)")
    h.add_argument("--from", dest="date_from", type=parse_day, metavar="DATE")
    h.set_defaults(handler=cmd_hours_except_list)
    h = esub.add_parser("remove", parents=[hours_again], help="remove an exception")
    h.add_argument("id", type=int, metavar="ID")
    h.set_defaults(handler=cmd_hours_except_remove)
