"""Words for the core's codes (refusals, purposes, statuses), in the person's language."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from kiosk.badges import Refusal


def refusal_title(reason: Refusal | None) -> str:
    titles = {
        Refusal.NOT_A_BADGE: QCoreApplication.translate("Texts", "We could not read this badge"),
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
            "Hold your badge still, about 20 cm from the camera. "
            "Or tap “Forgot your badge?” and type the code printed under it.",
        ),
        Refusal.DAMAGED: QCoreApplication.translate(
            "Texts", "The picture is damaged or cut. Try again, or type the code printed under it."
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
