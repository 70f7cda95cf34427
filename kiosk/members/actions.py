"""What staff do with members: validate a pending membership, renew it, reissue a badge,
mark staff, erase a member on request; and the retention that makes old visits anonymous.

Every change is queued for the server (kiosk.outbox) in the same transaction. Erasure
keeps the member row (its id, short code and dates, nothing personal) so the erasure
itself syncs and the yearly "new members" count stays right; the member's visits stay as
anonymous counts (kiosk.reports.tally keeps them apart by their yearly visitor key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.orm import Session

from kiosk.badges import BadgeRefused, format_short_code
from kiosk.config import Settings
from kiosk.members.owner import badge_owner
from kiosk.members.registration import one_year_after
from kiosk.models import (
    Certification,
    Member,
    MembershipStatus,
    NetworkPlace,
    OutboxEvent,
    TutorialProgress,
    Visit,
)
from kiosk.outbox import ERASURE, MEMBERSHIP, member_payload, record, visit_payload
from kiosk.plausible import check_day
from kiosk.workshops.retention import forget_trainee


def _live(session: Session, member_id: str) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.erased:
        raise LookupError(f"no member {member_id}")
    return member


def validate_membership(
    session: Session, member_id: str, *, valid_until: date, now: datetime
) -> Member:
    """The fee is paid: the membership is active until *valid_until*."""
    if valid_until < now.date() - timedelta(days=1):
        raise ValueError("the end of a membership cannot be in the past")
    check_day("valid_until", valid_until, now)  # not in 9999 either
    member = _live(session, member_id)
    member.status = MembershipStatus.ACTIVE
    member.valid_until = valid_until
    record(session, "member", member_payload(member, MEMBERSHIP), now)
    return member


def renewal_end(valid_until: date | None, today: date) -> date:
    """Where a renewal ends: one more year from the current end if it is still ahead,
    else from today (staff mode proposes it; renewing applies it)."""
    start = valid_until if valid_until and valid_until > today else today
    return one_year_after(start)


def renew_membership(session: Session, member_id: str, *, today: date, now: datetime) -> Member:
    """One more year, from the current end if it is still ahead, else from today."""
    member = _live(session, member_id)
    member.status = MembershipStatus.ACTIVE
    member.valid_until = renewal_end(member.valid_until, today)
    record(session, "member", member_payload(member, MEMBERSHIP), now)
    return member


def reissue_badge(session: Session, member_id: str, *, now: datetime) -> Member:
    """A new badge version: the old badge is refused at once here, and on every other
    kiosk as soon as it has synced (a badge older than the member's version is
    refused)."""
    member = _live(session, member_id)
    member.badge_version += 1
    record(session, "member", member_payload(member, ("badge_version",)), now)
    return member


def set_staff(session: Session, member_id: str, staff: bool, *, now: datetime) -> Member:
    """Whether this member's badge opens staff mode."""
    member = _live(session, member_id)
    member.staff = staff
    record(session, "member", member_payload(member, ("staff",)), now)
    return member


def forget_member(session: Session, member: Member) -> int:
    """Remove what the kiosk holds about *member* as a person (no outbox event: the
    caller records one, or the erasure came from the server). The visits they made
    stay, without the link to them; the visits made anonymous are returned."""
    member.first_name = ""
    member.last_name = None
    member.email = None
    member.postcode = None
    member.age_bracket = None
    member.consent_at = None
    member.staff = False
    member.erased = True
    session.execute(delete(Certification).where(Certification.member_id == member.id))
    session.execute(delete(TutorialProgress).where(TutorialProgress.member_id == member.id))
    visits = list(session.scalars(select(Visit).where(Visit.member_id == member.id)))
    for visit in visits:
        visit.member_id = None
    forget_trainee(session, member.id)  # their sheet rows stay as "trainee erased"
    _scrub_outbox(session, member.id)
    return len(visits)


def _scrub_outbox(session: Session, member_id: str) -> None:
    """Events about the member: the sent ones go (their copy is on the server, which
    erases too); waiting visit events lose the member id; the others go."""
    for event in session.scalars(
        select(OutboxEvent).where(OutboxEvent.payload.contains(member_id))
    ):
        payload = json.loads(event.payload)
        if event.sent_at is None and event.kind == "visit":
            if payload.get("member_id") == member_id:
                payload["member_id"] = None
                event.payload = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        elif payload.get("member_id") == member_id or payload.get("id") == member_id:
            session.delete(event)


