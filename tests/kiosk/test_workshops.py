"""Workshops and attendance sheets, on a real SQLite site (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from kiosk.checkin import scan
from kiosk.members.actions import erase_member
from kiosk.models import CheckinMethod, Visit
from kiosk.site import Site
from kiosk.workshops.attendance import (
    Who,
    attendance_at_checkin,
    current_marks,
    set_mark,
    set_times,
    sign,
    trail,
)
from kiosk.workshops.counts import workshop_counts
from kiosk.workshops.models import AttendanceEntry, Mark, WorkshopSession
from kiosk.workshops.planning import (
    NewWorkshop,
    add_sessions,
    add_workshop,
    cancel_session,
    enrol,
    enrol_new_trainee,
    move_session,
    set_last_payment,
    withdraw,
)
from kiosk.workshops.refusals import Why, WorkshopRefused
from kiosk.workshops.retention import past_retention, purge_signatures
from kiosk.workshops.sheet import build_sheet, close_session, verify_seal
from kiosk.workshops.signatures import pack, unpack, validate_strokes

TUTORIALS = {"workshop-safety", "fdm-printer", "laser-cutter"}
SIGNATURE = [[(0.1, 0.5, 0), (0.3, 0.2, 120), (0.5, 0.7, 260), (0.9, 0.4, 400)]]
DESK = Who("staff:Alex", "desk")
TODAY = date(2026, 11, 25)


def refused(why: Why) -> pytest.RaisesExc[WorkshopRefused]:
    return pytest.raises(WorkshopRefused, check=lambda e: e.why is why)


@pytest.fixture
def workshop_id(site: Site) -> str:
    with site.transaction() as session:
        return add_workshop(
            session,
            site.settings,
            NewWorkshop(
                "Premiers pas numériques",
                "fablab",
                title_en="First digital steps",
                trainers="Sam Martin",
                tutorials=["workshop-safety", "fdm-printer"],
                funder="FSE+ Inclusion",
                funding_mention="Cofinancé par l'Union européenne",
            ),
            TUTORIALS,
        ).id


def add(site: Site, workshop_id: str, start: datetime, end: datetime, weekly: int = 1) -> list[str]:
    with site.transaction() as session:
        made = add_sessions(
            session, site.settings, workshop_id, start, end, today=TODAY, weekly=weekly
        )
        return [m.id for m in made]


def test_a_weekly_series_keeps_its_wall_clock_time_across_daylight_saving(
    site: Site, workshop_id: str, paris: Callable[..., datetime]
) -> None:
    ids = add(site, workshop_id, paris(2026, 10, 14, 14), paris(2026, 10, 14, 17), weekly=6)
    with site.sessions() as session:
        starts = [session.get_one(WorkshopSession, i).starts_at for i in ids]
    local = [s.astimezone(site.settings.tz) for s in starts]
    assert [d.day for d in local] == [14, 21, 28, 4, 11, 18]
    assert {(d.hour, d.minute, d.weekday()) for d in local} == {(14, 0, 2)}  # Wednesdays 14:00


def test_bad_plans_are_refused_with_clear_words(
    site: Site, workshop_id: str, paris: Callable[..., datetime]
) -> None:
    add(site, workshop_id, paris(2026, 12, 2, 14), paris(2026, 12, 2, 17))
    with refused(Why.OVERLAP) as caught:
        add(site, workshop_id, paris(2026, 12, 2, 16), paris(2026, 12, 2, 18))
    assert "déjà pris par « Premiers pas numériques »" in caught.value.message("fr")
    assert "already taken" in caught.value.message("en")
    with refused(Why.END_BEFORE_START):
        add(site, workshop_id, paris(2026, 12, 9, 17), paris(2026, 12, 9, 14))
    with refused(Why.IMPLAUSIBLE_DATE):
        add(site, workshop_id, paris(9999, 12, 31, 14), paris(9999, 12, 31, 17))
    # a series with one clash is refused whole
    with refused(Why.OVERLAP):
        add(site, workshop_id, paris(2026, 11, 25, 14), paris(2026, 11, 25, 17), weekly=3)
    with site.sessions() as session:
        assert len(session.scalars(select(WorkshopSession)).all()) == 1
    with site.transaction() as session, refused(Why.UNKNOWN_TUTORIAL) as caught:
        add_workshop(
            session, site.settings, NewWorkshop("X", "fablab", tutorials=["lasr"]), TUTORIALS
        )
    assert "lasr" in caught.value.message("fr")
    with site.transaction() as session, refused(Why.UNKNOWN_SPACE):
        add_workshop(session, site.settings, NewWorkshop("X", "garage"), TUTORIALS)


def test_a_trainee_is_enrolled_once_and_may_come_back(
    site: Site, workshop_id: str, make_member: Callable[..., object], now: datetime
) -> None:
    member_id = make_member("Inès").id  # type: ignore[attr-defined]
    with site.transaction() as session:
        enrol(session, workshop_id, member_id, now=now)
    with site.transaction() as session, refused(Why.ALREADY_ENROLLED) as caught:
        enrol(session, workshop_id, member_id, now=now)
    assert "Inès est déjà inscrit·e" in caught.value.message("fr")
    with site.transaction() as session:
        withdraw(session, workshop_id, member_id, now=now)
        again = enrol(session, workshop_id, member_id, now=now + timedelta(hours=1))
        assert again.withdrawn_at is None
        new = enrol_new_trainee(session, workshop_id, "Yacine", now=now)
        assert new.member_id != member_id


@pytest.fixture
def day_session(site: Site, workshop_id: str, paris: Callable[..., datetime]) -> str:
    """A full day, 09:30-16:30 Paris: a morning and an afternoon to sign."""
    return add(site, workshop_id, paris(2026, 12, 2, 9, 30), paris(2026, 12, 2, 16, 30))[0]


def test_a_day_is_two_half_days_and_signing_late_needs_staff_and_a_reason(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    member_id = make_member("Inès").id  # type: ignore[attr-defined]
    with site.transaction() as session:
        enrol(session, workshop_id, member_id, now=paris(2026, 11, 20))
    with site.transaction() as session:
        entry = sign(
            session,
            site.settings,
            day_session,
            member_id,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 2, 9, 20),
        )
        assert entry.half == 0
    with site.transaction() as session, refused(Why.SIGNING_CLOSED):
        sign(
            session,
            site.settings,
            day_session,
            member_id,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 2, 17),
            half=1,
        )
    with site.transaction() as session, refused(Why.NEEDS_REASON):
        sign(
            session,
            site.settings,
            day_session,
            member_id,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 2, 17),
            half=1,
            late_allowed_by="Alex",
        )
    with site.transaction() as session:
        late = sign(
            session,
            site.settings,
            day_session,
            member_id,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 2, 17),
            half=1,
            late_allowed_by="Alex",
            reason="pad en panne",
        )
        assert (late.half, late.late_allowed_by, late.reason) == (1, "Alex", "pad en panne")
    with site.transaction() as session, refused(Why.NOT_STARTED):
        sign(
            session,
            site.settings,
            day_session,
            member_id,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 2, 8, 0),
        )


@pytest.mark.parametrize(
    ("strokes", "why"),
    [
        ([], Why.NO_STROKES),
        ([[]], Why.NO_STROKES),
        ([[(0.5, 0.5, 0), (0.501, 0.5, 10)]], Why.NO_STROKES),  # a dot
        ([[(0.1, 0.1, 0), (1.5, 0.2, 10)]], Why.BAD_SIGNATURE),  # off the pad
        ([[(0.1, 0.1, 0), (float("nan"), 0.2, 10)]], Why.BAD_SIGNATURE),
        ([[(0.1, 0.1, 0), (0.4, 0.2, 10**9)]], Why.BAD_SIGNATURE),  # eleven days to sign
        ([[(0.1, 0.1, 0)] * 2001], Why.BAD_SIGNATURE),
        ("scribble", Why.BAD_SIGNATURE),
    ],
)
def test_absurd_signatures_are_refused(strokes: object, why: Why) -> None:
    with refused(why):
        validate_strokes(strokes)


def test_strokes_pack_small_and_come_back() -> None:
    packed = pack(validate_strokes(SIGNATURE))
    assert unpack(packed)[0][1] == (0.3, 0.2, 120)
    assert len(packed) < 80


def test_staff_marks_the_trail_keeps_everything_and_the_seal_shows_later_changes(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    ines, yacine, lou = (make_member(n).id for n in ("Inès", "Yacine", "Lou"))  # type: ignore[attr-defined]
    with site.transaction() as session:
        for member_id in (ines, yacine, lou):
            enrol(session, workshop_id, member_id, now=paris(2026, 11, 20))
    at = paris(2026, 12, 2, 10)
    with site.transaction() as session:
        sign(session, site.settings, day_session, ines, SIGNATURE, who=DESK, now=at)
        set_mark(session, site.settings, day_session, yacine, 0, Mark.ABSENT, who=DESK, now=at)
        set_mark(
            session,
            site.settings,
            day_session,
            yacine,
            0,
            Mark.EXCUSED,
            who=DESK,
            now=at,
            reason="rendez-vous médical",
        )
        with refused(Why.NEEDS_STAFF):
            set_mark(
                session, site.settings, day_session, lou, 0, Mark.CANNOT_SIGN, who=DESK, now=at
            )
        set_mark(
            session,
            site.settings,
            day_session,
            lou,
            0,
            Mark.CANNOT_SIGN,
            who=DESK,
            now=at,
            countersigned_by="Alex Dupont",
        )
        set_times(
            session,
            site.settings,
            day_session,
            ines,
            0,
            who=DESK,
            now=at,
            arrived_at=paris(2026, 12, 2, 10, 30),
        )
    with site.sessions() as session:
        marks = current_marks(session, day_session)
        assert marks[(0, yacine)].mark is Mark.EXCUSED
        assert [e.mark for e in trail(session, day_session) if e.member_id == yacine] == [
            Mark.ABSENT,
            Mark.EXCUSED,
        ]
        assert marks[(0, ines)].strokes is not None  # the times kept the signature
    close = paris(2026, 12, 2, 16, 45)
    with site.transaction() as session:
        meeting = close_session(session, site.settings, day_session, who=DESK, by="Sam", now=close)
        assert meeting.seal is not None and len(meeting.seal) == 64
    with site.sessions() as session:
        sheet = build_sheet(session, site.settings, day_session)
        assert all(c.mark is not None for row in sheet.rows for c in row.cells)  # no empty box
        assert sheet.rows[0].cells[1].mark is Mark.ABSENT  # filled at closing
        assert verify_seal(session, day_session).intact
    # a correction after closing is kept, and shows
    with site.transaction() as session:
        set_mark(
            session,
            site.settings,
            day_session,
            yacine,
            1,
            Mark.EXCUSED,
            who=DESK,
            now=close + timedelta(days=1),
            reason="oubli",
        )
    with site.sessions() as session:
        assert not verify_seal(session, day_session).intact
    # so does an edit behind the program's back
    with site.transaction() as session:
        session.execute(
            update(AttendanceEntry).where(AttendanceEntry.member_id == ines).values(reason="x")
        )
    with site.sessions() as session:
        check = verify_seal(session, day_session)
        assert check.sealed and not check.intact


def test_checkin_in_a_session_window_marks_the_trainee_present_without_signature(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    member = make_member("Inès")
    with site.transaction() as session:
        enrol(session, workshop_id, member.id, now=paris(2026, 11, 20))  # type: ignore[attr-defined]
        assert (
            attendance_at_checkin(session, site.settings, member.id, paris(2026, 12, 2, 8, 59))
            is None
        )  # type: ignore[attr-defined]
        door = attendance_at_checkin(session, site.settings, member.id, paris(2026, 12, 2, 13, 5))  # type: ignore[attr-defined]
        assert door is not None and door.half == 1
    with site.transaction() as session:
        result = scan(
            session,
            site.settings,
            site.secret,
            member.short_code,  # type: ignore[attr-defined]
            method=CheckinMethod.DESK,
            now=paris(2026, 12, 2, 9, 10),
        )
    assert result.workshop_session_id == day_session
    with site.sessions() as session:
        assert session.scalars(select(Visit)).one().member_id == member.id  # type: ignore[attr-defined]
        box = current_marks(session, day_session)[(0, member.id)]  # type: ignore[attr-defined]
        assert box.mark is Mark.DESK and box.strokes is None


def test_counts_by_funder_and_age_and_unchanged_by_erasure(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    ines = make_member("Inès", age_bracket="45-64").id  # type: ignore[attr-defined]
    yacine = make_member("Yacine", age_bracket="18-25").id  # type: ignore[attr-defined]
    with site.transaction() as session:
        for member_id in (ines, yacine):
            enrol(session, workshop_id, member_id, now=paris(2026, 11, 20))
        at = paris(2026, 12, 2, 10)
        for half, hour in ((0, 10), (1, 14)):
            moment = paris(2026, 12, 2, hour)
            entry = sign(session, site.settings, day_session, ines, SIGNATURE, who=DESK, now=moment)
            assert entry.half == half  # the half-day under way
        set_mark(session, site.settings, day_session, yacine, 0, Mark.DESK, who=DESK, now=at)
        set_times(
            session,
            site.settings,
            day_session,
            yacine,
            0,
            who=DESK,
            now=at,
            left_at=paris(2026, 12, 2, 11, 30),
        )
        cancelled = add_sessions(
            session,
            site.settings,
            workshop_id,
            paris(2026, 12, 9, 9),
            paris(2026, 12, 9, 12),
            today=at.date(),
        )[0]
        cancel_session(session, cancelled.id, now=at)
    with site.sessions() as session:
        counts = workshop_counts(session, site.settings.tz, 2026)
    # Inès 3.5 h + 3.5 h; Yacine 09:30-11:30
    assert (counts.workshops, counts.sessions, counts.half_days) == (1, 1, 2)
    assert (counts.trainees, counts.trainee_hours) == (2, 9.0)
    assert [(g.key, g.trainees, g.trainee_hours) for g in counts.by_funder] == [
        ("FSE+ Inclusion", 2, 9.0)
    ]
    assert [(g.key, g.trainee_hours) for g in counts.by_age] == [("18-25", 2.0), ("45-64", 7.0)]
    with site.transaction() as session:
        erase_member(session, ines, now=at)
    with site.sessions() as session:
        assert workshop_counts(session, site.settings.tz, 2026) == counts
        assert current_marks(session, day_session)[(0, ines)].strokes is None
        assert build_sheet(session, site.settings, day_session).rows[-1].erased
        assert workshop_counts(session, site.settings.tz, 2025).trainees == 0


def test_signatures_are_purged_past_retention_only_after_export(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    ines = make_member("Inès").id  # type: ignore[attr-defined]
    at = paris(2026, 12, 2, 10)
    with site.transaction() as session:
        enrol(session, workshop_id, ines, now=paris(2026, 11, 20))
        sign(session, site.settings, day_session, ines, SIGNATURE, who=DESK, now=at)
        close_session(session, site.settings, day_session, who=DESK, by="Sam", now=at)
        set_last_payment(session, workshop_id, paris(2027, 3, 1).date(), today=at.date())
    with site.sessions() as session:
        # European social fund: 5 years from 31 December of the last payment's year (2027)
        assert past_retention(session, site.settings, paris(2032, 12, 31).date()) == []
        due = past_retention(session, site.settings, paris(2033, 1, 1).date())
        assert [(d.session_id, d.signatures) for d in due] == [(day_session, 1)]
    later = paris(2033, 1, 2)
    with site.transaction() as session, refused(Why.NOT_EXPORTED):
        purge_signatures(
            session, site.settings, [day_session], exported=False, today=later.date(), now=later
        )
    with site.transaction() as session:
        assert (
            purge_signatures(
                session, site.settings, [day_session], exported=True, today=later.date(), now=later
            )
            == 1
        )
    with site.sessions() as session:
        assert current_marks(session, day_session)[(0, ines)].mark is Mark.SIGNED
        assert verify_seal(session, day_session).intact  # the seal covers the strokes' hash


def test_a_session_with_marks_cannot_move(
    site: Site,
    workshop_id: str,
    day_session: str,
    make_member: Callable[..., object],
    paris: Callable[..., datetime],
) -> None:
    ines = make_member("Inès").id  # type: ignore[attr-defined]
    at = paris(2026, 12, 2, 10)
    with site.transaction() as session:
        move_session(
            session,
            site.settings,
            day_session,
            paris(2026, 12, 3, 9, 30),
            paris(2026, 12, 3, 16, 30),
            today=at.date(),
        )
        enrol(session, workshop_id, ines, now=paris(2026, 11, 20))
        sign(
            session,
            site.settings,
            day_session,
            ines,
            SIGNATURE,
            who=DESK,
            now=paris(2026, 12, 3, 10),
        )
    with site.transaction() as session, refused(Why.ALREADY_MARKED):
        move_session(
            session,
            site.settings,
            day_session,
            paris(2026, 12, 4, 9, 30),
            paris(2026, 12, 4, 16, 30),
            today=at.date(),
        )


def test_migration_0006_makes_exactly_the_workshop_tables(site: Site) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kiosk.models import Base

    engine = site.sessions.kw["bind"]
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
