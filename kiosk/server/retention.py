"""The server's retention: the rule of kiosk.reports.retention applied to the server's
tables (``retention_months``); the app runs it at start and daily, in every worker
process: on PostgreSQL the runs take turns (an advisory lock), and a run after another
finds nothing left to do."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.reports.retention import make_old_visits_anonymous, retention_cutoff
from kiosk.server.models import TALLY, Visit
from kiosk.server.snapshots import table_of

log = logging.getLogger(__name__)
DAY_S = 24 * 3600
RETENTION_LOCK = 7250504  # advisory lock (7250501-3: change log, sign-in, migrations)


def apply_server_retention(
    sessions: sessionmaker[Session], *, months: int, now: datetime, tz: ZoneInfo
) -> dict[str, Any]:
    cutoff = retention_cutoff(now, months)
    with transaction(sessions) as session:
        if session.get_bind().dialect.name == "postgresql":  # each worker runs it: in turn
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RETENTION_LOCK})
        done = make_old_visits_anonymous(session, table_of(Visit), TALLY, cutoff, tz)
    anonymized, sealed = done.anonymized_visits, done.sealed_years
    if anonymized or sealed:
        log.info("retention: %d visits made anonymous, years sealed: %s", anonymized, sealed)
    return {"months": months, "anonymized_visits": anonymized, "sealed_years": sealed}
