"""Fixtures for the core tests: a real site (config, secret, SQLite file) in tmp_path.

Nothing here imports Qt: these tests must run with PySide6 absent. Helpers are handed
out as fixtures (``paris``, ``now``) rather than imported from this file, because
tests/ui has a conftest.py of its own and ``import conftest`` would be ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.members.registration import NewMember, register_member
from kiosk.models import Member, MembershipStatus
from kiosk.site import Site, init_site

PARIS = ZoneInfo("Europe/Paris")


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An aware datetime, wall-clock time in Europe/Paris (the default site zone)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)


# A Wednesday afternoon, the lab is open; memberships in the fixtures run past it.
NOW = paris(2026, 11, 25, 14, 0)
VALID_UNTIL = date(2027, 6, 30)


@pytest.fixture(name="paris")
def paris_fixture() -> Callable[..., datetime]:
    """``paris(2026, 10, 24, 19)``: an aware datetime in Europe/Paris."""
    return paris


@pytest.fixture
def now() -> datetime:
    """A fixed Wednesday afternoon (2026-11-25 14:00 Paris) used as the scan time."""
    return NOW


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A fresh site with the two default spaces (fablab, coworking), default fablab."""
    return init_site(tmp_path / "site", "Fablab Test")


MakeMember = Callable[..., Member]


@pytest.fixture
def make_member(site: Site) -> MakeMember:
    """Register and commit a member (active until mid-2027 by default), as the kiosk would."""

    def make(
        first_name: str = "Camille",
        *,
        status: MembershipStatus = MembershipStatus.ACTIVE,
        valid_until: date | None = VALID_UNTIL,
        **fields: str,
    ) -> Member:
        with site.transaction() as session:
            return register_member(
                session,
                NewMember(first_name=first_name, **fields),
                consent_at=NOW,
                status=status,
                valid_until=valid_until,
            )

    return make
