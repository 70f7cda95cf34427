"""Limits kept in the server's database: failed sign-ins per address, request budgets.

Both live in tables (``login_failure``, ``rate_bucket``), not in memory: a restart does
not forget them, and several server processes (uvicorn workers, two machines on one
PostgreSQL) share them. Each call runs in the caller's transaction and serialises on
the key: SQLite has one writer at a time (``BEGIN IMMEDIATE``, kiosk.server.db); on
PostgreSQL a transaction-scoped advisory lock per key, or the bucket's row lock.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models import utcnow
from kiosk.server.models import LoginFailure, RateBucket

LOGIN_LOCK = 7250502  # advisory lock class of the sign-in throttle (7250501: the change log)


def address_key(address: str) -> str:
    """Who is counted: an IPv4 address, an IPv6 one by its /64 (one home or one server
    is given a whole /64: counting each address would give it 2^64 tries)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]  # "unknown", or a name given by a test client
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


@dataclass(frozen=True)
class LoginThrottle:
    """At most *max_failures* failed sign-ins per address in a sliding *window_s*.

    An attempt is counted as failed before its password is checked (:meth:`take`, in
    its own committed transaction) and forgiven if it was right, so many attempts sent
    at once cannot slip past the limit.
    """

    max_failures: int = 5
    window_s: int = 15 * 60

    def take(self, session: Session, address: str, now: datetime) -> int:
        """0 and the attempt counted as failed, or the seconds to wait (>= 1)."""
        key = address_key(address)
        _lock(session, key)
        window = timedelta(seconds=self.window_s)
        # everyone's failures out of the window go: the table stays small
        session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - window))
        recent = session.scalars(
            select(LoginFailure.failed_at)
            .where(LoginFailure.address == key)
            .order_by(LoginFailure.failed_at.desc())
            .limit(self.max_failures)
        ).all()
        if len(recent) >= self.max_failures:
            wait = math.ceil((recent[-1] + window - now).total_seconds())
            return min(max(1, wait), self.window_s)  # a clock set back waits no longer
        session.add(LoginFailure(address=key, failed_at=now))
        return 0

    def forgive(self, session: Session, address: str) -> None:
        """The password was right: the address starts again from zero."""
        session.execute(delete(LoginFailure).where(LoginFailure.address == address_key(address)))


def _lock(session: Session, key: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:class, hashtext(:key))"),
            {"class": LOGIN_LOCK, "key": key},
        )


def take_token(session: Session, key: str, per_minute: int, now: datetime) -> int:
    """A token bucket per *key*: *per_minute* requests in a burst, refilled evenly.

    0 when the request may go on (a token taken), else the seconds to wait (>= 1).
    A clock that went back refills nothing, and never empties a bucket.
    """
    capacity, refill = float(per_minute), per_minute / 60.0  # tokens per second
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(RateBucket)
        .values(key=key, tokens=capacity, updated_at=now)
        .on_conflict_do_nothing(index_elements=[RateBucket.key])
    )
    bucket = session.execute(
        select(RateBucket).where(RateBucket.key == key).with_for_update()
    ).scalar_one()
    elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
    tokens = min(capacity, bucket.tokens + elapsed * refill)
    bucket.updated_at = max(now, bucket.updated_at)
    if tokens >= 1.0:
        bucket.tokens = tokens - 1.0
        return 0
    bucket.tokens = tokens
    return max(1, math.ceil((1.0 - tokens) / refill))


def spend_report_token(sessions: sessionmaker[Session], key: str, per_minute: int) -> int:
    """:func:`take_token` in its own transaction, for a report (a year's counts are the
    server's most costly answer): 0, or the seconds to wait."""
    with sessions() as session, session.begin():
        return take_token(session, key, per_minute, utcnow())
