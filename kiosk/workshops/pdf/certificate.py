"""A trainee's certificate of attendance ("attestation de présence"), A4: who attended
which workshop, each session with its half-days, the hours; issued by the site."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from kiosk.config import Settings
from kiosk.models import Member
from kiosk.workshops.counts import TraineeRecord
from kiosk.workshops.facts import TraineeFacts, WorkshopFacts
from kiosk.workshops.models import PRESENT_MARKS, Mark, Workshop
from kiosk.workshops.pdf.drawing import (
    MARGIN,
    PAGE_H,
    PAGE_W,
    Letterhead,
    fonts,
    footer,
    letterhead,
    text_lines,
    wrap,
)
from kiosk.workshops.pdf.words import hhmm, hours_text, long_day, short_day, word
from kiosk.workshops.refusals import Why, WorkshopRefused

ROW_H = 16.0
FOOTER_TOP = MARGIN + 26


def _mark_word(mark: Mark | None, afternoon: bool, lang: str) -> str:
    half = word("afternoon" if afternoon else "morning", lang)
    if mark in PRESENT_MARKS:
        state = word("present", lang)
    elif mark is Mark.EXCUSED:
        state = word("excused", lang, reason="").rstrip(" :")
    elif mark is Mark.ABSENT:
        state = word("absent", lang)
    else:
        state = word("empty", lang)
    return f"{half} : {state}" if lang != "en" else f"{half}: {state}"


def write_certificate(
    record: TraineeRecord,
    member: Member | TraineeFacts,
    workshop: Workshop | WorkshopFacts,
    settings: Settings | Letterhead,
    out: Path | BinaryIO,
    *,
    issued_on: date,
    lang: str = "fr",
) -> int:
    """Write the certificate; returns the number of pages. An erased member has none."""
    if member.erased:
        raise WorkshopRefused(Why.ERASED)
    font = fonts()
    head = letterhead(settings)
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=(PAGE_W, PAGE_H))
    c.setTitle(f"{word('cert_title', lang)} — {member.first_name}")
    c.setAuthor(head.site_name)
    title = workshop.title_en if lang == "en" else workshop.title_fr
    name = " ".join(p for p in (member.first_name, member.last_name) if p)
    width = PAGE_W - 2 * MARGIN
    tz = head.tz

    def heading() -> float:
        y = text_lines(c, [head.site_name], MARGIN, PAGE_H - MARGIN, font.bold, 10)
        return text_lines(c, [word("cert_title", lang)], MARGIN, y - 6, font.bold, 18)

    y = heading()
    y = text_lines(c, wrap(title, font.bold, 13, width), MARGIN, y - 6, font.bold, 13)
    funding = " — ".join(p for p in (workshop.funder, workshop.funding_mention) if p)
    if funding:
        label = word("funder", lang) + (": " if lang == "en" else " : ")
        y = text_lines(c, wrap(label + funding, font.regular, 9, width), MARGIN, y, font.regular, 9)
    body = word(
        "cert_body",
        lang,
        site=head.site_name,
        name=name,
        title=title,
        halves=record.half_days_present,
        planned=record.half_days_planned,
        hours=hours_text(record.hours, lang),
    )
    y = text_lines(c, wrap(body, font.regular, 11, width), MARGIN, y - 14, font.regular, 11) - 12
    columns = (MARGIN, MARGIN + 45, MARGIN + 160, PAGE_W - MARGIN - 50)
    page = 1
    pages = _page_count(len(record.sessions), y)

    def head_row(top: float) -> float:
        c.setFont(font.bold, 9)
        for x, text in zip(
            columns,
            (word("session", lang), word("date", lang), word("status", lang), word("hours", lang)),
            strict=True,
        ):
            c.drawString(x + 2, top - 11, text)
        c.line(MARGIN, top - ROW_H, PAGE_W - MARGIN, top - ROW_H)
        return top - ROW_H

    y = head_row(y)
    for line in record.sessions:
        if y - ROW_H < FOOTER_TOP + 60:
            footer(c, font, [], word("page", lang, n=page, total=pages))
            c.showPage()
            page += 1
            y = head_row(heading() - 10)
        day = short_day(line.starts_at.astimezone(tz).date(), lang)
        times = f"{hhmm(line.starts_at, tz)}–{hhmm(line.ends_at, tz)}"
        status = " · ".join(
            _mark_word(m, a, lang) for m, a in zip(line.marks, line.afternoons, strict=True)
        )
        c.setFont(font.regular, 8.5)
        c.drawString(columns[0] + 2, y - 11, str(line.number))
        c.drawString(columns[1] + 2, y - 11, f"{day}, {times}")
        c.drawString(
            columns[2] + 2, y - 11, wrap(status, font.regular, 8.5, columns[3] - columns[2] - 4)[0]
        )
        c.drawRightString(PAGE_W - MARGIN - 4, y - 11, hours_text(line.hours, lang))
        y -= ROW_H
    c.line(MARGIN, y, PAGE_W - MARGIN, y)
    c.setFont(font.bold, 9)
    c.drawString(columns[0] + 2, y - 11, word("total", lang))
    c.drawRightString(PAGE_W - MARGIN - 4, y - 11, hours_text(record.hours, lang))
    y -= ROW_H + 24
    issued = word("issued", lang, place=head.site_name, day=long_day(issued_on, lang))
    y = text_lines(c, [issued, "", word("signature_line", lang)], MARGIN, y, font.regular, 10)
    footer(c, font, [], word("page", lang, n=page, total=pages))
    c.showPage()
    c.save()
    return pages


def _page_count(sessions: int, first_top: float) -> int:
    """The pages the loop above makes (same arithmetic), for "page n / N"."""
    pages, y = 1, first_top - ROW_H
    next_top = PAGE_H - MARGIN - 10 * 1.25 - 6 - 18 * 1.25 - 10 - ROW_H
    for _ in range(sessions):
        if y - ROW_H < FOOTER_TOP + 60:
            pages += 1
            y = next_top
        y -= ROW_H
    return pages
