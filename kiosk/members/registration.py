"""Members: registration with consent, lookup, listing, and import of a membership export."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.badges import format_short_code, new_short_code, normalize_short_code
from kiosk.models import AGE_BRACKETS, Member, MembershipStatus
from kiosk.outbox import MEMBERSHIP, member_payload, record
from kiosk.plaintext import clean_text
from kiosk.plausible import check_day

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTCODE = {"FR": re.compile(r"\d{5}"), "BE": re.compile(r"\d{4}"), "CH": re.compile(r"\d{4}")}
_POSTCODE_ANY = re.compile(r"[A-Za-z0-9 \-]{3,10}")


@dataclass(frozen=True)
class FieldProblem:
    """One wrong field, as a code the screens translate (``required``, ``invalid``, ...)."""

    field: str
    code: str
    message: str


class InvalidMember(ValueError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


@dataclass
class NewMember:
    first_name: str
    last_name: str | None = None
    email: str | None = None
    age_bracket: str | None = None
    postcode: str | None = None

    def cleaned(self) -> NewMember:
        def clean(value: str | None) -> str | None:
            # control characters (a NUL from an imported CSV) go: no database can hold
            # some of them and no screen shows them
            value = " ".join(clean_text(value or "").split())
            return value or None

        email = clean(self.email)
        return NewMember(
            first_name=clean(self.first_name) or "",
            last_name=clean(self.last_name),
            email=email.lower() if email else None,
            age_bracket=clean(self.age_bracket),
            postcode=clean(self.postcode),
        )


def validate(new: NewMember, country: str = "FR") -> list[FieldProblem]:
    """What is wrong with a registration, field by field (empty when it is fine)."""
    problems = []
    if not new.first_name:
        problems.append(FieldProblem("first_name", "required", "a first name is needed"))
    elif len(new.first_name) > 80:
        problems.append(FieldProblem("first_name", "too_long", "at most 80 characters"))
    if new.last_name and len(new.last_name) > 80:
        problems.append(FieldProblem("last_name", "too_long", "at most 80 characters"))
    if new.email and (len(new.email) > 254 or not _EMAIL.fullmatch(new.email)):
        problems.append(FieldProblem("email", "invalid", f"{new.email!r} is not an email address"))
    if new.age_bracket and new.age_bracket not in AGE_BRACKETS:
        problems.append(FieldProblem("age_bracket", "invalid", f"one of {', '.join(AGE_BRACKETS)}"))
    if new.postcode:
        pattern = _POSTCODE.get(country.upper(), _POSTCODE_ANY)
        if not pattern.fullmatch(new.postcode):
            problems.append(
                FieldProblem("postcode", "invalid", f"{new.postcode!r} is not a {country} postcode")
            )
    return problems


def _unused_short_code(session: Session) -> str:
    while True:
        code = new_short_code()
        if session.scalar(select(Member.id).where(Member.short_code == code)) is None:
            return code


def register_member(
    session: Session,
    new: NewMember,
    *,
    consent_at: datetime,
    country: str = "FR",
    status: MembershipStatus = MembershipStatus.PENDING,
    valid_until: date | None = None,
) -> Member:
    """Create a member; the caller's transaction commits it. Raises InvalidMember."""
    new = new.cleaned()
    problems = validate(new, country)
    if problems:
        raise InvalidMember(problems)
    member = Member(
        short_code=_unused_short_code(session),
        first_name=new.first_name,
        last_name=new.last_name,
        email=new.email,
        age_bracket=new.age_bracket,
        postcode=new.postcode,
        consent_at=consent_at,
        status=status,
        valid_until=valid_until,
        badge_version=1,
        erased=False,
    )
    session.add(member)
    session.flush()
    record(session, "member", member_payload(member), consent_at)
    return member


def find_member(session: Session, ref: str) -> Member | None:
    """A member by uuid, short code (with or without the dash) or email."""
    ref = ref.strip()
    if len(ref) == 36:
        found = session.get(Member, ref)
        if found is not None:
            return found
    code = normalize_short_code(ref)
    if code is not None:
        found = session.scalar(select(Member).where(Member.short_code == code))
        if found is not None:
            return found
    if "@" in ref:
        return session.scalar(select(Member).where(Member.email == ref.lower()))
    return None


def list_members(session: Session, include_erased: bool = False) -> list[Member]:
    query = select(Member).order_by(Member.first_name, Member.last_name, Member.short_code)
    if not include_erased:
        query = query.where(Member.erased.is_(False))
    return list(session.scalars(query))


