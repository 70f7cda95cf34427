"""Why a workshop operation was refused, worded in French and in English.

The core raises :class:`WorkshopRefused` with a code and its details; the command line
prints ``message(lang)`` in the site's language, and the screens will do the same.
"""

from __future__ import annotations

import enum
from typing import Any


class Why(enum.StrEnum):
    NO_TITLE = "no_title"
    TEXT_TOO_LONG = "text_too_long"
    UNKNOWN_SPACE = "unknown_space"
    UNKNOWN_TUTORIAL = "unknown_tutorial"
    END_BEFORE_START = "end_before_start"
    TOO_LONG = "too_long"
    IMPLAUSIBLE_DATE = "implausible_date"
    OVERLAP = "overlap"
    BAD_REPEAT = "bad_repeat"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_ENROLLED = "not_enrolled"
    ERASED = "erased"
    CANCELLED = "cancelled"
    NO_SUCH_HALF = "no_such_half"
    NOT_STARTED = "not_started"
    SIGNING_CLOSED = "signing_closed"
    NEEDS_STAFF = "needs_staff"
    NEEDS_REASON = "needs_reason"
    BAD_TIMES = "bad_times"
    NO_STROKES = "no_strokes"
    BAD_SIGNATURE = "bad_signature"
    NOT_CLOSED = "not_closed"
    ALREADY_MARKED = "already_marked"
    NOT_PRESENT = "not_present"
    NOT_EXPORTED = "not_exported"
    ALREADY_SIGNED = "already_signed"


MESSAGES: dict[Why, tuple[str, str]] = {
    Why.NO_TITLE: ("Un atelier a besoin d'un titre.", "A workshop needs a title."),
    Why.TEXT_TOO_LONG: (
        "{what} : {limit} caractères au plus.",
        "{what}: at most {limit} characters.",
    ),
    Why.UNKNOWN_SPACE: (
        "L'espace « {space} » n'existe pas (espaces : {known}).",
        "There is no space {space!r} (spaces: {known}).",
    ),
    Why.UNKNOWN_TUTORIAL: (
        "Tutoriel inconnu : {ids} (tutoriels : {known}).",
        "Unknown tutorial: {ids} (tutorials: {known}).",
    ),
    Why.END_BEFORE_START: (
        "La séance finit ({end}) avant de commencer ({start}).",
        "The session ends ({end}) before it starts ({start}).",
    ),
    Why.TOO_LONG: (
        "Une séance tient dans une journée : {hours} h, c'est trop.",
        "A session fits in one day: {hours} h is too long.",
    ),
    Why.IMPLAUSIBLE_DATE: (
        "La date {day} n'est pas plausible (entre {low} et {high}).",
        "The date {day} is not plausible (between {low} and {high}).",
    ),
    Why.OVERLAP: (
        "L'espace « {space} » est déjà pris par « {other} » le {when}.",
        "The space {space!r} is already taken by {other!r} on {when}.",
    ),
    Why.BAD_REPEAT: (
        "Une série compte de 1 à {limit} semaines.",
        "A series is 1 to {limit} weeks.",
    ),
    Why.ALREADY_ENROLLED: (
        "{name} est déjà inscrit·e à cet atelier.",
        "{name} is already enrolled in this workshop.",
    ),
    Why.NOT_ENROLLED: (
        "{name} n'est pas inscrit·e à cet atelier.",
        "{name} is not enrolled in this workshop.",
    ),
    Why.ERASED: ("Ce membre a été effacé.", "This member was erased."),
    Why.CANCELLED: ("Cette séance est annulée.", "This session is cancelled."),
    Why.NO_SUCH_HALF: (
        "Cette séance a {count} demi-journée(s).",
        "This session has {count} half-day(s).",
    ),
    Why.NOT_STARTED: (
        "La feuille s'ouvre 30 minutes avant le début ({start}).",
        "The sheet opens 30 minutes before the start ({start}).",
    ),
    Why.SIGNING_CLOSED: (
        "Cette demi-journée est finie ({end}) : signer en retard demande un membre de "
        "l'équipe et une raison.",
        "This half-day is over ({end}): signing late needs a staff member and a reason.",
    ),
    Why.NEEDS_STAFF: (
        "Il faut le nom du membre de l'équipe qui contresigne.",
        "The name of the staff member who countersigns is needed.",
    ),
    Why.NEEDS_REASON: ("Il faut une raison.", "A reason is needed."),
    Why.BAD_TIMES: (
        "L'heure d'arrivée ou de départ doit être dans la demi-journée ({start}–{end}).",
        "The arrival or leaving time must be within the half-day ({start}–{end}).",
    ),
    Why.NO_STROKES: (
        "La signature est vide : signez avec le doigt dans le cadre.",
        "The signature is empty: sign with your finger in the box.",
    ),
    Why.BAD_SIGNATURE: (
        "Cette signature n'est pas valable ({detail}).",
        "This signature is not valid ({detail}).",
    ),
    Why.NOT_CLOSED: (
        "Cette séance n'est pas encore close.",
        "This session is not closed yet.",
    ),
    Why.ALREADY_MARKED: (
        "Cette séance a déjà des émargements : annulez-la et créez-en une autre.",
        "This session already has attendance marks: cancel it and add another one.",
    ),
    Why.NOT_PRESENT: (
        "Cette personne n'est pas marquée présente pour cette demi-journée.",
        "This person is not marked present for this half-day.",
    ),
    Why.NOT_EXPORTED: (
        "Exportez d'abord les feuilles (PDF), puis confirmez.",
        "Export the sheets (PDF) first, then confirm.",
    ),
    Why.ALREADY_SIGNED: (
        "Vous avez déjà signé pour cette demi-journée.",
        "You have already signed for this half-day.",
    ),
}


class WorkshopRefused(ValueError):
    """An operation on workshops that would record something wrong; nothing was changed."""

    def __init__(self, why: Why, **details: Any) -> None:
        self.why = why
        self.details = details
        super().__init__(self.message("en"))

    def message(self, lang: str = "fr") -> str:
        french, english = MESSAGES[self.why]
        return (english if lang == "en" else french).format(**self.details)
