"""Whose badge is this? The one rule that check-in, the tutorials and staff mode share.

A signed badge (``FLK1....``) must verify under this site's key, name a member who was
not erased, and not be *older* than the member's current badge: a reissued badge makes
the earlier ones revoked everywhere. A badge *newer* than the one this kiosk knows was
reissued on another kiosk and signed with this site's key, so it is the member's (check-in
then records the newer version). A typed short code is accepted only where the caller says
so: it is printed on the badge for anyone to read, so it never opens staff mode.

A badge of *another* place is refused as another site's, unless that place is one of
the network's (``network_place``, listed by the central server): then
:func:`network_badge` says whose place it is. Its signature cannot be checked here (a
kiosk never holds another site's key): the server checks it when the visit reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.badges import (
    PREFIX,
    BadgeRefused,
    BadgeToken,
    Refusal,
    normalize_short_code,
    read_token,
    verify_token,
)
from kiosk.models import Member, NetworkPlace


@dataclass(frozen=True)
class BadgeOwner:
    member: Member
    version: int | None  # the version of the signed badge shown; None for a typed code


def badge_owner(
    session: Session,
    secret: bytes,
    site_id: str,
    text: str,
    *,
    accept_code: bool,
    typed: bool = False,
) -> BadgeOwner:
    """The member *text* (a scanned badge, or a short code when *accept_code*) stands for.

    *typed* says a person keyed the text in on the keypad: then it is a short code or a
    typo (an unknown code), never a badge or a foreign QR code. Raises
    :class:`BadgeRefused` with the reason the screens word: not a badge, damaged, forged,
    another site's, unknown member, revoked, unknown code.
    """
    text = text.strip()
    if not typed and text.upper().startswith(PREFIX + "."):
        token = verify_token(text.upper(), secret, site_id)
        member = _member_with_code(session, token.short_code)
        if member is None:
            raise BadgeRefused(Refusal.UNKNOWN_MEMBER, "this badge belongs to no member here")
        if token.version < member.badge_version:
            raise BadgeRefused(
                Refusal.REVOKED,
                f"badge version {token.version} was replaced by {member.badge_version}",
            )
        return BadgeOwner(member, token.version)
    code = normalize_short_code(text)
    if accept_code and (typed or code is not None):
        if code is None:
            raise BadgeRefused(Refusal.UNKNOWN_CODE, f"no member has the code {text!r}")
    else:
        raise BadgeRefused(Refusal.NOT_A_BADGE, "this QR code is not a fab-lab badge")
    member = _member_with_code(session, code)
    if member is None:
        raise BadgeRefused(Refusal.UNKNOWN_CODE, f"no member has the code {text!r}")
    return BadgeOwner(member, None)


def _member_with_code(session: Session, code: str) -> Member | None:
    member = session.scalar(select(Member).where(Member.short_code == code))
    return None if member is None or member.erased else member


@dataclass(frozen=True)
class NetworkBadge:
    """A badge of another place of the network, its form checked (not its signature)."""

    token: BadgeToken
    text: str  # the badge as scanned, stripped: the server checks its signature
    place_name: str

    @property
    def home_site(self) -> str:
        return self.token.site_id


def network_badge(session: Session, site_id: str, text: str) -> NetworkBadge | None:
    """*text* as a scanned badge of a listed place of the network, or None (then the
    scan is refused as :func:`badge_owner` says: another site's, damaged...).

    Never for a typed short code: those are local to each place (the caller does not
    pass them here)."""
    text = text.strip().upper()
    try:
        token = read_token(text)
    except BadgeRefused:
        return None
    if token.site_id == site_id:
        return None
    place = session.get(NetworkPlace, token.site_id)
    if place is None:
        return None
    return NetworkBadge(token, text, place.name)
