"""A session's attendance sheet and its trainees' certificates of attendance written
as PDF where staff export them (a USB stick, the kiosk's exports folder), each file
written aside then renamed: a stick pulled out midway leaves no half-written PDF."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.models import Member
from kiosk.site import Site
from kiosk.workshops.counts import TraineeRecord, trainee_record
from kiosk.workshops.pdf.certificate import write_certificate
from kiosk.workshops.pdf.sheet import write_sheet
from kiosk.workshops.sheet import build_sheet


@dataclass(frozen=True)
class Exported:
    folder: Path
    sheet: Path
    certificates: tuple[Path, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text).strip("-")[:40] or "atelier"


def export_session(site: Site, session_id: str, folder: Path, lang: str) -> Exported:
    """The session's sheet and each trainee's certificate of attendance as PDF in a
    folder of their own under *folder* (a USB stick, the kiosk's exports folder).
    Each file is written aside and renamed: a stick pulled out leaves no half PDF.
    Slow (reportlab, a USB stick): call it from a worker."""
    settings = site.settings
    with site.sessions() as session:
        sheet = build_sheet(session, settings, session_id)
        workshop = sheet.session.workshop
        day = sheet.session.starts_at.astimezone(settings.tz).date()
        title = workshop.title_en if lang == "en" else workshop.title_fr
        where = folder / f"{_slug(title)}-{day.isoformat()}-{sheet.number}"
        where.mkdir(parents=True, exist_ok=True)
        name = "emargement" if lang == "fr" else "attendance-sheet"
        sheet_path = where / f"{name}-{sheet.number}.pdf"
        _write_aside(sheet_path, lambda out: write_sheet(sheet, settings, out, lang))
        certificates = []
        for row in sheet.rows:
            if row.erased:
                continue
            member = session.get_one(Member, row.member_id)
            record = trainee_record(session, settings, workshop.id, member.id)
            stem = _slug(f"{member.first_name}-{member.last_name or ''}")
            path = where / f"{'attestation' if lang == 'fr' else 'certificate'}-{stem}.pdf"

            def certificate(
                out: Path, record: TraineeRecord = record, member: Member = member
            ) -> None:
                write_certificate(
                    record, member, workshop, settings, out, issued_on=site.today(), lang=lang
                )

            _write_aside(path, certificate)
            certificates.append(path)
    return Exported(where, sheet_path, tuple(certificates))


def _write_aside(path: Path, write: Callable[[Path], object]) -> None:
    part = path.with_name(path.name + ".part")
    try:
        write(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
