"""Read aloud: Qt Text-to-Speech when a real speech engine works on this machine.

On Debian, Qt speaks through speech-dispatcher with espeak-ng (packages
speech-dispatcher and espeak-ng). Where no engine loads, ``available`` is False and the
screens hide their "read aloud" button; nothing fails.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)
TEST_ENGINES = {"mock"}  # Qt's own test engine: speaks nothing, never used unless asked


class Speaker(QObject):
    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts: QTextToSpeech | None = None
        names = (
            [engine]
            if engine
            else [e for e in QTextToSpeech.availableEngines() if e not in TEST_ENGINES]
        )
        for name in names:
            tts = QTextToSpeech(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                self._tts = tts
                log.info("read aloud with the %s speech engine", name)
                break
            tts.deleteLater()
        if self._tts is None:
            log.info("no speech engine works here: the read-aloud button is hidden")

    @property
    def available(self) -> bool:
        return self._tts is not None

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._tts

    def say(self, text: str, lang: str) -> None:
        if self._tts is None:
            return
        self._tts.stop()
        wanted = QLocale(lang)
        for locale in self._tts.availableLocales():
            if locale.language() == wanted.language():
                self._tts.setLocale(locale)
                break
        self._tts.setRate(-0.15)  # a little slower than the default: beginners listen
        self._tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
