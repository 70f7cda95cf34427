"""``fablab-kiosk report``, ``present``, ``retention`` and the staff actions on members
(``member validate|renew|reissue|erase|staff``): the same operations as staff mode."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.cli_support import AddCommand, CommandError, QtCommands, print_json, site_for
from kiosk.members import find_member, member_json, one_year_after
from kiosk.membership import (
    erase_member,
    in_the_building,
    reissue_badge,
    renew_membership,
    set_staff,
    validate_membership,
)
from kiosk.models import Member
from kiosk.report import format_table, report_csv
from kiosk.reporting import apply_site_retention, export_report, yearly_report
from kiosk.site import Site


def _member_id(site: Site, ref: str) -> str:
    with site.sessions() as session:
        member = find_member(session, ref)
        if member is None or member.erased:
            raise CommandError(f"no member matches {ref!r} (give an id, a short code or an email)")
        return member.id


def cmd_report(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    year = args.year or site.today().year
    result = yearly_report(site, year, use_server=not args.local)
    report = result.report
    if result.server_problem and not args.local:
        print(f"fablab-kiosk: local counts only: {result.server_problem}", file=sys.stderr)
    if args.out:
        fmt = "xlsx" if args.out.suffix.lower() == ".xlsx" else "csv"
        try:
            path = export_report(report, args.out.parent, fmt)
            if path != args.out:
                path.replace(args.out)
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
        print(f"Report {year} ({result.source}) written to {args.out}")
        return 0
    if args.json or args.format == "json":
        print_json(report)
    elif args.format == "csv":
        sys.stdout.write(report_csv(report))
    else:
        print(format_table(report))
        if result.waiting_visits and result.source == "server":
            print(f"  ({result.waiting_visits} visits of this kiosk are not on the server yet)")
    return 0


def cmd_present(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    tz = site.settings.tz
    with site.sessions() as session:
        people = in_the_building(session)
    rows: list[dict[str, Any]] = [
        {
            "visit_id": p.visit_id,
            "member_id": p.member_id,
            "name": p.name,
            "short_code": p.short_code,
            "space": p.space,
            "checked_in_at": p.checked_in_at.astimezone(tz).isoformat(),
        }
        for p in people
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['checked_in_at'][11:16]}  {row['space'] or '-':<12} {row['name']}")
    print(f"{len(rows)} in the building")
    return 0


def cmd_retention(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    result = apply_site_retention(site)
    data = {
        "months": site.settings.data_retention_months,
        "anonymized_visits": result.anonymized_visits,
        "removed_events": result.removed_events,
        "sealed_years": result.sealed_years,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"Visits older than {data['months']} months made anonymous: "
            f"{result.anonymized_visits}; sent sync events deleted: {result.removed_events}"
        )
    return 0


def _show(site: Site, member_id: str, args: argparse.Namespace, message: str) -> int:
    with site.sessions() as session:
        member = session.get_one(Member, member_id)
        data = member_json(member, site.today())
    if args.json:
        print_json(data)
    else:
        print(message.format(**data))
    return 0


def cmd_member_validate(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = _member_id(site, args.member)
    until: date = args.until or one_year_after(site.today())
    try:
        with site.transaction() as session:
            validate_membership(session, member_id, valid_until=until, now=site.now())
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    return _show(site, member_id, args, "{first_name}: member until {valid_until}")


def cmd_member_renew(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = _member_id(site, args.member)
    with site.transaction() as session:
        renew_membership(session, member_id, today=site.today(), now=site.now())
    return _show(site, member_id, args, "{first_name}: member until {valid_until}")


def cmd_member_reissue(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = _member_id(site, args.member)
    with site.transaction() as session:
        reissue_badge(session, member_id, now=site.now())
    return _show(
        site,
        member_id,
        args,
        "{first_name}: new badge (version {badge_version}); the old one is refused. "
        "Write it with: fablab-kiosk badge {short_code} --out badge.pdf",
    )


def cmd_member_staff(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = _member_id(site, args.member)
    with site.transaction() as session:
        set_staff(session, member_id, not args.off, now=site.now())
    word = "no longer opens" if args.off else "now opens"
    return _show(site, member_id, args, "{first_name}'s badge " + word + " staff mode")


def cmd_member_erase(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = _member_id(site, args.member)
    if not args.yes:
        raise CommandError("erasing cannot be undone: add --yes to confirm")
    with site.transaction() as session:
        anonymous = erase_member(session, member_id, now=site.now())
    if args.json:
        print_json({"id": member_id, "erased": True, "anonymous_visits": anonymous})
    else:
        print(f"Member erased; {anonymous} visits kept as anonymous counts")
    return 0


def add_staff_commands(
    add: AddCommand,
    listing: argparse.ArgumentParser,
    member_sub: Any,
    common: argparse.ArgumentParser,
) -> None:
    p = add("report", cmd_report, "visit counts of a year (server if reachable, else local)")
    p.add_argument("--year", type=int, help="default: this year")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument("--local", action="store_true", help="this kiosk's counts, not the server's")
    p.add_argument("--out", type=Path, metavar="FILE", help="write FILE.csv or FILE.xlsx")
    add("present", cmd_present, "who is in the building now (evacuation list)", listing)
    add("retention", cmd_retention, "make identified visits past the retention anonymous", listing)

    def member(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        m: argparse.ArgumentParser = member_sub.add_parser(
            name, parents=[common, listing], help=help
        )
        m.add_argument("member", help="id, short code or email")
        m.set_defaults(handler=handler)
        return m

    m = member("validate", cmd_member_validate, "the fee is paid: active until --until")
    m.add_argument("--until", type=date.fromisoformat, help="YYYY-MM-DD (default: in a year)")
    member("renew", cmd_member_renew, "one more year of membership")
    member("reissue", cmd_member_reissue, "a new badge; the old one stops working")
    m = member("staff", cmd_member_staff, "this member's badge opens staff mode")
    m.add_argument("--off", action="store_true", help="no longer")
    m = member("erase", cmd_member_erase, "erase a member on request (visits stay anonymous)")
    m.add_argument("--yes", action="store_true", help="confirm: it cannot be undone")
