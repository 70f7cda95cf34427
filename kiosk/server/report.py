"""Visit counts for a year, from the server's database (all kiosks together)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.server.models import Kiosk, Visit


def visit_report(session: Session, year: int, tz: ZoneInfo) -> dict[str, Any]:
    """``visits``: visit rows (a guest group is one visit); ``guests``: the people in
    guest groups (head counts); ``unique_visitors``: distinct members; months by the
    local check-in time in *tz*."""
    start = datetime(year, 1, 1, tzinfo=tz)
    end = datetime(year + 1, 1, 1, tzinfo=tz)
    rows = session.execute(
        select(Visit.checked_in_at, Visit.member_id, Visit.space, Visit.head_count, Kiosk.name)
        .join(Kiosk, Kiosk.id == Visit.kiosk_id)
        .where(Visit.checked_in_at >= start, Visit.checked_in_at < end)
    ).all()
    by_month = [0] * 12
    by_space: Counter[str] = Counter()
    by_kiosk: Counter[str] = Counter()
    members: set[str] = set()
    guests = 0
    for checked_in_at, member_id, space, head_count, kiosk in rows:
        by_month[checked_in_at.astimezone(tz).month - 1] += 1
        by_space[space or "-"] += 1
        by_kiosk[kiosk] += 1
        if member_id is None:
            guests += head_count
        else:
            members.add(member_id)
    return {
        "year": year,
        "source": "server",
        "visits": len(rows),
        "unique_visitors": len(members),
        "guests": guests,
        "by_month": by_month,
        "by_space": dict(sorted(by_space.items())),
        "by_kiosk": dict(sorted(by_kiosk.items())),
    }
