"""The words of the CSV saved for people (kiosk.reports.spreadsheet): its headings,
sections and items in the language on screen, as a French or English reader expects
them in a spreadsheet ("janvier 2026", "lundi", "Fab lab", "non renseigné")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from kiosk.reports.spreadsheet import SheetWords
from kiosk.reports.workshop_lines import AGE_SECTION, FUNDER_SECTION
from kiosk.reports.yearly import WEEKDAYS  # the report's weekday keys, Monday first
from kiosk.workshops.counts import NO_FUNDER
from ui.texts import purpose_label


def sheet_words(space_names: dict[str, str]) -> SheetWords:
    """*space_names*: space id -> its name in the language shown."""
    locale = QLocale()
    totals = {
        "visits": QCoreApplication.translate("ReportSheet", "Visits (people)"),
        "member_visits": QCoreApplication.translate("ReportSheet", "Visits by members"),
        "network_visits": QCoreApplication.translate(
            "ReportSheet", "Visits by members of the network's other places"
        ),
        "unique_visitors": QCoreApplication.translate("ReportSheet", "Different people"),
        "new_members": QCoreApplication.translate("ReportSheet", "New members"),
        "guests": QCoreApplication.translate("ReportSheet", "Guests"),
        "guest_groups": QCoreApplication.translate("ReportSheet", "Guest groups"),
    }
    workshops = {  # the workshops' totals, and what a funder's or an age's rows count
        "workshops": QCoreApplication.translate("ReportSheet", "Workshops"),
        "sessions": QCoreApplication.translate("ReportSheet", "Workshop sessions"),
        "half_days": QCoreApplication.translate("ReportSheet", "Half-days"),
        "trainees": QCoreApplication.translate("ReportSheet", "Different trainees"),
        "trainee_hours": QCoreApplication.translate("ReportSheet", "Trainee-hours"),
    }
    by_funder = QCoreApplication.translate("ReportSheet", "%1 by funder")
    by_age = QCoreApplication.translate("ReportSheet", "%1 by age")
    sections = {
        "workshops": QCoreApplication.translate("ReportSheet", "Workshops and trainings"),
        "total": QCoreApplication.translate("ReportSheet", "Totals"),
        "month": QCoreApplication.translate("ReportSheet", "Month"),
        "weekday": QCoreApplication.translate("ReportSheet", "Day of the week"),
        "hour": QCoreApplication.translate("ReportSheet", "Hour of arrival"),
        "space": QCoreApplication.translate("ReportSheet", "Space"),
        "purpose": QCoreApplication.translate("ReportSheet", "Purpose"),
        "age_bracket": QCoreApplication.translate("ReportSheet", "Visits by age"),
        "unique_age_bracket": QCoreApplication.translate("ReportSheet", "Different people by age"),
    }

    def section(key: str) -> str:
        if key.startswith("previous_year_"):
            return QCoreApplication.translate("ReportSheet", "Year %1").replace(
                "%1", key.removeprefix("previous_year_")
            )
        for prefix, words in ((FUNDER_SECTION, by_funder), (AGE_SECTION, by_age)):
            if key.startswith(prefix) and key.removeprefix(prefix) in workshops:
                return words.replace("%1", workshops[key.removeprefix(prefix)])
        return sections.get(key, key)

    def item(section: str, key: str) -> str:
        if key == "unknown":
            return QCoreApplication.translate("ReportSheet", "not given")
        if section == "total":
            return totals.get(key, key)
        if section == "workshops":
            return workshops.get(key, key)
        if section.startswith(FUNDER_SECTION):  # a label staff typed: as it is
            return (
                QCoreApplication.translate("ReportSheet", "no funder") if key == NO_FUNDER else key
            )
        if section == "month":  # "2026-01"
            year, month = key.split("-")
            return f"{locale.standaloneMonthName(int(month))} {year}"
        if section == "weekday" and key in WEEKDAYS:
            return locale.dayName(WEEKDAYS.index(key) + 1)
        if section == "hour":  # "08:00": as words, or a spreadsheet makes it a time
            hour = int(key.split(":")[0])
            return (
                QCoreApplication.translate("ReportSheet", "%1 h to %2 h")
                .replace("%1", str(hour))
                .replace("%2", str(hour + 1))
            )
        if section == "space":
            return space_names.get(key, key)
        if section == "purpose":
            return purpose_label(key)
        return key.replace("-", "–")  # "18-25": a date for a spreadsheet, "18–25" is not

    headings = (
        QCoreApplication.translate("ReportSheet", "Year"),
        QCoreApplication.translate("ReportSheet", "What"),
        QCoreApplication.translate("ReportSheet", "Which"),
        QCoreApplication.translate("ReportSheet", "How many"),
    )
    return SheetWords(headings, section, item, locale.decimalPoint())
