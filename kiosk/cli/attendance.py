"""``fablab-kiosk workshop mark|sign|close|verify|retention``: what staff do with the
attendance from the desk (absent, excused, cannot sign countersigned, late arrival,
early leave), closing and sealing a session, checking its seal, and the retention of
signatures."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kiosk.cli.support import CommandError, QtCommands, print_json, site_for
from kiosk.cli.workshop_support import meeting_of, refusals, trainee_of, workshop_of
from kiosk.site import Site
from kiosk.workshops import attendance, retention, sheet
from kiosk.workshops.models import Mark, WorkshopSession

STATUSES = {
    "present": Mark.DESK,
    "absent": Mark.ABSENT,
    "excused": Mark.EXCUSED,
    "cannot-sign": Mark.CANNOT_SIGN,
}


def _clock(text: str | None, meeting: WorkshopSession, site: Site) -> datetime | None:
    if text is None:
        return None
    try:
        moment = time.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a time like 10:15") from exc
    day = meeting.starts_at.astimezone(site.settings.tz).date()
    return datetime.combine(day, moment, tzinfo=site.settings.tz)


def _desk(args: argparse.Namespace, site: Site) -> attendance.Who:
    return attendance.Who.staff(args.staff, site.settings.kiosk_id)


def _with_meeting(
    args: argparse.Namespace, action: Callable[[Site, Session, WorkshopSession], str]
) -> int:
    site = site_for(args)
    with refusals(site), site.transaction() as session:
        meeting = meeting_of(workshop_of(session, args.workshop), args.session)
        message = action(site, session, meeting)
    print(message)
    return 0


def cmd_mark(args: argparse.Namespace, qt: QtCommands | None) -> int:
    def act(site: Site, session: Session, meeting: WorkshopSession) -> str:
        member = trainee_of(site, session, meeting.workshop, args.member)
        who, half, now = _desk(args, site), args.half - 1, site.now()
        if args.status:
            attendance.set_mark(
                session,
                site.settings,
                meeting.id,
                member.id,
                half,
                STATUSES[args.status],
                who=who,
                now=now,
                reason=args.reason,
                countersigned_by=args.countersigned_by,
            )
        if args.arrived or args.left:
            attendance.set_times(
                session,
                site.settings,
                meeting.id,
                member.id,
                half,
                who=who,
                now=now,
                arrived_at=_clock(args.arrived, meeting, site),
                left_at=_clock(args.left, meeting, site),
                reason=args.reason,
            )
        if not (args.status or args.arrived or args.left):
            raise CommandError("give --status, --arrived or --left")
        return f"{member.first_name}, half-day {args.half}: recorded"

    return _with_meeting(args, act)


def cmd_sign(args: argparse.Namespace, qt: QtCommands | None) -> int:
    try:
        strokes = json.loads(Path(args.strokes).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"cannot read the strokes in {args.strokes}: {exc}") from exc

    def act(site: Site, session: Session, meeting: WorkshopSession) -> str:
        member = None if args.trainer else trainee_of(site, session, meeting.workshop, args.who)
        entry = attendance.sign(
            session,
            site.settings,
            meeting.id,
            member.id if member else None,
            strokes,
            who=_desk(args, site),
            now=site.now(),
            half=args.half - 1 if args.half else None,
            trainer=args.who if args.trainer else None,
            late_allowed_by=args.late_allowed_by,
            reason=args.reason,
        )
        return f"signed, half-day {entry.half + 1}" + (" (late)" if entry.late_allowed_by else "")

    return _with_meeting(args, act)


def cmd_close(args: argparse.Namespace, qt: QtCommands | None) -> int:
    def act(site: Site, session: Session, meeting: WorkshopSession) -> str:
        closed = sheet.close_session(
            session, site.settings, meeting.id, who=_desk(args, site), by=args.by, now=site.now()
        )
        return f"session {args.session} closed and sealed: SHA-256 {closed.seal}"

    return _with_meeting(args, act)


def cmd_verify(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with site.sessions() as session:
        check = sheet.verify_seal(
            session, meeting_of(workshop_of(session, args.workshop), args.session).id
        )
    if args.json:
        print_json(check.as_json())
    elif not check.sealed:
        print("not sealed: the session is not closed")
    else:
        print("seal intact" if check.intact else f"CHANGED since it was sealed ({check.stored})")
    return 0 if check.intact else 1


def cmd_retention(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    with refusals(site), site.transaction() as session:
        due = retention.past_retention(session, site.settings, site.today())
        rows: list[dict[str, Any]] = [d.as_json() for d in due]
        purged = None
        if args.purge:
            if not args.yes:
                raise CommandError("deleting signatures cannot be undone: add --yes")
            purged = retention.purge_signatures(
                session,
                site.settings,
                [d.session_id for d in due],
                exported=args.exported,
                today=site.today(),
                now=site.now(),
            )
    if args.json:
        print_json({"past_retention": rows, "purged": purged})
    else:
        for row in rows:
            print(
                f"{row['starts_at'][:10]}  kept until {row['kept_until']}"
                f"  {row['signatures']:>3} signatures  {row['title']}"
            )
        print(
            f"{len(rows)} sheets past retention"
            + (f"; {purged} signatures deleted" if purged is not None else "")
        )
    return 0