def erase_member(session: Session, member_id: str, *, now: datetime) -> int:
    """Erase a member on request (GDPR article 17), here and, through sync, on the
    server and every kiosk; the badge stops working at once. Visits made anonymous."""
    member = _live(session, member_id)
    member.badge_version += 1
    anonymous = forget_member(session, member)
    session.flush()
    record(session, "member", member_payload(member, ERASURE), now)
    return anonymous


# --- who is in ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Present:
    visit_id: str
    member_id: str
    name: str
    short_code: str
    space: str | None
    checked_in_at: datetime
    place: str | None = None  # a member of another place of the network: its name


def in_the_building(session: Session) -> list[Present]:
    """Members checked in and not out, oldest first (the evacuation list); members of
    the network's other places too (no name here: their place, and their badge's code)."""
    rows = session.execute(
        select(Visit, Member, NetworkPlace.name)
        .outerjoin(Member, Member.id == Visit.member_id)
        .outerjoin(NetworkPlace, NetworkPlace.code == Visit.home_site)
        .where(
            Visit.checked_out_at.is_(None),
            or_(Visit.member_id.is_not(None), Visit.home_site.is_not(None)),
        )
        .order_by(Visit.checked_in_at)
    )
    present = []
    for visit, member, place in rows:
        if member is not None:
            name = " ".join(part for part in (member.first_name, member.last_name) if part)
            code, member_id, where = format_short_code(member.short_code), member.id, None
        else:  # FLK1.<home>.<short code>....: the code printed on their badge
            parts = (visit.network_badge or "").split(".")
            short = format_short_code(parts[2]) if len(parts) > 2 else ""
            name, code, member_id = "", f"{visit.home_site} {short}".strip(), ""
            where = place or visit.home_site
        present.append(
            Present(visit.id, member_id, name, code, visit.space, visit.checked_in_at, where)
        )
    return present


def check_out_now(session: Session, visit_id: str, *, now: datetime) -> Visit:
    """Staff close one visit (someone left without scanning)."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise LookupError(f"no visit {visit_id}")
    if visit.checked_out_at is None:
        visit.checked_out_at = max(now, visit.checked_in_at)
        visit.auto_closed = True
        record(session, "visit", visit_payload(visit), now)
    return visit


# --- retention ------------------------------------------------------------------------------


# --- for the staff screens --------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    """A member as the staff screens show it (plain data)."""

    id: str
    first_name: str
    last_name: str | None
    email: str | None
    short_code: str  # as printed: 8M3X-Q2TB
    status: MembershipStatus  # effective today
    valid_until: date | None
    age_bracket: str | None
    staff: bool
    created_at: datetime
    renewal_end: date  # where renewing today would end (see renewal_end)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def member_row(member: Member, today: date) -> MemberRow:
    return MemberRow(
        member.id,
        member.first_name,
        member.last_name,
        member.email,
        format_short_code(member.short_code),
        member.effective_status(today),
        member.valid_until,
        member.age_bracket,
        bool(member.staff),
        member.created_at,
        renewal_end(member.valid_until, today),
    )


def search_members(session: Session, text: str, limit: int = 40) -> list[Member]:
    """Members (not erased) whose name, email or short code holds *text* (any case);
    with no text, the pending ones and the latest registered. Pending ones first."""
    query = select(Member).where(Member.erased.is_(False))
    words = text.strip().lower().split()
    for word in words:
        code = word.replace("-", "").upper()
        like = f"%{word}%"
        query = query.where(
            or_(
                func.lower(Member.first_name).like(like),
                func.lower(Member.last_name).like(like),
                func.lower(Member.email).like(like),
                Member.short_code.like(f"%{code}%"),
            )
        )
    pending_first = case((Member.status == MembershipStatus.PENDING, 0), else_=1)
    query = query.order_by(pending_first, Member.created_at.desc()).limit(limit)
    return list(session.scalars(query))


def guests_since(session: Session, since: datetime) -> int:
    found = session.scalar(
        select(func.coalesce(func.sum(Visit.head_count), 0)).where(
            Visit.member_id.is_(None), Visit.visitor.is_(None), Visit.checked_in_at >= since
        )
    )
    return int(found or 0)


def staff_for_badge(session: Session, settings: Settings, secret: bytes, text: str) -> str | None:
    """The first name of the staff member whose badge *text* is; None for anything else.

    The rule is :func:`kiosk.members.owner.badge_owner`'s, without typed codes: the short
    code is printed on the badge for anyone to read, so only the signed QR opens staff mode.
    """
    try:
        owner = badge_owner(session, secret, settings.site_id, text, accept_code=False)
    except BadgeRefused:
        return None
    return owner.member.first_name if owner.member.staff else None
