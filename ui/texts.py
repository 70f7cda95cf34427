"""Words for the core's codes (refusals, purposes, statuses), in the person's language."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from kiosk.badges import Refusal
from kiosk.hours import HoursState
from kiosk.models import MachineStatus


def refusal_title(reason: Refusal | None) -> str:
    titles = {
        Refusal.NOT_A_BADGE: QCoreApplication.translate(
            "Texts", "This QR code is not a badge of this place"
        ),
        Refusal.DAMAGED: QCoreApplication.translate("Texts", "We could not read this badge"),
        Refusal.FORGED: QCoreApplication.translate("Texts", "This badge is not valid"),
        Refusal.OTHER_SITE: QCoreApplication.translate("Texts", "This badge is from another place"),
        Refusal.UNKNOWN_MEMBER: QCoreApplication.translate("Texts", "We do not know this badge"),
        Refusal.REVOKED: QCoreApplication.translate("Texts", "This badge has been replaced"),
        Refusal.UNKNOWN_CODE: QCoreApplication.translate("Texts", "We do not know this code"),
    }
    return (
        titles.get(reason, QCoreApplication.translate("Texts", "Something went wrong"))
        if reason
        else QCoreApplication.translate("Texts", "Something went wrong")
    )


def refusal_advice(reason: Refusal | None) -> str:
    advice = {
        Refusal.NOT_A_BADGE: QCoreApplication.translate(
            "Texts",
            "It may be a web address or a ticket. Show the badge we gave you, "
            "or tap “Forgot your badge?” and type the code printed under it. "
            "New here? Tap “First time here?”.",
        ),
        Refusal.DAMAGED: QCoreApplication.translate(
            "Texts",
            "Hold your badge still, about 20 cm from the camera, and try again. "
            "Or tap “Forgot your badge?” and type the code printed under it.",
        ),
        Refusal.FORGED: QCoreApplication.translate(
            "Texts", "Please ask a staff member. They can make you a new badge."
        ),
        Refusal.OTHER_SITE: QCoreApplication.translate(
            "Texts",
            "Badges from other fab labs do not work here. "
            "Tap “Just visiting”, or ask a staff member to become a member.",
        ),
        Refusal.UNKNOWN_MEMBER: QCoreApplication.translate(
            "Texts", "Please ask a staff member. They will find your membership."
        ),
        Refusal.REVOKED: QCoreApplication.translate(
            "Texts",
            "You have a newer badge. Please use it, or ask a staff member to print it again.",
        ),
        Refusal.UNKNOWN_CODE: QCoreApplication.translate(
            "Texts", "Check the 8 characters printed under your QR code and type them again."
        ),
    }
    return (
        advice.get(reason, QCoreApplication.translate("Texts", "Please ask a staff member."))
        if reason
        else ""
    )


def purpose_label(purpose: str) -> str:
    labels = {
        "project": QCoreApplication.translate("Texts", "My project"),
        "coworking": QCoreApplication.translate("Texts", "Coworking"),
        "workshop": QCoreApplication.translate("Texts", "A workshop"),
        "meeting": QCoreApplication.translate("Texts", "A meeting"),
        "discovery": QCoreApplication.translate("Texts", "Just looking around"),
    }
    return labels.get(purpose, purpose)


def age_bracket_label(bracket: str) -> str:
    if bracket == "65+":
        return QCoreApplication.translate("Texts", "65 and over")
    low, high = bracket.split("-")
    if low == "0":
        return QCoreApplication.translate("Texts", "Under %1").replace("%1", str(int(high) + 1))
    return QCoreApplication.translate("Texts", "%1 to %2").replace("%1", low).replace("%2", high)


def duration_text(duration: timedelta) -> str:
    minutes = max(0, round(duration.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return QCoreApplication.translate("Texts", "%n min").replace("%n", str(minutes))
    return (
        QCoreApplication.translate("Texts", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", f"{minutes:02d}")
    )


def clock_time(moment: datetime) -> str:
    """'14:05' in the current language's way."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def when_text(moment: datetime, now: datetime) -> str:
    """'at 14:00', 'tomorrow at 14:00', 'Wednesday at 14:00' or '3 January at 14:00'."""
    days = (moment.date() - now.date()).days
    time = clock_time(moment)
    if days <= 0:
        return QCoreApplication.translate("Texts", "at %1").replace("%1", time)
    if days == 1:
        return QCoreApplication.translate("Texts", "tomorrow at %1").replace("%1", time)
    if days < 7:
        day = QLocale().dayName(moment.isoweekday(), QLocale.FormatType.LongFormat)
        return (
            QCoreApplication.translate("Texts", "%1 at %2").replace("%1", day).replace("%2", time)
        )
    date_text = QLocale().toString(QDate(moment.year, moment.month, moment.day), "d MMMM")
    return (
        QCoreApplication.translate("Texts", "on %1 at %2")
        .replace("%1", date_text)
        .replace("%2", time)
    )


def short_when(moment: datetime, now: datetime) -> str:
    """'18:00', 'tomorrow 18:00', 'yesterday 18:00', 'Wednesday 18:00' or '3 January 18:00'
    (after "until" or "since")."""
    days = (moment.date() - now.date()).days
    time = clock_time(moment)
    if days == 0:
        return time
    if days == 1:
        return QCoreApplication.translate("Texts", "tomorrow %1").replace("%1", time)
    if days == -1:
        return QCoreApplication.translate("Texts", "yesterday %1").replace("%1", time)
    if 0 < days < 7:
        day = QLocale().dayName(moment.isoweekday(), QLocale.FormatType.LongFormat)
        return f"{day} {time}"
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), "d MMMM") + f" {time}"


def hours_text(state: HoursState, next_change: datetime | None, now: datetime) -> str:
    """'Open — closes at 20:00', 'Closed — opens Wednesday at 14:00', 'Hours unknown'."""
    if state is HoursState.OPEN:
        if next_change is None:
            return QCoreApplication.translate("Texts", "Open")
        return QCoreApplication.translate("Texts", "Open — closes %1").replace(
            "%1", when_text(next_change, now)
        )
    if state is HoursState.CLOSED:
        if next_change is None:
            return QCoreApplication.translate("Texts", "Closed")
        return QCoreApplication.translate("Texts", "Closed — opens %1").replace(
            "%1", when_text(next_change, now)
        )
    return QCoreApplication.translate("Texts", "Hours unknown")


def machine_status_text(status: MachineStatus) -> str:
    texts = {
        MachineStatus.AVAILABLE: QCoreApplication.translate("Texts", "Free"),
        MachineStatus.IN_USE: QCoreApplication.translate("Texts", "In use"),
        MachineStatus.RESERVED: QCoreApplication.translate("Texts", "Reserved"),
        MachineStatus.OUT_OF_ORDER: QCoreApplication.translate("Texts", "Out of order"),
        MachineStatus.MAINTENANCE: QCoreApplication.translate("Texts", "Maintenance"),
    }
    return texts[status]


def machine_kind_text(kind: str) -> str:
    kinds = {
        "3d_printer": QCoreApplication.translate("Texts", "3D printer"),
        "laser_cutter": QCoreApplication.translate("Texts", "Laser cutter"),
        "cnc_mill": QCoreApplication.translate("Texts", "CNC mill"),
        "vinyl_cutter": QCoreApplication.translate("Texts", "Vinyl cutter"),
    }
    return kinds.get(kind, kind.replace("_", " "))
