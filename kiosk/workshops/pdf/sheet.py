"""The attendance sheet of a session ("feuille d'émargement"), A4 portrait.

Header: the organisation, "Émargement", the workshop's title (the same on every
document), funder and funding mention, place, date, the half-days with their times,
the trainer. Then one row per trainee: the name, and for each half-day the signature
drawn from its strokes with its time, or what stands instead (absent, excused with the
reason, cannot sign countersigned by..., present at the desk, trainee erased); the
trainer's row last. No box is left empty. Footer: the seal and "page n / N".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from kiosk.config import Settings
from kiosk.workshops.facts import EntryFacts
from kiosk.workshops.models import Mark
from kiosk.workshops.pdf.drawing import (
    MARGIN,
    PAGE_H,
    PAGE_W,
    Fonts,
    Letterhead,
    draw_signature,
    fonts,
    footer,
    letterhead,
    text_lines,
    wrap,
)
from kiosk.workshops.pdf.words import hhmm, long_day, word
from kiosk.workshops.sheet import Cell, Sheet

NAME_W = 150.0
HEAD_ROW_H = 20.0
ROW_H = 58.0
SIGN_H = 30.0
SMALL = 6.5
FOOTER_TOP = MARGIN + 26


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool
    size: float


def half_label(sheet: Sheet, index: int, settings: Letterhead, lang: str) -> str:
    half = sheet.halves[index]
    name = word("afternoon" if half.afternoon else "morning", lang)
    tz = settings.tz
    return f"{name} {hhmm(half.starts_at, tz)}–{hhmm(half.ends_at, tz)}"


def header_lines(sheet: Sheet, settings: Letterhead, lang: str, first: bool) -> list[Line]:
    meeting = sheet.session
    workshop = meeting.workshop
    title = workshop.title_en if lang == "en" else workshop.title_fr
    day = long_day(meeting.starts_at.astimezone(settings.tz).date(), lang)
    total = meeting.total
    if not first:
        return [Line(f"{word('sheet_title', lang)} — {title} — {day}", True, 9)]
    space = settings.place(meeting.space, lang)
    place = settings.site_name + (f", {space}" if space else "")
    lines = [
        Line(settings.site_name, True, 10),
        Line(word("sheet_title", lang), True, 18),
        Line(word("sheet_sub", lang, n=sheet.number, total=total), False, 9),
        Line(title, True, 13),
    ]
    if meeting.cancelled_at is not None:
        lines.append(Line(word("cancelled", lang), True, 12))
    funding = " — ".join(p for p in (workshop.funder, workshop.funding_mention) if p)
    if funding:
        lines.append(Line(f"{word('funder', lang)} : {funding}", False, 9))
    halves = " · ".join(half_label(sheet, h.index, settings, lang) for h in sheet.halves)
    lines += [
        Line(f"{word('place', lang)} : {place}", False, 9),
        Line(f"{word('date', lang)} : {day}", False, 9),
        Line(f"{word('halves', lang)} : {halves}", False, 9),
        Line(f"{word('trainer', lang)} : {workshop.trainers or '—'}", False, 9),
    ]
    if workshop.tutorials:
        lines.append(Line(f"{word('tutorials', lang)} : {', '.join(workshop.tutorials)}", False, 8))
    if lang == "en":
        return [Line(line.text.replace(" : ", ": "), line.bold, line.size) for line in lines]
    return lines


def _wrapped(lines: list[Line], font: Fonts) -> list[tuple[str, str, float]]:
    width = PAGE_W - 2 * MARGIN
    out = []
    for line in lines:
        face = font.bold if line.bold else font.regular
        out += [(part, face, line.size) for part in wrap(line.text, face, line.size, width)]
    return out


def _header_height(lines: list[tuple[str, str, float]]) -> float:
    return sum(size * 1.25 for _t, _f, size in lines) + 8


def cell_text(cell: Cell, settings: Letterhead, lang: str) -> str:
    entry = cell.entry
    if entry is None:
        return word("empty", lang)
    tz = settings.tz
    at = hhmm(entry.signed_at or entry.recorded_at, tz)
    if cell.mark is Mark.SIGNED:
        if entry.late_allowed_by:
            text = word(
                "signed_late", lang, time=at, staff=entry.late_allowed_by, reason=entry.reason
            )
        else:
            text = word("signed", lang, time=at)
        if entry.strokes is None:
            text += " — " + word("strokes_gone", lang)
    elif cell.mark is Mark.DESK:
        text = word("desk", lang, time=at)
    elif cell.mark is Mark.ABSENT:
        text = word("absent", lang)
    elif cell.mark is Mark.EXCUSED:
        text = word("excused", lang, reason=entry.reason or "")
    elif entry.countersigned_by is None:  # said at the door; staff have not countersigned
        text = word("cannot_sign_waiting", lang, time=at)
    else:
        text = word("cannot_sign", lang, staff=entry.countersigned_by, time=at)
    extra = _times(entry, settings, lang)
    return f"{text} ({extra})" if extra else text


def _times(entry: EntryFacts, settings: Letterhead, lang: str) -> str:
    parts = []
    if entry.arrived_at is not None:
        parts.append(word("arrived", lang, time=hhmm(entry.arrived_at, settings.tz)))
    if entry.left_at is not None:
        parts.append(word("left", lang, time=hhmm(entry.left_at, settings.tz)))
    return ", ".join(parts)


class _Pages:
    """Draws the sheet page by page; the number of pages is known before the first."""

    def __init__(self, sheet: Sheet, settings: Letterhead, lang: str, canvas: Canvas) -> None:
        self.sheet, self.settings, self.lang, self.canvas = sheet, settings, lang, canvas
        self.font = fonts()
        self.first = _wrapped(header_lines(sheet, settings, lang, True), self.font)
        self.next = _wrapped(header_lines(sheet, settings, lang, False), self.font)
        self.col_w = (PAGE_W - 2 * MARGIN - NAME_W) / len(sheet.halves)

    def capacity(self, first: bool) -> int:
        top = PAGE_H - MARGIN - _header_height(self.first if first else self.next)
        return max(1, int((top - HEAD_ROW_H - FOOTER_TOP) // ROW_H))

    def pages(self, count: int) -> list[range]:
        pages: list[range] = []
        start, first = 0, True
        while start < count or not pages:
            size = self.capacity(first)
            pages.append(range(start, min(count, start + size)))
            start, first = start + size, False
        return pages

    def seal_lines(self) -> list[str]:
        meeting = self.sheet.session
        if meeting.closed_at is None or meeting.seal is None:
            return [word("not_sealed", self.lang)]
        when: datetime = meeting.closed_at.astimezone(self.settings.tz)
        stamp = when.strftime("%d/%m/%Y %H:%M") if self.lang != "en" else f"{when:%Y-%m-%d %H:%M}"
        return [word("sealed", self.lang, when=stamp, by=meeting.closed_by, seal=meeting.seal)]

    def draw(self) -> int:
        rows: list[tuple[str, tuple[Cell, ...]]] = [
            (
                word("erased", self.lang)
                if row.erased
                else " ".join(p for p in (row.last_name.upper(), row.first_name) if p),
                row.cells,
            )
            for row in self.sheet.rows
        ]
        trainer = f"{word('trainer', self.lang)} : {self.sheet.session.workshop.trainers or '—'}"
        rows.append((trainer.replace(" : ", ": ") if self.lang == "en" else trainer, ()))
        pages = self.pages(len(rows))
        for number, indices in enumerate(pages, start=1):
            lines = self.first if number == 1 else self.next
            y = text_lines_multi(self.canvas, lines, PAGE_H - MARGIN) - 8
            y = self.table_head(y)
            for i in indices:
                name, cells = rows[i]
                is_trainer = i == len(rows) - 1
                self.row(y, name, self.sheet.trainer_cells if is_trainer else cells, is_trainer)
                y -= ROW_H
            if number == 1 and not self.sheet.rows:
                self.canvas.setFont(self.font.regular, 9)
                self.canvas.drawString(MARGIN, y - 14, word("no_trainee", self.lang))
            footer(
                self.canvas,
                self.font,
                self.seal_lines(),
                word("page", self.lang, n=number, total=len(pages)),
            )
            self.canvas.showPage()
        return len(pages)

    def table_head(self, top: float) -> float:
        c = self.canvas
        c.setFillColorRGB(0.92, 0.92, 0.92)
        c.rect(MARGIN, top - HEAD_ROW_H, PAGE_W - 2 * MARGIN, HEAD_ROW_H, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self.font.bold, 8.5)
        c.drawString(MARGIN + 4, top - HEAD_ROW_H + 6, word("trainee", self.lang))
        for h in self.sheet.halves:
            x = MARGIN + NAME_W + h.index * self.col_w
            c.line(x, top, x, top - HEAD_ROW_H)
            c.drawString(
                x + 4,
                top - HEAD_ROW_H + 6,
                half_label(self.sheet, h.index, self.settings, self.lang),
            )
        return top - HEAD_ROW_H

    def row(self, top: float, name: str, cells: tuple[Cell, ...], trainer: bool) -> None:
        c, font = self.canvas, self.font
        bottom = top - ROW_H
        c.rect(MARGIN, bottom, PAGE_W - 2 * MARGIN, ROW_H, stroke=1, fill=0)
        face = font.bold if trainer else font.regular
        text_lines(c, wrap(name, face, 9, NAME_W - 8)[:4], MARGIN + 4, top - 4, face, 9)
        for index, cell in enumerate(cells):
            x = MARGIN + NAME_W + index * self.col_w
            c.line(x, top, x, bottom)
            entry = cell.entry
            if trainer and entry is None:
                text = word("trainer_unsigned", self.lang)
            else:
                text = cell_text(cell, self.settings, self.lang)
            signed = cell.mark is Mark.SIGNED and entry is not None and entry.strokes is not None
            if signed and entry is not None and entry.strokes is not None:
                draw_signature(c, entry.strokes, x + 4, top - 4 - SIGN_H, self.col_w - 8, SIGN_H)
                text_top = top - 6 - SIGN_H
            else:
                text_top = top - 10
            c.setFillColorRGB(0.15, 0.15, 0.15)
            lines = wrap(text, font.regular, SMALL, self.col_w - 8)[: 5 if not signed else 2]
            text_lines(c, lines, x + 4, text_top, font.regular, SMALL)
            c.setFillColorRGB(0, 0, 0)


def text_lines_multi(canvas: Canvas, lines: list[tuple[str, str, float]], top: float) -> float:
    y = top
    for text, face, size in lines:
        y -= size * 1.25
        canvas.setFont(face, size)
        canvas.drawString(MARGIN, y + size * 0.25, text)
    return y


def write_sheet(
    sheet: Sheet, settings: Settings | Letterhead, out: Path | BinaryIO, lang: str = "fr"
) -> int:
    """Write the PDF to *out* (a path or a binary file); returns the number of pages."""
    head = letterhead(settings)
    workshop = sheet.session.workshop
    canvas = Canvas(str(out) if isinstance(out, Path) else out, pagesize=(PAGE_W, PAGE_H))
    canvas.setTitle(
        f"{word('sheet_title', lang)} — {workshop.title_fr if lang != 'en' else workshop.title_en}"
    )
    canvas.setAuthor(head.site_name)
    canvas.setSubject(sheet.session.seal or "")
    pages = _Pages(sheet, head, lang, canvas).draw()
    canvas.save()
    return pages
