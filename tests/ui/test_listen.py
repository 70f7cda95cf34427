"""Read aloud on every visitor screen: one big button, the same place everywhere, reading
what the screen shows (the greeting's question, refusals, registration, the quiz)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.frontdesk import FrontDesk
from kiosk.members.registration import NewMember, register_member
from kiosk.site import Site
from ui.main_window import MainWindow
from ui.speech import Speaker
from ui.widgets.listen import visible_words


@pytest.fixture
def window(qtbot, site: Site) -> Iterator[MainWindow]:
    window = MainWindow(FrontDesk(site), Speaker("mock"))  # Qt's test engine
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.speaker.stop()


def _token(site: Site, name: str) -> str:
    with site.transaction() as session:
        return site.badge_token(register_member(session, NewMember(name), consent_at=site.now()))


def test_one_listen_button_in_the_same_place_on_every_visitor_screen(
    qtbot, window: MainWindow, site: Site
) -> None:
    places = set()
    screens = [
        lambda: window.go_home(),
        lambda: window.on_badge_seen(_token(site, "Nadia")),
        lambda: window.on_badge_seen("https://example.org"),
        lambda: window._start_registration(),
        lambda: window.tutorials.show_list(),
        lambda: window.tutorials.open_tutorial("measuring"),
    ]
    for show in screens:
        show()
        qtbot.waitUntil(window.listen.isVisible)
        places.add(window.listen.geometry().getRect())
        current = window.currentWidget()
        assert not current.geometry().intersects(window.listen.geometry())  # covers nothing
    assert len(places) == 1
    assert window.listen.width() >= 80 and window.listen.height() >= 80
    window._go(window.staff_pin)  # staff screens keep the whole width
    assert not window.listen.isVisible()


def test_it_reads_what_the_screen_asks(qtbot, window: MainWindow, site: Site) -> None:
    # (no translator here: the screens speak the source language, English)
    welcome = visible_words(window.welcome)
    assert welcome.startswith("Fablab Test")
    assert "Show your badge to the camera. " in welcome and "First time here? " in welcome
    window.on_badge_seen(_token(site, "Nadia"))
    greeting = visible_words(window.result)
    assert "Hello Nadia" in greeting
    assert greeting.index("Hello Nadia") < greeting.index("Where are you going today?")
    assert "Fab lab" in greeting and "Skip" in greeting  # the answers too
    window.on_badge_seen("https://example.org")
    assert "not a badge" in visible_words(window.result)
    window._start_registration()
    window.register.steps.setCurrentIndex(3)  # the consent text, read in full
    consent = visible_words(window.register)
    assert "Step 4 of 4" in consent and "What we keep. Your first name." in consent
    assert "Your visits become anonymous after 12 months." in consent
    assert consent.index("What we keep about you") < consent.index("I agree")
    assert "<" not in consent
    window.on_badge_seen("https://example.org")
    qtbot.mouseClick(window.listen, Qt.MouseButton.LeftButton)
    assert window.speaker.engine.state() in (
        QTextToSpeech.State.Speaking,
        QTextToSpeech.State.Ready,
    )


def test_the_quiz_is_read_with_its_answers(qtbot, window: MainWindow) -> None:
    window.tutorials.show_list()
    window.tutorials.open_tutorial("measuring")
    player = window.tutorials.player
    player.start_quiz()
    qtbot.waitUntil(lambda: all(b.isVisible() for b in player.quiz.choice_buttons))
    words = visible_words(player)
    question = player.tutorial.quiz[0]
    assert " ".join(question.question.get("fr").split()) in words
    for choice in question.choices_in("fr"):
        assert " ".join(choice.split()) in words
    assert words.index("Question 1") < words.index(question.choices_in("fr")[0].split()[0])
    assert "<" not in words  # no markup read out


@pytest.mark.qt_log_ignore('plug-in "no-such-engine" is not supported')
def test_no_speech_engine_no_button_and_the_whole_width(qtbot, site: Site) -> None:
    window = MainWindow(FrontDesk(site), Speaker("no-such-engine"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.listen.isHidden()
    assert window.welcome.width() == window.width()
