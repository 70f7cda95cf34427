"""Opening hours on the days that break naive code, exceptions, and the ``hours`` commands.

The site is in Europe/Paris with French public holidays (the defaults); hours are
evaluated by opening-hours-py, exceptions live in the real SQLite database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from kiosk.cli.main import main
from kiosk.config import Space
from kiosk.hours import (
    HoursState,
    SpaceHours,
    add_exception,
    hours_json,
    list_exceptions,
    load_hours,
    next_change_any,
    remove_exception,
)
from kiosk.models import HoursException
from kiosk.site import Site

Paris = Callable[..., datetime]
EXAMPLE = "We,Fr 14:00-20:00; Sa 10:00-18:00; PH off; 2026 Dec 24-2027 Jan 02 off"


def with_spaces(site: Site, **hours: str) -> Site:
    """The site with one space per keyword (id=opening_hours), saved as staff would."""
    spaces = tuple(Space(i, {"fr": i.title(), "en": i.title()}, h) for i, h in hours.items())
    site.settings = replace(site.settings, spaces=spaces, default_space=None)
    site.data_dir.save_settings(site.settings)
    return site


def hours_of(site: Site, space: str = "lab") -> SpaceHours:
    with site.sessions() as session:
        return load_hours(site.settings, list_exceptions(session))[space]


def lab(site: Site, opening_hours: str) -> SpaceHours:
    return hours_of(with_spaces(site, lab=opening_hours))


def add(site: Site, **fields: Any) -> HoursException:
    with site.transaction() as session:
        return add_exception(session, site.settings, **fields)


def spans(slots: Sequence[Any]) -> list[tuple[str, str]]:
    return [(s.start.isoformat(), s.end.isoformat()) for s in slots]


# --- the days that break naive code ----------------------------------------------------


def test_spring_forward_night_slot_and_offsets(site: Site, paris: Paris) -> None:
    hours = lab(site, "Sa 18:00-23:00; Su 01:00-04:00; Mo 09:00-12:00")
    assert hours.next_change(paris(2026, 3, 28, 19)) == paris(2026, 3, 28, 23)
    assert hours.next_change(paris(2026, 3, 28, 19)).isoformat() == "2026-03-28T23:00:00+01:00"
    closes = hours.next_change(paris(2026, 3, 29, 1, 30))
    assert hours.state(paris(2026, 3, 29, 1, 30)) is HoursState.OPEN
    assert closes is not None and closes.isoformat() == "2026-03-29T04:00:00+02:00"
    # 01:00 to 04:00 that night lasts two hours, not three
    (slot,) = hours.slots(date(2026, 3, 29))
    assert slot.end - slot.start == timedelta(hours=3)  # wall-clock difference, same zone
    assert slot.end.astimezone(UTC) - slot.start.astimezone(UTC) == timedelta(hours=2)
    monday = hours.next_change(paris(2026, 3, 29, 5))
    assert monday is not None and monday.isoformat() == "2026-03-30T09:00:00+02:00"


def test_fall_back_night_slot_and_offsets(site: Site, paris: Paris) -> None:
    hours = lab(site, "Sa 18:00-23:00; Su 01:00-04:00")
    saturday = hours.next_change(paris(2026, 10, 24, 19))
    assert saturday is not None and saturday.isoformat() == "2026-10-24T23:00:00+02:00"
    # 00:30 UTC is 02:30 summer time, the first of the two 02:30s
    at = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert hours.state(at) is HoursState.OPEN
    closes = hours.next_change(at)
    assert closes is not None and closes.isoformat() == "2026-10-25T04:00:00+01:00"
    assert closes.astimezone(UTC) == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    (slot,) = hours.slots(date(2026, 10, 25))
    assert slot.end.astimezone(UTC) - slot.start.astimezone(UTC) == timedelta(hours=4)


@pytest.mark.parametrize(
    "holiday",
    [date(2026, 12, 25), date(2026, 7, 14), date(2026, 4, 6), date(2026, 5, 25)],
    ids=["christmas", "14-july", "easter-monday", "whit-monday"],
)
def test_public_holidays_closed_with_ph_off(site: Site, paris: Paris, holiday: date) -> None:
    hours = lab(site, "Mo-Sa 10:00-18:00; PH off")
    noon = paris(holiday.year, holiday.month, holiday.day, 12)
    assert hours.state(noon) is HoursState.CLOSED
    assert hours.slots(holiday) == []
    reopens = hours.next_change(noon)
    assert reopens == noon + timedelta(days=1) - timedelta(hours=2)  # next day 10:00
    assert hours.state(noon + timedelta(days=1)) is HoursState.OPEN


def test_new_years_eve_late_opening(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="We,Fr 14:00-20:00; Sa 10:00-18:00; PH off")
    add(
        site,
        space="lab",
        starts_on=date(2026, 12, 31),
        opens_at=time(20),
        closes_at=time(2),
        comment="Réveillon",
    )
    hours = hours_of(site)
    assert hours.state(paris(2026, 12, 31, 19)) is HoursState.CLOSED
    assert hours.next_change(paris(2026, 12, 31, 19)) == paris(2026, 12, 31, 20)
    assert hours.state(paris(2026, 12, 31, 23, 59)) is HoursState.OPEN
    # past midnight, on a public holiday the rest of the day: still open until 02:00
    assert hours.state(paris(2027, 1, 1, 1)) is HoursState.OPEN
    assert hours.comment(paris(2027, 1, 1, 1)) == "Réveillon"
    assert hours.next_change(paris(2027, 1, 1, 1)) == paris(2027, 1, 1, 2)
    assert hours.state(paris(2027, 1, 1, 15)) is HoursState.CLOSED
    assert spans(hours.slots(date(2026, 12, 31))) == [
        ("2026-12-31T20:00:00+01:00", "2027-01-01T02:00:00+01:00")
    ]
    assert hours.slots(date(2027, 1, 1)) == []


def test_slot_crossing_midnight(site: Site, paris: Paris) -> None:
    hours = lab(site, "Fr 20:00-02:00")
    saturday_1am = paris(2026, 11, 28, 1)
    assert hours.state(saturday_1am) is HoursState.OPEN
    assert hours.next_change(saturday_1am) == paris(2026, 11, 28, 2)
    assert hours.state(paris(2026, 11, 28, 2)) is HoursState.CLOSED
    # one slot, on the Friday it starts on
    assert spans(hours.slots(date(2026, 11, 27))) == [
        ("2026-11-27T20:00:00+01:00", "2026-11-28T02:00:00+01:00")
    ]
    assert hours.slots(date(2026, 11, 28)) == []


def test_space_closed_for_a_whole_week(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="Mo-Fr 09:00-18:00; Sa 10:00-18:00; PH off", other="Mo-Su 10:00-11:00")
    add(
        site,
        space="lab",
        starts_on=date(2026, 11, 23),
        ends_on=date(2026, 11, 29),
        comment="Inventaire",
    )
    hours = hours_of(site)
    for day, slots in hours.week(date(2026, 11, 23)):
        noon = paris(day.year, day.month, day.day, 12)
        assert hours.state(noon) is HoursState.CLOSED, day
        assert hours.comment(noon) == "Inventaire"
        assert slots == []
        # "opens Monday 30 at 09:00", not "at midnight" when the comment ends
        assert hours.next_change(noon) == paris(2026, 11, 30, 9)
    assert hours.next_update(paris(2026, 11, 29, 12)) == paris(2026, 11, 30)
    assert spans(hours.slots(date(2026, 11, 30))) == [
        ("2026-11-30T09:00:00+01:00", "2026-11-30T18:00:00+01:00")
    ]
    assert hours_of(site, "other").state(paris(2026, 11, 25, 10, 30)) is HoursState.OPEN


def test_example_string_with_christmas_closure(site: Site, paris: Paris) -> None:
    hours = lab(site, EXAMPLE)
    assert hours.state(paris(2026, 12, 23, 15)) is HoursState.OPEN  # a Wednesday
    assert hours.state(paris(2026, 12, 30, 15)) is HoursState.CLOSED  # the next one
    assert hours.state(paris(2027, 1, 2, 12)) is HoursState.CLOSED  # Saturday, last day
    assert hours.next_change(paris(2026, 12, 23, 21)) == paris(2027, 1, 6, 14)
    week = dict(hours.week(date(2026, 12, 21)))
    assert [d for d, slots in week.items() if slots] == [date(2026, 12, 23)]


def test_utc_and_local_inputs_agree_and_naive_is_refused(site: Site, paris: Paris) -> None:
    hours = lab(site, EXAMPLE)
    local = paris(2026, 11, 25, 15)
    assert hours.status(local) == hours.status(local.astimezone(UTC))
    assert hours.next_change(local.astimezone(UTC)) == paris(2026, 11, 25, 20)
    with pytest.raises(ValueError, match="naive"):
        hours.state(datetime(2026, 11, 25, 15))


def test_syntax_error_names_the_space_and_spares_the_others(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="Mo-Fr 09:00-18:00", broken="Mo-Fx 10:00-12:00", unset="")
    with site.sessions() as session:
        hours = load_hours(site.settings, list_exceptions(session))
    assert list(hours) == ["lab", "broken", "unset"]
    broken = hours["broken"]
    assert broken.state(paris(2026, 11, 25, 11)) is HoursState.UNKNOWN
    assert broken.error is not None
    assert "Broken (broken)" in broken.error and "Mo-Fx 10:00-12:00" in broken.error
    assert "character 4" in broken.error
    assert broken.next_change(paris(2026, 11, 25, 11)) is None
    assert hours["lab"].state(paris(2026, 11, 25, 11)) is HoursState.OPEN
    assert hours["lab"].error is None
    unset = hours["unset"]
    assert unset.state(paris(2026, 11, 25, 11)) is HoursState.UNKNOWN
    assert unset.error is None and unset.slots(date(2026, 11, 25)) == []


def test_a_broken_exception_row_does_not_break_the_space(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="Mo-Fr 09:00-18:00")
    with site.transaction() as session:  # not through add_exception, which refuses it
        session.add(
            HoursException(space="lab", starts_on=date(1850, 1, 1), ends_on=date(1850, 1, 1))
        )
    add(site, space=None, starts_on=date(2026, 11, 25), comment="Grève")
    hours = hours_of(site)
    assert hours.state(paris(2026, 11, 24, 11)) is HoursState.OPEN
    assert hours.state(paris(2026, 11, 25, 11)) is HoursState.CLOSED  # the good one applies
    assert hours.error is not None and "Lab (lab): exception ignored" in hours.error


# --- exceptions ------------------------------------------------------------------------


def test_exceptions_add_list_remove_and_comment(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="Mo-Fr 09:00-18:00; PH off", cowork="Mo-Fr 09:00-18:00")
    games = add(
        site,
        space="lab",
        starts_on=date(2026, 11, 27),
        opens_at=time(14),
        closes_at=time(23),
        comment='Soirée "jeux"',
    )
    strike = add(site, space=None, starts_on=date(2026, 11, 26), comment="Grève")
    add(site, space="cowork", starts_on=date(2026, 10, 1))  # in the past
    assert games.comment == "Soirée jeux"  # a double quote cannot be written in the syntax
    hours = hours_of(site)
    assert hours.state(paris(2026, 11, 27, 22)) is HoursState.OPEN
    assert hours.comment(paris(2026, 11, 27, 22)) == "Soirée jeux"
    assert hours.state(paris(2026, 11, 27, 10)) is HoursState.CLOSED  # the day's hours replaced
    assert hours.comment(paris(2026, 11, 26, 10)) == "Grève"
    assert hours_of(site, "cowork").state(paris(2026, 11, 26, 10)) is HoursState.CLOSED
    with site.sessions() as session:
        upcoming = list_exceptions(session, from_day=date(2026, 11, 25))
        assert [e.id for e in upcoming] == [strike.id, games.id]
        assert len(list_exceptions(session)) == 3
    with site.transaction() as session:
        remove_exception(session, strike.id)
    assert hours_of(site).state(paris(2026, 11, 26, 10)) is HoursState.OPEN
    with site.transaction() as session, pytest.raises(LookupError, match="no hours exception"):
        remove_exception(session, strike.id)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_on": date(2026, 11, 20)}, "ends .* before it starts"),
        ({"opens_at": time(14)}, "both an opening and a closing time"),
        ({"opens_at": time(14), "closes_at": time(14)}, "the same"),
        ({"space": "attic"}, "unknown space 'attic'"),
        ({"comment": "x" * 121}, "at most 120"),
        ({"opens_at": time(14, 0, 30), "closes_at": time(18)}, "hours and minutes"),
        ({"starts_on": date(1850, 1, 1), "ends_on": date(1850, 1, 2)}, "1850-01-01 is outside"),
    ],
)
def test_exception_validation(site: Site, fields: dict[str, Any], message: str) -> None:
    with_spaces(site, lab="Mo-Fr 09:00-18:00")
    values: dict[str, Any] = {"space": "lab", "starts_on": date(2026, 11, 25), **fields}
    with pytest.raises(ValueError, match=message):
        add(site, **values)
    with site.sessions() as session:
        assert list_exceptions(session) == []


def test_next_change_any_is_the_soonest(site: Site, paris: Paris) -> None:
    with_spaces(site, lab="We 14:00-20:00", cowork="We 09:00-18:00", broken="nope")
    with site.sessions() as session:
        hours = load_hours(site.settings, list_exceptions(session))
    assert next_change_any(hours, paris(2026, 11, 25, 10)) == paris(2026, 11, 25, 14)
    assert next_change_any(hours, paris(2026, 11, 25, 15)) == paris(2026, 11, 25, 18)


def test_hours_json_shape(site: Site, paris: Paris) -> None:
    hours = lab(site, EXAMPLE)
    data = hours_json(hours, paris(2026, 11, 25, 15).astimezone(UTC), site.settings.tz)
    assert data == {
        "space": "lab",
        "opening_hours": EXAMPLE,
        "expression": EXAMPLE,
        "state": "open",
        "next_change": "2026-11-25T20:00:00+01:00",
        "comment": "",
        "slots": [
            {
                "start": "2026-11-25T14:00:00+01:00",
                "end": "2026-11-25T20:00:00+01:00",
                "comment": "",
            }
        ],
        "error": None,
    }
    json.dumps(data)


# --- the commands ----------------------------------------------------------------------


@pytest.fixture
def run(site: Site, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """``run("hours", "except", "list")``: the command with --data-dir, status and output."""
    with_spaces(site, fablab=EXAMPLE, pro="Tu,Th 09:00-17:00; PH off", broken="Mo-Fx 10:00")

    def run_(*words: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main([*words, "--data-dir", str(site.data_dir.path)])
        out, err = capsys.readouterr()
        return status, out, err

    return run_


def test_cli_hours_json(run: Callable[..., tuple[int, str, str]]) -> None:
    status, out, err = run("hours", "--json", "--date", "2026-11-25T15:00")
    assert status == 0, err
    rows = {row["space"]: row for row in json.loads(out)}
    assert list(rows) == ["fablab", "pro", "broken"]
    for row in rows.values():
        assert {"space", "opening_hours", "state", "next_change", "slots", "error"} <= set(row)
    assert rows["fablab"]["state"] == "open"
    assert rows["fablab"]["next_change"] == "2026-11-25T20:00:00+01:00"
    assert rows["fablab"]["slots"][0]["start"] == "2026-11-25T14:00:00+01:00"
    assert rows["pro"]["state"] == "closed"
    assert rows["pro"]["next_change"] == "2026-11-26T09:00:00+01:00"
    assert rows["broken"]["state"] == "unknown" and rows["broken"]["next_change"] is None
    assert "broken" in rows["broken"]["error"]
    # a date alone is that day at noon; --space picks one
    status, out, _ = run("hours", "--json", "--date", "2026-07-14", "--space", "pro")
    assert [(r["space"], r["state"]) for r in json.loads(out)] == [("pro", "closed")]


def test_cli_hours_plain(run: Callable[..., tuple[int, str, str]]) -> None:
    status, out, err = run("hours", "--date", "2026-11-24T15:00+01:00")
    assert status == 0, err
    assert "Fablab (fablab): closed, opens Wed 25 Nov 14:00" in out
    assert "Pro (pro): open until Tue 24 Nov 17:00" in out
    assert "Tue 24 Nov: 09:00-17:00" in out
    assert "Broken (broken): hours unknown" in out and "problem: Broken (broken)" in out
    assert run("hours", "--space", "attic")[0] == 1
    assert run("hours", "--date", "next tuesday")[0] == 1


def test_cli_hours_except(run: Callable[..., tuple[int, str, str]]) -> None:
    status, out, err = run(
        "hours",
        "except",
        "add",
        "--all",
        "--from",
        "2026-12-31",
        "--open",
        "20:00",
        "--close",
        "02:00",
        "--comment",
        "Réveillon",
        "--json",
    )
    assert status == 0, err
    added = json.loads(out)
    assert added["space"] is None and added["closes_at"] == "02:00"
    status, out, err = run(
        "hours", "except", "add", "--space", "pro", "--from", "2026-12-01", "--to", "2026-12-07"
    )
    assert status == 0 and "pro" in out and "closed" in out
    status, out, err = run(
        "hours", "except", "add", "--space", "pro", "--from", "2026-12-01", "--to", "2026-11-01"
    )
    assert status == 1 and "exception not added" in err and "before it starts" in err

    status, out, _ = run("hours", "except", "list", "--json")
    listed = json.loads(out)
    assert [(e["space"], e["starts_on"]) for e in listed] == [
        ("pro", "2026-12-01"),
        (None, "2026-12-31"),
    ]
    _, out, _ = run("hours", "--json", "--date", "2027-01-01T01:00", "--space", "fablab")
    (row,) = json.loads(out)
    assert (row["state"], row["comment"]) == ("open", "Réveillon")
    assert row["next_change"] == "2027-01-01T02:00:00+01:00"

    assert run("hours", "except", "remove", str(added["id"]))[0] == 0
    _, out, _ = run("hours", "except", "list")
    assert "Réveillon" not in out and "1 exceptions" in out
    status, _, err = run("hours", "except", "remove", str(added["id"]))
    assert status == 1 and "no hours exception" in err


def test_cli_data_dir_before_except(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    """--data-dir given to ``hours`` still counts for ``except list`` after it."""
    data_dir = str(site.data_dir.path)
    add(site, space=None, starts_on=date(2026, 12, 24))
    assert main(["hours", "--data-dir", data_dir, "except", "list", "--json"]) == 0
    assert [e["starts_on"] for e in json.loads(capsys.readouterr().out)] == ["2026-12-24"]


def test_late_opening_past_midnight_keeps_the_next_days_hours(site: Site, paris: Paris) -> None:
    # Written as one dated rule, the library would drop the after-midnight part here,
    # because the Saturday has hours of its own.
    with_spaces(site, lab="We,Fr 14:00-20:00; Sa 10:00-18:00; PH off")
    add(site, space="lab", starts_on=date(2026, 11, 27), opens_at=time(20), closes_at=time(2))
    hours = hours_of(site)
    assert hours.state(paris(2026, 11, 28, 1)) is HoursState.OPEN
    assert spans(hours.slots(date(2026, 11, 27))) == [
        ("2026-11-27T20:00:00+01:00", "2026-11-28T02:00:00+01:00")
    ]
    assert spans(hours.slots(date(2026, 11, 28))) == [
        ("2026-11-28T10:00:00+01:00", "2026-11-28T18:00:00+01:00")
    ]


def test_a_time_that_does_not_exist_is_the_next_minute(
    run: Callable[..., tuple[int, str, str]], site: Site, paris: Paris
) -> None:
    """29 March 2026, 02:30 in Paris: the clocks jump from 02:00 to 03:00."""
    status, out, err = run("hours", "--json", "--date", "2026-03-29T02:30", "--space", "fablab")
    assert status == 0, err
    assert "does not exist" in err and "03:00" in err
    assert json.loads(out)[0]["state"] == "closed"  # a Sunday
    # every other way in: an aware time whose wall clock is in the gap
    hours = load_hours(site.settings, [])["pro"]
    gap = datetime(2026, 3, 29, 2, 30, tzinfo=paris(2026, 1, 1).tzinfo)
    assert hours.state(gap) is HoursState.CLOSED
    assert hours.next_change(gap) == paris(2026, 3, 31, 9)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_ends_of_the_calendar_are_refused_in_words(
    run: Callable[..., tuple[int, str, str]], day: str
) -> None:
    """A closure typed as 9999-12-31 is not stored (it would be pushed, and break the
    week views); asking the hours of such a day says why instead of a traceback."""
    status, _, err = run("hours", "except", "add", "--all", "--from", day)
    assert status == 1 and "exception not added" in err and "is outside" in err
    assert run("hours", "except", "list")[1].strip().endswith("0 exceptions")
    status, _, err = run("hours", "--date", day)
    assert status == 1 and "Traceback" not in err and f"--date {day} is outside" in err


def test_a_day_whose_midnight_does_not_exist(site: Site) -> None:
    """Santiago de Chile jumps from 00:00 to 01:00 on 6 September 2026: that day's slots
    (the week on screen) start at 01:00 instead of crashing the library."""
    site.settings = replace(site.settings, timezone="America/Santiago", country="CL")
    with_spaces(site, lab="Mo-Su 10:00-18:00", night="Mo-Su 00:00-24:00")
    hours = load_hours(site.settings, [])
    [slot] = hours["lab"].slots(date(2026, 9, 6))
    assert (slot.start.hour, slot.end.hour) == (10, 18)
    [whole_day] = hours["night"].slots(date(2026, 9, 6))
    assert whole_day.start.hour == 1
    assert len(hours["lab"].week(date(2026, 9, 3))) == 7
