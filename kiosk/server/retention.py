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
from kiosk.reports.retention import anonymize_before, retention_cutoff, seal_years
from kiosk.server.models import TALLY, Visit
from kiosk.server.report import all_sites
from kiosk.server.snapshots import table_of

log = logging.getLogger(__name__)
DAY_S = 24 * 3600
RETENTION_LOCK = 7250504  # advisory lock (7250501-3: change log, sign-in, migrations)


def apply_server_retention(
    sessions: sessionmaker[Session], *, months: int, now: datetime, tz: ZoneInfo
) -> dict[str, Any]:
    """Old visits made anonymous, old years sealed in each site's own zone (the one its
    tallies count in; *tz*, the server's, no longer decides a site's years)."""
    del tz
    cutoff = retention_cutoff(now, months)
    with transaction(sessions) as session:
        if session.get_bind().dialect.name == "postgresql":  # each worker runs it: in turn
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RETENTION_LOCK})
        visit = table_of(Visit)
        anonymized = anonymize_before(session, visit, cutoff)
        # each site's years in its own zone (its tallies are counted in it)
        sealed = sorted(
            {
                year
                for site in all_sites(session)
                for year in seal_years(session, TALLY, visit, cutoff, site.timezone, site.id)
            }
        )
    if anonymized or sealed:
        log.info("retention: %d visits made anonymous, years sealed: %s", anonymized, sealed)
    return {"months": months, "anonymized_visits": anonymized, "sealed_years": sealed}
