"""What the workshop pages of staff mode share: the language the screens are in, and
any refusal worded for the person in it (the core's own French and English words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from kiosk.config import Settings
from kiosk.members.registration import InvalidMember
from kiosk.workshops.refusals import WorkshopRefused


def ui_lang(settings: Settings) -> str:
    """The language the screens are in (ui.app sets QLocale's default with it)."""
    lang = QLocale().name().split("_")[0]
    return lang if lang in settings.languages else settings.default_language


def explain(exc: BaseException, settings: Settings) -> str:
    """A refusal, a wrong field or a database that cannot be written, in words."""
    if isinstance(exc, WorkshopRefused):
        return exc.message(ui_lang(settings))
    if isinstance(exc, InvalidMember):
        texts = {
            ("first_name", "required"): QCoreApplication.translate(
                "WorkshopWords", "Type the trainee's first name."
            ),
            ("first_name", "too_long"): QCoreApplication.translate(
                "WorkshopWords", "This first name is too long."
            ),
            ("last_name", "too_long"): QCoreApplication.translate(
                "WorkshopWords", "This last name is too long."
            ),
        }
        return "\n".join(texts.get((p.field, p.code), p.message) for p in exc.problems)
    if isinstance(exc, OSError):
        return str(exc) or QCoreApplication.translate(
            "WorkshopWords", "The kiosk could not save it."
        )
    return QCoreApplication.translate("WorkshopWords", "Something went wrong: %1").replace(
        "%1", type(exc).__name__
    )
