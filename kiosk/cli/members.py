"""``fablab-kiosk member``: every command on members in one place: add, list, show,
import a membership CSV, and the staff actions (validate, renew, reissue, staff, erase),
the same operations as staff mode."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.cli.support import CommandError, QtCommands, member_by_ref, print_json, site_for
from kiosk.members.actions import (
    erase_member,
    reissue_badge,
    renew_membership,
    set_staff,
    validate_membership,
)
from kiosk.members.registration import (
    InvalidMember,
    NewMember,
    import_members_csv,
    list_members,
    member_json,
    one_year_after,
    register_member,
)
from kiosk.models import AGE_BRACKETS, Member
from kiosk.site import Site


def cmd_member_add(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
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
        print_json(data)
    else:
        print(f"{data['first_name']}: short code {data['short_code_display']}, id {data['id']}")
    return 0


def cmd_member_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        rows = [member_json(m, site.today()) for m in list_members(session)]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        name = " ".join(filter(None, [row["first_name"], row["last_name"]]))
        until = row["valid_until"] or "-"
        print(f"{row['short_code_display']}  {row['status']:<8} {until:<10}  {name}")
    print(f"{len(rows)} members")
    return 0


def cmd_member_show(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    data = member_json(member_by_ref(site, args.member), site.today())
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:>18}: {'' if value is None else value}")
    return 0


def cmd_member_import(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
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
        print_json(report.as_json())
    else:
        print(
            f"{len(report.imported)} imported, {len(report.updated)} renewed or already here, "
            f"{len(report.refused)} refused"
        )
        for line, reason in report.refused:
            print(f"  line {line}: {reason}")
    return 1 if report.refused and not (report.imported or report.updated) else 0


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
    member_id = member_by_ref(site, args.member).id
    until: date = args.until or one_year_after(site.today())
    try:
        with site.transaction() as session:
            validate_membership(session, member_id, valid_until=until, now=site.now())
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    return _show(site, member_id, args, "{first_name}: member until {valid_until}")


def cmd_member_renew(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = member_by_ref(site, args.member).id
    with site.transaction() as session:
        renew_membership(session, member_id, today=site.today(), now=site.now())
    return _show(site, member_id, args, "{first_name}: member until {valid_until}")


def cmd_member_reissue(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = member_by_ref(site, args.member).id
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
    member_id = member_by_ref(site, args.member).id
    with site.transaction() as session:
        set_staff(session, member_id, not args.off, now=site.now())
    word = "no longer opens" if args.off else "now opens"
    return _show(site, member_id, args, "{first_name}'s badge " + word + " staff mode")


def cmd_member_erase(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    member_id = member_by_ref(site, args.member).id
    if not args.yes:
        raise CommandError("erasing cannot be undone: add --yes to confirm")
    with site.transaction() as session:
        anonymous = erase_member(session, member_id, now=site.now())
    if args.json:
        print_json({"id": member_id, "erased": True, "anonymous_visits": anonymous})
    else:
        print(f"Member erased; {anonymous} visits kept as anonymous counts")
    return 0


def add_member_commands(
    sub: Any, common: argparse.ArgumentParser, listing: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("member", help="add, list, show, import, validate, renew ... members")
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

    def member(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        m: argparse.ArgumentParser = msub.add_parser(name, parents=[common, listing], help=help)
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
