"""A trainee follows a real packaged tutorial by taps, passes the quiz, and it is recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.machines import missing_tutorial
from kiosk.members.registration import NewMember, register_member
from kiosk.site import Site
from ui.app import Kiosk
from ui.speech import Speaker

TUTORIAL = "measuring"  # a packaged tutorial: the test plays the real content


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    if TUTORIAL not in kiosk.desk.tutorial_library().tutorials:
        pytest.fail(f"the packaged tutorial {TUTORIAL!r} does not load")
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button) -> None:
    qtbot.waitUntil(button.isVisible)  # buttons made for this step show at the next turn
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _member(site: Site, name: str = "Lina") -> tuple[str, str]:
    with site.transaction() as session:
        member = register_member(session, NewMember(name), consent_at=site.now())
        return member.id, site.badge_token(member)


def test_walk_a_whole_tutorial_by_taps_and_pass_the_quiz(qtbot, kiosk, site) -> None:
    member_id, token = _member(site)
    window = kiosk.window
    _tap(qtbot, window.welcome.learn_button)
    listing, player = window.tutorials.screens()
    assert window.currentWidget() is listing
    window.on_badge_seen(token)  # on the tutorials, a badge says who learns (no check-in)
    assert "Lina" in listing.who.text()
    button = next(b for b in listing.findChildren(QPushButton) if "Mesurer" in b.text())
    _tap(qtbot, button)
    assert window.currentWidget() is player
    tutorial = kiosk.desk.tutorial_library().tutorials[TUTORIAL]
    for index, step in enumerate(tutorial.steps):
        assert player.step == index
        assert str(index + 1) in player.progress.text()
        assert player.step_title.text() == step.title.get("fr")
        assert player.image.path() == step.image  # every step has its picture
        assert not player.image.drawn_size().isEmpty()
        _tap(qtbot, player.next_button)
        if step.check is not None:  # its question comes on its own screen, then Next
            assert player.check_box.isVisible() and not player.next_button.isEnabled()
            buttons = [
                player.check_choices.itemAt(i).widget() for i in range(player.check_choices.count())
            ]
            _tap(qtbot, buttons[step.check.answer])
            assert player.check_feedback.text().startswith("✔")
            _tap(qtbot, player.next_button)
    assert player.pages.currentIndex() == 1  # the quiz
    for question in tutorial.quiz:
        _tap(qtbot, player.quiz.choice_buttons[question.answer])
        assert player.quiz.feedback.isVisible()
        assert question.explanation.get("fr") in player.quiz.feedback.text()
        _tap(qtbot, player.quiz.next_button)
    assert player.pages.currentIndex() == 2
    assert "Lina" in player.result_text.text()
    certified = {c.tutorial for c in kiosk.desk.certifications(member_id) if c.theory_at}
    assert certified == {TUTORIAL}
    with site.sessions() as session:  # nothing checked in by the badge shown here
        from kiosk.checkin import open_visits

        assert open_visits(session) == []


def test_wrong_answers_fail_and_nothing_is_recorded(qtbot, kiosk, site) -> None:
    member_id, token = _member(site)
    kiosk.window.tutorials.show_list()
    kiosk.window.on_badge_seen(token)
    kiosk.window.tutorials.open_tutorial(TUTORIAL)
    player = kiosk.window.tutorials.player
    player.start_quiz()
    tutorial = kiosk.desk.tutorial_library().tutorials[TUTORIAL]
    for question in tutorial.quiz:
        wrong = (question.answer + 1) % len(question.choices_in("fr"))
        _tap(qtbot, player.quiz.choice_buttons[wrong])
        _tap(qtbot, player.quiz.next_button)
    assert player.retry_button.isVisible()
    assert kiosk.desk.certifications(member_id) == []


def test_a_member_resumes_where_they_stopped_an_anonymous_one_starts_over(
    qtbot, kiosk, site
) -> None:
    _, token = _member(site)
    flow = kiosk.window.tutorials
    flow.show_list()
    kiosk.window.on_badge_seen(token)
    flow.open_tutorial(TUTORIAL)
    while flow.player.step < 3:
        if flow.player.next_button.isEnabled():
            _tap(qtbot, flow.player.next_button)
        else:  # a step's check question: any answer lets one go on
            _tap(qtbot, flow.player.check_choices.itemAt(0).widget())
    _tap(qtbot, flow.player.quit_button)
    kiosk.window.reset_on_idle()  # they walk away; someone else comes
    flow.show_list()
    flow.open_tutorial(TUTORIAL)
    assert flow.player.step == 0  # anonymous: from the start
    flow.show_list()
    kiosk.window.on_badge_seen(token)
    flow.open_tutorial(TUTORIAL)
    assert flow.player.step == 3  # Lina again: where she stopped


def test_swipe_goes_to_the_next_step(qtbot, kiosk) -> None:
    flow = kiosk.window.tutorials
    flow.show_list()
    flow.open_tutorial(TUTORIAL)
    image = flow.player.image
    qtbot.mousePress(image, Qt.MouseButton.LeftButton, pos=QPoint(300, 100))
    qtbot.mouseRelease(image, Qt.MouseButton.LeftButton, pos=QPoint(50, 110))
    assert flow.player.step == 1


def test_a_glossary_word_is_explained_on_tap(qtbot, kiosk) -> None:
    flow = kiosk.window.tutorials
    flow.show_list()
    flow.open_tutorial(TUTORIAL)
    player = flow.player
    library = kiosk.desk.tutorial_library()
    index = next(
        i for i, s in enumerate(library.tutorials[TUTORIAL].steps) if "[[" in s.text.get("fr")
    )
    player.show_step(index)
    assert "<a href=" in player.step_text.text()
    term = player.step_text.text().split('<a href="')[1].split('"')[0]
    player.step_text.linkActivated.emit(term)
    assert player.glossary_panel.isVisible()
    assert library.glossary[term].definition.get("fr")[:20] in player.glossary_text.text()


@pytest.mark.qt_log_ignore('plug-in "no-such-engine" is not supported')
def test_speaker_works_only_with_a_speech_engine(qtbot) -> None:
    assert not Speaker("no-such-engine").available
    speaker = Speaker("mock")  # Qt's test engine
    assert speaker.available
    speaker.say("Bonjour", "fr")
    assert speaker.engine.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Ready)


def test_passing_the_theory_lifts_the_missing_tutorial_notice(qtbot, kiosk, site) -> None:
    member_id, _ = _member(site)
    result = kiosk.desk.finish_quiz(
        member_id,
        TUTORIAL,
        [q.answer for q in kiosk.desk.tutorial_library().tutorials[TUTORIAL].quiz],
    )
    assert result.passed
    from kiosk.config import MachineEntry

    machine = MachineEntry("ruler", "Règle", "tool", "fablab", TUTORIAL)
    with site.sessions() as session:
        assert missing_tutorial(session, member_id, machine) is None


def test_staff_confirm_the_practical_part_after_scanning_the_badge(qtbot, kiosk, site) -> None:
    member_id, token = _member(site)
    quiz = kiosk.desk.tutorial_library().tutorials[TUTORIAL].quiz
    kiosk.desk.finish_quiz(member_id, TUTORIAL, [q.answer for q in quiz])
    window = kiosk.window
    window._go(window.staff)  # (the PIN pad is tested with the Today screens)
    window.on_badge_seen(token)
    panel = window.staff.trainings
    assert window.staff.pages.currentWidget() is panel
    assert "Lina" in panel.who.text()
    confirm = next(
        b
        for b in panel.findChildren(QPushButton)
        if b.text() and b.isEnabled() and b is not panel.search_button
    )
    _tap(qtbot, confirm)
    (cert,) = kiosk.desk.certifications(member_id)
    assert cert.practical_at is not None
    with site.sessions() as session:
        from kiosk.checkin import open_visits

        assert open_visits(session) == []  # looking a member up is not a check-in


def _pass_quiz(qtbot, player, tutorial) -> None:
    player.start_quiz()
    for question in tutorial.quiz:
        _tap(qtbot, player.quiz.choice_buttons[question.answer])
        _tap(qtbot, player.quiz.next_button)


def test_a_badge_shown_after_an_anonymous_pass_records_it(qtbot, kiosk, site) -> None:
    member_id, token = _member(site, "Sami")
    flow = kiosk.window.tutorials
    flow.show_list()
    flow.open_tutorial(TUTORIAL)  # nobody showed a badge
    tutorial = kiosk.desk.tutorial_library().tutorials[TUTORIAL]
    _pass_quiz(qtbot, flow.player, tutorial)
    player = flow.player
    assert player.pages.currentIndex() == 2
    assert "badge" in player.result_text.text() and player.type_code_button.isVisible()
    assert kiosk.desk.certifications(member_id) == []
    kiosk.window.on_badge_seen(token)  # the camera or the scanner, on the result screen
    assert {c.tutorial for c in kiosk.desk.certifications(member_id)} == {TUTORIAL}
    assert "Sami" in player.result_text.text()
    assert player.notice.isVisible() and "Sami" in player.notice.text()
    assert not player.type_code_button.isVisible()
    with site.sessions() as session:  # identified, not checked in
        from kiosk.checkin import open_visits

        assert open_visits(session) == []


def test_the_code_typed_after_an_anonymous_pass_records_it(qtbot, kiosk, site) -> None:
    member_id, _ = _member(site, "Yanis")
    with site.sessions() as session:
        from kiosk.models import Member

        code = session.get(Member, member_id).short_code
    window = kiosk.window
    flow = window.tutorials
    flow.show_list()
    window.setCurrentWidget(flow.listing)
    flow.open_tutorial(TUTORIAL)
    _pass_quiz(qtbot, flow.player, kiosk.desk.tutorial_library().tutorials[TUTORIAL])
    _tap(qtbot, flow.player.type_code_button)
    assert window.currentWidget() is window.code_entry
    for char in code:
        _tap(qtbot, window.code_entry.keypad.keys[char])
    _tap(qtbot, window.code_entry.ok_button)
    assert window.currentWidget() is flow.player  # back on the result, now recorded
    assert {c.tutorial for c in kiosk.desk.certifications(member_id)} == {TUTORIAL}
    assert "Yanis" in flow.player.result_text.text()


def test_a_badge_shown_mid_tutorial_saves_the_progress(qtbot, kiosk, site) -> None:
    member_id, token = _member(site, "Inès")
    flow = kiosk.window.tutorials
    flow.show_list()
    flow.open_tutorial(TUTORIAL)
    flow.player.show_step(2)
    kiosk.window.on_badge_seen(token)
    assert flow.player.notice.isVisible() and "Inès" in flow.player.notice.text()
    assert kiosk.desk.resume_step(member_id, TUTORIAL) == 2


def test_an_unknown_badge_on_the_tutorials_is_said(qtbot, kiosk, site) -> None:
    flow = kiosk.window.tutorials
    flow.show_list()
    kiosk.window.setCurrentWidget(flow.listing)
    kiosk.window.on_badge_seen("https://example.org/menu")
    assert flow.listing.notice.isVisible() and flow.listing.notice.text().startswith("✖")
    assert flow.trainee is None


def test_staff_find_a_trainee_by_name_in_trainings(qtbot, kiosk, site) -> None:
    member_id, _ = _member(site, "Maëlle")
    _member(site, "Lina")
    quiz = kiosk.desk.tutorial_library().tutorials[TUTORIAL].quiz
    kiosk.desk.finish_quiz(member_id, TUTORIAL, [q.answer for q in quiz])
    window = kiosk.window
    window._go(window.staff)
    _tap(qtbot, window.staff.tab_trainings)
    panel = window.staff.trainings
    panel.search.setText("maëlle")  # (QTest cannot type ë)
    _tap(qtbot, panel.search_button)
    (found,) = [panel.found.itemAt(i).widget() for i in range(panel.found.count())]
    assert "Maëlle" in found.text()
    _tap(qtbot, found)
    assert "Maëlle" in panel.who.text()
    (confirm,) = [
        b
        for b in panel.findChildren(QPushButton)
        if b.text() and b.isEnabled() and b not in (panel.search_button, found)
    ]
    _tap(qtbot, confirm)
    (cert,) = kiosk.desk.certifications(member_id)
    assert cert.practical_at is not None
    window.go_home()  # staff mode left: the name is gone from the panel
    assert panel.search.text() == "" and panel.found.count() == 0


def test_quiz_answers_stay_in_place_and_the_quiz_can_be_left(qtbot, kiosk) -> None:
    flow = kiosk.window.tutorials
    flow.show_list()
    kiosk.window.setCurrentWidget(flow.listing)
    flow.open_tutorial(TUTORIAL)
    kiosk.window.setCurrentWidget(flow.player)
    player = flow.player
    player.start_quiz()
    tutorial = kiosk.desk.tutorial_library().tutorials[TUTORIAL]
    places = []
    for question in tutorial.quiz:
        qtbot.waitUntil(lambda: all(b.isVisible() for b in player.quiz.choice_buttons))
        first = player.quiz.choice_buttons[0]
        places.append(first.mapTo(player, first.rect().topLeft()))
        _tap(qtbot, player.quiz.choice_buttons[question.answer])
        if question is not tutorial.quiz[-1]:
            _tap(qtbot, player.quiz.next_button)
    assert len(set((p.x(), p.y()) for p in places)) == 1  # the first answer never moves
    _tap(qtbot, player.quiz.quit_button)  # "Stop": back to the list
    assert kiosk.window.currentWidget() is flow.listing
