"""Tutorial content (load and check), glossary, quiz, progress, certifications, CLI.

The fixture library (tests/kiosk/fixtures/tutorials) is small and valid: two tutorials
in one course, a glossary and three pictograms. Each kind of content error is made in a
copy of it under tmp_path, and the line reported is found by the text put there.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.badges import format_short_code, make_token
from kiosk.cli.main import main
from kiosk.config import MachineEntry
from kiosk.frontdesk import FrontDesk, Trainee
from kiosk.machines import missing_tutorial
from kiosk.models import Certification, Visit
from kiosk.site import Site
from kiosk.tutorials.library import (
    Library,
    Problem,
    Segment,
    Text,
    certifications,
    clear_progress,
    confirm_practical,
    default_root,
    plain_text,
    record_theory,
    render_text,
    resume_step,
    save_progress,
    score,
)
from kiosk.tutorials.loader import load_library

FIXTURES = Path(__file__).parent / "fixtures" / "tutorials"
LASER = "laser-cutter"
SAFETY = "workshop-safety"
ALL_RIGHT = [0, 1, 0, 0, 0]  # the laser cutter's quiz


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the fixture library, to break."""
    return Path(shutil.copytree(FIXTURES, tmp_path / "tutorials"))


@pytest.fixture
def library() -> Library:
    return load_library(FIXTURES)


