"""The on-screen keyboard (Qt Virtual Keyboard): AZERTY in French, QWERTY in English,
following the language chosen on the screen, with the letters French names and email
addresses need (é è à ç ù, @) on the first page.

Qt Virtual Keyboard picks its layout from its own settings, not from the application's
language, and its French layout hides the accents behind a long press that beginners do
not know. So the kiosk tells the keyboard which language to use (through its settings
singleton, the only door Qt gives a widgets program) and gives it a layout folder: our
``fr_FR`` and ``en_GB`` main pages, and Qt's own symbols, numbers and digits pages,
copied at start from the Qt library installed on the machine.
"""

from __future__ import annotations

import logging
import os
import shutil
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QDirIterator, QFile, QIODevice, QMetaObject, QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine

log = logging.getLogger(__name__)

KEYBOARD_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
QT_LAYOUTS = ":/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts"

_SETTINGS_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard.Layouts
import QtQuick.VirtualKeyboard.Settings
QtObject {
    readonly property string active: VirtualKeyboardSettings.locale
    property string available: ""
    function readAvailable() { available = VirtualKeyboardSettings.availableLocales.join(",") }
    property string locale: ""
    property string layoutPath: ""
    onLocaleChanged: VirtualKeyboardSettings.locale = locale
    onLayoutPathChanged: VirtualKeyboardSettings.layoutPath = layoutPath
}
"""


def in_use() -> bool:
    return os.environ.get("QT_IM_MODULE", "") == "qtvirtualkeyboard"


def prepare_layouts(folder: Path) -> Path | None:
    """Our main pages plus Qt's other pages in *folder*; None (Qt's own layouts stay)
    when Qt's are not readable here (another Qt build)."""
    copied = 0
    for locale in ("fallback", *KEYBOARD_LOCALES.values()):
        it = QDirIterator(f"{QT_LAYOUTS}/{locale}")
        while it.hasNext():
            source = it.next()
            name = source.rsplit("/", 1)[-1]
            qt_file = QFile(source)
            if not qt_file.open(QIODevice.OpenModeFlag.ReadOnly):
                continue
            target = folder / locale / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bytes(qt_file.readAll().data()))
            copied += 1
    if copied == 0:
        log.warning("Qt Virtual Keyboard's layouts are not readable: its own layouts stay")
        return None
    ours_root = Path(str(resources.files("resources").joinpath("keyboard")))
    for ours in ours_root.glob("*/main.qml"):
        target = folder / ours.parent.name
        target.mkdir(parents=True, exist_ok=True)
        (target / "main.fallback").unlink(missing_ok=True)
        shutil.copyfile(ours, target / "main.qml")
    return folder


class Keyboard(QObject):
    """Sets the on-screen keyboard's language, and at start its layout folder (made in
    *folder*)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = ""
        QGuiApplication.inputMethod().visibleChanged.connect(self._apply)
        self._engine = QQmlEngine(self)
        component = QQmlComponent(self._engine)
        component.setData(_SETTINGS_QML, QUrl())  # loads Qt's layouts and settings modules
        self._settings = component.create()
        if self._settings is None:
            log.warning("cannot reach the keyboard's settings: %s", component.errorString())
            return
        self._settings.setParent(self)
        try:
            layouts = prepare_layouts(folder)
        except OSError:
            log.exception("cannot write the keyboard's layouts in %s: Qt's own stay", folder)
            layouts = None
        if layouts is not None:
            self._settings.setProperty("layoutPath", QUrl.fromLocalFile(str(layouts)).toString())

    def active_locale(self) -> str:
        """The layout the keyboard shows now ("fr_FR"), as its settings say."""
        return "" if self._settings is None else str(self._settings.property("active"))

    def available_locales(self) -> set[str]:
        """The layouts in the keyboard's layout folder (ours: fr_FR and en_GB)."""
        if self._settings is None:
            return set()
        QMetaObject.invokeMethod(self._settings, "readAvailable")
        return set(filter(None, str(self._settings.property("available")).split(",")))

    def set_language(self, lang: str) -> None:
        """Qt Virtual Keyboard can hang when its language changes while it is on screen:
        the change waits until it is hidden (a language is chosen on the welcome screen,
        where nobody types, so in practice it applies at once)."""
        self._wanted = KEYBOARD_LOCALES.get(lang, "en_GB")
        if not QGuiApplication.inputMethod().isVisible():
            self._apply()

    def _apply(self) -> None:
        if self._settings is None or QGuiApplication.inputMethod().isVisible():
            return
        if self._settings.property("locale") != self._wanted:
            self._settings.setProperty("locale", self._wanted)
