"""Pushing the outbox: oldest events first, in batches, marked sent only once confirmed.

Each round reads a batch in a short transaction, sends it with no transaction open (the
kiosk keeps recording visits meanwhile), then marks the results in a new transaction.
If the process dies after the server committed a batch but before the kiosk marked it,
the next flush sends it again and the server answers ``duplicate``: marked sent then.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal_column, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.models import OutboxEvent, utcnow
from kiosk.outbox import iso
from kiosk.sync.client import BatchTooLarge, SyncClient, SyncError

MAX_BATCH = 1000  # the server's limit per request
Progress = Callable[[int, int], None]  # (events done, events to do in all)

WAITING = (OutboxEvent.sent_at.is_(None), OutboxEvent.rejected_at.is_(None))


@dataclass(frozen=True)
class FlushResult:
    sent: int = 0  # applied by the server
    duplicates: int = 0  # the server had them already (a resend): sent too
    rejected: int = 0  # refused for good, kept with the server's reason
    remaining: int = 0  # still waiting
    error: str | None = None  # why the flush stopped early, in plain English
    error_kind: str | None = None  # unreachable, busy, token or server (for the screens)
    retry_after: float | None = None  # the server's Retry-After, seconds

    @property
    def done(self) -> int:
        return self.sent + self.duplicates + self.rejected


def count_waiting(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxEvent).where(*WAITING)) or 0


def _oldest(session: Session, size: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(OutboxEvent.id, OutboxEvent.kind, OutboxEvent.occurred_at, OutboxEvent.payload)
        .where(*WAITING)
        # rowid: the order of writing, for events of the same microsecond
        .order_by(OutboxEvent.created_at, literal_column("outbox_event.rowid"))
        .limit(size)
    )
    return [
        {"id": i, "kind": kind, "occurred_at": iso(at), "payload": json.loads(payload)}
        for i, kind, at, payload in rows
    ]


def _mark(session: Session, results: list[dict[str, Any]], now: datetime) -> tuple[int, int, int]:
    applied = [r["id"] for r in results if r.get("status") == "applied"]
    duplicate = [r["id"] for r in results if r.get("status") == "duplicate"]
    rejected = [r for r in results if r.get("status") == "rejected"]
    confirmed = applied + duplicate
    if confirmed:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(confirmed))
            .values(sent_at=now, attempts=OutboxEvent.attempts + 1, error=None)
        )
    for result in rejected:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id == result["id"])
            .values(
                rejected_at=now,
                attempts=OutboxEvent.attempts + 1,
                error=str(result.get("error") or "rejected by the server")[:2000],
            )
        )
    unknown = len(results) - len(confirmed) - len(rejected)
    if unknown:  # a status this kiosk does not know: left waiting, tried again later
        others = [r["id"] for r in results if r.get("status") not in STATUSES]
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(others))
            .values(attempts=OutboxEvent.attempts + 1)
        )
    return len(applied), len(duplicate), len(rejected)


STATUSES = ("applied", "duplicate", "rejected")


def flush_outbox(
    sessions: sessionmaker[Session],
    client: SyncClient,
    *,
    batch_size: int = 500,
    now: Callable[[], datetime] = utcnow,
    progress: Progress | None = None,
) -> FlushResult:
    """Send every waiting event (oldest first) until none is left or the server fails.

    Never raises for the network or the server: the result says what stopped it.
    """
    size = max(1, min(batch_size, MAX_BATCH))
    sent = duplicates = rejected = 0
    with transaction(sessions) as session:
        total = count_waiting(session)
    error: SyncError | None = None
    while True:
        with transaction(sessions) as session:
            events = _oldest(session, size)
        if not events:
            break
        try:
            results = client.push(events)  # no transaction open during the call
        except BatchTooLarge as exc:
            if size > 1:
                size = max(1, size // 2)
                continue
            error = exc  # one event alone is too large: nothing this kiosk can do now
            break
        except SyncError as exc:
            error = exc
            break
        with transaction(sessions) as session:
            a, d, r = _mark(session, results, now())
        sent, duplicates, rejected = sent + a, duplicates + d, rejected + r
        if a + d + r == 0:  # nothing moved: do not spin on the same batch
            error = SyncError("the server answered with no usable result")
            break
        if progress is not None:
            progress(sent + duplicates + rejected, max(total, sent + duplicates + rejected))
    with transaction(sessions) as session:
        remaining = count_waiting(session)
    if error is None:
        return FlushResult(sent, duplicates, rejected, remaining)
    return FlushResult(
        sent,
        duplicates,
        rejected,
        remaining,
        error=str(error),
        error_kind=error.kind,
        retry_after=getattr(error, "retry_after", None),
    )
