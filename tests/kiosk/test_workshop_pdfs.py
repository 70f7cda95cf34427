"""The attendance sheet and the certificate as PDF, read back as text with pypdf, and the
``fablab-kiosk workshop`` commands run in-process (no Qt)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kiosk.cli.main import main
from kiosk.members.actions import erase_member
from kiosk.models import Member
from kiosk.site import Site
from kiosk.workshops.attendance import Who, set_mark, sign
from kiosk.workshops.counts import trainee_record
from kiosk.workshops.models import Mark, Workshop
from kiosk.workshops.pdf import drawing
from kiosk.workshops.pdf import sheet as sheet_module
from kiosk.workshops.pdf.certificate import write_certificate
from kiosk.workshops.pdf.sheet import write_sheet
from kiosk.workshops.planning import NewWorkshop, add_sessions, add_workshop, enrol
from kiosk.workshops.sheet import build_sheet, close_session

DESK = Who("staff:Alex", "desk")
WAVE = [[(0.05 + 0.9 * i / 40, 0.5 + 0.3 * ((-1) ** i) * 0.5, i * 15) for i in range(40)]]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def sealed(
    site: Site, make_member: Callable[..., Member], paris: Callable[..., datetime]
) -> dict[str, Any]:
    """A full-day session: Inès signed both half-days, Gérard excused then absent, Maëlle
    erased after signing, the trainer signed the morning; closed and sealed."""
    members = {
        n: make_member(n, last_name=last)
        for n, last in (("Inès", "Benali"), ("Gérard", "Lefèbvre"), ("Maëlle", "Nguyen"))
    }
    with site.transaction() as session:
        workshop = add_workshop(
            session,
            site.settings,
            NewWorkshop(
                "Premiers pas numériques",
                "fablab",
                title_en="First digital steps",
                trainers="Zoé Martin",
                funder="FSE+",
                funding_mention="Cofinancé par l'Union européenne",
            ),
            set(),
        )
        meeting = add_sessions(
            session,
            site.settings,
            workshop.id,
            paris(2026, 12, 2, 9, 30),
            paris(2026, 12, 2, 16, 30),
            today=date(2026, 11, 25),
        )[0]
        for member in members.values():
            enrol(session, workshop.id, member.id, now=paris(2026, 11, 20))
        morning, afternoon = paris(2026, 12, 2, 9, 40), paris(2026, 12, 2, 13, 10)
        for moment in (morning, afternoon):
            sign(session, site.settings, meeting.id, members["Inès"].id, WAVE, who=DESK, now=moment)
        sign(session, site.settings, meeting.id, members["Maëlle"].id, WAVE, who=DESK, now=morning)
        set_mark(
            session,
            site.settings,
            meeting.id,
            members["Gérard"].id,
            0,
            Mark.EXCUSED,
            who=DESK,
            now=morning,
            reason="rendez-vous à la CAF",
        )
        sign(session, site.settings, meeting.id, None, WAVE, who=DESK, now=morning, trainer="Zoé")
        close_session(
            session,
            site.settings,
            meeting.id,
            who=DESK,
            by="Zoé Martin",
            now=paris(2026, 12, 2, 16, 40),
        )
        ids = {"workshop": workshop.id, "session": meeting.id, "seal": meeting.seal}
    with site.transaction() as session:
        erase_member(session, members["Maëlle"].id, now=paris(2026, 12, 3))
    return ids | {n: m.id for n, m in members.items()}


def sheet_pdf(site: Site, session_id: str, lang: str) -> bytes:
    out = io.BytesIO()
    with site.sessions() as session:
        write_sheet(build_sheet(session, site.settings, session_id), site.settings, out, lang)
    return out.getvalue()


def test_the_sheet_reads_back_with_names_accents_marks_and_the_seal(
    site: Site, sealed: dict[str, Any]
) -> None:
    pdf = sheet_pdf(site, sealed["session"], "fr")
    text = text_of(pdf)
    for expected in (
        "Émargement",
        "Fablab Test",
        "Premiers pas numériques",
        "FSE+ — Cofinancé par l'Union européenne",
        "mercredi 2 décembre 2026",
        "Matin 09:30–13:00",
        "Après-midi 13:00–16:30",
        "BENALI Inès",
        "LEFÈBVRE Gérard",
        "Excusé·e : rendez-vous à la CAF",
        "signé à 09:40",
        "Stagiaire effacé·e",
        "Non signé par le formateur·rice",
        "page 1 / 1",
        sealed["seal"],
    ):
        assert expected in text.replace("\n", " "), expected
    assert "Maëlle" not in text and "Nguyen" not in text.upper().title()
    assert b"/FontFile2" in pdf  # DejaVu Sans embedded


def test_the_sheet_in_english(site: Site, sealed: dict[str, Any]) -> None:
    text = text_of(sheet_pdf(site, sealed["session"], "en")).replace("\n", " ")
    for expected in ("Attendance sheet", "First digital steps", "Trainee erased", "Sealed on"):
        assert expected in text


def test_many_trainees_make_numbered_pages_with_the_seal_on_each(
    site: Site, sealed: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    trainees = [make_member(f"Stagiaire{i:02}") for i in range(30)]
    with site.transaction() as session:
        workshop = session.get_one(Workshop, sealed["workshop"])
        for member in trainees:
            enrol(session, workshop.id, member.id, now=workshop.sessions[0].starts_at)
    pages = PdfReader(io.BytesIO(sheet_pdf(site, sealed["session"], "fr"))).pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"page {number} / {len(pages)}" in text
        assert sealed["seal"][:16] in text


def test_without_dejavu_the_pdf_falls_back_to_helvetica(
    tmp_path: Path, site: Site, sealed: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = drawing.fonts(tmp_path / "no-fonts")
    assert not missing.embedded
    monkeypatch.setattr(sheet_module, "fonts", lambda: missing)
    pdf = sheet_pdf(site, sealed["session"], "fr")
    assert b"/FontFile2" not in pdf
    text = text_of(pdf).replace("\n", " ")
    assert "Émargement" in text and "LEFÈBVRE Gérard" in text


def test_the_certificate_counts_half_days_and_hours(site: Site, sealed: dict[str, Any]) -> None:
    out = io.BytesIO()
    with site.sessions() as session:
        record = trainee_record(session, site.settings, sealed["workshop"], sealed["Inès"])
        write_certificate(
            record,
            session.get_one(Member, sealed["Inès"]),
            session.get_one(Workshop, sealed["workshop"]),
            site.settings,
            out,
            issued_on=date(2026, 12, 20),
        )
    text = text_of(out.getvalue()).replace("\n", " ")
    assert "Attestation de présence" in text
    assert "Inès Benali" in text
    assert "2 demi-journée(s) de présence sur 2, soit 7 heure(s)" in text
    assert (record.half_days_present, record.hours) == (2, 7.0)


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir, self.capsys = data_dir, capsys
        self.out = self.err = ""

    def __call__(self, *argv: str) -> int:
        self.capsys.readouterr()
        status = main(["workshop", argv[0], "--data-dir", str(self.data_dir), *argv[1:]])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        return status

    def json(self, *argv: str) -> Any:
        assert self(*argv, "--json") == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def cli(site: Site, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(site.data_dir.path, capsys)


def test_the_commands_plan_enrol_mark_close_and_print(
    cli: Cli, site: Site, make_member: Callable[..., Member], tmp_path: Path
) -> None:
    year = site.today().year + 1
    ines = make_member("Inès", last_name="Benali", email="ines@example.org")
    assert cli("add", "Premiers pas", "--funder", "FSE+", "--tutorials", "workshop-safety") == 0
    assert cli("add", "Autre", "--tutorials", "lasr") == 1
    assert "Tutoriel inconnu : lasr" in cli.err
    assert cli("sessions", "Premiers", "--add", f"{year}-01-06T09:30/16:30", "--weekly", "3") == 0
    assert cli("sessions", "Premiers", "--add", "9999-12-31T14:00/17:00") == 1
    assert "n'est pas plausible" in cli.err
    assert cli("sessions", "Premiers", "--add", f"{year}-01-13T10:00/12:00") == 1
    assert "déjà pris" in cli.err
    assert (
        cli("enrol", "Premiers", "ines@example.org", "--new", "Yacine Dubois", "--new", "Lou") == 0
    )
    assert cli("enrol", "Premiers", "--new", "yacine dubois") == 1
    assert "déjà inscrit" in cli.err
    listed = cli.json("list")
    assert [(w["title_fr"], w["sessions"], w["trainees"]) for w in listed] == [
        ("Premiers pas", 3, 3)
    ]
    assert (
        cli("mark", "Premiers", "--session", "1", "Lou", "--status", "excused", "--staff", "Alex")
        == 1
    )
    assert "Il faut une raison" in cli.err
    assert (
        cli(
            "mark",
            "Premiers",
            "--session",
            "1",
            "Lou",
            "--status",
            "excused",
            "--reason",
            "malade",
            "--staff",
            "Alex",
        )
        == 0
    )
    assert (
        cli(
            "mark",
            "Premiers",
            "--session",
            "1",
            "Yacine",
            "--half",
            "2",
            "--status",
            "cannot-sign",
            "--countersigned-by",
            "Alex Dupont",
            "--staff",
            "Alex",
        )
        == 0
    )
    strokes = tmp_path / "strokes.json"
    strokes.write_text(json.dumps(WAVE))
    assert (
        cli(
            "sign",
            "Premiers",
            "--session",
            "1",
            ines.short_code,
            "--strokes",
            str(strokes),
            "--half",
            "1",
            "--staff",
            "Alex",
        )
        == 1
    )  # the session is next year: not open yet
    assert "30 minutes avant" in cli.err
    assert cli("close", "Premiers", "--session", "1", "--by", "Zoé", "--staff", "Alex") == 0
    assert cli.json("verify", "Premiers", "--session", "1")["intact"] is True
    shown = cli.json("show", "Premiers")
    first = shown["sessions_detail"][0]
    marks = {row["name"]: row["marks"] for row in first["attendance"]}
    assert marks == {
        "Inès Benali": ["absent", "absent"],
        "Lou": ["excused", "absent"],
        "Yacine Dubois": ["absent", "cannot_sign"],
    }
    assert [row["present"] for row in first["attendance"]] == [0, 0, 1]
    out = tmp_path / "sheet.pdf"
    assert cli("sheet", "Premiers", "--session", "1", "--out", str(out)) == 0
    assert "Émargement" in text_of(out.read_bytes())
    cert = tmp_path / "cert.pdf"
    assert cli("certificate", "Premiers", "Yacine", "--out", str(cert), "--lang", "en") == 0
    assert "Certificate of attendance" in text_of(cert.read_bytes())
    counts = cli.json("counts", "--year", str(year))
    assert (counts["sessions"], counts["trainees"], counts["trainee_hours"]) == (3, 1, 3.5)
    assert cli("sheet", "Premiers", "--session", "9", "--out", str(out)) == 1
    with site.transaction() as session:
        erase_member(session, ines.id, now=site.now())
    assert cli("certificate", "Premiers", ines.id, "--out", str(cert)) == 1
