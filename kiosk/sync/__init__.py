"""Sync with the central server: push the outbox, pull the others' changes.

:func:`sync_once` is the whole round (plain, blocking: call it off the GUI thread) and
:func:`sync_status` what the staff screen shows; both take the opened :class:`Site`.
The contract is docs/sync-api.md.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import OutboxEvent, utcnow
from kiosk.outbox import enqueue_existing
from kiosk.site import Site
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import (
    BatchTooLarge,
    ServerBusy,
    ServerError,
    ServerUnreachable,
    SyncClient,
    SyncError,
    TokenRefused,
)
from kiosk.sync.flush import FlushResult, Progress, count_waiting, flush_outbox
from kiosk.sync.network import NetworkResult, refresh_network
from kiosk.sync.pull import pull_changes, state_row

__all__ = [
    "BatchTooLarge",
    "FlushResult",
    "NetworkResult",
    "ServerBusy",
    "ServerError",
    "ServerUnreachable",
    "SyncClient",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "TokenRefused",
    "connect",
    "flush_outbox",
    "pull_changes",
    "read_status",
    "sync_once",
    "sync_status",
]

PULL_NOT_TRIED = frozenset({"unreachable", "token"})
NOT_CONNECTED = "this kiosk has no central server (fablab-kiosk connect URL --token TOKEN)"


@dataclass(frozen=True)
class SyncStatus:
    """What staff mode shows: where to, how many events wait, how the last try went."""

    server_url: str | None
    waiting: int
    rejected: int
    last_success_at: datetime | None
    last_error: str | None
    error_kind: str | None  # unreachable, busy, token, server (None: fine)
    next_try_at: datetime | None  # backing off until then (None: no reason to wait)
    last_attempt_at: datetime | None = None
    network_problem: str | None = None  # the network's places refused (403/409), in words


@dataclass(frozen=True)
class SyncReport:
    """One round: what was pushed, how many changes were pulled, and any error."""

    flush: FlushResult | None
    pulled: int
    error: str | None
    error_kind: str | None
    next_try_at: datetime | None
    skipped: bool = False  # not tried: not connected, token refused, or backing off
    network: NetworkResult | None = None  # the places exchange, after a round that went well

    @property
    def ok(self) -> bool:
        return self.error is None and not self.skipped

    @property
    def remaining(self) -> int:
        return self.flush.remaining if self.flush else 0


def read_status(session: Session) -> SyncStatus:
    """Counts only (the outbox index answers both), for a cheap refresh."""
    state = state_row(session)
    rejected = (
        session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.rejected_at.is_not(None))
        )
        or 0
    )
    return SyncStatus(
        server_url=state.server_url,
        waiting=count_waiting(session),
        rejected=rejected,
        last_success_at=state.last_success_at,
        last_error=state.last_error,
        error_kind=state.error_kind,
        next_try_at=state.next_try_at,
        last_attempt_at=state.last_attempt_at,
        network_problem=state.network_problem,
    )


def sync_status(site: Site) -> SyncStatus:
    with site.transaction() as session:
        return read_status(session)


def connect(site: Site, url: str, token: str) -> None:
    """Point the kiosk at a server (a new server starts its changes from 0)."""
    url = url.rstrip("/")
    with site.transaction() as session:
        state = state_row(session)
        if state.server_url != url:
            state.cursor = 0
        state.server_url, state.token = url, token
        state.last_error = state.error_kind = state.next_try_at = None
        state.network_problem = None  # asked again of this server after the next round
        state.failures = 0


def sync_once(
    site: Site,
    client: SyncClient | None = None,
    *,
    now: Callable[[], datetime] = utcnow,
    force: bool = False,
    progress: Progress | None = None,
    batch_size: int = 500,
    rng: random.Random | None = None,
    backoff: Backoff | None = None,
) -> SyncReport:
    """Push the outbox then pull the changes; the result is kept in SyncState.

    Does nothing (``skipped``) when no server is set, when the server refused the token
    (until ``connect`` is run again), or while backing off (``next_try_at`` in the
    future) unless *force*. Never raises for the network or the server. *backoff* is
    the retry policy (base and cap; its count of failures is taken from SyncState):
    the default waits 2 s doubling up to 5 minutes.
    """
    with site.transaction() as session:
        state = state_row(session)
        url, token = state.server_url, state.token
        if url is None:
            return SyncReport(None, 0, NOT_CONNECTED, None, None, skipped=True)
        if state.error_kind == "token":
            return SyncReport(None, 0, state.last_error, "token", None, skipped=True)
        if not force and state.next_try_at is not None and state.next_try_at > now():
            return SyncReport(
                None, 0, state.last_error, state.error_kind, state.next_try_at, skipped=True
            )
        if state.backfill_pending:
            enqueue_existing(session, now())
        state.last_attempt_at = now()
    own_client = client is None
    http = client or SyncClient(url, token, site_code=site.settings.site_id)
    pulled = 0
    error: SyncError | None = None
    network: NetworkResult | None = None
    try:
        result = flush_outbox(
            site.sessions, http, batch_size=batch_size, now=now, progress=progress
        )
        # a push that keeps failing (a server error on some event, a proxy's 502) must
        # not keep badge revocations made elsewhere away: pull all the same, unless the
        # server cannot be reached or refuses the token
        if result.error_kind not in PULL_NOT_TRIED:
            try:
                pulled = pull_changes(site.sessions, http)
            except SyncError as exc:
                error = exc
        if result.error is None and error is None:  # the network's places, after a good round
            network = refresh_network(site, http, now=now)
    finally:
        if own_client:
            http.close()
    words, kind, retry_after = result.error, result.error_kind, result.retry_after
    if error is not None and words is None:  # the push's error, if any, is the one to show
        words, kind = str(error), error.kind
        retry_after = getattr(error, "retry_after", None)
    with site.transaction() as session:
        state = state_row(session)
        if words is None:
            state.last_success_at, state.failures = now(), 0
            state.last_error = state.error_kind = state.next_try_at = None
        else:
            policy = backoff or Backoff(rng=rng)
            policy.failures = state.failures
            delay = policy.next_delay(retry_after)
            state.failures = policy.failures
            state.last_error, state.error_kind = words, kind
            state.next_try_at = None if kind == "token" else now() + timedelta(seconds=delay)
        next_try_at = state.next_try_at
    return SyncReport(result, pulled, words, kind, next_try_at, network=network)
