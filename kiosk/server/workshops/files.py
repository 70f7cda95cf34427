"""The sessions' files from the server's tables (kiosk.workshops.facts.SessionFile):
the same sheets, seals and certificates as on the kiosks, made by the same code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.server.models import Member
from kiosk.server.workshops.tables import (
    ServerAttendanceEntry,
    ServerEnrolment,
    ServerWorkshop,
    ServerWorkshopSession,
)
from kiosk.workshops.facts import (
    EntryFacts,
    SessionFile,
    TraineeFacts,
    WorkshopFacts,
    entry_facts,
    session_facts,
    trail_key,
    trainee_facts,
    workshop_facts,
)


@dataclass(frozen=True)
class WorkshopFile:
    """A workshop as the server holds it: its sessions' files and its trainees."""

    workshop: WorkshopFacts
    sessions: tuple[SessionFile, ...]  # by start
    trainees: tuple[TraineeFacts, ...]  # every enrolment, erased ones included


def workshop_files(
    session: Session, site_id: int, workshop_ids: Sequence[str] | None = None
) -> list[WorkshopFile]:
    """Every workshop of the site (or those asked for), oldest first, in five queries."""
    query = (
        select(ServerWorkshop)
        .where(ServerWorkshop.site_id == site_id)
        .order_by(ServerWorkshop.created_at, ServerWorkshop.id)
    )
    if workshop_ids is not None:
        query = query.where(ServerWorkshop.id.in_(workshop_ids))
    workshops = list(session.scalars(query))
    ids = [w.id for w in workshops]
    meetings = list(
        session.scalars(
            select(ServerWorkshopSession).where(
                ServerWorkshopSession.site_id == site_id,
                ServerWorkshopSession.workshop_id.in_(ids),
            )
        )
    )
    enrolments = list(
        session.scalars(
            select(ServerEnrolment).where(
                ServerEnrolment.site_id == site_id, ServerEnrolment.workshop_id.in_(ids)
            )
        )
    )
    members = {
        m.id: m
        for m in session.scalars(
            select(Member).where(
                Member.site_id == site_id, Member.id.in_({e.member_id for e in enrolments})
            )
        )
    }
    entries = list(
        session.scalars(
            select(ServerAttendanceEntry).where(
                ServerAttendanceEntry.site_id == site_id,
                ServerAttendanceEntry.session_id.in_([m.id for m in meetings]),
            )
        )
    )
    trails: dict[str, list[EntryFacts]] = defaultdict(list)
    for e in entries:
        trails[e.session_id].append(entry_facts(e))
    out = []
    for workshop in workshops:
        facts = workshop_facts(workshop)
        mine = sorted(
            (m for m in meetings if m.workshop_id == workshop.id), key=lambda m: (m.starts_at, m.id)
        )
        trainees = tuple(
            trainee_facts(e, members.get(e.member_id))
            for e in sorted(enrolments, key=lambda e: e.enrolled_at)
            if e.workshop_id == workshop.id
        )
        files = tuple(
            SessionFile(
                session_facts(meeting, facts, mine),
                trainees,
                tuple(sorted(trails[meeting.id], key=trail_key)),
            )
            for meeting in mine
        )
        out.append(WorkshopFile(facts, files, trainees))
    return out


def find_session(
    session: Session, site_id: int, session_id: str
) -> tuple[WorkshopFile, SessionFile] | None:
    workshop_id = session.scalar(
        select(ServerWorkshopSession.workshop_id).where(
            ServerWorkshopSession.site_id == site_id, ServerWorkshopSession.id == session_id
        )
    )
    if workshop_id is None:
        return None
    for found in workshop_files(session, site_id, [workshop_id]):
        for file in found.sessions:
            if file.session.id == session_id:
                return found, file
    return None
