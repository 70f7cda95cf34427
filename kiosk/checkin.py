"""Check-in and check-out: what happens when a badge is shown or a short code typed.

One function, :func:`scan`, is the use case behind the camera, the USB scanner, the
keypad and ``fablab-kiosk checkin``: the first scan opens a visit, the next one closes
it. The same badge seen again within ``repeat_window_s`` seconds is the same scan (a
badge held in front of the camera is read many times a second), not a toggle.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.badges import BadgeRefused, Refusal
from kiosk.config import Settings
from kiosk.machines import release_for_visit
from kiosk.members.owner import badge_owner, network_badge
from kiosk.models import CheckinMethod, MembershipStatus, Visit, utcnow
from kiosk.outbox import record, visit_payload
from kiosk.reports.tally import visitor_key
from kiosk.workshops.attendance import record_at_door
from kiosk.workshops.door import record_leaving

# Why people come; the screens translate each one.
PURPOSES = ("project", "coworking", "workshop", "meeting", "discovery")
MAX_GUEST_GROUP = 50


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    REPEAT = "repeat"  # the same badge again within the repeat window: nothing changed
    REFUSED = "refused"
    # a member of another place of the network, not in: nothing recorded yet, the
    # screen asks "just come in" (kiosk.network.enter) or "register here"
    NETWORK_VISITOR = "network_visitor"


@dataclass(frozen=True)
class ScanResult:
    """What a scan did, with what the screen needs to say it (no more personal data)."""

    outcome: Outcome
    at: datetime
    reason: Refusal | None = None
    detail: str = ""
    member_id: str | None = None
    first_name: str | None = None
    membership: MembershipStatus | None = None
    visit_id: str | None = None
    checked_in_at: datetime | None = None
    checked_out_at: datetime | None = None
    space: str | None = None
    closed_forgotten_visit: bool = False  # an earlier visit left open was closed first
    workshop_session_id: str | None = None  # a workshop session under way: marked present
    home_site: str | None = None  # a network visitor's place (its code), and its name
    place_name: str | None = None

    @property
    def duration(self) -> timedelta | None:
        if self.checked_in_at and self.checked_out_at:
            return self.checked_out_at - self.checked_in_at
        return None

    @property
    def accepted(self) -> bool:
        return self.outcome is not Outcome.REFUSED

    def as_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "at": self.at.isoformat(),
            "reason": self.reason.value if self.reason else None,
            "detail": self.detail,
            "member_id": self.member_id,
            "first_name": self.first_name,
            "membership": self.membership.value if self.membership else None,
            "visit_id": self.visit_id,
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "checked_out_at": self.checked_out_at.isoformat() if self.checked_out_at else None,
            "space": self.space,
            "workshop_session_id": self.workshop_session_id,
            "home_site": self.home_site,
            "place_name": self.place_name,
        }


def _refused(reason: Refusal, detail: str, now: datetime) -> ScanResult:
    return ScanResult(Outcome.REFUSED, now, reason=reason, detail=detail)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def closing_after(moment: datetime, settings: Settings) -> datetime:
    """The first closing time (site-wide ``closing_time``, local) at or after *moment*."""
    tz = settings.tz
    day = local_date(moment, tz)
    closing = datetime.combine(day, settings.closing_time, tzinfo=tz)
    if closing < moment:
        closing = datetime.combine(day + timedelta(days=1), settings.closing_time, tzinfo=tz)
    return closing


def close_forgotten_visits(session: Session, settings: Settings, now: datetime) -> int:
    """Close, at closing time, the visits nobody checked out of; flag them ``auto_closed``."""
    open_visits = session.scalars(
        select(Visit).where(
            Visit.checked_out_at.is_(None),
            or_(Visit.member_id.is_not(None), Visit.home_site.is_not(None)),
        )
    )
    closed = 0
    for visit in open_visits:
        closing = closing_after(visit.checked_in_at, settings)
        if closing <= now:
            visit.checked_out_at = closing
            visit.auto_closed = True
            record(session, "visit", visit_payload(visit), now)
            release_for_visit(session, visit.id, now=closing)
            closed += 1
    return closed


def _last_scan_time(visit: Visit) -> datetime:
    return visit.checked_out_at or visit.checked_in_at


def _last_visit(session: Session, member_id: str) -> Visit | None:
    return session.scalar(
        select(Visit)
        .where(Visit.member_id == member_id)
        .order_by(func.coalesce(Visit.checked_out_at, Visit.checked_in_at).desc())
        .limit(1)
    )


class Arrival(NamedTuple):
    first_name: str
    checked_in_at: datetime


EARLY_LEAVE_S = 300
"""A second scan this soon after checking in is more often a mistake (a badge shown
twice, a friend's turn) than a goodbye: the screen asks before checking out."""


def just_arrived(
    session: Session,
    settings: Settings,
    secret: bytes,
    text: str,
    *,
    method: CheckinMethod,
    now: datetime,
    within_s: float = EARLY_LEAVE_S,
) -> Arrival | None:
    """Who holds this badge and when they checked in, if their visit is still open and began
    less than *within_s* ago (but outside the repeat window, where a scan changes
    nothing); else None. Reads only: the scan itself is ``scan``. A member of another
    place of the network has no first name here (``""``)."""
    try:
        member = badge_owner(
            session,
            secret,
            settings.site_id,
            text,
            accept_code=True,
            typed=method is CheckinMethod.CODE,
        ).member
    except BadgeRefused as refusal:
        visitor = None
        if refusal.reason is Refusal.OTHER_SITE and method is not CheckinMethod.CODE:
            visitor = network_badge(session, settings.site_id, text)
        if visitor is None:
            return None  # refused: the scan itself says why
        from kiosk.network import last_network_visit  # kiosk.network builds on this module

        return _arrival("", last_network_visit(session, visitor), settings, now, within_s)
    return _arrival(member.first_name, _last_visit(session, member.id), settings, now, within_s)


def _arrival(
    name: str, last: Visit | None, settings: Settings, now: datetime, within_s: float
) -> Arrival | None:
    if last is None or last.checked_out_at is not None:
        return None
    age = (now - last.checked_in_at).total_seconds()
    if settings.repeat_window_s <= age < within_s:
        return Arrival(name, last.checked_in_at)
    return None


def scan(
    session: Session,
    settings: Settings,
    secret: bytes,
    text: str,
    *,
    method: CheckinMethod,
    now: datetime,
    space: str | None = None,
    purpose: str | None = None,
) -> ScanResult:
    """Check the holder of a badge (or short code) in, or out if they are in.

    A refusal records nothing. An expired membership still records the visit: the
    person is in the building either way, and the screen sends them to staff.
    """
    try:
        owner = badge_owner(
            session,
            secret,
            settings.site_id,
            text,
            accept_code=True,
            typed=method is CheckinMethod.CODE,
        )
    except BadgeRefused as refusal:
        visitor = None
        if refusal.reason is Refusal.OTHER_SITE and method is not CheckinMethod.CODE:
            visitor = network_badge(session, settings.site_id, text)
        if visitor is None:
            return _refused(refusal.reason, refusal.detail, now)
        from kiosk.network import scan_network_badge  # kiosk.network builds on this module

        return scan_network_badge(session, settings, visitor, now=now)
    member, version = owner.member, owner.version
    if version is not None and version > member.badge_version:
        # Reissued on another kiosk and signed with this site's key: the newer badge wins.
        member.badge_version = version

    membership = member.effective_status(local_date(now, settings.tz))
    last = _last_visit(session, member.id)
    common = {"member_id": member.id, "first_name": member.first_name, "membership": membership}
    if last is not None and abs((now - _last_scan_time(last)).total_seconds()) < (
        settings.repeat_window_s
    ):
        return ScanResult(
            Outcome.REPEAT,
            now,
            visit_id=last.id,
            checked_in_at=last.checked_in_at,
            checked_out_at=last.checked_out_at,
            space=last.space,
            **common,  # type: ignore[arg-type]
        )

    forgotten = False
    if last is not None and last.checked_out_at is None:
        closing = closing_after(last.checked_in_at, settings)
        if closing <= now:
            last.checked_out_at, last.auto_closed, forgotten = closing, True, True
            record(session, "visit", visit_payload(last), now)
            release_for_visit(session, last.id, now=closing)
        else:
            # never before the check-in, even after the clock was set back (the server
            # refuses a visit that ends before it begins)
            out = max(now, last.checked_in_at)
            last.checked_out_at = out
            record(session, "visit", visit_payload(last), now)
            release_for_visit(session, last.id, now=out)
            record_leaving(session, settings, member.id, out)  # left a workshop early
            return ScanResult(
                Outcome.CHECKED_OUT,
                now,
                visit_id=last.id,
                checked_in_at=last.checked_in_at,
                checked_out_at=out,
                space=last.space,
                **common,  # type: ignore[arg-type]
            )

    visit = Visit(
        member_id=member.id,
        kiosk_id=settings.kiosk_id,
        space=space or settings.default_space,
        purpose=purpose,
        checked_in_at=now,
        method=method,
        head_count=1,
        auto_closed=False,
        visitor=visitor_key(secret, member.id, local_date(now, settings.tz).year),
        age_bracket=member.age_bracket,
    )
    session.add(visit)
    session.flush()
    record(session, "visit", visit_payload(visit), now)
    door = record_at_door(session, settings, member.id, now)  # a workshop under way
    return ScanResult(
        Outcome.CHECKED_IN,
        now,
        visit_id=visit.id,
        checked_in_at=now,
        space=visit.space,
        closed_forgotten_visit=forgotten,
        workshop_session_id=door.session_id if door else None,
        **common,  # type: ignore[arg-type]
    )


def set_visit_details(
    session: Session, settings: Settings, visit_id: str, *, space: str | None, purpose: str | None
) -> Visit:
    """The space and purpose tapped after check-in (either may be skipped)."""
    if space is not None and settings.space(space) is None:
        raise ValueError(f"unknown space {space!r}")
    if purpose is not None and purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise LookupError(f"no visit {visit_id}")
    if space is not None:
        visit.space = space
    if purpose is not None:
        visit.purpose = purpose
    record(session, "visit", visit_payload(visit), utcnow())
    return visit


def count_guests(
    session: Session,
    settings: Settings,
    *,
    head_count: int,
    now: datetime,
    purpose: str | None = None,
    space: str | None = None,
) -> Visit:
    """Count anonymous guests: a head count and a purpose, no personal data, no check-out."""
    if not 1 <= head_count <= MAX_GUEST_GROUP:
        raise ValueError(f"a group is 1 to {MAX_GUEST_GROUP} people")
    if space is not None and settings.space(space) is None:
        raise ValueError(f"unknown space {space!r}")
    if purpose is not None and purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    visit = Visit(
        member_id=None,
        kiosk_id=settings.kiosk_id,
        space=space or settings.default_space,
        purpose=purpose,
        checked_in_at=now,
        method=CheckinMethod.GUEST,
        head_count=head_count,
        auto_closed=False,
    )
    session.add(visit)
    session.flush()
    record(session, "visit", visit_payload(visit), now)
    return visit


def open_visits(session: Session) -> list[Visit]:
    """Members in the building now (oldest check-in first)."""
    return list(
        session.scalars(
            select(Visit)
            .where(Visit.checked_out_at.is_(None), Visit.member_id.is_not(None))
            .order_by(Visit.checked_in_at)
        )
    )


def visits_between(session: Session, start: datetime | None, end: datetime | None) -> list[Visit]:
    """Visits that began in [start, end), oldest first; either bound may be open."""
    query = select(Visit).order_by(Visit.checked_in_at)
    if start is not None:
        query = query.where(Visit.checked_in_at >= start)
    if end is not None:
        query = query.where(Visit.checked_in_at < end)
    return list(session.scalars(query))


VISIT_FIELDS = [
    "id",
    "member_id",
    "kiosk_id",
    "space",
    "purpose",
    "method",
    "head_count",
    "checked_in_at",
    "checked_out_at",
    "auto_closed",
    "home_site",
]


def visit_json(visit: Visit, tz: ZoneInfo) -> dict[str, Any]:
    """The stable JSON shape of ``fablab-kiosk visits --json`` (see the README).

    Times are ISO 8601 in the site's time zone, with the offset.
    """
    out = visit.checked_out_at.astimezone(tz).isoformat() if visit.checked_out_at else None
    return {
        "id": visit.id,
        "member_id": visit.member_id,
        "kiosk_id": visit.kiosk_id,
        "space": visit.space,
        "purpose": visit.purpose,
        "method": visit.method.value,
        "head_count": visit.head_count,
        "checked_in_at": visit.checked_in_at.astimezone(tz).isoformat(),
        "checked_out_at": out,
        "auto_closed": visit.auto_closed,
        "home_site": visit.home_site,
    }
