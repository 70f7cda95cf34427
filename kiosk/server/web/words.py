"""The words of the server's staff pages, French and English (kiosk.server.web.pages)."""

from __future__ import annotations

from typing import TypedDict


class Words(TypedDict):
    lang: str
    site: str
    other_language: str  # the name of the other language, in that language
    login_title: str
    username: str
    password: str
    sign_in: str
    login_failed: str
    too_many: str
    form_expired: str
    sign_out_again: str
    slow_down: str
    back_to_report: str
    login_hint: str
    signed_in_as: str
    sign_out: str
    report_title: str
    report_about: str
    years: str
    previous_year: str
    next_year: str
    download_csv: str
    no_visits: str
    totals: str
    change: str
    visits: str
    visits_note: str
    member_visits: str
    unique_visitors: str
    new_members: str
    guests: str
    guest_groups: str
    chart_title: str
    chart_desc: str
    chart_bar: str
    by_month: str
    by_weekday: str
    by_hour: str
    by_space: str
    by_purpose: str
    by_age: str
    by_kiosk: str
    month: str
    weekday: str
    hour: str
    space: str
    purpose: str
    age: str
    kiosk: str
    visits_column: str
    people_column: str
    none: str
    unknown: str
    unknown_age: str
    hour_label: str
    percent: str
    thousands: str
    decimal: str
    workshops_title: str
    workshops_note: str
    ws_workshops: str
    ws_sessions: str
    ws_half_days: str
    ws_trainees: str
    ws_hours: str
    ws_by_funder: str
    ws_by_age: str
    ws_funder: str
    ws_no_funder: str
    ws_none: str
    # a network of sites (one server)
    site_report_about: str
    network_title: str
    network_about: str
    pick_site: str
    whole_network: str
    show: str
    by_site: str
    site_column: str
    network_row: str
    network_visits: str
    download_network_csv: str
    site_csv: str
    people_per_site: str
    site_chart: str
    # lists as words separated by spaces (Monday first): short enough to read at a glance
    months: str
    months_short: str
    weekdays: str


FRENCH: Words = {
    "lang": "fr",
    "site": "Fablab · espace équipe",
    "other_language": "English",
    "login_title": "Connexion de l’équipe",
    "username": "Identifiant",
    "password": "Mot de passe",
    "sign_in": "Se connecter",
    "login_failed": "Identifiant ou mot de passe incorrect.",
    "too_many": "Trop d’essais manqués depuis cette adresse : réessayez dans {minutes} min.",
    "form_expired": "Ce formulaire a expiré ou vient d’une autre page : "
    "saisissez à nouveau votre mot de passe ici.",
    "sign_out_again": "La déconnexion n’a pas été faite (demande venue d’une autre page) : "
    "appuyez encore sur «\u00a0Se déconnecter\u00a0» ci-dessus.",
    "slow_down": "Trop de demandes de bilans en peu de temps : réessayez dans {seconds} s.",
    "back_to_report": "Revenir aux bilans",
    "login_hint": "Les comptes sont créés sur le serveur par « fablab-kiosk server add-staff ».",
    "signed_in_as": "Connecté·e : {user}",
    "sign_out": "Se déconnecter",
    "report_title": "Fréquentation {year}",
    "report_about": "Tous les kiosques · fuseau {tz} · calculé le {when}",
    "years": "Années",
    "previous_year": "Année précédente",
    "next_year": "Année suivante",
    "download_csv": "Télécharger le CSV",
    "no_visits": "Aucune visite enregistrée en {year}.",
    "totals": "Chiffres clés",
    "change": "Évolution",
    "visits": "Visites (personnes)",
    "visits_note": "Une visite de membre compte 1, un groupe de 5 invités compte 5.",
    "member_visits": "dont visites de membres",
    "unique_visitors": "Membres différents",
    "new_members": "Nouveaux membres",
    "guests": "Invités",
    "guest_groups": "Groupes d’invités",
    "chart_title": "Visites par mois, {year} et {previous}",
    "chart_desc": "Diagramme en barres. Pour chaque mois, la barre grise de gauche est "
    "{previous}, la barre bleue de droite {year}. Les mêmes chiffres sont dans le "
    "tableau « Par mois ».",
    "chart_bar": "{month} {year} : {n} visites",
    "by_month": "Par mois",
    "by_weekday": "Par jour de la semaine",
    "by_hour": "Par heure d’arrivée",
    "by_space": "Par espace",
    "by_purpose": "Par motif de visite",
    "by_age": "Par tranche d’âge",
    "by_kiosk": "Par kiosque",
    "month": "Mois",
    "weekday": "Jour",
    "hour": "Heure",
    "space": "Espace",
    "purpose": "Motif",
    "age": "Âge",
    "kiosk": "Kiosque",
    "visits_column": "Visites",
    "people_column": "Personnes différentes",
    "none": "Aucune visite",
    "unknown": "non précisé",
    "unknown_age": "inconnu (et invités)",
    "hour_label": "{hour} h",
    "percent": "{value} %",
    "thousands": "\u202f",
    "decimal": ",",
    "workshops_title": "Ateliers et formations {year}",
    "workshops_note": "Heures-stagiaires : les heures de présence de chaque stagiaire, "
    "additionnées (demi-journées signées, émargées à l’accueil ou contresignées ; "
    "ni les absences, ni les séances annulées).",
    "ws_workshops": "Ateliers",
    "ws_sessions": "Séances",
    "ws_half_days": "Demi-journées",
    "ws_trainees": "Stagiaires différents",
    "ws_hours": "Heures-stagiaires",
    "ws_by_funder": "Par financeur",
    "ws_by_age": "Stagiaires par tranche d’âge",
    "ws_funder": "Financeur",
    "ws_no_funder": "sans financeur",
    "ws_none": "Aucun atelier",
    "site_report_about": "Site {site} · tous ses kiosques · fuseau {tz} · calculé le {when}",
    "network_title": "Réseau · fréquentation {year}",
    "network_about": "{sites} sites, chacun compté dans son fuseau horaire · calculé le {when}",
    "pick_site": "Site affiché",
    "whole_network": "Tout le réseau",
    "show": "Afficher",
    "by_site": "Par site",
    "site_column": "Site",
    "network_row": "Réseau (total)",
    "network_visits": "Visites de membres d’autres sites",
    "download_network_csv": "Télécharger le CSV du réseau",
    "site_csv": "CSV",
    "people_per_site": "Personnes différentes : comptées une fois par site ; le total du "
    "réseau additionne les sites.",
    "site_chart": "{site} : visites par mois, {year} et {previous}",
    "months": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre",
    "months_short": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "weekdays": "lundi mardi mercredi jeudi vendredi samedi dimanche",
}

