"""One rule for whose badge this is: check-in, the tutorials and staff mode agree.

A revoked badge, a forged one, another site's, an erased member: refused by all three
callers alike; the current badge and one reissued on another kiosk (newer): accepted by
all three; a typed short code: check-in and tutorials yes, staff mode never.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.badges import Refusal, format_short_code, make_token
from kiosk.checkin import Outcome
from kiosk.frontdesk import FrontDesk
from kiosk.members.actions import erase_member
from kiosk.models import CheckinMethod, Member
from kiosk.site import Site

from .conftest import MakeMember


@pytest.fixture
def desk(site: Site) -> FrontDesk:
    return FrontDesk(site)


@pytest.fixture
def staff_member(site: Site, make_member: MakeMember, desk: FrontDesk) -> Member:
    member = make_member("Inès")
    desk.set_staff(member.id, True)
    return member


def _token(site: Site, member: Member, version: int) -> str:
    return make_token(site.secret, site.settings.site_id, member.short_code, version)


def _callers(desk: FrontDesk, text: str, method: CheckinMethod) -> tuple[bool, bool, bool]:
    """(check-in accepted, tutorials know the trainee, staff mode opens) for *text*."""
    scanned = desk.scan(text, method).outcome is not Outcome.REFUSED
    return scanned, desk.member_for_badge(text) is not None, desk.staff_badge(text) is not None


def test_a_revoked_badge_is_refused_by_every_caller(
    site: Site, desk: FrontDesk, staff_member: Member
) -> None:
    first = _token(site, staff_member, 1)
    assert desk.staff_badge(first) == "Inès"
    desk.reissue_badge(staff_member.id)
    assert _callers(desk, first, CheckinMethod.BADGE) == (False, False, False)
    assert desk.scan(first, CheckinMethod.BADGE).reason is Refusal.REVOKED
    assert _callers(desk, _token(site, staff_member, 2), CheckinMethod.BADGE) == (True,) * 3


def test_a_badge_reissued_on_another_kiosk_is_accepted_by_every_caller(
    site: Site, desk: FrontDesk, staff_member: Member
) -> None:
    newer = _token(site, staff_member, 3)  # this kiosk has not heard of version 3 yet
    assert _callers(desk, newer, CheckinMethod.BADGE) == (True,) * 3


def test_a_typed_code_never_opens_staff_mode(desk: FrontDesk, staff_member: Member) -> None:
    typed = format_short_code(staff_member.short_code).lower()
    assert _callers(desk, typed, CheckinMethod.CODE) == (True, True, False)


@pytest.mark.parametrize(
    ("make_text", "reason"),
    [
        (lambda site, m: make_token(b"other lab", "ZZZZ", m.short_code, 1), Refusal.OTHER_SITE),
        (
            lambda site, m: make_token(b"made up", site.settings.site_id, m.short_code, 1),
            Refusal.FORGED,
        ),
        (lambda site, m: "https://example.org/", Refusal.NOT_A_BADGE),
        (lambda site, m: site.badge_token(m)[:-3], Refusal.DAMAGED),
    ],
)
def test_bad_badges_are_refused_by_every_caller(
    site: Site, desk: FrontDesk, staff_member: Member, make_text: object, reason: Refusal
) -> None:
    text = make_text(site, staff_member)  # type: ignore[operator]
    assert _callers(desk, text, CheckinMethod.BADGE) == (False, False, False)
    assert desk.scan(text, CheckinMethod.BADGE).reason is reason


def test_an_erased_members_badge_is_nobodys(
    site: Site, desk: FrontDesk, staff_member: Member, now: datetime
) -> None:
    token = site.badge_token(staff_member)
    with site.transaction() as session:
        erase_member(session, staff_member.id, now=now)
    assert _callers(desk, token, CheckinMethod.BADGE) == (False, False, False)
    assert desk.scan(token, CheckinMethod.BADGE).reason is Refusal.UNKNOWN_MEMBER


def test_typed_garbage_is_an_unknown_code_and_a_foreign_qr_is_not_a_badge(
    desk: FrontDesk,
) -> None:
    assert desk.scan("zzzz", CheckinMethod.CODE).reason is Refusal.UNKNOWN_CODE
    assert desk.scan("ZZZZ-ZZZZ", CheckinMethod.CODE).reason is Refusal.UNKNOWN_CODE
    assert desk.scan("hello world", CheckinMethod.BADGE).reason is Refusal.NOT_A_BADGE
