"""``fablab-kiosk badge --out card.pdf``: a real PDF whose QR reads back as the badge."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument

from kiosk.members.registration import NewMember, register_member
from kiosk.scanning import make_decoder
from kiosk.site import Site
from ui.cli import main


def test_pdf_card_holds_name_code_and_a_readable_qr(site: Site, tmp_path, capsys) -> None:
    with site.transaction() as session:
        member = register_member(session, NewMember("Théo"), consent_at=site.now())
        token, code = site.badge_token(member), member.short_code
    out = tmp_path / "card.pdf"
    status = main(["badge", code, "--out", str(out), "--data-dir", str(site.data_dir.path)])
    assert status == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")

    document = QPdfDocument()
    assert document.load(str(out)) == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    size = document.pagePointSize(0)
    assert round(size.width() / 72 * 25.4) == 86 and round(size.height() / 72 * 25.4) == 54
    text = document.getAllText(0).text()
    assert "Théo" in text and f"{code[:4]}-{code[4:]}" in text and "Fablab Test" in text

    image = document.render(0, QSize(1712, 1080)).convertToFormat(
        document.render(0, QSize(1, 1)).Format.Format_Grayscale8
    )
    gray = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    assert make_decoder("zxing")(np.ascontiguousarray(gray[:, : image.width()])) == [token]
    document.close()
