"""The printable badge card (credit-card size): site name, first name, QR, short code.

Drawn with QPainter, so the same code writes a PDF (``fablab-kiosk badge --out x.pdf``)
and prints on a real printer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.badges import qr_modules
from kiosk.frontdesk import NewBadge
from ui.widgets.qr_view import paint_qr

CARD_MM = QSizeF(85.6, 54.0)  # ISO/IEC 7810 ID-1, fits a wallet and badge holders


def _layout() -> QPageLayout:
    size = QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "ID-1 card")
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def paint_card(painter: QPainter, page: QRectF, site_name: str, badge: NewBadge) -> None:
    """Paint the card into *page* (device pixels): QR on the left, words on the right."""
    unit = page.height() / 54.0  # pixels per millimetre
    painter.fillRect(page, QColor("white"))
    painter.setPen(QPen(QColor("#999999"), max(1.0, unit * 0.2)))
    painter.drawRect(page.adjusted(unit, unit, -unit, -unit))  # a line to cut along
    qr_side = 46 * unit
    paint_qr(
        painter,
        QRectF(page.left() + 3 * unit, page.top() + 4 * unit, qr_side, qr_side),
        qr_modules(badge.token),
    )
    text_left = page.left() + 50 * unit
    width = page.right() - text_left - 3 * unit
    painter.setPen(QColor("black"))

    def write(
        top_mm: float,
        height_mm: float,
        size_mm: float,
        text: str,
        bold: bool,
        family: str = "DejaVu Sans",
    ) -> None:
        font = QFont(family)
        font.setPixelSize(max(1, round(size_mm * unit)))
        font.setBold(bold)
        painter.setFont(font)
        box = QRectF(text_left, page.top() + top_mm * unit, width, height_mm * unit)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)

    write(5, 10, 3.2, site_name, False)
    write(17, 14, 5.5, badge.first_name, True)
    write(36, 8, 4.3, badge.short_code, True, "DejaVu Sans Mono")


def write_pdf(out: Path, site_name: str, badge: NewBadge) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageLayout(_layout())
    printer.setDocName(f"Badge {badge.first_name}")
    _print(printer, site_name, badge)
    if not out.exists():
        raise OSError(f"Qt could not write {out}")


def printer_available() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


def print_card(site_name: str, badge: NewBadge) -> bool:
    """Print on the default printer; False when there is none or it refused."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return False
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    return _print(printer, site_name, badge)


def _print(printer: QPrinter, site_name: str, badge: NewBadge) -> bool:
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        paint_card(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), site_name, badge)
    finally:
        painter.end()
    return True
