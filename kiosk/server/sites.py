"""The sites of a network on one server: made from the command line, each kiosk and staff
account attached to one, and what crosses between them (the places' names, the check of
a visiting member's badge). Nothing of one site's data is read or written for another:
every synced row has its ``site_id`` (kiosk.server.models), and the ingest and the change
log work for one :class:`Sender`, the token's kiosk and its site.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.badges import CROCKFORD, BadgeRefused, verify_token
from kiosk.plaintext import clean_text
from kiosk.server.models import Kiosk, Member, Site

CODE = re.compile(rf"[{CROCKFORD}]{{4}}")  # a kiosk's ``[site] id``, in its badges
KEY = re.compile(r"[0-9a-f]{32,128}")  # site.key as hex: 16 to 64 bytes


class SiteError(ValueError):
    """A site name taken, an unknown site, a code or key that does not fit: nothing was
    written. The message is for the person who typed the command."""


@dataclass(frozen=True)
class Sender:
    """Who pushes or pulls: the token's kiosk, and the site everything it does is in."""

    kiosk_id: int
    site_id: int

    @classmethod
    def of(cls, kiosk: Kiosk) -> Sender:
        return cls(kiosk.id, kiosk.site_id)


def site_name(text: str) -> str:
    name = " ".join(clean_text(text).split())
    if not name or len(name) > 120:
        raise SiteError('a site\'s name is 1 to 120 characters, e.g. "Fablab de Rennes"')
    return name


