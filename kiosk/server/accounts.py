"""Kiosk tokens and staff accounts: made once from the command line, kept only as hashes."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.plaintext import has_control
from kiosk.scrypt import scrypt_hash, scrypt_verify
from kiosk.server.models import Kiosk, StaffAccount, StaffSession
from kiosk.server.sites import SiteError, find_site

MIN_PASSWORD = 8


class AccountError(SiteError):
    """A name already taken, a password too short: nothing was created."""


def hash_token(token: str) -> str:
    """Tokens are 256 random bits: a fast hash is enough (nothing to brute-force)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_kiosk_token() -> str:
    """256 random bits, URL-safe, never starting with ``-``: a volunteer types
    ``--token TOKEN`` and a token that looks like an option would be refused by the
    command line (one in 64 did, with ``secrets.token_urlsafe`` alone)."""
    while True:
        token = secrets.token_urlsafe(32)
        if token[0].isalnum():
            return token


def add_kiosk(session: Session, name: str, site: str | None = None) -> tuple[Kiosk, str]:
    """A new kiosk of *site* (its name or code; the only site when there is one) and its
    token; the token is returned once and never stored."""
    name = name.strip()
    if not name or len(name) > 80:
        raise AccountError("a kiosk name is 1 to 80 characters")
    if session.scalar(select(Kiosk).where(Kiosk.name == name)) is not None:
        raise AccountError(f"there is already a kiosk named {name!r}")
    home = find_site(session, site)
    token = new_kiosk_token()
    kiosk = Kiosk(name=name, token_hash=hash_token(token), site_id=home.id)
    session.add(kiosk)
    session.flush()
    return kiosk, token


def kiosk_for_token(session: Session, token: str) -> Kiosk | None:
    return session.scalar(select(Kiosk).where(Kiosk.token_hash == hash_token(token)))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a staff password has at least {MIN_PASSWORD} characters")
    return scrypt_hash(password)


def verify_password(password: str, stored: str) -> bool:
    return scrypt_verify(password, stored)


def add_staff(
    session: Session,
    username: str,
    password: str,
    site: str | None = None,
    *,
    network: bool = False,
) -> StaffAccount:
    """A staff account of *site* (the only site when there is one); a *network* account
    sees every site's pages and the network's, and belongs to none."""
    username = username.strip()
    if not username or len(username) > 80:
        raise AccountError("a staff username is 1 to 80 characters")
    if has_control(username):
        raise AccountError("a staff username cannot hold control characters (NUL, tab...)")
    if session.scalar(select(StaffAccount).where(StaffAccount.username == username)):
        raise AccountError(f"there is already a staff account named {username!r}")
    if network and site is not None:
        raise AccountError("a network account sees every site: give --network or --site, not both")
    home = None if network else find_site(session, site)
    account = StaffAccount(
        username=username,
        password_hash=hash_password(password),
        site_id=None if home is None else home.id,
        network=network,
    )
    session.add(account)
    session.flush()
    return account


def remove_staff(session: Session, username: str) -> int:
    """The account deleted and its sessions ended at once; how many were open."""
    account = None
    if not has_control(username):  # no account has one (and PostgreSQL refuses a NUL)
        account = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
    if account is None:
        raise AccountError(f"there is no staff account named {username!r}")
    ended = session.execute(delete(StaffSession).where(StaffSession.account_id == account.id))
    session.delete(account)
    session.flush()
    return int(getattr(ended, "rowcount", 0))