ENGLISH: Words = {
    "lang": "en",
    "site": "Fab lab · staff",
    "other_language": "Français",
    "login_title": "Staff sign-in",
    "username": "Username",
    "password": "Password",
    "sign_in": "Sign in",
    "login_failed": "Wrong username or password.",
    "too_many": "Too many failed attempts from this address: try again in {minutes} min.",
    "form_expired": "This form has expired or came from another page: "
    "type your password again here.",
    "sign_out_again": "You are still signed in (the request came from another page): "
    "press “Sign out” above once more.",
    "slow_down": "Too many report requests in a short time: try again in {seconds} s.",
    "back_to_report": "Back to the report",
    "login_hint": "Accounts are made on the server with “fablab-kiosk server add-staff”.",
    "signed_in_as": "Signed in as {user}",
    "sign_out": "Sign out",
    "report_title": "Visits in {year}",
    "report_about": "All kiosks · time zone {tz} · computed {when}",
    "years": "Years",
    "previous_year": "Previous year",
    "next_year": "Next year",
    "download_csv": "Download CSV",
    "no_visits": "No visits recorded in {year}.",
    "totals": "Totals",
    "change": "Change",
    "visits": "Visits (people)",
    "visits_note": "A member’s visit counts 1, a group of 5 guests counts 5.",
    "member_visits": "of which member visits",
    "unique_visitors": "Different members",
    "new_members": "New members",
    "guests": "Guests",
    "guest_groups": "Guest groups",
    "chart_title": "Visits by month, {year} and {previous}",
    "chart_desc": "Bar chart. For each month, the grey bar on the left is {previous}, the "
    "blue bar on the right {year}. The same numbers are in the table “By month”.",
    "chart_bar": "{month} {year}: {n} visits",
    "by_month": "By month",
    "by_weekday": "By weekday",
    "by_hour": "By hour of arrival",
    "by_space": "By space",
    "by_purpose": "By purpose",
    "by_age": "By age bracket",
    "by_kiosk": "By kiosk",
    "month": "Month",
    "weekday": "Day",
    "hour": "Hour",
    "space": "Space",
    "purpose": "Purpose",
    "age": "Age",
    "kiosk": "Kiosk",
    "visits_column": "Visits",
    "people_column": "Different people",
    "none": "No visits",
    "unknown": "not given",
    "unknown_age": "unknown (and guests)",
    "hour_label": "{hour}:00",
    "percent": "{value}%",
    "thousands": ",",
    "decimal": ".",
    "workshops_title": "Workshops and trainings in {year}",
    "workshops_note": "Trainee-hours: the hours each trainee was present, added up "
    "(half-days signed, signed at the desk or countersigned; not absences, not cancelled "
    "sessions).",
    "ws_workshops": "Workshops",
    "ws_sessions": "Sessions",
    "ws_half_days": "Half-days",
    "ws_trainees": "Different trainees",
    "ws_hours": "Trainee-hours",
    "ws_by_funder": "By funder",
    "ws_by_age": "Trainees by age bracket",
    "ws_funder": "Funder",
    "ws_no_funder": "no funder",
    "ws_none": "No workshops",
    "site_report_about": "Site {site} · all its kiosks · time zone {tz} · computed {when}",
    "network_title": "Network · visits in {year}",
    "network_about": "{sites} sites, each counted in its own time zone · computed {when}",
    "pick_site": "Site shown",
    "whole_network": "The whole network",
    "show": "Show",
    "by_site": "By site",
    "site_column": "Site",
    "network_row": "Network (total)",
    "network_visits": "Visits by members of other sites",
    "download_network_csv": "Download the network's CSV",
    "site_csv": "CSV",
    "people_per_site": "Different people: counted once per site; the network's total adds "
    "the sites up.",
    "site_chart": "{site}: visits by month, {year} and {previous}",
    "months": "January February March April May June July August September October "
    "November December",
    "months_short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "weekdays": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}
LANGUAGES: dict[str, Words] = {"fr": FRENCH, "en": ENGLISH}
