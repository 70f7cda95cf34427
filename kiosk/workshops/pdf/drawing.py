"""What the sheet and the certificate share: the fonts (DejaVu Sans embedded, else the
PDF's own Helvetica), text wrapped to a width, signatures drawn from their strokes, and
the footer with the page number and the seal."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.config import Settings
from kiosk.workshops.signatures import PAD_ASPECT, unpack

log = logging.getLogger(__name__)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PAGE_W, PAGE_H = A4
MARGIN = 36.0  # half an inch
MIN_STEP = 0.6  # points (1/72 inch): closer strokes points are not drawn separately


@dataclass(frozen=True)
class Letterhead:
    """Who issues the documents and where: the kiosk's site settings, or the server's."""

    site_name: str
    tz: ZoneInfo
    space_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # id: lang: name

    def place(self, space_id: str, lang: str) -> str | None:
        names = self.space_names.get(space_id)
        return None if names is None else names.get(lang) or names.get("fr")


def letterhead(settings: Settings | Letterhead) -> Letterhead:
    if isinstance(settings, Letterhead):
        return settings
    names = {s.id: {lang: s.name(lang) for lang in ("fr", "en")} for s in settings.spaces}
    return Letterhead(settings.site_name, settings.tz, names)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    embedded: bool


@cache
def fonts(folder: Path = DEJAVU) -> Fonts:
    """DejaVu Sans (Debian: fonts-dejavu-core), embedded as a subset; when it is missing,
    Helvetica, which every PDF reader has (its WinAnsi encoding covers French)."""
    try:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    except Exception as exc:  # reportlab raises TTFError, OSError ... for a missing font
        log.warning("DejaVu Sans not found in %s (%s): the PDFs use Helvetica", folder, exc)
        return Fonts("Helvetica", "Helvetica-Bold", embedded=False)
    return Fonts("DejaVuSans", "DejaVuSans-Bold", embedded=True)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """*text* cut into lines no wider than *width* (a word longer than that is cut)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in paragraph.split(" "):
            candidate = f"{line} {piece}" if line else piece
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while pdfmetrics.stringWidth(piece, font, size) > width and len(piece) > 1:
                cut = len(piece)
                while cut > 1 and pdfmetrics.stringWidth(piece[:cut], font, size) > width:
                    cut -= 1
                lines.append(piece[:cut])
                piece = piece[cut:]
            line = piece
        lines.append(line)
    return lines


def text_lines(
    canvas: Canvas, lines: list[str], x: float, top: float, font: str, size: float
) -> float:
    """Draw *lines* from *top* down; returns the y under the last line."""
    y = top
    for line in lines:
        y -= size * 1.25
        canvas.setFont(font, size)
        canvas.drawString(x, y + size * 0.25, line)
    return y


def draw_signature(
    canvas: Canvas, packed: str, x: float, y: float, width: float, height: float
) -> None:
    """The strokes as vector paths, fitted in the box with the pad's proportions."""
    box_w = min(width, height * PAD_ASPECT)
    box_h = box_w / PAD_ASPECT
    left, bottom = x + (width - box_w) / 2, y + (height - box_h) / 2
    canvas.saveState()
    canvas.setLineWidth(max(0.6, box_h / 40))
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColorRGB(0.05, 0.1, 0.35)
    for stroke in unpack(packed):
        points = [(left + px * box_w, bottom + (1 - py) * box_h) for px, py, _t in stroke]
        path = canvas.beginPath()
        path.moveTo(*points[0])
        last = points[0]
        for index, point in enumerate(points[1:], start=1):
            # a point nearer than MIN_STEP to the last one drawn is invisible on paper;
            # skipping it halves the PDF's work for a dense pad (the last point stays)
            near = abs(point[0] - last[0]) + abs(point[1] - last[1]) < MIN_STEP
            if near and index < len(points) - 1:
                continue
            path.lineTo(*point)
            last = point
        if len(points) == 1:  # a dot
            path.lineTo(last[0] + 0.1, last[1])
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def footer(canvas: Canvas, font: Fonts, left_lines: list[str], page: str) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.line(MARGIN, MARGIN + 16, PAGE_W - MARGIN, MARGIN + 16)
    width = PAGE_W - 2 * MARGIN - 70
    lines = [part for line in left_lines for part in wrap(line, font.regular, 6.5, width)]
    y = MARGIN + 8
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    for line in lines[:3]:
        canvas.setFont(font.regular, 6.5)
        canvas.drawString(MARGIN, y, line)
        y -= 8
    canvas.setFont(font.regular, 8)
    canvas.drawRightString(PAGE_W - MARGIN, MARGIN + 6, page)
    canvas.restoreState()
