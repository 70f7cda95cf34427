"""What other kiosks pull: the ``change`` log read from a cursor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
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
    """Changes after *since*, oldest first: every kiosk's, the caller's own included.

    A change holds the server's state of a thing after a push (kiosk.server.ingest);
    the caller's own come back because that state may not be what it sent (merged with
    another kiosk's change, or older than one), and the last change of a thing is the
    one that counts. *kiosk_id* is kept for the signature's sake (and future filters).
    The newest ``seq`` is read first and bounds the page, so a change committed
    meanwhile is left for the next call rather than skipped.
    """
    top = session.scalar(select(func.max(Change.seq))) or 0
    rows = list(
        session.scalars(
            select(Change)
            .where(
                Change.seq > since,
                Change.seq <= top,
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
