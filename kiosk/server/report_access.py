"""Whose counts a reader may see, in one place for the API and the staff web pages.

- a kiosk's token: its own site's report, nothing else;
- a staff account: its site's (an account of no site on a one-site server: that site);
- a network account (``server add-staff --network``): any site's, and the network's.

A refusal is a :class:`ReportRefused` with an HTTP status and a message in French and
English, never a report of another site.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.server.models import Kiosk
from kiosk.server.report import SiteRow
from kiosk.server.staff_session import SignedIn


@dataclass(frozen=True)
class Reader:
    """Who asks: ``key`` names its request budget (``kiosk:3``, ``staff:7``)."""

    key: str
    site_id: int | None
    network: bool = False


@dataclass(frozen=True)
class Scope:
    """What is read: one site, or the whole network (``site`` None)."""

    site: SiteRow | None

    @property
    def network(self) -> bool:
        return self.site is None


class ReportRefused(Exception):
    def __init__(self, status: int, french: str, english: str) -> None:
        super().__init__(f"{french} / {english}")
        self.status = status
        self.french = french
        self.english = english


def kiosk_reader(kiosk: Kiosk) -> Reader:
    return Reader(f"kiosk:{kiosk.id}", kiosk.site_id)


def staff_reader(staff: SignedIn) -> Reader:
    """A signed-in account (its session is checked: a removed account has none)."""
    return Reader(f"staff:{staff.account_id}", staff.site_id, staff.network)


def own_site(reader: Reader, sites: list[SiteRow]) -> SiteRow | None:
    """The reader's site; an account of no site on a one-site server has that one."""
    if reader.site_id is None:
        return sites[0] if len(sites) == 1 else None
    return next((site for site in sites if site.id == reader.site_id), None)


def scope_for(
    reader: Reader, sites: list[SiteRow], site: str | None = None, network: bool = False
) -> Scope:
    """What *reader* gets when asking for *site* (a name), the *network*, or neither
    (its own site; a network account's own, else the network)."""
    if site is not None and network:
        raise ReportRefused(
            400,
            "demandez un site ou tout le réseau, pas les deux",
            "ask for one site or the whole network, not both",
        )
    mine = own_site(reader, sites)
    if site is not None:
        asked = next((s for s in sites if s.name == site), None)
        if asked is None:
            raise ReportRefused(404, f"aucun site nommé « {site} »", f"no site named {site!r}")
        if reader.network or (mine is not None and asked.id == mine.id):
            return Scope(asked)
        raise _only_own(mine)
    if network:
        if reader.network:
            return Scope(None)
        raise _only_own(mine)
    if mine is not None:
        return Scope(mine)
    if reader.network:
        return Scope(None)
    raise _only_own(mine)


def _only_own(mine: SiteRow | None) -> ReportRefused:
    if mine is None:
        return ReportRefused(
            403,
            "ce compte n'est rattaché à aucun site : demandez un compte réseau (--network)",
            "this account belongs to no site: ask for a network account (--network)",
        )
    return ReportRefused(
        403,
        f"ce compte ne voit que les chiffres de son site, « {mine.name} »",
        f"this account sees only its own site's counts ({mine.name}); "
        "other sites and the network need a network account",
    )
