"""The Today model: everything the welcome strip and the Today screen show, in one call.

Built again at each minute a state changes (a space opens or closes, a reservation
ends), never by polling faster: ``next_refresh`` says when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from kiosk.config import Settings, Space
from kiosk.hours import HoursState, Slot, SpaceHours, list_exceptions, load_hours, next_change_any
from kiosk.machines import MachineView, board
from kiosk.models import HoursException, MachineStatus


@dataclass(frozen=True)
class SpaceToday:
    space: Space
    state: HoursState
    next_change: datetime | None
    comment: str
    error: str | None
    week: list[tuple[date, list[Slot]]]


@dataclass(frozen=True)
class TodayModel:
    at: datetime  # site-local
    spaces: list[SpaceToday]
    exceptions: list[HoursException]
    machines: list[MachineView]
    next_refresh: datetime | None

    @property
    def hours_errors(self) -> list[str]:
        return [s.error for s in self.spaces if s.error]


class TodayBuilder:
    """Keeps the parsed opening hours between builds; parses again only when the
    exceptions changed (staff added or removed one, here or from the command line)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._key: tuple[tuple[int, datetime], ...] | None = None
        self._hours: dict[str, SpaceHours] = {}

    def hours(self, exceptions: list[HoursException]) -> dict[str, SpaceHours]:
        key = tuple((e.id, e.created_at) for e in exceptions)
        if key != self._key:
            self._hours = load_hours(self.settings, exceptions)
            self._key = key
        return self._hours

    def build(self, session: Session, now: datetime) -> TodayModel:
        local = now.astimezone(self.settings.tz)
        every = list_exceptions(session)
        hours = self.hours(every)
        exceptions = [e for e in every if e.ends_on >= local.date()]
        spaces = []
        for space in self.settings.spaces:
            sh = hours[space.id]
            spaces.append(
                SpaceToday(
                    space=space,
                    state=sh.state(local),
                    next_change=sh.next_change(local),
                    comment=sh.comment(local),
                    error=sh.error,
                    week=sh.week(local.date()),
                )
            )
        machines = board(session, self.settings, now)
        changes = [c for c in [next_change_any(hours, local)] if c is not None]
        changes += [
            m.until for m in machines if m.status is MachineStatus.RESERVED and m.until is not None
        ]
        return TodayModel(
            at=local,
            spaces=spaces,
            exceptions=exceptions,
            machines=machines,
            next_refresh=min(changes) if changes else None,
        )
