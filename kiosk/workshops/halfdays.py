"""Half-days: the signing slots of a session.

Funders count attendance by half-day: a session that crosses 13:00 (local time) is a
morning and an afternoon, each signed by every trainee and by the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

NOON_SPLIT = time(13, 0)
DOOR_OPENS_BEFORE = timedelta(minutes=30)  # the sheet opens half an hour before the start


@dataclass(frozen=True)
class HalfDay:
    index: int  # 0, or 1 for the afternoon of a session that has a morning too
    starts_at: datetime
    ends_at: datetime
    afternoon: bool

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


def half_days(starts_at: datetime, ends_at: datetime, tz: ZoneInfo) -> list[HalfDay]:
    """One slot, or two when the session spans 13:00 local time."""
    local_start = starts_at.astimezone(tz)
    split = datetime.combine(local_start.date(), NOON_SPLIT, tzinfo=tz)
    if starts_at < split < ends_at:
        return [
            HalfDay(0, starts_at, split.astimezone(starts_at.tzinfo), afternoon=False),
            HalfDay(1, split.astimezone(starts_at.tzinfo), ends_at, afternoon=True),
        ]
    return [HalfDay(0, starts_at, ends_at, afternoon=local_start.timetz() >= NOON_SPLIT)]


def half_at(halves: list[HalfDay], moment: datetime) -> HalfDay | None:
    """The half-day a check-in at *moment* counts for: the first one from half an hour
    before the start, the one under way, the afternoon from 13:00; None after the end."""
    if moment < halves[0].starts_at - DOOR_OPENS_BEFORE or moment > halves[-1].ends_at:
        return None
    for half in reversed(halves):
        if moment >= half.starts_at:
            return half
    return halves[0]
