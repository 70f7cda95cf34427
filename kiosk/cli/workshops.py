"""``fablab-kiosk workshop``: plan workshops and sessions, enrol trainees, set attendance
from the desk, close and seal a session, and write the attendance sheets and the
certificates of attendance as PDF. Refusals are printed in the site's language."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kiosk.cli.attendance import (
    STATUSES,
    cmd_close,
    cmd_mark,
    cmd_retention,
    cmd_sign,
    cmd_verify,
)
from kiosk.cli.support import CommandError, QtCommands, member_by_ref, print_json, site_for
from kiosk.cli.workshop_support import meeting_of, refusals, trainee_of, workshop_of
from kiosk.models import Member
from kiosk.site import Site
from kiosk.tutorials.library import default_root
from kiosk.tutorials.loader import load_library
from kiosk.workshops import planning, retention, sheet
from kiosk.workshops.counts import trainee_record, workshop_counts
from kiosk.workshops.models import RetentionRule
from kiosk.workshops.views import workshop_detail, workshop_summary


def _slot(text: str, site: Site) -> tuple[datetime, datetime]:
    """``2026-12-02T14:00/17:00`` or ``2026-12-02T09:30/2026-12-02T16:30``, local time."""
    start_text, _, end_text = text.partition("/")
    try:
        start = datetime.fromisoformat(start_text)
        end = (
            datetime.combine(start.date(), time.fromisoformat(end_text))
            if len(end_text) <= 5
            else datetime.fromisoformat(end_text)
        )
    except ValueError as exc:
        raise CommandError(f"{text!r}: give START/END like 2026-12-02T14:00/17:00") from exc
    tz = site.settings.tz
    return (start.replace(tzinfo=tz) if start.tzinfo is None else start), (
        end.replace(tzinfo=tz) if end.tzinfo is None else end
    )


def cmd_add(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    known = set(load_library(default_root()).tutorials)
    new = planning.NewWorkshop(
        title_fr=args.title,
        title_en=args.title_en,
        space=str(args.space or site.settings.default_space or ""),
        trainers=", ".join(args.trainer or []),
        tutorials=[t for t in (args.tutorials or "").split(",") if t.strip()],
        funder=args.funder,
        funding_mention=args.funding_mention,
        retention=RetentionRule(args.retention) if args.retention else None,
    )
    with refusals(site), site.transaction() as session:
        workshop = planning.add_workshop(session, site.settings, new, known)
        data = workshop_summary(workshop, site.settings)
    if args.json:
        print_json(data)
    else:
        print(f"Workshop {data['title_fr']!r} added (id {data['id'][:8]}), space {data['space']}")
    return 0


def cmd_sessions(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with refusals(site), site.transaction() as session:
        workshop = workshop_of(session, args.workshop)
        if args.add:
            start, end = _slot(args.add, site)
            planning.add_sessions(
                session,
                site.settings,
                workshop.id,
                start,
                end,
                today=site.today(),
                weekly=args.weekly,
            )
        if args.cancel:
            planning.cancel_session(session, meeting_of(workshop, args.cancel).id, now=site.now())
        if args.move:
            start, end = _slot(args.to or "", site)
            meeting = meeting_of(workshop, args.move)
            planning.move_session(
                session, site.settings, meeting.id, start, end, today=site.today()
            )
        session.flush()
        session.refresh(workshop)
        rows = workshop_detail(session, site.settings, workshop)["sessions_detail"]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = "cancelled" if row["cancelled"] else ("sealed" if row["seal"] else "")
        halves = len(row["half_days"])
        print(
            f"{row['number']:>3}  {row['starts_at'][:16]} - {row['ends_at'][11:16]}"
            f"  {halves} half-day(s)  {state}"
        )
    return 0


def cmd_enrol(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    members = [member_by_ref(site, ref) for ref in args.members]
    names = []
    with refusals(site), site.transaction() as session:
        workshop = workshop_of(session, args.workshop)
        for member in members:
            planning.enrol(session, workshop.id, member.id, now=site.now())
            names.append(member.first_name)
        for full_name in args.new or []:
            first, _, last = full_name.strip().partition(" ")
            enrolment = planning.enrol_new_trainee(
                session, workshop.id, first, last or None, now=site.now()
            )
            names.append(session.get_one(Member, enrolment.member_id).first_name)
    print(f"Enrolled: {', '.join(names)}")
    return 0


def cmd_withdraw(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with refusals(site), site.transaction() as session:
        workshop = workshop_of(session, args.workshop)
        member = trainee_of(site, session, workshop, args.member)
        planning.withdraw(session, workshop.id, member.id, now=site.now())
    print(f"{member.first_name} withdrawn; past sheets keep their marks")
    return 0


def cmd_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        rows = [workshop_summary(w, site.settings) for w in planning.list_workshops(session)]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        first = (row["first_session"] or "-")[:10]
        print(
            f"{row['id'][:8]}  {first}  {row['sessions']:>2} sessions"
            f"  {row['trainees']:>3} trainees  {row['title_fr']}"
        )
    print(f"{len(rows)} workshops")
    return 0


def cmd_show(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        data = workshop_detail(session, site.settings, workshop_of(session, args.workshop))
    if args.json:
        print_json(data)
        return 0
    print(
        f"{data['title_fr']} / {data['title_en']}"
        f"  ({data['space']}; {data['funder'] or 'no funder'})"
    )
    for row in data["sessions_detail"]:
        print(
            f"  session {row['number']}: {row['starts_at'][:16]}"
            + (" cancelled" if row["cancelled"] else "")
        )
        for trainee in row["attendance"]:
            marks = " ".join(m or "-" for m in trainee["marks"])
            print(f"    {trainee['name'] or '(trainee erased)':<30} {marks}")
    return 0


def _lang(args: argparse.Namespace, site: Site) -> str:
    return str(args.lang or site.settings.default_language)


def cmd_sheet(args: argparse.Namespace, qt: QtCommands | None) -> int:
    # reportlab (and Pillow, which it imports) only for the commands that draw a PDF
    from kiosk.workshops.pdf.sheet import write_sheet

    site = site_for(args)
    with site.sessions() as session:
        meeting = meeting_of(workshop_of(session, args.workshop), args.session)
        try:
            pages = write_sheet(
                sheet.build_sheet(session, site.settings, meeting.id),
                site.settings,
                args.out,
                _lang(args, site),
            )
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"Attendance sheet ({pages} page(s)) written to {args.out}")
    return 0


def cmd_certificate(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.workshops.pdf.certificate import write_certificate

    site = site_for(args)
    with refusals(site), site.sessions() as session:
        workshop = workshop_of(session, args.workshop)
        member = trainee_of(site, session, workshop, args.member)
        record = trainee_record(session, site.settings, workshop.id, member.id)
        try:
            write_certificate(
                record,
                member,
                workshop,
                site.settings,
                args.out,
                issued_on=site.today(),
                lang=_lang(args, site),
            )
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(f"Certificate of {member.first_name} ({record.hours} h) written to {args.out}")
    return 0


def cmd_paid(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with refusals(site), site.transaction() as session:
        workshop = workshop_of(session, args.workshop)
        planning.set_last_payment(session, workshop.id, args.on, today=site.today())
        until = retention.kept_until(workshop, site.settings)
    print(f"last payment {args.on}; signatures kept until {until or '(no session yet)'}")
    return 0


def cmd_counts(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        counts = workshop_counts(session, site.settings.tz, args.year or site.today().year)
    if args.json:
        print_json(counts.as_json())
        return 0
    print(
        f"{counts.year}: {counts.workshops} workshops, {counts.sessions} sessions,"
        f" {counts.trainees} trainees, {counts.trainee_hours} trainee-hours"
    )
    for group in counts.by_funder:
        print(f"  {group.key}: {group.trainees} trainees, {group.trainee_hours} h")
    return 0


def add_workshop_commands(
    sub: Any, common: argparse.ArgumentParser, listing: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("workshop", help="workshops, sessions, trainees, attendance sheets (PDF)")
    wsub = p.add_subparsers(dest="workshop_command", required=True, metavar="ACTION")

    def action(name: str, handler: Any, help: str, ref: bool = True) -> argparse.ArgumentParser:
        w: argparse.ArgumentParser = wsub.add_parser(name, parents=[common, listing], help=help)
        if ref:
            w.add_argument("workshop", help="id, id prefix or title")
        w.set_defaults(handler=handler)
        return w

    def numbered(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        w = action(name, handler, help)
        w.add_argument("--session", type=int, required=True, metavar="N", help="1 is the first")
        return w

    w = action("add", cmd_add, "a new workshop", ref=False)
    w.add_argument("title", metavar="TITLE", help="the French title")
    w.add_argument("--title-en", help="the English title (default: the French one)")
    w.add_argument("--space", help="the space's id (default: the site's default space)")
    w.add_argument("--trainer", action="append", metavar="NAME", help="repeat for several")
    w.add_argument("--tutorials", metavar="ID,...", help="the tutorials it covers, in order")
    w.add_argument("--funder", metavar="TEXT", help="funder label (e.g. FSE+, État)")
    w.add_argument("--funding-mention", metavar="TEXT", help="printed on the sheets")
    w.add_argument(
        "--retention", choices=[r.value for r in RetentionRule], help="default: from --funder"
    )
    w = action("sessions", cmd_sessions, "list, add (--weekly N), cancel or move sessions")
    w.add_argument("--add", metavar="START/END", help="2026-12-02T14:00/17:00 (local time)")
    w.add_argument("--weekly", type=int, default=1, metavar="N", help="N sessions a week apart")
    w.add_argument("--cancel", type=int, metavar="N", help="cancel session N")
    w.add_argument("--move", type=int, metavar="N", help="move session N --to START/END")
    w.add_argument("--to", metavar="START/END")
    w = action("enrol", cmd_enrol, "enrol members (id, short code, email) or --new trainees")
    w.add_argument("members", nargs="*", metavar="MEMBER")
    w.add_argument("--new", action="append", metavar="'FIRST [LAST]'", help="register and enrol")
    w = action("withdraw", cmd_withdraw, "a trainee leaves the workshop")
    w.add_argument("member", metavar="MEMBER")
    action("list", cmd_list, "all workshops", ref=False)
    action("show", cmd_show, "a workshop, its sessions and who was there")
    w = numbered("mark", cmd_mark, "set attendance from the desk (staff)")
    w.add_argument("member", metavar="MEMBER")
    w.add_argument("--half", type=int, default=1, choices=(1, 2), help="1: first half-day")
    w.add_argument("--status", choices=list(STATUSES))
    w.add_argument("--reason", help="why (needed for excused)")
    w.add_argument("--countersigned-by", metavar="NAME", help="needed for cannot-sign")
    w.add_argument("--arrived", metavar="HH:MM", help="late arrival")
    w.add_argument("--left", metavar="HH:MM", help="early leave")
    w.add_argument("--staff", required=True, metavar="NAME", help="who records it")
    w = numbered("sign", cmd_sign, "record a signature drawn elsewhere (strokes JSON)")
    w.add_argument("who", metavar="MEMBER", help="the trainee (with --trainer: the trainer's name)")
    w.add_argument("--trainer", action="store_true", help="MEMBER is the trainer's name")
    w.add_argument(
        "--strokes", required=True, metavar="FILE.json", help="[[[x, y, t_ms], ...], ...]"
    )
    w.add_argument("--half", type=int, choices=(1, 2), help="default: the one under way")
    w.add_argument("--late-allowed-by", metavar="NAME", help="staff allowing a late signature")
    w.add_argument("--reason")
    w.add_argument("--staff", required=True, metavar="NAME", help="who records it")
    w = numbered("close", cmd_close, "close the session: empty boxes absent, sheet sealed")
    w.add_argument("--by", required=True, metavar="NAME", help="the trainer closing it")
    w.add_argument("--staff", required=True, metavar="NAME", help="who records it")
    numbered("verify", cmd_verify, "is the sealed sheet unchanged?")
    w = numbered("sheet", cmd_sheet, "the attendance sheet of session N as PDF")
    w.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    w.add_argument("--lang", choices=("fr", "en"), help="default: the site's language")
    w = action("certificate", cmd_certificate, "a trainee's certificate of attendance (PDF)")
    w.add_argument("member", metavar="MEMBER")
    w.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    w.add_argument("--lang", choices=("fr", "en"))
    w = action("paid", cmd_paid, "the funder's last payment (the retention starts there)")
    w.add_argument("--on", type=date.fromisoformat, required=True, metavar="DATE")
    w = action("counts", cmd_counts, "the year's workshop counts for funders", ref=False)
    w.add_argument("--year", type=int)
    w = action(
        "retention", cmd_retention, "sheets past retention; --purge their strokes", ref=False
    )
    w.add_argument("--purge", action="store_true", help="delete the strokes of those sheets")
    w.add_argument("--exported", action="store_true", help="confirm the sheets were exported")
    w.add_argument("--yes", action="store_true", help="confirm: it cannot be undone")
