"""Workshops as plain JSON-ready data: ``fablab-kiosk workshop list|show --json`` and,
later, the staff screens and the sync read the same shapes (documented in the README)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.models import Member
from kiosk.workshops.models import PRESENT_MARKS, Mark, Workshop
from kiosk.workshops.planning import tutorial_ids
from kiosk.workshops.sheet import build_sheet


def _local(moment: Any, settings: Settings) -> str | None:
    return None if moment is None else moment.astimezone(settings.tz).isoformat()


def workshop_summary(workshop: Workshop, settings: Settings) -> dict[str, Any]:
    live = [s for s in workshop.sessions if s.cancelled_at is None]
    return {
        "id": workshop.id,
        "title_fr": workshop.title_fr,
        "title_en": workshop.title_en,
        "space": workshop.space,
        "trainers": workshop.trainers,
        "tutorials": tutorial_ids(workshop),
        "funder": workshop.funder,
        "funding_mention": workshop.funding_mention,
        "retention": workshop.retention.value,
        "last_payment_on": workshop.last_payment_on.isoformat()
        if workshop.last_payment_on
        else None,
        "sessions": len(live),
        "first_session": _local(live[0].starts_at, settings) if live else None,
        "last_session": _local(live[-1].starts_at, settings) if live else None,
        "trainees": sum(1 for e in workshop.enrolments if e.withdrawn_at is None),
    }


def member_name(member: Member) -> str | None:
    """None once erased: the sheet says "trainee erased"."""
    if member.erased:
        return None
    return " ".join(p for p in (member.first_name, member.last_name) if p)


def workshop_detail(session: Session, settings: Settings, workshop: Workshop) -> dict[str, Any]:
    """The workshop, its trainees, and every session with each trainee's marks."""
    data = workshop_summary(workshop, settings)
    data["enrolled"] = [
        {
            "member_id": e.member_id,
            "name": member_name(session.get_one(Member, e.member_id)),
            "enrolled_at": _local(e.enrolled_at, settings),
            "withdrawn_at": _local(e.withdrawn_at, settings),
        }
        for e in workshop.enrolments
    ]
    sessions = []
    for meeting in workshop.sessions:
        sheet = build_sheet(session, settings, meeting.id)
        rows = []
        for row in sheet.rows:
            marks = [c.mark.value if c.mark else None for c in row.cells]
            rows.append(
                {
                    "member_id": row.member_id,
                    "name": None if row.erased else f"{row.first_name} {row.last_name}".strip(),
                    "marks": marks,
                    "present": sum(1 for c in row.cells if c.mark in PRESENT_MARKS),
                    "absent": sum(1 for c in row.cells if c.mark in (Mark.ABSENT, Mark.EXCUSED)),
                }
            )
        sessions.append(
            {
                "number": sheet.number,
                "id": meeting.id,
                "starts_at": _local(meeting.starts_at, settings),
                "ends_at": _local(meeting.ends_at, settings),
                "cancelled": meeting.cancelled_at is not None,
                "closed_at": _local(meeting.closed_at, settings),
                "closed_by": meeting.closed_by,
                "seal": meeting.seal,
                "half_days": [
                    {
                        "number": h.index + 1,
                        "starts_at": _local(h.starts_at, settings),
                        "ends_at": _local(h.ends_at, settings),
                        "afternoon": h.afternoon,
                    }
                    for h in sheet.halves
                ],
                "trainer": [c.mark.value if c.mark else None for c in sheet.trainer_cells],
                "attendance": rows,
            }
        )
    data["sessions_detail"] = sessions
    return data