def change(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def line_of(file: Path, text: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {file}"
    return found[0]


def drop_last_question(text: str) -> str:
    return "\n".join(text.splitlines()[:-4]) + "\n"


# --- loading a valid library ---------------------------------------------------------


def test_the_fixture_library_loads_in_course_order(library: Library) -> None:
    assert library.problems == [] and library.warnings == []
    assert list(library.tutorials) == [SAFETY, LASER]
    assert library.courses["beginners"].tutorials == (SAFETY, LASER)
    assert library.course_of(LASER) == "beginners"
    laser = library.tutorials[LASER]
    assert laser.title.get("en") == "The laser cutter"
    assert laser.machines == ("laser_cutter",) and laser.requires == (SAFETY,)
    assert laser.pass_mark == 80 and laser.minutes == 15 and laser.languages == ("fr", "en")
    assert [len(laser.steps), len(laser.quiz)] == [3, 5]
    assert laser.steps[0].safety == ("eye_protection", "no_loose_clothing")
    assert laser.steps[0].image == FIXTURES / LASER / "01-machine.svg"
    check = laser.steps[1].check
    assert check is not None and check.answer == 0
    assert check.choices_in("en") == ("Before the cut", "After the cut")
    assert laser.quiz[1].explanation.get("fr") == "Elle coupe le bois fin."
    choices = FIXTURES / LASER / "choices"
    assert laser.quiz[1].pictures == (choices / "metal.svg", choices / "thin-wood.svg")
    assert laser.quiz[0].pictures == () and check.pictures == ()  # pictures are optional
    assert library.tutorials[SAFETY].pass_mark == 80  # the default
    assert library.glossary["kerf"].image == FIXTURES / "glossary" / "kerf.svg"


def test_default_root_is_the_packaged_folder() -> None:
    assert default_root() == Path(__file__).parents[2] / "resources" / "tutorials"


# --- each kind of problem, with its file and line ------------------------------------

# (name, file changed, old text, new text, text on the reported line, message, left out)
CASES = [
    (
        "unknown key",
        f"{LASER}/tutorial.yaml",
        "minutes: 15",
        "minutes: 15\ncolour: red",
        "colour: red",
        "unknown key 'colour'",
        LASER,
    ),
    (
        "missing key",
        f"{LASER}/tutorial.yaml",
        "minutes: 15\n",
        "",
        "id: laser-cutter",
        "'minutes' is missing",
        LASER,
    ),
    (
        "duplicate key",
        f"{LASER}/tutorial.yaml",
        "minutes: 15",
        "minutes: 15\nminutes: 20",
        "minutes: 20",
        "'minutes' is given twice",
        LASER,
    ),
    (
        "id differs from folder",
        f"{LASER}/tutorial.yaml",
        "id: laser-cutter",
        "id: laser",
        "id: laser",
        "differs from the folder",
        LASER,
    ),
    (
        "missing translation",
        f"{LASER}/tutorial.yaml",
        'summary: {fr: "Découper du bois fin sans danger.", en: "Cut thin wood safely."}',
        'summary: {fr: "Découper du bois fin sans danger."}',
        "summary:",
        "the English text (en) is missing",
        LASER,
    ),
    (
        "empty text",
        f"{LASER}/tutorial.yaml",
        'en: "Cut thin wood safely."',
        'en: ""',
        "summary:",
        "summary (en): expected some text",
        LASER,
    ),
    (
        "minutes not a number",
        f"{LASER}/tutorial.yaml",
        "minutes: 15",
        "minutes: quinze",
        "minutes: quinze",
        "minutes: expected a whole number",
        LASER,
    ),
    (
        "pass mark out of range",
        f"{LASER}/tutorial.yaml",
        "pass_mark: 80",
        "pass_mark: 120",
        "pass_mark: 120",
        "pass_mark: 120 is out of range (from 1 to 100)",
        LASER,
    ),
    (
        "step text far too long",
        f"{LASER}/tutorial.yaml",
        'fr: "Fermez le couvercle avant de lancer la découpe."',
        'fr: "Un. Deux. Trois. Quatre. Cinq."',
        "Un. Deux.",
        "step 2 text (fr): 5 sentences",
        LASER,
    ),
    (
        "missing image",
        f"{LASER}/tutorial.yaml",
        "image: 02-lid.svg",
        "image: 02-door.svg",
        "image: 02-door.svg",
        "step 2 image: 02-door.svg is missing",
        LASER,
    ),
    (
        "image not a picture",
        f"{LASER}/tutorial.yaml",
        "image: 02-lid.svg",
        "image: tutorial.yaml",
        "image: tutorial.yaml",
        "is not an SVG or PNG picture",
        LASER,
    ),
    (
        "unknown pictogram",
        f"{LASER}/tutorial.yaml",
        "no_loose_clothing]",
        "laser_goggles]",
        "laser_goggles",
        "unknown pictogram 'laser_goggles'",
        LASER,
    ),
    (
        "pictogram not drawn",
        f"{LASER}/tutorial.yaml",
        "no_loose_clothing]",
        "gloves]",
        "gloves]",
        "pictograms/gloves.svg is missing",
        LASER,
    ),
    (
        "term not in the glossary",
        f"{LASER}/tutorial.yaml",
        "0,2 [[millimetre]]",
        "0,2 [[micron]]",
        "[[micron]]",
        "step 3 text (fr): [[micron]] is not in glossary.yaml",
        LASER,
    ),
    (
        "unclosed term",
        f"{LASER}/tutorial.yaml",
        "0,2 [[millimetre]]",
        "0,2 [[millimetre",
        "0,2 [[millimetre",
        "a [[...]] is not closed",
        LASER,
    ),
    (
        "check answer out of range",
        f"{LASER}/tutorial.yaml",
        "      answer: 0",
        "      answer: 2",
        "      answer: 2",
        "step 2 check answer: 2 is not one of the choices",
        LASER,
    ),
    (
        "quiz answer not a number",
        f"{LASER}/tutorial.yaml",
        '    answer: 1\n    explanation: {fr: "Elle coupe',
        '    answer: b\n    explanation: {fr: "Elle coupe',
        "answer: b",
        "quiz question 2 answer: expected the index of the right choice",
        LASER,
    ),
    (
        "quiz answer out of range",
        f"{LASER}/tutorial.yaml",
        '    answer: 1\n    explanation: {fr: "Elle coupe',
        '    answer: 2\n    explanation: {fr: "Elle coupe',
        "answer: 2",
        "quiz question 2 answer: 2 is not one of the choices (0 to 1",
        LASER,
    ),
    (
        "choices differ between languages",
        f"{LASER}/tutorial.yaml",
        'en: ["Metal", "Thin wood"]',
        'en: ["Metal", "Thin wood", "Glass"]',
        '"Glass"',
        "not the same number of choices in each language (2 in fr, 3 in en)",
        LASER,
    ),
    (
        "fewer pictures than choices",
        f"{LASER}/tutorial.yaml",
        "    pictures: [choices/metal.svg, choices/thin-wood.svg]",
        "    pictures: [choices/metal.svg]",
        "pictures: [choices/metal.svg]",
        "quiz question 2 pictures: 1 pictures for 2 choices (give one picture per choice",
        LASER,
    ),
    (
        "a choice's picture is missing",
        f"{LASER}/tutorial.yaml",
        "    pictures: [choices/metal.svg, choices/thin-wood.svg]",
        "    pictures: [choices/metal.svg, choices/glass.svg]",
        "choices/glass.svg",
        "quiz question 2 pictures[1]: choices/glass.svg is missing",
        LASER,
    ),
    (
        "a choice's picture is not a picture",
        f"{LASER}/tutorial.yaml",
        "    pictures: [choices/metal.svg, choices/thin-wood.svg]",
        "    pictures: [choices/metal.svg, tutorial.yaml]",
        "pictures: [choices/metal.svg, tutorial.yaml]",
        "quiz question 2 pictures[1]: tutorial.yaml is not an SVG or PNG picture",
        LASER,
    ),
    (
        "a choice's picture outside the folder",
        f"{LASER}/tutorial.yaml",
        "    pictures: [choices/metal.svg, choices/thin-wood.svg]",
        "    pictures: [choices/metal.svg, ../glossary/kerf.svg]",
        "../glossary/kerf.svg",
        "quiz question 2 pictures[1]: ../glossary/kerf.svg is outside the folder",
        LASER,
    ),
    (
        "pictures not a list",
        f"{LASER}/tutorial.yaml",
        "    pictures: [choices/metal.svg, choices/thin-wood.svg]",
        "    pictures: choices/metal.svg",
        "pictures: choices/metal.svg",
        "quiz question 2 pictures: expected a list",
        LASER,
    ),
    (
        "a step check's picture is missing",
        f"{LASER}/tutorial.yaml",
        "      answer: 0",
        "      pictures: [02-lid.svg, 02-closed.svg]\n      answer: 0",
        "02-closed.svg",
        "step 2 check pictures[1]: 02-closed.svg is missing",
        LASER,
    ),
    (
        "requires an unknown tutorial",
        f"{LASER}/tutorial.yaml",
        "requires: [workshop-safety]",
        "requires: [woodshop]",
        "requires: [woodshop]",
        "requires: no tutorial 'woodshop'",
        LASER,
    ),
    (
        "glossary entry missing a language",
        "glossary.yaml",
        '  en: {word: "millimetre", definition: "A millimetre is as thick as a bank card."}\n',
        "",
        "millimetre:",
        "glossary 'millimetre': 'en' is missing",
        LASER,
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "anchor", "message", "left_out"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_each_problem_is_reported_with_its_file_and_line(
    root: Path, file: str, old: str, new: str, anchor: str, message: str, left_out: str
) -> None:
    path = root / file
    change(path, old, new)
    library = load_library(root)
    found = [p for p in library.problems if message in p.message]
    assert found, "\n".join(map(str, library.problems))
    assert found[0].file == path
    assert found[0].line == line_of(path, anchor)
    assert str(found[0]) == f"{path}:{found[0].line}: {found[0].message}"
    assert left_out in library.left_out and left_out not in library.tutorials
    assert SAFETY in library.tutorials  # the others still load


def test_a_quiz_needs_three_questions(root: Path) -> None:
    path = root / SAFETY / "tutorial.yaml"
    path.write_text(drop_last_question(path.read_text(encoding="utf-8")), encoding="utf-8")
    library = load_library(root)
    assert [str(p) for p in library.problems] == [
        f"{path}:{line_of(path, 'quiz:')}: quiz: 2 questions; at least 3 are needed"
    ]
    assert list(library.tutorials) == [LASER]  # it only requires the folder to exist
    assert library.courses["beginners"].tutorials == (LASER,)


def test_a_glossary_problem_leaves_out_the_tutorials_using_the_word(root: Path) -> None:
    change(root / "glossary.yaml", 'word: "millimètre", ', "")
    library = load_library(root)
    messages = [p.message for p in library.problems]
    assert "glossary 'millimetre' (fr): 'word' is missing" in messages
    assert "step 3 text (fr): [[millimetre]]: its glossary entry has a problem" in messages
    assert "millimetre" not in library.glossary and list(library.tutorials) == [SAFETY]


def test_a_yaml_syntax_error_gives_the_line(root: Path) -> None:
    path = root / LASER / "tutorial.yaml"
    change(path, "minutes: 15", "minutes: [15")
    library = load_library(root)
    assert len(library.problems) == 1
    problem = library.problems[0]
    assert problem.file == path and problem.message.startswith("YAML syntax")
    assert problem.line is not None and problem.line >= line_of(path, "minutes: [15")
    assert list(library.tutorials) == [SAFETY]


def test_an_empty_file_is_a_problem(root: Path) -> None:
    (root / SAFETY / "tutorial.yaml").write_text("", encoding="utf-8")
    library = load_library(root)
    assert [p.message for p in library.problems] == ["the file is empty"]
    assert library.left_out == (SAFETY,)


def test_a_course_naming_an_unknown_tutorial_is_a_course_problem(root: Path) -> None:
    path = root / "courses.yaml"
    change(
        path,
        "tutorials: [workshop-safety, laser-cutter]",
        "tutorials: [workshop-safety,\n              cnc-mill, laser-cutter]",
    )
    library = load_library(root)
    assert library.problems == [
        Problem(path, line_of(path, "cnc-mill"), "course 'beginners': no tutorial 'cnc-mill'")
    ]
    assert list(library.tutorials) == [SAFETY, LASER]
    assert library.courses["beginners"].tutorials == (SAFETY, LASER)


def test_long_steps_are_warnings_that_do_not_block(root: Path) -> None:
    path = root / LASER / "tutorial.yaml"
    change(
        path,
        'fr: "Fermez le couvercle avant de lancer la découpe."',
        'fr: "Fermez le couvercle. Attendez. Regardez. Puis lancez la découpe du bois fin '
        'que vous avez posé bien à plat sur la grille de la machine ce matin."',
    )
    library = load_library(root)
    assert library.problems == []
    assert [w.message for w in library.warnings] == [
        "step 2 text (fr): 4 sentences; 3 at most",
        "step 2 text (fr): a sentence of 22 words; 15 at most",
    ]
    assert {w.line for w in library.warnings} == {line_of(path, "Attendez. Regardez.")}
    assert LASER in library.tutorials


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nowhere")
    assert library.tutorials == {} and library.problems[0].message == "no such folder"


# --- glossary words in a text ---------------------------------------------------------


def test_glossary_words_are_split_out_for_the_player(library: Library) -> None:
    text = "Le laser enlève une [[saignée|kerf]] de 0,2 [[millimetre]]."
    assert render_text(text, library.glossary, "fr") == [
        Segment("Le laser enlève une "),
        Segment("saignée", "kerf"),
        Segment(" de 0,2 "),
        Segment("millimètre", "millimetre"),
        Segment("."),
    ]
    assert plain_text("a [[kerf]] of 0.2 [[mm|millimetre]]", library.glossary, "en") == (
        "a kerf of 0.2 mm"
    )
    assert plain_text("une [[kerf]]", library.glossary, "fr") == "une saignée"


def test_a_text_falls_back_to_french() -> None:
    text = Text({"fr": "Bonjour", "en": "Hello"})
    assert (text.get("en"), text.get("de")) == ("Hello", "Bonjour")


# --- quiz ------------------------------------------------------------------------------


def test_the_pass_mark_is_reached_exactly(library: Library) -> None:
    laser = library.tutorials[LASER]  # pass mark 80, five questions
    assert score(laser, ALL_RIGHT).passed
    four = score(laser, [0, 1, 0, 0, 1])
    assert (four.right, four.total, four.percent, four.passed) == (4, 5, 80, True)
    three = score(laser, [0, 1, 0, 1, 1])
    assert (three.right, three.percent, three.passed) == (3, 60, False)
    with pytest.raises(ValueError, match="4 answers for 5 questions"):
        score(laser, [0, 1, 0, 0])


# --- progress and certifications -----------------------------------------------------


def test_a_member_resumes_where_they_stopped(
    site: Site, make_member: Callable[..., Any], library: Library, now: datetime
) -> None:
    member = make_member()
    laser = library.tutorials[LASER]
    with site.transaction() as session:
        assert resume_step(session, member.id, laser) == 0
        save_progress(session, member.id, LASER, 2, now)
    with site.transaction() as session:
        assert resume_step(session, member.id, laser) == 2
        save_progress(session, member.id, LASER, 9, now)  # the tutorial lost steps since
        assert resume_step(session, member.id, laser) == 3  # len(steps): the quiz
        assert resume_step(session, member.id, library.tutorials[SAFETY]) == 0
        clear_progress(session, member.id, LASER)
        assert resume_step(session, member.id, laser) == 0


def test_theory_passed_lets_the_machine_through(
    site: Site, make_member: Callable[..., Any], library: Library, now: datetime
) -> None:
    member = make_member()
    machine = MachineEntry("laser-1", "Trotec", "laser_cutter", "fablab", tutorial=LASER)
    with site.transaction() as session:
        assert missing_tutorial(session, member.id, machine) == LASER
        with pytest.raises(ValueError, match="not passed yet"):
            confirm_practical(session, member.id, LASER, now)
        record_theory(session, member.id, library.tutorials[LASER], now)
    with site.transaction() as session:
        assert missing_tutorial(session, member.id, machine) is None
        assert missing_tutorial(session, None, machine) == LASER
        later = now.replace(hour=16)
        confirm_practical(session, member.id, LASER, later)
        record_theory(session, member.id, library.tutorials[LASER], later)  # passed again
    with site.transaction() as session:
        [done] = certifications(session, member.id)
        assert (done.tutorial, done.theory_at, done.practical_at) == (LASER, later, later)
        assert session.scalar(select(func.count()).select_from(Certification)) == 1


# --- the front desk ------------------------------------------------------------------


@pytest.fixture
def desk(site: Site) -> FrontDesk:
    return FrontDesk(site, tutorials_root=FIXTURES)


def test_the_desk_loads_the_library_once(desk: FrontDesk) -> None:
    library = desk.tutorial_library()
    assert desk.tutorial_library() is library and list(library.tutorials) == [SAFETY, LASER]
    assert desk.reload_tutorials() is not library


def test_a_member_passes_the_quiz_at_the_desk(
    desk: FrontDesk, make_member: Callable[..., Any]
) -> None:
    member = make_member()
    desk.save_progress(member.id, LASER, 2)
    assert desk.resume_step(member.id, LASER) == 2
    failed = desk.finish_quiz(member.id, LASER, [1, 0, 1, 1, 1])
    assert not failed.passed and desk.certifications(member.id) == []
    assert desk.resume_step(member.id, LASER) == 2  # a failed quiz keeps the place
    passed = desk.finish_quiz(member.id, LASER, ALL_RIGHT)
    assert passed.passed and passed.percent == 100
    assert [c.tutorial for c in desk.certifications(member.id)] == [LASER]
    assert desk.resume_step(member.id, LASER) == 0  # finished: the next time starts over
    assert desk.confirm_practical(member.id, LASER).practical_at is not None


def test_an_anonymous_trainee_gets_a_score_and_no_record(desk: FrontDesk, site: Site) -> None:
    result = desk.finish_quiz(None, LASER, ALL_RIGHT)
    assert result.passed
    with site.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Certification)) == 0


def test_a_badge_names_the_trainee_without_checking_in(
    desk: FrontDesk, site: Site, make_member: Callable[..., Any]
) -> None:
    member = make_member("Noor")
    trainee = Trainee(member.id, "Noor")
    assert desk.member_for_badge(site.badge_token(member)) == trainee
    assert desk.member_for_badge(format_short_code(member.short_code).lower()) == trainee
    other_site = make_token(b"another secret, another lab", "ZZZZ", member.short_code, 1)
    forged = make_token(b"not the site secret at all", site.settings.site_id, member.short_code, 1)
    for refused in (other_site, forged, "https://example.org", "1234", ""):
        assert desk.member_for_badge(refused) is None
    with site.transaction() as session:  # a reissued badge revokes the first one
        session.merge(member).badge_version = 2
    assert desk.member_for_badge(site.badge_token(member)) is None
    with site.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 0


# --- command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_prints_nothing_wrong_for_a_good_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(
        capsys, "tutorials", "check", str(FIXTURES), "--data-dir", str(tmp_path / "unused")
    )
    assert status == 0
    assert out.strip() == f"2 tutorials ready; 0 problems, 0 warnings in {FIXTURES}"


def test_check_prints_each_problem_and_fails(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    path = root / LASER / "tutorial.yaml"
    change(path, "image: 02-lid.svg", "image: 02-door.svg")
    status, out, _ = run(capsys, "tutorials", "check", str(root))
    assert status == 1
    line = line_of(path, "02-door.svg")
    assert out.splitlines()[0] == (
        f"{path}:{line}: step 2 image: 02-door.svg is missing (no such file in laser-cutter/)"
    )
    assert "1 tutorials ready, left out: laser-cutter; 1 problems, 0 warnings" in out
    status, out, _ = run(capsys, "tutorials", "check", str(root), "--json")
    assert status == 1
    assert json.loads(out) == [
        {
            "file": str(path),
            "line": line,
            "message": "step 2 image: 02-door.svg is missing (no such file in laser-cutter/)",
            "level": "problem",
        }
    ]


def test_check_passes_with_warnings_only(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    change(root / SAFETY / "tutorial.yaml", '"Entrez par la porte bleue.', '"Un. Deux. Entrez.')
    status, out, _ = run(capsys, "tutorials", "check", str(root))
    assert status == 0
    assert "step 1 text (fr): 4 sentences; 3 at most (warning)" in out
    assert "0 problems, 1 warnings" in out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tutorials", "list", "--dir", str(FIXTURES), "--json")
    assert status == 0
    assert json.loads(out)[1] == {
        "id": LASER,
        "title": "La découpeuse laser",
        "languages": ["fr", "en"],
        "steps": 3,
        "quiz": 5,
        "machines": ["laser_cutter"],
        "minutes": 15,
        "course": "beginners",
    }
    status, out, _ = run(capsys, "tutorials", "list", "--dir", str(FIXTURES))
    assert status == 0 and "laser-cutter" in out and out.strip().endswith("2 tutorials")


def test_list_names_the_tutorials_left_out(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    change(root / LASER / "tutorial.yaml", "pass_mark: 80", "pass_mark: 0")
    status, out, _ = run(capsys, "tutorials", "list", "--dir", str(root))
    assert status == 0 and "left out (a problem: run 'fablab-kiosk tutorials check'): laser" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "tutorials", "--json", "show", LASER, "--dir", str(FIXTURES), "--lang", "en"
    )
    assert status == 0
    data = json.loads(out)
    assert (data["id"], data["title"], data["pass_mark"]) == (LASER, "The laser cutter", 80)
    assert data["steps"][2] == {
        "title": "The kerf",
        "text": "The laser removes a kerf of 0.2 millimetres.",
        "image": "03-kerf.svg",
        "safety": [],
        "check": None,
    }
    assert data["steps"][1]["check"] == {
        "question": "When do you close the lid?",
        "choices": ["Before the cut", "After the cut"],
        "answer": 0,
        "pictures": [],
    }
    assert data["quiz"][1] == {
        "question": "What does the machine cut?",
        "choices": ["Metal", "Thin wood"],
        "answer": 1,
        "pictures": ["choices/metal.svg", "choices/thin-wood.svg"],
        "explanation": "It cuts thin wood.",
    }


def test_show_text_marks_the_right_answers(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tutorials", "show", LASER, "--dir", str(FIXTURES))
    assert status == 0
    assert "Le laser enlève une saignée de 0,2 millimètre." in out
    assert "Safety: eye_protection, no_loose_clothing" in out
    assert "b) Le bois fin  [choices/thin-wood.svg]  <- right" in out
    assert "a) Je ferme le couvercle  <- right" in out and "Quiz (pass mark 80%)" in out


def test_show_refuses_an_unknown_or_broken_tutorial(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    status, _, err = run(capsys, "tutorials", "show", "cnc-mill", "--dir", str(root))
    assert status == 1 and "no tutorial 'cnc-mill'" in err
    change(root / LASER / "tutorial.yaml", "pass_mark: 80", "pass_mark: 0")
    status, _, err = run(capsys, "tutorials", "show", LASER, "--dir", str(root))
    assert status == 1 and "left out because of a problem" in err


# --- the packaged content ------------------------------------------------------------


def test_the_packaged_tutorials_have_no_problem(capsys: pytest.CaptureFixture[str]) -> None:
    if not list(default_root().glob("*/tutorial.yaml")):
        pytest.skip("no packaged tutorial yet")
    status, out, _ = run(capsys, "tutorials", "check")
    assert status == 0, out
