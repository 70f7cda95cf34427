"""Dates that can be true: one window around the clock of whoever receives them.

Checked where data enters (the server's ``POST /events``, the kiosk's CSV import and the
changes it pulls, the staff's date fields), so that one visit dated 9999-12-31 or
0001-01-01 is refused with a reason there instead of breaking every report later.

Two sorts of dates:

- things that happened (a check-in, a consent, a training): not more than
  :data:`CLOCK_SKEW` after the receiving clock (a kiosk's clock may be a little ahead),
  not more than :data:`HISTORY` before it;
- things planned (the end of a membership, a machine reserved until, a closure): the
  same past bound, and up to :data:`PLANNED` ahead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

CLOCK_SKEW = timedelta(days=1)
HISTORY = timedelta(days=366 * 20)
PLANNED = timedelta(days=366 * 20)


class Implausible(ValueError):
    """A date outside the window; the message names the field and the window."""


def check_moment(name: str, moment: datetime, now: datetime, *, planned: bool = False) -> None:
    """Raise :class:`Implausible` when the aware *moment* cannot be true at *now*."""
    if moment.tzinfo is None:
        raise Implausible(f"{name} {moment.isoformat()} has no UTC offset")
    ahead = PLANNED if planned else CLOCK_SKEW
    # aware times compare across offsets without conversion (which could overflow)
    if not now - HISTORY <= moment <= now + ahead:
        _refuse(name, moment, now.astimezone(UTC), ahead)


def check_day(name: str, day: date, now: datetime, *, planned: bool = True) -> None:
    """Raise :class:`Implausible` when the calendar *day* cannot be true at *now*."""
    ahead = PLANNED if planned else CLOCK_SKEW
    # compared by day: a day is plausible when some moment of it is
    today = now.astimezone(UTC).date()
    try:
        first, last = today - HISTORY - timedelta(days=1), today + ahead + timedelta(days=1)
    except OverflowError:  # a receiving clock at the ends of the calendar: nothing to check
        return
    if not first <= day <= last:
        raise Implausible(
            f"{name} {day.isoformat()} is outside {first.isoformat()} .. {last.isoformat()}"
            f" (the receiving clock says {today.isoformat()})"
        )


def _refuse(name: str, moment: datetime, now: datetime, ahead: timedelta) -> None:
    if moment > now:
        where = f"more than {_span(ahead)} after"
    else:
        where = f"more than {_span(HISTORY)} before"
    raise Implausible(
        f"{name} {moment.isoformat()} is {where} the receiving clock"
        f" ({now.isoformat(timespec='seconds')}): is the sending kiosk's clock right?"
    )


def _span(delta: timedelta) -> str:
    days = delta.days
    return f"{days // 366} years" if days >= 366 else f"{days} day" + ("s" if days != 1 else "")


def bounded(moment: datetime, now: datetime) -> datetime:
    """*moment*, or *now* when it is later: a kiosk whose clock runs ahead does not get
    to stamp its changes in the future, where they would win over every real change."""
    return min(moment, now)