def zone_name(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise SiteError(f"unknown time zone {text!r}: give one like Europe/Paris") from None
    return text


def site_code(text: str) -> str:
    code = text.strip().upper()
    if not CODE.fullmatch(code):
        raise SiteError(
            f"{text!r} is not a site code: 4 characters from {CROCKFORD}, as in the kiosk's "
            "config.toml ([site] id) and its badges (FLK1.<code>....)"
        )
    return code


def add_site(
    session: Session, name: str, timezone: str = "Europe/Paris", code: str | None = None
) -> Site:
    name, timezone = site_name(name), zone_name(timezone)
    code = site_code(code) if code else None
    if session.scalar(select(Site).where(func.lower(Site.name) == name.lower())) is not None:
        raise SiteError(f"there is already a site named {name!r}")
    if code and session.scalar(select(Site).where(Site.code == code)) is not None:
        raise SiteError(f"the code {code} is already another site's")
    site = Site(name=name, timezone=timezone, code=code)
    session.add(site)
    session.flush()
    return site


def edit_site(
    session: Session,
    site: Site,
    *,
    name: str | None = None,
    timezone: str | None = None,
    code: str | None = None,
) -> Site:
    if name is not None:
        name = site_name(name)
        other = session.scalar(
            select(Site).where(func.lower(Site.name) == name.lower(), Site.id != site.id)
        )
        if other is not None:
            raise SiteError(f"there is already a site named {name!r}")
        site.name = name
    if timezone is not None:
        site.timezone = zone_name(timezone)
    if code is not None:
        code = site_code(code)
        other = session.scalar(select(Site).where(Site.code == code, Site.id != site.id))
        if other is not None:
            raise SiteError(f"the code {code} is already the site {other.name!r}'s")
        site.code = code
    session.flush()
    return site


def all_sites(session: Session) -> list[Site]:
    return list(session.scalars(select(Site).order_by(Site.id)))


def find_site(session: Session, given: str | None) -> Site:
    """The site a command names (its name, any case, or its code); without a name, the
    server's only site. Refused with the list of sites otherwise."""
    sites = all_sites(session)
    if given is None:
        if len(sites) == 1:
            return sites[0]
        raise SiteError(
            f"this server has {len(sites)} sites: say which one with --site "
            f"(its name or code; the sites: {_names(sites)})"
        )
    wanted = " ".join(given.split()).lower()
    for site in sites:
        if site.name.lower() == wanted or (site.code or "").lower() == wanted:
            return site
    raise SiteError(f"there is no site {given!r}; the sites are: {_names(sites)}")


def _names(sites: list[Site]) -> str:
    return ", ".join(repr(site.name) for site in sites)


class NetworkRefused(SiteError):
    """A kiosk told the server a site code or a key that is not its site's."""

    def __init__(self, message: str, *, conflict: bool) -> None:
        super().__init__(message)
        self.conflict = conflict  # 409 (a key) rather than 403 (a site)


def join_network(session: Session, kiosk: Kiosk, code: str, key: str) -> Site:
    """A kiosk tells its site's code and badge key; its site, checked and completed.

    The first kiosk of a site to tell them sets them; later kiosks must tell the same
    (the kiosks of one site share its site.key, or their badges differ). A code that is
    another site's means the kiosk was set up for that other site, or given the token of
    a kiosk of this one: refused, naming both.
    """
    site = session.get(Site, kiosk.site_id, with_for_update=True)
    assert site is not None
    code = site_code(code)
    key = key.strip().lower()
    if not KEY.fullmatch(key):
        raise SiteError("badge_key: the site's key as hex (its site.key file)")
    if site.code is None:
        taken = session.scalar(select(Site).where(Site.code == code))
        if taken is not None:
            raise NetworkRefused(_crossed(kiosk, site, code, taken), conflict=False)
        site.code = code
    elif site.code != code:
        taken = session.scalar(select(Site).where(Site.code == code))
        raise NetworkRefused(_crossed(kiosk, site, code, taken), conflict=False)
    if site.badge_key is None:
        site.badge_key = key
    elif site.badge_key != key:
        raise NetworkRefused(
            f"the site {site.name!r} already has another badge key: every kiosk of a site "
            "shares its site.key (copy it from the site's first kiosk, docs/install.md)",
            conflict=True,
        )
    session.flush()
    return site


def _crossed(kiosk: Kiosk, site: Site, code: str, taken: Site | None) -> str:
    mine = f"site {site.name!r}" + (f" (code {site.code})" if site.code else "")
    if taken is None:  # a kiosk of this site set up on its own, with a code of its own
        return (
            f"kiosk {kiosk.name!r} is of the {mine}, whose kiosks share the code "
            f"{site.code} and one site.key; this kiosk has the code {code}: copy [site] id "
            "from config.toml and site.key from the site's first kiosk (docs/install.md)"
        )
    return (
        f"the token of kiosk {kiosk.name!r} belongs to {mine}, but this kiosk is set up "
        f"for the site {taken.name!r} (code {code}): give it a token of its own site "
        "(server add-kiosk --site), or set it up with its site's config.toml and site.key"
    )


def network_places(session: Session, site_id: int) -> list[Site]:
    """The other sites whose members' badges can be checked here (their key is known)."""
    return list(
        session.scalars(
            select(Site)
            .where(Site.id != site_id, Site.code.is_not(None), Site.badge_key.is_not(None))
            .order_by(Site.name)
        )
    )


def home_site_of(session: Session, badge: str, home_code: str, here: int) -> Site:
    """The site whose member this badge is, its signature checked with that site's key.

    Raises :class:`SiteError` for a badge of this very site, of an unknown site or one
    without a key, whose signature does not match (forged or altered), or that its
    home site revoked (a newer badge, an erased member)."""
    site = session.scalar(select(Site).where(Site.code == home_code))
    if site is None or site.badge_key is None:
        raise SiteError(f"no site of this network has the code {home_code!r}")
    if site.id == here:
        raise SiteError("a badge of this site is not a network visitor's")
    try:
        token = verify_token(badge, bytes.fromhex(site.badge_key), home_code)
    except BadgeRefused as exc:
        raise SiteError(f"network badge refused: {exc.detail}") from None
    # the home site's members, as its kiosks synced them: a badge replaced by a newer
    # one, or of an erased member, is refused here as at home (a member not synced yet
    # is let in: their badge's signature is good)
    member = session.execute(
        select(Member.badge_version, Member.erased).where(
            Member.site_id == site.id, Member.short_code == token.short_code
        )
    ).first()
    if member is not None and (member.erased or member.badge_version > token.version):
        raise SiteError("network badge refused: it was replaced by a newer badge at home")
    return site


def network_visitor_key(home_key: bytes, badge: str, year: int) -> str:
    """The visitor key of a network visitor's visits of *year*: one person (their badge's
    site and short code, whatever its version) counted once per site visited, not their
    member id nor their short code, made with their home site's key."""
    _prefix, site, short_code = badge.strip().split(".")[:3]
    message = f"network|{site}|{short_code}|{year}".encode()
    return "n" + hmac.new(home_key, message, hashlib.sha256).hexdigest()[:23]
