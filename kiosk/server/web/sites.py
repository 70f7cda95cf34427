"""Which site a staff page shows: a site's staff see their own; a network account
(``server add-staff --network``) picks any (``?site=<id or name>``, the first by default)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.server.models import Site
from kiosk.server.staff_session import SignedIn


@dataclass(frozen=True)
class SiteView:
    id: int
    name: str
    timezone: str


def sites_seen(session: Session, staff: SignedIn) -> list[SiteView]:
    """The sites this account may see, by name (a network account: all of them)."""
    query = select(Site.id, Site.name, Site.timezone).order_by(Site.name)
    if not staff.network:
        query = query.where(Site.id == staff.site_id)
    return [SiteView(*row) for row in session.execute(query)]


def site_for(session: Session, staff: SignedIn, wanted: str | None) -> SiteView | None:
    """The site a page shows for *wanted* (the ``site`` query parameter); None when the
    account may not see it (another site's, for a site's staff) or it does not exist."""
    seen = sites_seen(session, staff)
    if wanted is None or not wanted.strip():
        return seen[0] if seen else None
    wanted = " ".join(wanted.split()).lower()  # its id, or its name as the reports take it
    return next((s for s in seen if wanted in (str(s.id), s.name.lower())), None)
