"""Staff mode: the PIN that unlocks it, and the growing delay after wrong tries.

The PIN is kept only as a slow scrypt hash in config.toml (``[kiosk] staff_pin_hash``,
see :func:`kiosk.config.hash_pin`); each check costs tens of milliseconds on purpose,
so call :func:`check_pin` off the GUI thread. Wrong tries in a row and the end of the
lock are in the database (``StaffLock``, one row) so that pulling the plug does not
reset the delay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.config import Settings, hash_pin, verify_pin
from kiosk.models import StaffLock
from kiosk.site import Site

FREE_TRIES = 2  # wrong tries with no delay; the next one locks the pad
FIRST_DELAY_S = 30.0
MAX_DELAY_S = 15 * 60.0
LOCK_ID = 1


@dataclass(frozen=True)
class PinCheck:
    """The answer to a PIN typed on the staff pad.

    ``wait_s`` > 0: the pad is locked, the next try is refused until that many seconds
    have passed. ``no_pin_set``: no staff PIN has been set (``fablab-kiosk staff-pin``),
    so staff mode cannot be opened at the kiosk at all.
    """

    ok: bool
    wait_s: float
    failures: int
    no_pin_set: bool = False

    @property
    def locked(self) -> bool:
        return self.wait_s > 0


def delay_after(failures: int) -> float:
    """Seconds locked after *failures* wrong tries in a row: 0, 0, 30, 60, 120 ... 900."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY_S * 2.0 ** min(failures - FREE_TRIES - 1, 30), MAX_DELAY_S)


def _lock(session: Session) -> StaffLock:
    lock = session.get(StaffLock, LOCK_ID)
    if lock is None:
        lock = StaffLock(id=LOCK_ID, failures=0, locked_until=None)
        session.add(lock)
    return lock


def _remaining(lock: StaffLock | None, now: datetime) -> float:
    if lock is None or lock.locked_until is None or lock.locked_until <= now:
        return 0.0
    return (lock.locked_until - now).total_seconds()


def lock_wait(session: Session, *, now: datetime) -> float:
    """Seconds before the staff pad takes another try (0: it takes one now)."""
    return _remaining(session.get(StaffLock, LOCK_ID), now)


def check_pin(session: Session, settings: Settings, pin: str, *, now: datetime) -> PinCheck:
    """Check a staff PIN, counting wrong tries; while locked, nothing is checked."""
    lock = _lock(session)
    if not settings.staff_pin_hash:
        return PinCheck(ok=False, wait_s=0.0, failures=lock.failures, no_pin_set=True)
    wait = _remaining(lock, now)
    if wait > 0:
        return PinCheck(ok=False, wait_s=wait, failures=lock.failures)
    if verify_pin(pin, settings.staff_pin_hash):
        lock.failures, lock.locked_until = 0, None
        return PinCheck(ok=True, wait_s=0.0, failures=0)
    lock.failures += 1
    delay = delay_after(lock.failures)
    lock.locked_until = now + timedelta(seconds=delay) if delay else None
    return PinCheck(ok=False, wait_s=delay, failures=lock.failures)


def set_staff_pin(site: Site, pin: str) -> Settings:
    """Store the hash of a new staff PIN in config.toml (ValueError: not 4 to 12 digits).

    The file is read again first so that edits made to it since the site was opened are
    kept. Setting a PIN from the command line also clears the wrong-try count: whoever
    can run it already has the kiosk's account.
    """
    pin_hash = hash_pin(pin)
    on_disk = site.data_dir.load_settings()
    site.data_dir.save_settings(replace(on_disk, staff_pin_hash=pin_hash))
    site.settings = replace(site.settings, staff_pin_hash=pin_hash)
    with site.transaction() as session:
        lock = _lock(session)
        lock.failures, lock.locked_until = 0, None
    return site.settings
