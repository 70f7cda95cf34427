"""The kiosk speaks French by default: every string the screens show must have a finished
French translation, compiled into the .qm file the kiosk actually loads.

These tests fail when someone adds or changes a visible string and forgets `make i18n`
(or forgets to translate what it found).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TOOLS = Path(sys.executable).parent
LUPDATE = TOOLS / "pyside6-lupdate"
LRELEASE = TOOLS / "pyside6-lrelease"

# lupdate options per language, as in the Makefile's `i18n` target: English is the source
# language, so its file only carries the plural forms.
LANGUAGES = {"fr": [], "en": ["-pluralonly"]}
PLURAL_FORMS = {"fr": 2, "en": 2}  # Qt's plural rules: one / other for both

PLACEHOLDER = re.compile(r"%L?(?:\d+|n)")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
NBSP = "\u00a0\u202f"  # no-break space, narrow no-break space
# French typography: a no-break space before ? ! ; and : (but not in "https://"),
# and inside « » quotes.
FRENCH_SPACING = re.compile(rf"(?:^|[^{NBSP}])[?!;]|[^{NBSP}]:(?!//)|«(?![{NBSP}])|(?<![{NBSP}])»")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    unfinished: bool
    vanished: bool
    forms: tuple[str, ...]  # the translation, or one text per plural form

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: <message> without <translation>"
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            kind = translation.get("type", "")
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    numerus=numerus,
                    unfinished=kind == "unfinished",
                    vanished=kind in ("vanished", "obsolete"),
                    forms=forms,
                )
            )
    return messages


def ts_file(lang: str) -> Path:
    return I18N / f"kiosk_{lang}.ts"


def qm_file(lang: str) -> Path:
    return I18N / f"kiosk_{lang}.qm"


def ui_sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py"))


@pytest.fixture(params=sorted(LANGUAGES))
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def refreshed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[Message]]]:
    """A copy of the committed .ts, updated by lupdate from the code as it is now."""
    lang = str(request.param)
    if not LUPDATE.exists():
        pytest.skip(f"pyside6-lupdate not found next to {sys.executable}")
    copy = tmp_path_factory.mktemp(f"lupdate_{lang}") / ts_file(lang).name
    shutil.copy(ts_file(lang), copy)
    run = subprocess.run(
        [str(LUPDATE), *map(str, ui_sources()), *LANGUAGES[lang], "-ts", str(copy)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"pyside6-lupdate failed:\n{run.stdout}\n{run.stderr}"
    yield lang, read_ts(copy)


def test_both_languages_have_a_translation_file() -> None:
    assert sorted(p.stem for p in I18N.glob("kiosk_*.ts")) == [f"kiosk_{x}" for x in ["en", "fr"]]


def test_every_message_is_finished(lang: str) -> None:
    messages = [m for m in read_ts(ts_file(lang)) if not m.vanished]
    assert messages, f"{ts_file(lang).name} has no messages"
    problems = []
    for m in messages:
        if m.unfinished:
            problems.append(f"unfinished: {m}")
        if m.numerus and len(m.forms) != PLURAL_FORMS[lang]:
            problems.append(f"{len(m.forms)} plural forms, not {PLURAL_FORMS[lang]}: {m}")
        if any(not form.strip() for form in m.forms):
            problems.append(f"empty translation: {m}")
    assert not problems, "\n".join(problems)


def test_every_string_in_the_code_is_translated(refreshed: tuple[str, list[Message]]) -> None:
    lang, messages = refreshed
    active = [m for m in messages if not m.vanished]
    assert active, "lupdate found no tr() strings in ui/: is the command line still right?"
    missing = [str(m) for m in active if m.unfinished]
    assert not missing, (
        f"strings in ui/ with no finished translation in kiosk_{lang}.ts "
        f"(run `make i18n`, then translate them):\n" + "\n".join(missing)
    )


def test_no_translation_for_strings_the_code_no_longer_has(
    refreshed: tuple[str, list[Message]],
) -> None:
    lang, messages = refreshed
    stale = [str(m) for m in messages if m.vanished]
    assert not stale, (
        f"kiosk_{lang}.ts holds strings that ui/ no longer uses (run `make i18n`):\n"
        + "\n".join(stale)
    )


def test_placeholders_and_markup_are_kept(lang: str) -> None:
    problems = []
    for m in read_ts(ts_file(lang)):
        wanted = sorted(set(PLACEHOLDER.findall(m.source)))
        tags = [t.lower() for t in HTML_TAG.findall(m.source)]
        for form in m.forms:
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                problems.append(f"placeholders {wanted} changed in {form!r} ({m})")
            if [t.lower() for t in HTML_TAG.findall(form)] != tags:
                problems.append(f"HTML tags {tags} changed in {form!r} ({m})")
    assert not problems, "\n".join(problems)


def test_french_typography() -> None:
    problems = [
        f"{form!r} ({m})"
        for m in read_ts(ts_file("fr"))
        for form in m.forms
        if FRENCH_SPACING.search(form)
    ]
    assert not problems, (
        "French needs a no-break space (U+00A0) before ? ! : ; and inside « »:\n"
        + "\n".join(problems)
    )


def test_compiled_file_matches_its_source(lang: str, tmp_path: Path) -> None:
    if not LRELEASE.exists():
        pytest.skip(f"pyside6-lrelease not found next to {sys.executable}")
    assert qm_file(lang).exists(), f"{qm_file(lang).name} is missing: run `make i18n`"
    fresh = tmp_path / qm_file(lang).name
    run = subprocess.run(
        [str(LRELEASE), str(ts_file(lang)), "-qm", str(fresh)], capture_output=True, text=True
    )
    assert run.returncode == 0, f"pyside6-lrelease failed:\n{run.stdout}\n{run.stderr}"
    assert fresh.read_bytes() == qm_file(lang).read_bytes(), (
        f"{qm_file(lang).name} is older than {ts_file(lang).name}: run `make i18n`"
    )


@pytest.fixture
def installed(qapp: QCoreApplication, request: pytest.FixtureRequest) -> Iterator[QTranslator]:
    """The .qm of the language given as parameter, installed in the application."""
    translator = QTranslator()
    assert translator.load(str(qm_file(request.param))), f"cannot load {qm_file(request.param)}"
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize("installed", ["fr"], indirect=True)
def test_french_file_translates_what_the_screens_ask_for(installed: QTranslator) -> None:
    source = "Show your badge to the camera"
    french = "Montrez votre badge à la caméra"
    assert installed.translate("WelcomeScreen", source) == french
    assert QCoreApplication.translate("WelcomeScreen", source) == french
    counted = "%n person(s) counted. Enjoy your visit."
    tr = QCoreApplication.translate
    assert tr("ResultScreen", counted, None, 1) == "1\u00a0personne comptée. Bonne visite\u00a0!"
    assert tr("ResultScreen", counted, None, 3) == "3\u00a0personnes comptées. Bonne visite\u00a0!"


@pytest.mark.parametrize("installed", ["en"], indirect=True)
def test_english_file_gives_plurals(installed: QTranslator) -> None:
    counted = "%n person(s) counted. Enjoy your visit."
    assert (
        installed.translate("ResultScreen", counted, None, 2)
        == "%n people counted. Enjoy your visit."
    )
    tr = QCoreApplication.translate
    assert tr("ResultScreen", counted, None, 1) == "1 person counted. Enjoy your visit."
    assert tr("ResultScreen", counted, None, 4) == "4 people counted. Enjoy your visit."
