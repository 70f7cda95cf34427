"""The trainee at the door (kiosk.workshops.door), on a real SQLite site, no Qt: what the
sign screen is told, the signature and "cannot sign" it stores, late arrivals and early
leaves through the ordinary check-in and check-out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from kiosk.checkin import Outcome, scan
from kiosk.models import CheckinMethod, Member
from kiosk.site import Site
from kiosk.workshops.attendance import Who, current_marks, set_mark, trail
from kiosk.workshops.door import (
    DoorState,
    WorkshopDoor,
    cannot_sign_at_door,
    record_leaving,
    sign_at_door,
    signing_at_door,
)
from kiosk.workshops.models import Mark
from kiosk.workshops.pdf.sheet import cell_text
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from kiosk.workshops.refusals import Why, WorkshopRefused
from kiosk.workshops.sheet import build_sheet
from kiosk.workshops.signatures import unpack

SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]


def refused(why: Why) -> pytest.RaisesExc[WorkshopRefused]:
    return pytest.raises(WorkshopRefused, check=lambda e: e.why is why)


@pytest.fixture
def day(site: Site, paris: Callable[..., datetime]) -> str:
    """A workshop on 2 December 2026, 09:30-16:30: a morning and an afternoon."""
    with site.transaction() as session:
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop("Premiers pas numériques", "fablab", title_en="First digital steps"),
            set(),
        )
        meeting = add_sessions(
            session,
            site.settings,
            workshop.id,
            paris(2026, 12, 2, 9, 30),
            paris(2026, 12, 2, 16, 30),
            today=date(2026, 11, 25),
        )[0]
        return meeting.id


@pytest.fixture
def trainee(site: Site, day: str, make_member: Callable[..., Member]) -> Member:
    member = make_member("Inès", last_name="Benali")
    with site.transaction() as session:
        from kiosk.workshops.models import WorkshopSession

        workshop_id = session.get_one(WorkshopSession, day).workshop_id
        enrol(session, workshop_id, member.id, now=datetime(2026, 11, 20, tzinfo=site.settings.tz))
    return member


def check(site: Site, member: Member, at: datetime) -> Outcome:
    with site.transaction() as session:
        return scan(
            session,
            site.settings,
            site.secret,
            member.short_code,
            method=CheckinMethod.CODE,
            now=at,
        ).outcome


def box(site: Site, day: str, half: int, member: Member):  # type: ignore[no-untyped-def]
    with site.sessions() as session:
        entry = current_marks(session, day)[(half, member.id)]
        session.expunge(entry)
        return entry


def test_the_sign_screen_gets_the_title_the_first_name_and_the_half_day(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    assert check(site, trainee, paris(2026, 12, 2, 9, 20)) is Outcome.CHECKED_IN
    with site.sessions() as session:
        signing = signing_at_door(
            session, site.settings, trainee.id, day, paris(2026, 12, 2, 9, 20)
        )
        afternoon = signing_at_door(session, site.settings, trainee.id, day, paris(2026, 12, 2, 14))
        after = signing_at_door(session, site.settings, trainee.id, day, paris(2026, 12, 2, 17))
    assert signing is not None and after is None
    assert (signing.first_name, signing.title("fr"), signing.title("en")) == (
        "Inès",
        "Premiers pas numériques",
        "First digital steps",
    )
    assert "Benali" not in repr(signing)  # the public screen shows first names only
    assert (signing.half, signing.halves, signing.afternoon) == (0, 2, False)
    assert (signing.starts_at.hour, signing.ends_at.hour) == (9, 13)
    assert signing.state is DoorState.TO_SIGN
    assert afternoon is not None and afternoon.half == 1 and afternoon.state is DoorState.TO_SIGN


def test_a_signature_is_stored_with_the_badge_the_kiosk_and_the_time_once_per_half_day(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    check(site, trainee, paris(2026, 12, 2, 9, 25))
    at = paris(2026, 12, 2, 9, 26)
    with site.transaction() as session:
        sign_at_door(session, site.settings, trainee.id, day, 0, SIGNATURE, at)
    entry = box(site, day, 0, trainee)
    assert entry.mark is Mark.SIGNED and unpack(entry.strokes or "") == SIGNATURE
    assert entry.identity == f"badge:{trainee.id}:{trainee.badge_version}"
    assert entry.kiosk_id == site.settings.kiosk_id and entry.signed_at == at
    assert entry.arrived_at is None  # on time: came before the start
    with site.transaction() as session, refused(Why.ALREADY_SIGNED):
        sign_at_door(session, site.settings, trainee.id, day, 0, SIGNATURE, at)
    with site.sessions() as session:
        again = signing_at_door(session, site.settings, trainee.id, day, at)
        assert again is not None and again.state is DoorState.SIGNED
        assert [e.mark for e in trail(session, day)] == [Mark.DESK, Mark.SIGNED]


def test_an_empty_pad_and_a_closed_half_day_are_refused_and_nothing_is_stored(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    check(site, trainee, paris(2026, 12, 2, 12, 50))
    with site.transaction() as session, refused(Why.NO_STROKES) as caught:
        sign_at_door(session, site.settings, trainee.id, day, 0, [], paris(2026, 12, 2, 12, 51))
    assert "signez avec le doigt" in caught.value.message("fr")
    # greeted for the morning at 12:50, Valider at 13:02: not filed under the afternoon
    with site.transaction() as session, refused(Why.SIGNING_CLOSED) as caught:
        sign_at_door(
            session, site.settings, trainee.id, day, 0, SIGNATURE, paris(2026, 12, 2, 13, 2)
        )
    assert "13:00" in caught.value.message("fr")
    with site.transaction() as session, refused(Why.SIGNING_CLOSED):
        cannot_sign_at_door(session, site.settings, trainee.id, day, 0, paris(2026, 12, 2, 13, 2))
    assert box(site, day, 0, trainee).mark is Mark.DESK


def test_cannot_sign_waits_for_staff_then_is_countersigned(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    check(site, trainee, paris(2026, 12, 2, 9, 25))
    with site.transaction() as session:
        cannot_sign_at_door(session, site.settings, trainee.id, day, 0, paris(2026, 12, 2, 9, 26))
    entry = box(site, day, 0, trainee)
    assert entry.mark is Mark.CANNOT_SIGN and entry.countersigned_by is None
    assert entry.identity.startswith("badge:") and entry.strokes is None
    with site.sessions() as session:
        sheet = build_sheet(session, site.settings, day)
        text = cell_text(sheet.rows[0].cells[0], site.settings, "fr")
        assert "en attente du contreseing" in text
        signing = signing_at_door(
            session, site.settings, trainee.id, day, paris(2026, 12, 2, 9, 30)
        )
        assert signing is not None and signing.state is DoorState.CANNOT_SIGN
    with site.transaction() as session:
        set_mark(
            session,
            site.settings,
            day,
            trainee.id,
            0,
            Mark.CANNOT_SIGN,
            who=Who.staff("Alex", "desk"),
            now=paris(2026, 12, 2, 10),
            countersigned_by="Alex",
        )
    with site.sessions() as session:
        sheet = build_sheet(session, site.settings, day)
        assert "contresigné par Alex" in cell_text(sheet.rows[0].cells[0], site.settings, "fr")


def test_a_late_arrival_keeps_its_time_through_the_signature_and_leaving_early_too(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    arrived = paris(2026, 12, 2, 10, 5)
    check(site, trainee, arrived)
    assert box(site, day, 0, trainee).arrived_at == arrived
    with site.transaction() as session:
        sign_at_door(
            session, site.settings, trainee.id, day, 0, SIGNATURE, paris(2026, 12, 2, 10, 6)
        )
    signed = box(site, day, 0, trainee)
    assert signed.mark is Mark.SIGNED and signed.arrived_at == arrived
    left = paris(2026, 12, 2, 11, 40)
    assert check(site, trainee, left) is Outcome.CHECKED_OUT  # the usual check-out
    entry = box(site, day, 0, trainee)
    assert (entry.mark, entry.arrived_at, entry.left_at) == (Mark.SIGNED, arrived, left)
    assert entry.strokes == signed.strokes
    with site.sessions() as session:
        text = cell_text(
            build_sheet(session, site.settings, day).rows[0].cells[0], site.settings, "fr"
        )
    assert "arrivée 10:05" in text and "départ 11:40" in text


def test_leaving_outside_a_half_day_under_way_changes_no_box(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    check(site, trainee, paris(2026, 12, 2, 9, 5))  # early
    assert check(site, trainee, paris(2026, 12, 2, 9, 20)) is Outcome.CHECKED_OUT  # before 9:30
    assert box(site, day, 0, trainee).left_at is None
    with site.sessions() as session:
        assert len(trail(session, day)) == 1
    # not enrolled in anything under way: nothing at all
    with site.transaction() as session:
        assert record_leaving(session, site.settings, trainee.id, paris(2026, 12, 3, 10)) is None


def test_the_front_desk_door_runs_each_call_in_its_own_transaction(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    clock = [paris(2026, 12, 2, 14, 10)]
    door = WorkshopDoor(site.transaction, lambda: site.settings, lambda: clock[0], site.secret)
    check(site, trainee, clock[0])
    signing = door.signing(trainee.id, day)
    assert signing is not None and signing.half == 1
    door.sign(signing, SIGNATURE)
    assert box(site, day, 1, trainee).mark is Mark.SIGNED
    with pytest.raises(WorkshopRefused):
        door.cannot_sign(signing)


def test_in_since_the_morning_the_badge_again_at_noon_asks_for_the_afternoon(
    site: Site, day: str, trainee: Member, paris: Callable[..., datetime]
) -> None:
    check(site, trainee, paris(2026, 12, 2, 9, 20))
    door = WorkshopDoor(site.transaction, lambda: site.settings, lambda: at[0], site.secret)
    code = trainee.short_code
    at = [paris(2026, 12, 2, 11)]  # the morning is already marked: the scan checks out
    assert door.signing_while_in(code, CheckinMethod.CODE) is None
    at = [paris(2026, 12, 2, 13, 10)]
    signing = door.signing_while_in(code, CheckinMethod.CODE)
    assert signing is not None and (signing.half, signing.afternoon) == (1, True)
    assert door.signing_while_in("not a badge", CheckinMethod.BADGE) is None
    door.sign(signing, SIGNATURE)
    assert box(site, day, 1, trainee).mark is Mark.SIGNED
    assert door.signing_while_in(code, CheckinMethod.CODE) is None  # signed: now it checks out
    assert check(site, trainee, at[0]) is Outcome.CHECKED_OUT
    # out of the building: the next scan checks in as usual, not "sign while in"
    assert door.signing_while_in(code, CheckinMethod.CODE) is None