def member_json(member: Member, today: date) -> dict[str, Any]:
    """The stable JSON shape of ``member show`` / ``member add`` (see the README)."""
    return {
        "id": member.id,
        "short_code": member.short_code,
        "short_code_display": format_short_code(member.short_code),
        "first_name": member.first_name,
        "last_name": member.last_name,
        "email": member.email,
        "age_bracket": member.age_bracket,
        "postcode": member.postcode,
        "status": member.effective_status(today).value,
        "valid_until": member.valid_until.isoformat() if member.valid_until else None,
        "badge_version": member.badge_version,
        "consent_at": member.consent_at.isoformat() if member.consent_at else None,
        "created_at": member.created_at.isoformat(),
    }


# --- import of a membership export (HelloAsso and similar payment platforms) -----------

_HEADERS = {
    "first_name": ("first_name", "firstname", "first name", "prenom", "prenom adherent"),
    "last_name": ("last_name", "lastname", "last name", "nom", "nom adherent"),
    "email": ("email", "e-mail", "mail", "courriel", "email adherent"),
    "postcode": ("postcode", "postal code", "zip", "code postal", "cp"),
    "age_bracket": ("age_bracket", "age bracket", "tranche d'age", "tranche age"),
    "valid_until": ("valid_until", "valid until", "fin d'adhesion", "date de fin", "expiration"),
    "paid_on": ("date", "paid_on", "date du paiement", "date de paiement", "date de la commande"),
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("_", " ").split())


def _parse_date(text: str) -> date:
    text = text.strip().split(" ")[0]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (expected 2026-09-30 or 30/09/2026)")


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)  # (line, short code)
    updated: list[tuple[int, str]] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": [{"line": n, "short_code": c} for n, c in self.imported],
            "updated": [{"line": n, "short_code": c} for n, c in self.updated],
            "refused": [{"line": n, "reason": r} for n, r in self.refused],
        }


def _read_rows(path: Path) -> tuple[dict[str, str | None], list[tuple[int, dict[str, str]]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # spreadsheets saved on Windows
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    except csv.Error:  # a single column: no delimiter to tell apart
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    folded = {_fold(h): h for h in reader.fieldnames or []}
    columns = {
        key: next((folded[a] for a in aliases if a in folded), None)
        for key, aliases in _HEADERS.items()
    }
    rows = [(reader.line_num, row) for row in reader]
    return columns, rows


def import_members_csv(
    session: Session, path: Path, *, now: datetime, today: date, country: str = "FR"
) -> ImportReport:
    """Import (or renew) members from a CSV export: one report line per row.

    A row whose email matches a member already here renews that member rather than
    making a second badge. A row with a payment or end date is an active membership
    (valid one year from the payment date when no end date is given).
    """
    report = ImportReport()
    columns, rows = _read_rows(path)
    if columns["first_name"] is None:
        report.refused.append((1, "no first-name column (expected 'first_name' or 'Prénom')"))
        return report
    for line, row in rows:

        def get(key: str, row: dict[str, str] = row) -> str | None:
            col = columns[key]
            return (row.get(col) or "").strip() or None if col else None

        new = NewMember(
            first_name=get("first_name") or "",
            last_name=get("last_name"),
            email=get("email"),
            age_bracket=get("age_bracket"),
            postcode=get("postcode"),
        ).cleaned()
        problems = validate(new, country)
        valid_until = None
        try:
            if get("valid_until"):
                valid_until = _parse_date(get("valid_until") or "")
            elif get("paid_on"):
                paid = _parse_date(get("paid_on") or "")
                valid_until = (
                    paid.replace(year=paid.year + 1)
                    if paid.month != 2 or paid.day != 29
                    else date(paid.year + 1, 2, 28)
                )
            if valid_until is not None:  # 31/12/9999 would break every report later
                check_day("valid_until", valid_until, now)
        except ValueError as exc:
            problems.append(FieldProblem("valid_until", "invalid", str(exc)))
        if problems:
            report.refused.append((line, "; ".join(f"{p.field}: {p.message}" for p in problems)))
            continue
        status = MembershipStatus.ACTIVE if valid_until else MembershipStatus.PENDING
        existing = find_member(session, new.email) if new.email else None
        if existing is not None and not existing.erased:
            if valid_until and (existing.valid_until is None or valid_until > existing.valid_until):
                existing.valid_until = valid_until
                existing.status = MembershipStatus.ACTIVE
                record(session, "member", member_payload(existing, MEMBERSHIP), now)
            report.updated.append((line, existing.short_code))
            continue
        # No SAVEPOINT here: with pysqlite, releasing one opened outside a transaction
        # commits, so a rolled-back import would keep its first rows.
        member = register_member(
            session,
            new,
            consent_at=now,
            country=country,
            status=status,
            valid_until=valid_until,
        )
        report.imported.append((line, member.short_code))
    return report
