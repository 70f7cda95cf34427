"""Erased members on the server (an erasure synced from a kiosk of their site): what
the server forgets of them, in their site only. Called by kiosk.server.ingest."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kiosk.server.models import Certification, Change, Member, Visit
from kiosk.server.workshops.ingest import forget_trainees


def erased_members(session: Session, site_id: int, member_ids: set[str | None]) -> set[str]:
    """Those of *member_ids* erased in the site (their visits queued before the erasure
    arrive without them)."""
    ids = [member_id for member_id in member_ids if member_id]
    if not ids:
        return set()
    return set(
        session.scalars(
            select(Member.id).where(Member.site_id == site_id, Member.id.in_(ids), Member.erased)
        )
    )


def forget_members(session: Session, site_id: int, member_ids: list[str]) -> None:
    """Erased members: their visits stay as anonymous counts (visitor key kept); their
    trainings go, and so do the older snapshots of them in the change log; their rows
    on the workshops' sheets stay, without their drawn signatures."""
    if not member_ids:
        return
    forget_trainees(session, site_id, member_ids)
    session.execute(
        update(Visit)
        .where(Visit.site_id == site_id, Visit.member_id.in_(member_ids))
        .values(member_id=None)
    )
    session.execute(
        delete(Certification).where(
            Certification.site_id == site_id, Certification.member_id.in_(member_ids)
        )
    )
    logged = Change.site_id == site_id
    session.execute(
        delete(Change).where(logged, Change.kind == "member", Change.entity_key.in_(member_ids))
    )
    for member_id in member_ids:
        session.execute(
            delete(Change).where(
                logged,
                Change.kind == "certification",
                Change.entity_key.startswith(f"{member_id}/"),
            )
        )
