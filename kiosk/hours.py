"""Opening hours of the spaces: OpenStreetMap ``opening_hours`` evaluated by opening-hours-py.

Each space's configured string (config.toml ``[[spaces]] opening_hours``) is parsed once by
the library, with the site's time zone and country (public holidays for ``PH``). Staff's
one-off exceptions (:class:`~kiosk.models.HoursException`) are not a second mechanism:
each becomes one more rule appended after ``; ``, and in OSM semantics a later rule
replaces the earlier ones on the days it covers::

    We,Fr 14:00-20:00; PH off; 2026 Dec 24-2027 Jan 02 off "Fermeture de Noël"

Library facts this module relies on (opening-hours-py 2.1, checked by experiment):

- ``timezone=`` must be a ``zoneinfo.ZoneInfo`` (a name string is refused); times given
  to it must be naive or carry a ZoneInfo (``datetime.timezone.utc`` is refused), so every
  time is converted to the site zone first. Results come back aware in the site zone,
  with ``fold`` set right in the autumn overlap; a time inside the spring gap (02:30 on
  the last Sunday of March) starts at 03:00.
- Parse errors are ``opening_hours.ParserError`` (not ``SyntaxError``), a multi-line
  pest report; :func:`_parse_error` keeps the column and the "expected ..." line.
- Comments are double-quoted and cannot hold a ``"`` (no escape), so it is removed.
- ``next_change`` also stops where only the comment changes (the end of a commented
  closure at midnight); :meth:`SpaceHours.next_change` skips those, ``next_update`` not.
- After midnight: a rule for day D replaces the tail of the previous day's slot
  (``Fr 20:00-02:00; 2026 Nov 28 off`` is closed at 01:00 on the 28th), and closing the
  Friday alone (``2026 Nov 27 off``) leaves its 00:00-02:00 tail open. A *dated* rule
  crossing midnight (``2026 Nov 27 20:00-02:00``) loses its tail when an earlier rule
  covers the next day, so :func:`exception_rule` writes the tail as an additional rule.
- Adjacent open intervals are sometimes cut at midnight; :meth:`SpaceHours.slots`
  joins them.

Public functions take aware datetimes (UTC or local) and return aware datetimes in the
site's zone. Nothing here imports Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import opening_hours
from opening_hours import OpeningHours, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import Settings, Space
from kiosk.models import HoursException, utcnow
from kiosk.outbox import exception_payload, record
from kiosk.plausible import check_day

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COMMENT_MAX = 120
NOT_SET = "24/7 unknown"  # what an empty (or unreadable) string means: hours unknown
_ONE_DAY = timedelta(days=1)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class HoursState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


# The library's stubs (2.1.4) leave out its two exception classes.
ParserError: type[Exception] = opening_hours.ParserError  # type: ignore[attr-defined]
UnknownCountryError: type[Exception] = opening_hours.UnknownCountryError  # type: ignore[attr-defined]

_STATES = {State.OPEN: HoursState.OPEN, State.CLOSED: HoursState.CLOSED}


@dataclass(frozen=True)
class Slot:
    """An opening: aware times in the site zone; *end* may be on the next day."""

    start: datetime
    end: datetime
    comment: str = ""


@dataclass(frozen=True)
class SpaceStatus:
    """What the welcome screen shows for one space at one moment."""

    space_id: str
    state: HoursState
    comment: str
    next_change: datetime | None
    error: str | None


@dataclass(frozen=True)
class SpaceHours:
    """One space's hours, parsed once; every evaluation is a call on the parsed object.

    *expression* is what is evaluated: the configured string plus one rule per
    exception. *error* says, naming the space, why the configured string (or an
    exception) is not used; the space is then ``unknown`` outside its exceptions.
    """

    space_id: str
    opening_hours: str
    expression: str
    error: str | None
    tz: ZoneInfo
    _parsed: OpeningHours | None = field(default=None, repr=False, compare=False)

    def _local(self, at: datetime) -> datetime:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"naive datetime {at.isoformat()}: hours need an aware time")
        # Through UTC: ``astimezone`` to the zone *at* already has returns it unchanged,
        # and a wall time in the spring gap (02:30 when the clocks jump) makes the
        # library raise. The round trip turns it into a time that exists.
        return at.astimezone(UTC).astimezone(self.tz)

    def _state(self, at: datetime) -> tuple[HoursState, str]:
        if self._parsed is None:
            return HoursState.UNKNOWN, ""
        state, comment = self._parsed.state(self._local(at))
        return _STATES.get(state, HoursState.UNKNOWN), comment

    def state(self, at: datetime) -> HoursState:
        return self._state(at)[0]

    def comment(self, at: datetime) -> str:
        """The comment of the rule in force (an exception's comment, for visitors)."""
        return self._state(at)[1]

    def next_change(self, at: datetime) -> datetime | None:
        """When the state (open, closed, unknown) changes next: "opens Wednesday at 14:00".

        None if never, or not within the library's reach (hours unknown, closed for good).
        """
        if self._parsed is None:
            return None
        local = self._local(at)
        state = self._parsed.state(local)[0]
        change = self._parsed.next_change(local)
        for _ in range(64):  # skip changes of comment only (the end of "Inventaire")
            if change is None or self._parsed.state(change)[0] != state:
                break
            change = self._parsed.next_change(change)
        return None if change is None else change.astimezone(self.tz)

    def next_update(self, at: datetime) -> datetime | None:
        """When what a screen shows (state or comment) changes next: when to redraw."""
        if self._parsed is None:
            return None
        change = self._parsed.next_change(self._local(at))
        return None if change is None else change.astimezone(self.tz)

    def status(self, at: datetime) -> SpaceStatus:
        state, comment = self._state(at)
        return SpaceStatus(self.space_id, state, comment, self.next_change(at), self.error)

    def slots(self, day: date) -> list[Slot]:
        """The openings that start on *day* (local), each whole.

        A slot crossing midnight (``Fr 20:00-02:00``) is one slot of the day it starts
        on, ending the next day (looked up to 24 h past the day's end); its tail is not
        repeated on the next day (:meth:`state` still says open at 01:00). A space open
        through midnight for more than a day (``24/7``) gets 00:00-24:00 on each day.
        """
        if self._parsed is None:
            return []
        # Through _local: where the clocks jump at midnight (Chile, Lebanon...), 00:00
        # does not exist on that day, and the library raises on it.
        start = self._local(datetime.combine(day, time(), tzinfo=self.tz))
        end = self._local(datetime.combine(day + _ONE_DAY, time(), tzinfo=self.tz))
        runs: list[Slot] = []  # the library cuts some openings at midnight: join them
        for s, e, state, comment in self._parsed.intervals(start, self._local(end + _ONE_DAY)):
            if state is not State.OPEN:
                continue
            if runs and runs[-1].end == s and runs[-1].comment == comment:
                runs[-1] = Slot(runs[-1].start, e, comment)
            else:
                runs.append(Slot(s, e, comment))
        slots = []
        for run in runs:
            if run.start >= end:
                break
            if run.start == start and self._parsed.is_open(
                self._local(start - timedelta(seconds=1))
            ):
                if run.end < end:  # the tail of yesterday's slot
                    continue
                run = Slot(run.start, end, run.comment)  # open all day long: show the day
            slots.append(
                Slot(run.start.astimezone(self.tz), run.end.astimezone(self.tz), run.comment)
            )
        return slots

    def week(self, start_day: date, days: int = 7) -> list[tuple[date, list[Slot]]]:
        return [(d, self.slots(d)) for d in (start_day + timedelta(n) for n in range(days))]


def wall_time(naive: datetime, tz: ZoneInfo) -> tuple[datetime, bool]:
    """A local wall-clock time made aware in *tz*; ``(time, True)`` when it does not exist
    (the spring gap: 02:30 on the last Sunday of March in Paris), and then the time is the
    next minute that exists (03:00)."""
    at = naive.replace(tzinfo=tz)
    if at.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive.replace(tzinfo=None):
        return at, False
    moment = naive.replace(second=0, microsecond=0, tzinfo=None)
    for _ in range(24 * 60):  # a gap is an hour (at most a day, Samoa 2011)
        moment += timedelta(minutes=1)
        candidate = moment.replace(tzinfo=tz)
        if candidate.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == moment:
            return candidate, True
    raise ValueError(f"{naive.isoformat()} is in a gap longer than a day in {tz.key}")


def _day(d: date) -> str:
    return f"{d.year} {MONTHS[d.month - 1]} {d.day:02d}"


def _hhmm(t: time, *, end: bool = False) -> str:
    return "24:00" if end and t == time() else t.strftime("%H:%M")


def clean_comment(text: str) -> str:
    """A comment as the syntax can hold it: one line, no double quote."""
    return " ".join(_CONTROL.sub(" ", text.replace('"', "")).split())


def exception_rule(exception: HoursException) -> str:
    """``2026 Dec 24-2027 Jan 02 off "..."`` or ``2026 Nov 27 14:00-23:00 "..."``.

    A special opening over several days opens each of those days at those times;
    a closing time before the opening time ends on the next day.
    """
    first, last = exception.starts_on, exception.ends_on
    comment = clean_comment(exception.comment or "")
    quoted = f' "{comment}"' if comment else ""

    def days(offset: int = 0) -> str:
        a, b = first + timedelta(offset), last + timedelta(offset)
        return _day(a) if a == b else f"{_day(a)}-{_day(b)}"

    opens, closes = exception.opens_at, exception.closes_at
    if opens is None or closes is None:
        return f"{days()} off{quoted}"
    if closes == time() or closes > opens:
        return f"{days()} {_hhmm(opens)}-{_hhmm(closes, end=True)}{quoted}"
    # Past midnight: the library drops the after-midnight part of a dated rule when an
    # earlier rule covers the next day, so that part is an additional rule (",") of its own.
    return f"{days()} {_hhmm(opens)}-24:00{quoted}, {days(1)} 00:00-{_hhmm(closes)}{quoted}"


def _parse_error(exc: Exception) -> str:
    text = str(exc)
    column = re.search(r"-->\s*\d+:(\d+)", text)
    expected = re.search(r"=\s*(.+)$", text, re.MULTILINE)
    where = f" at character {column.group(1)}" if column else ""
    what = expected.group(1).strip() if expected else text.splitlines()[0]
    return f"cannot be read{where}: {what}"


def _parse(expression: str, settings: Settings) -> OpeningHours:
    return OpeningHours(expression, timezone=settings.tz, country=settings.country)


def _label(space: Space) -> str:
    return f"{space.name('en')} ({space.id})"


def _compose(base: str, rules: Iterable[str]) -> str:
    return "; ".join([base, *rules])


def space_hours(
    space: Space, settings: Settings, exceptions: Sequence[HoursException] = ()
) -> SpaceHours:
    """Parse one space's hours with the exceptions that concern it (space or all)."""
    # Later rules win on their days: a shorter exception inside a longer one comes after it.
    mine = sorted(
        (e for e in exceptions if e.space in (None, space.id)),
        key=lambda e: (e.starts_on, e.starts_on - e.ends_on, e.id or 0),
    )
    rules = [exception_rule(e) for e in mine]
    base = space.opening_hours or NOT_SET
    error = None
    try:
        return _space_hours(space, _compose(base, rules), None, settings)
    except UnknownCountryError:
        error = (
            f"{_label(space)}: the site's country {settings.country!r} has no "
            "public-holiday calendar (set [site] country, e.g. FR)"
        )
        return SpaceHours(space.id, space.opening_hours, space.opening_hours, error, settings.tz)
    except ParserError:
        pass  # the configured string, an exception, or both: find out which
    try:
        _parse(base, settings)
    except ParserError as exc:
        error = f"{_label(space)}: opening_hours {space.opening_hours!r} {_parse_error(exc)}"
        base = NOT_SET
    kept: list[str] = []
    dropped: list[str] = []
    for rule in rules:  # an exception is checked when added; this one came another way
        try:
            _parse(_compose(base, [*kept, rule]), settings)
            kept.append(rule)
        except ParserError:
            dropped.append(rule)
    if dropped:
        problem = f"{_label(space)}: exception ignored, cannot be read: {'; '.join(dropped)}"
        error = f"{error}; {problem}" if error else problem
    return _space_hours(space, _compose(base, kept), error, settings)


def _space_hours(
    space: Space, expression: str, error: str | None, settings: Settings
) -> SpaceHours:
    parsed = _parse(expression, settings)
    return SpaceHours(space.id, space.opening_hours, expression, error, settings.tz, parsed)


def load_hours(settings: Settings, exceptions: Sequence[HoursException]) -> dict[str, SpaceHours]:
    """Every configured space's hours, in config order. Never raises for a bad string."""
    return {s.id: space_hours(s, settings, exceptions) for s in settings.spaces}


def next_change_any(hours: Mapping[str, SpaceHours], at: datetime) -> datetime | None:
    """The soonest :meth:`SpaceHours.next_update` over all spaces: the one moment the
    screens must redraw (arm a single timer on it, then ask again)."""
    changes = [c for h in hours.values() if (c := h.next_update(at)) is not None]
    # by instant: same-zone datetimes compare by wall time, wrong in the autumn overlap
    return min(changes, key=datetime.timestamp, default=None)


# --- exceptions (staff) ----------------------------------------------------------------


def add_exception(
    session: Session,
    settings: Settings,
    *,
    space: str | None,
    starts_on: date,
    ends_on: date | None = None,
    opens_at: time | None = None,
    closes_at: time | None = None,
    comment: str = "",
) -> HoursException:
    """Add a closure (no times) or a special opening, for *space* or every space (None).

    *ends_on* defaults to *starts_on*. A closing time earlier than the opening time
    means the opening ends after midnight (New Year's Eve 20:00-02:00); 00:00 as the
    closing time means midnight. Raises ValueError with the reason.
    """
    ends_on = starts_on if ends_on is None else ends_on
    if space is not None and settings.space(space) is None:
        known = ", ".join(s.id for s in settings.spaces)
        raise ValueError(f"unknown space {space!r} (spaces: {known})")
    if ends_on < starts_on:
        raise ValueError(f"the exception ends ({ends_on}) before it starts ({starts_on})")
    for day in (starts_on, ends_on):  # 9999-12-31 would break the week views, and the sync
        check_day("the exception's day", day, utcnow())
    if (opens_at is None) != (closes_at is None):
        raise ValueError("a special opening needs both an opening and a closing time")
    if opens_at is not None and opens_at == closes_at:
        raise ValueError("the opening and closing times are the same")
    if any(t is not None and (t.second or t.microsecond) for t in (opens_at, closes_at)):
        raise ValueError("times are hours and minutes, e.g. 14:00")
    text = clean_comment(comment)
    if len(text) > COMMENT_MAX:
        raise ValueError(f"the comment is {len(text)} characters long; at most {COMMENT_MAX}")
    exception = HoursException(
        space=space,
        starts_on=starts_on,
        ends_on=ends_on,
        opens_at=opens_at,
        closes_at=closes_at,
        comment=text,
    )
    rule = exception_rule(exception)
    try:
        _parse(rule, settings)
    except (ParserError, UnknownCountryError) as exc:
        raise ValueError(f"the exception {rule!r} {_parse_error(exc)}") from exc
    session.add(exception)
    session.flush()
    record(session, "hours_exception", exception_payload(session, exception), utcnow())
    return exception


def remove_exception(session: Session, exception_id: int) -> None:
    exception = session.get(HoursException, exception_id)
    if exception is None:
        raise LookupError(f"no hours exception #{exception_id}")
    record(session, "hours_exception", exception_payload(session, exception, True), utcnow())
    session.delete(exception)
    session.flush()


def list_exceptions(session: Session, *, from_day: date | None = None) -> list[HoursException]:
    """Exceptions ending on or after *from_day* (all if None), by start day."""
    query = select(HoursException).order_by(HoursException.starts_on, HoursException.id)
    if from_day is not None:
        query = query.where(HoursException.ends_on >= from_day)
    return list(session.scalars(query))


# --- plain data for the CLI ------------------------------------------------------------


def _iso(at: datetime | None, tz: ZoneInfo) -> str | None:
    return None if at is None else at.astimezone(tz).isoformat()


def exception_json(exception: HoursException) -> dict[str, Any]:
    return {
        "id": exception.id,
        "space": exception.space,
        "starts_on": exception.starts_on.isoformat(),
        "ends_on": exception.ends_on.isoformat(),
        "opens_at": exception.opens_at.strftime("%H:%M") if exception.opens_at else None,
        "closes_at": exception.closes_at.strftime("%H:%M") if exception.closes_at else None,
        "comment": exception.comment,
        "rule": exception_rule(exception),
    }


def hours_json(hours: SpaceHours, at: datetime, tz: ZoneInfo) -> dict[str, Any]:
    """One space at *at*: state, next change and the slots of *at*'s local day."""
    status = hours.status(at)
    return {
        "space": hours.space_id,
        "opening_hours": hours.opening_hours,
        "expression": hours.expression,
        "state": status.state.value,
        "next_change": _iso(status.next_change, tz),
        "comment": status.comment,
        "slots": [
            {"start": _iso(s.start, tz), "end": _iso(s.end, tz), "comment": s.comment}
            for s in hours.slots(at.astimezone(tz).date())
        ],
        "error": hours.error,
    }
