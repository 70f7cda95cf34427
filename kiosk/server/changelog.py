"""What other kiosks pull: the ``change`` log read from a cursor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.server.models import Change


@dataclass(frozen=True)
class PulledChange:
    seq: int
    kind: str
    payload: dict[str, Any]
    occurred_at: datetime


@dataclass(frozen=True)
class ChangePage:
    changes: list[PulledChange]
    cursor: int
    more: bool


def changes_since(session: Session, kiosk_id: int, since: int, limit: int) -> ChangePage:
    """Changes after *since* made by other kiosks (or staff), oldest first.

    The cursor moves past the caller's own changes too, so a kiosk that alone writes
    does not scan its own changes again and again. The newest ``seq`` is read first and
    bounds the page, so a change committed meanwhile is left for the next call rather
    than skipped.
    """
    top = session.scalar(select(func.max(Change.seq))) or 0
    rows = list(
        session.scalars(
            select(Change)
            .where(
                Change.seq > since,
                Change.seq <= top,
                or_(Change.origin_kiosk_id.is_(None), Change.origin_kiosk_id != kiosk_id),
            )
            .order_by(Change.seq)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].seq if more else max(since, top)
    pulled = [PulledChange(r.seq, r.kind, json.loads(r.payload), r.occurred_at) for r in rows]
    return ChangePage(pulled, cursor, more)
