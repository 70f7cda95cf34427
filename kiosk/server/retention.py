"""The server's own retention: identified visits older than ``retention_months`` lose
their member id, and years wholly past that get random visitor keys (kiosk.reports.tally), as
on the kiosks; the yearly counts do not change. The app runs it at start and daily."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import transaction
from kiosk.members.actions import months_before
from kiosk.reports.retention import anonymize_before, seal_years
from kiosk.server.models import TALLY, Visit
from kiosk.server.snapshots import table_of

log = logging.getLogger(__name__)
DAY_S = 24 * 3600


def apply_server_retention(
    sessions: sessionmaker[Session], *, months: int, now: datetime, tz: ZoneInfo
) -> dict[str, Any]:
    if months < 1:
        raise ValueError("keep identified visits at least one month")
    cutoff = months_before(now, months)
    with transaction(sessions) as session:
        anonymized = anonymize_before(session, table_of(Visit), cutoff)
        sealed = seal_years(session, TALLY, table_of(Visit), cutoff, tz)
    if anonymized or sealed:
        log.info("retention: %d visits made anonymous, years sealed: %s", anonymized, sealed)
    return {"months": months, "anonymized_visits": anonymized, "sealed_years": sealed}
