"""What staff do with members, as the core rules it (the screens only show the result)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.members.actions import member_row, renew_membership
from kiosk.models import Member
from kiosk.site import Site

from .conftest import MakeMember


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (None, date(2027, 11, 25)),  # never paid: a year from today
        (date(2026, 3, 1), date(2027, 11, 25)),  # lapsed: from today, not from the old end
        (date(2027, 6, 30), date(2028, 6, 30)),  # still running: from its end
        (date(2028, 2, 29), date(2029, 2, 28)),  # a leap day ends on 28 February
    ],
)
def test_what_staff_are_offered_is_what_renewing_does(
    site: Site, make_member: MakeMember, now: datetime, valid_until: date | None, expected: date
) -> None:
    member = make_member(valid_until=valid_until)
    today = now.date()
    with site.transaction() as session:
        offered = member_row(session.get_one(Member, member.id), today).renewal_end
        renewed = renew_membership(session, member.id, today=today, now=now)
        assert offered == renewed.valid_until == expected
