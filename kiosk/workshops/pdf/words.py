"""The words of the PDFs, in French (default) and English."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WORDS: dict[str, tuple[str, str]] = {
    "sheet_title": ("Émargement", "Attendance sheet"),
    "sheet_sub": ("Feuille de présence — séance {n} sur {total}", "Session {n} of {total}"),
    "funder": ("Financement", "Funded by"),
    "place": ("Lieu", "Place"),
    "date": ("Date", "Date"),
    "halves": ("Demi-journées", "Half-days"),
    "trainer": ("Formateur·rice", "Trainer"),
    "trainee": ("Stagiaire", "Trainee"),
    "morning": ("Matin", "Morning"),
    "afternoon": ("Après-midi", "Afternoon"),
    "session": ("Séance", "Session"),
    "signed": ("signé à {time}", "signed at {time}"),
    "signed_late": (
        "signé en retard à {time}, autorisé par {staff} : {reason}",
        "signed late at {time}, allowed by {staff}: {reason}",
    ),
    "strokes_gone": ("tracé supprimé (conservation échue ou effacement)", "drawing deleted"),
    "desk": (
        "Présent·e, arrivée enregistrée à {time} — signé au bureau : non",
        "Present, checked in at {time} — signed at the desk: no",
    ),
    "absent": ("Absent·e", "Absent"),
    "excused": ("Excusé·e : {reason}", "Excused: {reason}"),
    "cannot_sign": (
        "Ne peut pas signer — contresigné par {staff} à {time}",
        "Cannot sign — countersigned by {staff} at {time}",
    ),
    "cannot_sign_waiting": (
        "Ne peut pas signer (dit à {time}) — en attente du contreseing de l'équipe",
        "Cannot sign (said at {time}) — awaiting a staff countersignature",
    ),
    "empty": ("Pas encore renseigné", "Not recorded yet"),
    "arrived": ("arrivée {time}", "arrived {time}"),
    "left": ("départ {time}", "left {time}"),
    "erased": ("Stagiaire effacé·e", "Trainee erased"),
    "trainer_unsigned": ("Non signé par le formateur·rice", "Not signed by the trainer"),
    "sealed": (
        "Scellée le {when} par {by} — SHA-256 {seal}",
        "Sealed on {when} by {by} — SHA-256 {seal}",
    ),
    "not_sealed": ("Non scellée : la séance n'est pas close.", "Not sealed: the session is open."),
    "cancelled": ("SÉANCE ANNULÉE", "SESSION CANCELLED"),
    "page": ("page {n} / {total}", "page {n} / {total}"),
    "no_trainee": ("Aucun·e stagiaire inscrit·e.", "No trainee enrolled."),
    "cert_title": ("Attestation de présence", "Certificate of attendance"),
    "cert_body": (
        "{site} atteste que {name} a suivi l'atelier « {title} » : {halves} demi-journée(s) "
        "de présence sur {planned}, soit {hours} heure(s) de formation.",
        "{site} certifies that {name} attended the workshop “{title}”: present {halves} "
        "half-day(s) out of {planned}, that is {hours} hour(s) of training.",
    ),
    "cert_erased": (
        "Ce membre a été effacé : plus d'attestation nominative.",
        "This member was erased: no named certificate.",
    ),
    "present": ("Présent·e", "Present"),
    "hours": ("Heures", "Hours"),
    "status": ("Présence", "Attendance"),
    "total": ("Total", "Total"),
    "issued": ("Fait à {place}, le {day}.", "Issued at {place} on {day}."),
    "signature_line": ("Signature et cachet", "Signature and stamp"),
    "tutorials": ("Programme", "Programme"),
}

_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def word(key: str, lang: str, **values: object) -> str:
    french, english = WORDS[key]
    return (english if lang == "en" else french).format(**values)


def long_day(day: date, lang: str) -> str:
    """``mercredi 2 décembre 2026`` / ``Wednesday 2 December 2026``."""
    if lang == "en":
        return f"{_DAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{_DAYS_FR[day.weekday()]} {first} {_MONTHS_FR[day.month - 1]} {day.year}"


def hhmm(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def short_day(day: date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang != "en" else day.isoformat()


def hours_text(hours: float, lang: str) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang != "en" else text
