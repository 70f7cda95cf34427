"""The consent notice: short lines with a picture each, every part a GDPR notice needs,
and the same words as plain text for the read-aloud button."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from ui.app import Translations
from ui.widgets.consent import SECTIONS, ConsentPanel


def test_the_notice_says_what_why_how_long_rights_and_who(qtbot) -> None:
    panel = ConsentPanel("Fablab des Deux Rives", 12)
    qtbot.addWidget(panel)
    text = panel.text_to_read()
    for words in ("first name", "safety", "12 months", "erase", "CNIL", "Fablab des Deux Rives"):
        assert words in text, words
    assert "<" not in text  # plain text: nothing for a speech engine to spell out
    pictures = [w for w in panel.findChildren(QLabel) if w.pixmap() and not w.pixmap().isNull()]
    assert len(pictures) == len(SECTIONS)
    for lines in panel.lines.values():  # short lines, one idea each
        assert all(len(line) <= 90 for line in lines.text().splitlines()), lines.text()


def test_the_notice_is_in_french_first(qtbot, qapp: QApplication) -> None:
    translations = Translations(qapp)
    try:
        translations.switch("fr")
        panel = ConsentPanel("Fablab des Deux Rives", 12)
        qtbot.addWidget(panel)
        text = panel.text_to_read()
    finally:
        translations.switch("en")
        translations.remove()
    assert "Ce que nous gardons" in text and "12\u00a0mois" in text and "CNIL" in text
