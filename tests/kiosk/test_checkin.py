"""Check-in and check-out at the door: what the visitor sees and what staff count later."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.badges import Refusal, format_short_code, make_token
from kiosk.checkin import (
    Outcome,
    ScanResult,
    close_forgotten_visits,
    count_guests,
    just_arrived,
    open_visits,
    scan,
    set_visit_details,
    visit_json,
)
from kiosk.models import CheckinMethod, Member, MembershipStatus, Visit
from kiosk.site import Site

MakeMember = Callable[..., Member]
Paris = Callable[..., datetime]


def scan_at(
    site: Site,
    text: str,
    now: datetime,
    method: CheckinMethod = CheckinMethod.BADGE,
    **kwargs: str,
) -> ScanResult:
    """One scan in its own transaction, as the kiosk does it."""
    with site.transaction() as session:
        return scan(session, site.settings, site.secret, text, method=method, now=now, **kwargs)


def all_visits(site: Site) -> list[Visit]:
    with site.sessions() as session:
        return list(session.scalars(select(Visit).order_by(Visit.checked_in_at)))


def stored_member(site: Site, member_id: str) -> Member:
    with site.sessions() as session:
        member = session.get(Member, member_id)
        assert member is not None
        return member


def update_member(site: Site, member_id: str, **values: object) -> None:
    with site.transaction() as session:
        member = session.get(Member, member_id)
        assert member is not None
        for key, value in values.items():
            setattr(member, key, value)


# --- in, out, repeat ----------------------------------------------------------------------


def test_first_scan_checks_in_and_the_next_checks_out(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member("Camille")
    token = site.badge_token(member)

    first = scan_at(site, token, now)
    assert first.outcome is Outcome.CHECKED_IN
    assert first.first_name == "Camille"
    assert first.membership is MembershipStatus.ACTIVE
    assert first.space == "fablab"  # the site's default space
    [visit] = all_visits(site)
    assert visit.member_id == member.id
    assert visit.checked_out_at is None
    assert visit.method is CheckinMethod.BADGE
    assert visit.kiosk_id == "door"

    second = scan_at(site, token, now + timedelta(hours=2, minutes=15))
    assert second.outcome is Outcome.CHECKED_OUT
    assert second.visit_id == first.visit_id
    assert second.duration == timedelta(hours=2, minutes=15)
    [visit] = all_visits(site)
    assert visit.checked_out_at == now + timedelta(hours=2, minutes=15)
    assert not visit.auto_closed

    third = scan_at(site, token, now + timedelta(hours=3))
    assert third.outcome is Outcome.CHECKED_IN
    assert third.visit_id != first.visit_id
    assert len(all_visits(site)) == 2


def test_a_scan_inside_the_repeat_window_changes_nothing(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    token = site.badge_token(make_member())
    window = site.settings.repeat_window_s
    first = scan_at(site, token, now)

    again = scan_at(site, token, now + timedelta(seconds=window - 1))
    assert again.outcome is Outcome.REPEAT
    assert again.visit_id == first.visit_id
    assert again.accepted
    [visit] = all_visits(site)
    assert visit.checked_out_at is None

    # Once the window has passed, the same badge checks out.
    out = scan_at(site, token, now + timedelta(seconds=window))
    assert out.outcome is Outcome.CHECKED_OUT
    # ... and shown again right away it does not check back in.
    assert scan_at(site, token, now + timedelta(seconds=window + 1)).outcome is Outcome.REPEAT
    assert len(all_visits(site)) == 1


def test_the_repeat_window_is_per_member(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    first, second = make_member("Camille"), make_member("Hugo")
    assert scan_at(site, site.badge_token(first), now).outcome is Outcome.CHECKED_IN
    later = now + timedelta(seconds=1)
    assert scan_at(site, site.badge_token(second), later).outcome is Outcome.CHECKED_IN
    assert len(all_visits(site)) == 2


def test_scan_records_the_chosen_space_and_purpose(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    token = site.badge_token(make_member())
    result = scan_at(site, token, now, space="coworking", purpose="meeting")
    assert result.space == "coworking"
    [visit] = all_visits(site)
    assert (visit.space, visit.purpose) == ("coworking", "meeting")


# --- badges that are refused --------------------------------------------------------------


def test_old_badge_of_a_reissued_member_is_revoked(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member()
    old_token = site.badge_token(member)
    update_member(site, member.id, badge_version=2)

    result = scan_at(site, old_token, now)
    assert result.outcome is Outcome.REFUSED
    assert result.reason is Refusal.REVOKED
    assert all_visits(site) == []

    new_token = site.badge_token(stored_member(site, member.id))
    assert scan_at(site, new_token, now).outcome is Outcome.CHECKED_IN


def test_newer_badge_version_is_accepted_and_revokes_the_older(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    """A badge reissued on another kiosk of the same site (same key) is known by its version."""
    member = make_member()
    newer = make_token(site.secret, site.settings.site_id, member.short_code, 3)

    assert scan_at(site, newer, now).outcome is Outcome.CHECKED_IN
    assert stored_member(site, member.id).badge_version == 3

    older = make_token(site.secret, site.settings.site_id, member.short_code, 2)
    result = scan_at(site, older, now + timedelta(hours=1))
    assert result.reason is Refusal.REVOKED
    [visit] = all_visits(site)
    assert visit.checked_out_at is None  # the refused badge did not check anyone out


def test_signed_badge_of_nobody_here_is_unknown_member(site: Site, now: datetime) -> None:
    token = make_token(site.secret, site.settings.site_id, "ZZZZZZZZ", 1)
    result = scan_at(site, token, now)
    assert result.reason is Refusal.UNKNOWN_MEMBER
    assert all_visits(site) == []


def test_erased_member_is_refused_by_badge_and_by_code(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member()
    update_member(site, member.id, erased=True)
    assert scan_at(site, site.badge_token(member), now).reason is Refusal.UNKNOWN_MEMBER
    code = scan_at(site, member.short_code, now, CheckinMethod.CODE)
    assert code.reason is Refusal.UNKNOWN_CODE
    assert all_visits(site) == []


def test_refusals_record_no_visit_and_no_member_data(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member()
    forged = make_token(b"x" * 32, site.settings.site_id, member.short_code, 1)
    for text in (forged, "hello", "https://example.org", site.badge_token(member)[:-3]):
        result = scan_at(site, text, now)
        assert result.outcome is Outcome.REFUSED
        assert not result.accepted
        assert result.reason is not None and result.detail
        assert result.member_id is None and result.first_name is None
    assert all_visits(site) == []


# --- typed short codes --------------------------------------------------------------------


def test_typed_short_code_checks_in(site: Site, make_member: MakeMember, now: datetime) -> None:
    member = make_member()
    typed = format_short_code(member.short_code).lower()  # "abcd-efgh"
    result = scan_at(site, typed, now, CheckinMethod.CODE)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.member_id == member.id
    [visit] = all_visits(site)
    assert visit.method is CheckinMethod.CODE

    spaced = " ".join(member.short_code)
    out = scan_at(site, spaced, now + timedelta(hours=1), CheckinMethod.CODE)
    assert out.outcome is Outcome.CHECKED_OUT


@pytest.mark.parametrize("typed", ["ZZZZ-ZZZZ", "12", "FLK1.ABCD"])
def test_unknown_typed_code_is_refused(
    site: Site, make_member: MakeMember, now: datetime, typed: str
) -> None:
    make_member()
    result = scan_at(site, typed, now, CheckinMethod.CODE)
    assert result.reason is Refusal.UNKNOWN_CODE
    assert all_visits(site) == []


# --- membership status is told, the visit still counts ------------------------------------


def test_expired_membership_still_records_the_visit(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member(valid_until=now.date() - timedelta(days=1))
    result = scan_at(site, site.badge_token(member), now)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.membership is MembershipStatus.EXPIRED
    assert len(all_visits(site)) == 1


def test_membership_valid_until_today_is_still_active(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member(valid_until=now.date())
    assert scan_at(site, site.badge_token(member), now).membership is MembershipStatus.ACTIVE


def test_pending_membership_still_records_the_visit(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member(status=MembershipStatus.PENDING, valid_until=None)
    result = scan_at(site, member.short_code, now, CheckinMethod.CODE)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.membership is MembershipStatus.PENDING
    assert len(all_visits(site)) == 1


# --- visits left open ---------------------------------------------------------------------


def test_visit_left_open_yesterday_is_closed_at_closing_time(
    site: Site, make_member: MakeMember, paris: Paris
) -> None:
    token = site.badge_token(make_member())
    yesterday = scan_at(site, token, paris(2026, 11, 24, 15, 30))

    today = scan_at(site, token, paris(2026, 11, 25, 14, 0))
    assert today.outcome is Outcome.CHECKED_IN  # not a check-out of yesterday's visit
    assert today.closed_forgotten_visit
    assert today.visit_id != yesterday.visit_id

    old, new = all_visits(site)
    assert old.id == yesterday.visit_id
    assert old.auto_closed
    assert old.checked_out_at == paris(2026, 11, 24, 23, 0)  # site closing_time, local
    assert new.checked_out_at is None and not new.auto_closed


def test_close_forgotten_visits_leaves_todays_visits_open(
    site: Site, make_member: MakeMember, paris: Paris
) -> None:
    early, late = make_member("Camille"), make_member("Hugo")
    scan_at(site, site.badge_token(early), paris(2026, 11, 24, 18, 0))
    scan_at(site, site.badge_token(late), paris(2026, 11, 25, 10, 0))
    with site.transaction() as session:
        count_guests(session, site.settings, head_count=3, now=paris(2026, 11, 24, 16, 0))

    with site.transaction() as session:
        closed = close_forgotten_visits(session, site.settings, paris(2026, 11, 25, 14, 0))
    assert closed == 1

    by_member = {v.member_id: v for v in all_visits(site)}
    assert by_member[early.id].checked_out_at == paris(2026, 11, 24, 23, 0)
    assert by_member[early.id].auto_closed
    assert by_member[late.id].checked_out_at is None
    assert by_member[None].checked_out_at is None  # guests are counted, never checked out

    with site.transaction() as session:
        assert close_forgotten_visits(session, site.settings, paris(2026, 11, 25, 14, 5)) == 0
        # Still open one minute before tonight's closing, closed at it.
        assert close_forgotten_visits(session, site.settings, paris(2026, 11, 25, 22, 59)) == 0
        assert close_forgotten_visits(session, site.settings, paris(2026, 11, 25, 23, 0)) == 1


@pytest.mark.parametrize(
    ("day", "utc_closing", "local_text"),
    [
        (24, datetime(2026, 10, 24, 21, 0, tzinfo=UTC), "2026-10-24T23:00:00+02:00"),  # summer
        (25, datetime(2026, 10, 25, 22, 0, tzinfo=UTC), "2026-10-25T23:00:00+01:00"),  # winter
    ],
)
def test_closing_time_follows_the_dst_change(
    site: Site,
    make_member: MakeMember,
    paris: Paris,
    day: int,
    utc_closing: datetime,
    local_text: str,
) -> None:
    """Clocks go back on 2026-10-25: 23:00 in Paris is 21:00 UTC before, 22:00 UTC after."""
    scan_at(site, site.badge_token(make_member()), paris(2026, 10, day, 19, 0))
    with site.transaction() as session:
        assert close_forgotten_visits(session, site.settings, paris(2026, 10, 27, 9, 0)) == 1
    [visit] = all_visits(site)
    assert visit.checked_out_at == utc_closing
    assert visit_json(visit, site.settings.tz)["checked_out_at"] == local_text


# --- guests -------------------------------------------------------------------------------


def test_a_group_of_guests_is_one_anonymous_row(site: Site, now: datetime) -> None:
    with site.transaction() as session:
        count_guests(session, site.settings, head_count=5, now=now, purpose="workshop")
    [visit] = all_visits(site)
    assert visit.head_count == 5
    assert visit.member_id is None and visit.is_guest
    assert visit.method is CheckinMethod.GUEST
    assert visit.purpose == "workshop"
    assert visit.space == "fablab"


@pytest.mark.parametrize("head_count", [1, 50])
def test_guest_group_limits_are_accepted(site: Site, now: datetime, head_count: int) -> None:
    with site.transaction() as session:
        count_guests(session, site.settings, head_count=head_count, now=now)
    assert [v.head_count for v in all_visits(site)] == [head_count]


@pytest.mark.parametrize(
    ("head_count", "purpose"), [(0, None), (51, None), (-3, None), (2, "partying")]
)
def test_wrong_guest_count_or_purpose_is_refused(
    site: Site, now: datetime, head_count: int, purpose: str | None
) -> None:
    with pytest.raises(ValueError), site.transaction() as session:
        count_guests(session, site.settings, head_count=head_count, now=now, purpose=purpose)
    assert all_visits(site) == []


# --- details tapped after check-in --------------------------------------------------------


def test_set_visit_details_validates_space_and_purpose(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    visit_id = scan_at(site, site.badge_token(make_member()), now).visit_id
    assert visit_id is not None
    with site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space="coworking", purpose="project")
    with pytest.raises(ValueError, match="space"), site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space="kitchen", purpose=None)
    with pytest.raises(ValueError, match="purpose"), site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space=None, purpose="nap")
    with pytest.raises(LookupError), site.transaction() as session:
        set_visit_details(session, site.settings, "no-such-visit", space="fablab", purpose=None)
    # Skipping one keeps what was there.
    with site.transaction() as session:
        set_visit_details(session, site.settings, visit_id, space=None, purpose="meeting")
    [visit] = all_visits(site)
    assert (visit.space, visit.purpose) == ("coworking", "meeting")


# --- who is in, and the JSON shape --------------------------------------------------------


def test_open_visits_lists_the_members_in_the_building(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    camille, hugo, lea = make_member("Camille"), make_member("Hugo"), make_member("Léa")
    scan_at(site, site.badge_token(hugo), now)
    scan_at(site, site.badge_token(camille), now + timedelta(minutes=5))
    scan_at(site, site.badge_token(lea), now + timedelta(minutes=10))
    scan_at(site, site.badge_token(lea), now + timedelta(minutes=40))  # Léa left
    with site.transaction() as session:
        count_guests(session, site.settings, head_count=4, now=now)

    with site.sessions() as session:
        inside = open_visits(session)
        assert [v.member.first_name for v in inside if v.member] == ["Hugo", "Camille"]
    assert all(v.member_id for v in inside)


def test_visit_json_shape_has_local_times_with_offsets(
    site: Site, make_member: MakeMember, paris: Paris
) -> None:
    member = make_member()
    token = site.badge_token(member)
    scan_at(site, token, paris(2026, 7, 1, 10, 0), space="coworking")
    scan_at(site, token, paris(2026, 7, 1, 12, 30))
    scan_at(site, token, paris(2026, 12, 2, 9, 15))
    summer, winter = (visit_json(v, site.settings.tz) for v in all_visits(site))

    expected_keys = {"id", "member_id", "space", "checked_in_at", "checked_out_at"}
    assert expected_keys <= set(summer)
    assert summer["member_id"] == member.id
    assert summer["space"] == "coworking"
    assert summer["method"] == "badge"
    assert summer["checked_in_at"] == "2026-07-01T10:00:00+02:00"
    assert summer["checked_out_at"] == "2026-07-01T12:30:00+02:00"
    assert winter["checked_in_at"] == "2026-12-02T09:15:00+01:00"
    assert winter["checked_out_at"] is None
    assert summer["id"] != winter["id"]


def test_a_clock_set_back_never_checks_out_before_the_check_in(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    """NTP sets the kiosk's clock back an hour between the two scans: the visit ends when
    it began, not before (the server refuses a visit that ends before it begins)."""
    token = site.badge_token(make_member("Camille"))
    assert scan_at(site, token, now).outcome is Outcome.CHECKED_IN
    out = scan_at(site, token, now - timedelta(hours=1))
    assert out.outcome is Outcome.CHECKED_OUT and out.checked_out_at == now
    [visit] = all_visits(site)
    assert visit.checked_out_at == visit.checked_in_at == now


def test_a_second_scan_minutes_after_check_in_is_told_apart(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    """The screen asks "leaving already?" only for an open visit a few minutes old."""
    member = make_member("Camille")
    token = site.badge_token(member)

    def arrived(at: datetime, text: str = token) -> datetime | None:
        with site.transaction() as session:
            found = just_arrived(
                session, site.settings, site.secret, text, method=CheckinMethod.BADGE, now=at
            )
            assert found is None or found.first_name == "Camille"
            return None if found is None else found.checked_in_at

    assert arrived(now) is None  # not in
    scan_at(site, token, now)
    assert arrived(now + timedelta(seconds=2)) is None  # the repeat window: nothing to ask
    assert arrived(now + timedelta(minutes=2)) == now
    assert arrived(now + timedelta(minutes=2), member.short_code) == now  # a typed code too
    assert arrived(now + timedelta(minutes=10)) is None  # a real goodbye
    assert arrived(now + timedelta(minutes=2), "https://example.org") is None
    assert len(all_visits(site)) == 1  # asking changed nothing
    scan_at(site, token, now + timedelta(minutes=3))
    assert arrived(now + timedelta(minutes=4)) is None  # out: nothing to ask
