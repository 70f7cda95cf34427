"""Which site a staff page shows: a site's staff see their own; a network account
(``server add-staff --network``) picks any (``?site=<id or name>``, the first by default).
The sites as the reports read them (kiosk.server.report.SiteRow)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.server.report import SiteRow, all_sites
from kiosk.server.staff_session import SignedIn


def sites_seen(session: Session, staff: SignedIn) -> list[SiteRow]:
    """The sites this account may see, by name (a network account: all of them)."""
    return [s for s in all_sites(session) if staff.network or s.id == staff.site_id]


def site_for(session: Session, staff: SignedIn, wanted: str | None) -> SiteRow | None:
    """The site a page shows for *wanted* (the ``site`` query parameter); None when the
    account may not see it (another site's, for a site's staff) or it does not exist."""
    seen = sites_seen(session, staff)
    if wanted is None or not wanted.strip():
        return seen[0] if seen else None
    wanted = " ".join(wanted.split()).lower()  # its id, or its name as the reports take it
    return next((s for s in seen if wanted in (str(s.id), s.name.lower())), None)
