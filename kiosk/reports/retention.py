"""Making visits anonymous without changing the yearly counts (the retention, on the
kiosk and on the server): old visits lose their member id and keep their visitor key
and age bracket; a year wholly past the retention gets random visitor keys."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.reports.tally import UNKNOWN, TallyTables, local_bounds


def anonymize_before(session: Session, visit: Table, cutoff: datetime) -> int:
    """Closed visits checked in before *cutoff* lose their member id (they keep their
    visitor key and age bracket: the counts do not change); how many."""
    c = visit.c
    result = session.execute(
        update(visit)
        .where(c.member_id.is_not(None), c.checked_in_at < cutoff, c.checked_out_at.is_not(None))
        .values(member_id=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def seal_years(
    session: Session, tables: TallyTables, visit: Table, cutoff: datetime, tz: ZoneInfo
) -> list[int]:
    """Random visitor keys for the years that ended before *cutoff* and still carry keys
    made from member ids, so nothing links those visits to a person any more; different
    keys stay different, so the yearly counts do not change. A sealed key is 'r' + 23 hex
    digits (a key made from a member id is hex only). The years sealed."""
    c = visit.c
    last_sealable = cutoff.astimezone(tz).year - 1
    first = session.scalar(select(func.min(c.checked_in_at)))
    sealed: list[int] = []
    if first is None:
        return sealed
    v = tables.visitors
    for year in range(first.astimezone(tz).year, last_sealable + 1):
        start, _ = local_bounds(date(year, 1, 1), tz)
        _, end = local_bounds(date(year, 12, 31), tz)
        rows = session.execute(
            select(c.id, c.visitor).where(
                c.checked_in_at >= start,
                c.checked_in_at < end,
                c.visitor.is_not(None),
                ~c.visitor.startswith("r"),
            )
        ).all()
        if not rows:
            continue
        fresh: dict[str, str] = {}
        for _id, key in rows:
            fresh.setdefault(str(key), "r" + secrets.token_hex(12)[:23])
        session.execute(
            update(visit)
            .where(c.id == bindparam("visit_id"))
            .values(visitor=bindparam("new_visitor")),
            [{"visit_id": vid, "new_visitor": fresh[str(key)]} for vid, key in rows],
        )
        ages = {
            fresh.get(key, key): age
            for key, age in session.execute(
                select(v.c.visitor, v.c.age_bracket).where(v.c.year == year)
            )
        }
        session.execute(delete(v).where(v.c.year == year, v.c.visitor.in_(list(fresh))))
        session.execute(
            v.insert(),
            [
                {"year": year, "visitor": new, "age_bracket": ages.get(new, UNKNOWN)}
                for new in fresh.values()
            ],
        )
        sealed.append(year)
    return sealed
