"""Members of the network's other places at this door (issue 15, "network visitors").

A badge of another place of the network (:func:`kiosk.members.owner.network_badge`) is
neither refused nor a member here. Its first scan records nothing and offers "just
come in" or "register here" (``Outcome.NETWORK_VISITOR``); "just come in" (:func:`enter`)
records a visit with no member, the home place's code and the badge as scanned, with its
outbox event in the same transaction. The kiosk checks only the badge's form: the
central server checks its signature under the home place's key and rejects a forged
one (never counted there). The same badge scanned again while that visit is open checks
them out, as for members.

The visitor key (who-is-different in this kiosk's yearly report) comes from the home
place's code and the badge's short code, so a network visitor is one person here all
year, apart from every member. The places themselves (code and name, never a key) come
from the server after each sync round (:mod:`kiosk.sync.network`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.badges import PREFIX, Refusal
from kiosk.checkin import Outcome, ScanResult, closing_after, local_date
from kiosk.config import Settings
from kiosk.machines import release_for_visit
from kiosk.members.owner import NetworkBadge, network_badge
from kiosk.models import CheckinMethod, NetworkPlace, Visit
from kiosk.outbox import record, visit_payload
from kiosk.reports.tally import visitor_key


@dataclass(frozen=True)
class Place:
    """Another place of the network: the site id its badges carry, and its name."""

    code: str
    name: str


def network_visitor_key(secret: bytes, home_site: str, short_code: str, year: int) -> str:
    """The yearly visitor key of a network visitor (never equal to a member's: a member
    id is a UUID, this is ``CODE.SHORTCODE``)."""
    return visitor_key(secret, f"{home_site}.{short_code}", year)


def last_network_visit(session: Session, badge: NetworkBadge) -> Visit | None:
    """The latest visit of this badge's holder here (any version of their badge)."""
    holder = f"{PREFIX}.{badge.home_site}.{badge.token.short_code}."
    return session.scalar(
        select(Visit)
        .where(Visit.home_site == badge.home_site, Visit.network_badge.startswith(holder))
        .order_by(func.coalesce(Visit.checked_out_at, Visit.checked_in_at).desc())
        .limit(1)
    )


def _result(outcome: Outcome, now: datetime, badge: NetworkBadge, visit: Visit) -> ScanResult:
    return ScanResult(
        outcome,
        now,
        visit_id=visit.id,
        checked_in_at=visit.checked_in_at,
        checked_out_at=visit.checked_out_at,
        space=visit.space,
        home_site=badge.home_site,
        place_name=badge.place_name,
    )


def _close_if_forgotten(session: Session, settings: Settings, visit: Visit, now: datetime) -> bool:
    """An open visit whose closing time has passed: closed then (``auto_closed``)."""
    if visit.checked_out_at is not None:
        return False
    closing = closing_after(visit.checked_in_at, settings)
    if closing > now:
        return False
    visit.checked_out_at, visit.auto_closed = closing, True
    record(session, "visit", visit_payload(visit), now)
    release_for_visit(session, visit.id, now=closing)
    return True


def scan_network_badge(
    session: Session, settings: Settings, badge: NetworkBadge, *, now: datetime
) -> ScanResult:
    """What a scan of a network visitor's badge does (``checkin.scan`` calls it): in the
    repeat window nothing; while their visit is open a check-out; else the question,
    nothing recorded."""
    last = last_network_visit(session, badge)
    if last is not None:
        since = (now - (last.checked_out_at or last.checked_in_at)).total_seconds()
        if abs(since) < settings.repeat_window_s:
            return _result(Outcome.REPEAT, now, badge, last)
        if not _close_if_forgotten(session, settings, last, now) and last.checked_out_at is None:
            out = max(now, last.checked_in_at)  # never before the check-in (clock set back)
            last.checked_out_at = out
            record(session, "visit", visit_payload(last), now)
            release_for_visit(session, last.id, now=out)
            return _result(Outcome.CHECKED_OUT, now, badge, last)
    return ScanResult(
        Outcome.NETWORK_VISITOR, now, home_site=badge.home_site, place_name=badge.place_name
    )


def enter(
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
    """ "Just come in": record the network visitor's visit (and its outbox event).

    Refused as another site's when the badge's place is not (any more) in the network;
    a visit of theirs still open is answered as it is (``REPEAT``), never closed here.
    """
    if method is CheckinMethod.CODE:  # a typed code is local to its place
        return ScanResult(
            Outcome.REFUSED, now, reason=Refusal.UNKNOWN_CODE, detail="a typed code is local"
        )
    badge = network_badge(session, settings.site_id, text)
    if badge is None:
        return ScanResult(
            Outcome.REFUSED,
            now,
            reason=Refusal.OTHER_SITE,
            detail="this badge's place is not in this kiosk's network",
        )
    last = last_network_visit(session, badge)
    if (
        last is not None
        and not _close_if_forgotten(session, settings, last, now)
        and last.checked_out_at is None
    ):  # already in: answered as it is, never checked out by this button
        return _result(Outcome.REPEAT, now, badge, last)
    visit = Visit(
        member_id=None,
        kiosk_id=settings.kiosk_id,
        space=space or settings.default_space,
        purpose=purpose,
        checked_in_at=now,
        method=method,
        head_count=1,
        auto_closed=False,
        visitor=network_visitor_key(
            secret, badge.home_site, badge.token.short_code, local_date(now, settings.tz).year
        ),
        home_site=badge.home_site,
        network_badge=badge.text,
    )
    session.add(visit)
    session.flush()
    record(session, "visit", visit_payload(visit), now)
    return _result(Outcome.CHECKED_IN, now, badge, visit)


def replace_places(session: Session, places: Iterable[Place], now: datetime) -> int:
    """The network's places as the server listed them, replacing the earlier list (in
    the caller's transaction: never half a list); how many."""
    session.execute(delete(NetworkPlace))
    rows = {place.code: NetworkPlace(code=place.code, name=place.name, updated_at=now)
            for place in places}  # fmt: skip
    session.add_all(rows.values())
    return len(rows)


def network_places(session: Session) -> list[Place]:
    """The places listed now, by name."""
    return [
        Place(row.code, row.name)
        for row in session.scalars(select(NetworkPlace).order_by(NetworkPlace.name))
    ]
