"""Safety tutorials: the content staff write, the quiz, progress and certifications.

Content is one folder per tutorial under ``resources/tutorials/`` (see its README.md,
the format's contract): ``tutorial.yaml`` with its pictures, plus ``courses.yaml``,
``glossary.yaml`` and ``pictograms/``. :func:`kiosk.tutorials.loader.load_library` never
raises on bad content:
a tutorial with a problem is left out and every problem is listed with its file and line
(the YAML node's mark), so ``fablab-kiosk tutorials check`` can print them and staff
mode can say which tutorials are missing while the others work.

A passed quiz records the *theory* part of a :class:`~kiosk.models.Certification` under
the tutorial's id, which is what a machine's ``tutorial`` in config.toml names
(kiosk.machines); staff confirm the *practical* part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Certification, TutorialProgress
from kiosk.outbox import certification_payload, record

LANGUAGES = ("fr", "en")  # every text is required in both
DEFAULT_LANG = "fr"
PICTOGRAMS = (
    "eye_protection",
    "hearing_protection",
    "no_loose_clothing",
    "fire_extinguisher",
    "first_aid",
    "emergency_stop",
    "ventilation",
    "no_unattended",
    "gloves",
    "hot_surface",
)
IMAGE_SUFFIXES = (".svg", ".png")
DEFAULT_PASS_MARK = 80
MIN_QUIZ = 3
# The README asks for 1-3 sentences of 15 words at most: beyond is a warning; far beyond
# (more than 4 sentences, or a sentence over 40 words) is a problem that blocks.
WARN_SENTENCES, WARN_WORDS = 3, 15
MAX_SENTENCES, MAX_WORDS = 4, 40
TUTORIAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 60  # Certification.tutorial and TutorialProgress.tutorial are String(60)
TERM = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
WORD = re.compile(r"\w+(?:['’-]\w+)*")


# --- content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One text in every language; ``get`` falls back to French."""

    values: Mapping[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(DEFAULT_LANG, "")


@dataclass(frozen=True)
class Check:
    """A question on a step, not scored: the player says right or wrong at once."""

    question: Text
    choices: Mapping[str, tuple[str, ...]]
    answer: int
    # one picture per choice (the same in every language), or none: a poor reader
    # recognises the right thing drawn before reading its words
    pictures: tuple[Path, ...] = ()

    def choices_in(self, lang: str) -> tuple[str, ...]:
        return self.choices.get(lang) or self.choices[DEFAULT_LANG]


@dataclass(frozen=True)
class Question(Check):
    """A quiz question; its explanation is shown after the answer, right or wrong."""

    explanation: Text = field(default_factory=lambda: Text({}))


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    image: Path
    safety: tuple[str, ...] = ()
    check: Check | None = None


@dataclass(frozen=True)
class Tutorial:
    id: str
    folder: Path
    title: Text
    summary: Text
    minutes: int
    machines: tuple[str, ...]  # machine kinds it covers
    requires: tuple[str, ...]  # tutorials to take first
    pass_mark: int  # percent of right answers
    steps: tuple[Step, ...]
    quiz: tuple[Question, ...]
    languages: tuple[str, ...] = LANGUAGES


@dataclass(frozen=True)
class Course:
    id: str
    title: Text
    tutorials: tuple[str, ...]  # in order; only tutorials that loaded


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    word: Text
    definition: Text
    image: Path | None = None


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{where}: {self.message}"


@dataclass
class Library:
    """What loaded, and what did not: ``problems`` block, ``warnings`` do not."""

    root: Path
    tutorials: dict[str, Tutorial]  # course order first, then alphabetical
    courses: dict[str, Course]
    glossary: dict[str, GlossaryEntry]
    problems: list[Problem]
    warnings: list[Problem]
    left_out: tuple[str, ...] = ()  # folders whose tutorial has a problem (staff notice)

    def course_of(self, tutorial_id: str) -> str | None:
        return next((c.id for c in self.courses.values() if tutorial_id in c.tutorials), None)


class Segment(NamedTuple):
    """A piece of a step text: plain, or a glossary word (``term`` is its id)."""

    text: str
    term: str | None = None


def render_text(text: str, glossary: Mapping[str, GlossaryEntry], lang: str) -> list[Segment]:
    """Split *text* into plain parts and glossary words (``[[term]]``, ``[[shown|term]]``)."""
    segments: list[Segment] = []
    at = 0
    for match in TERM.finditer(text):
        if match.start() > at:
            segments.append(Segment(text[at : match.start()]))
        shown, term = (match[1], match[2]) if match[2] else (None, match[1])
        term = term.strip()
        entry = glossary.get(term)
        if shown is None:
            shown = entry.word.get(lang) if entry else term
        segments.append(Segment(shown.strip(), term if entry else None))
        at = match.end()
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


def plain_text(text: str, glossary: Mapping[str, GlossaryEntry], lang: str) -> str:
    """The text with its glossary brackets resolved (read aloud, readability, ``show``)."""
    return "".join(segment.text for segment in render_text(text, glossary, lang))


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def default_root() -> Path:
    """The tutorials shipped with the program (``resources/tutorials``)."""
    return Path(str(files("resources").joinpath("tutorials")))


# --- quiz ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizResult:
    right: int
    total: int
    percent: int  # rounded, for display; ``passed`` compares exactly
    passed: bool


def score(tutorial: Tutorial, answers: Sequence[int]) -> QuizResult:
    """Score one answer (a choice index) per quiz question, in order."""
    if len(answers) != len(tutorial.quiz):
        raise ValueError(
            f"{tutorial.id}: {len(answers)} answers for {len(tutorial.quiz)} questions"
        )
    right = sum(1 for q, a in zip(tutorial.quiz, answers, strict=True) if a == q.answer)
    total = len(tutorial.quiz)
    return QuizResult(
        right, total, round(100 * right / total), right * 100 >= tutorial.pass_mark * total
    )


# --- progress and certifications ---------------------------------------------------


def _progress(session: Session, member_id: str, tutorial_id: str) -> TutorialProgress | None:
    return session.scalar(
        select(TutorialProgress).where(
            TutorialProgress.member_id == member_id, TutorialProgress.tutorial == tutorial_id
        )
    )


def save_progress(
    session: Session, member_id: str, tutorial_id: str, step: int, now: datetime
) -> None:
    """The step a member will see next time (``len(steps)``: the quiz)."""
    if step < 0:
        raise ValueError(f"step {step}: steps are counted from 0")
    progress = _progress(session, member_id, tutorial_id)
    if progress is None:
        progress = TutorialProgress(member_id=member_id, tutorial=tutorial_id)
        session.add(progress)
    progress.step = step
    progress.updated_at = now
    session.flush()


def resume_step(session: Session, member_id: str, tutorial: Tutorial) -> int:
    """Where the member stopped: 0 if never started; at most ``len(steps)`` (the quiz),
    as the tutorial may have lost steps since."""
    progress = _progress(session, member_id, tutorial.id)
    return 0 if progress is None else max(0, min(progress.step, len(tutorial.steps)))


def clear_progress(session: Session, member_id: str, tutorial_id: str) -> None:
    progress = _progress(session, member_id, tutorial_id)
    if progress is not None:
        session.delete(progress)
        session.flush()


def _certification(session: Session, member_id: str, tutorial_id: str) -> Certification | None:
    return session.scalar(
        select(Certification).where(
            Certification.member_id == member_id, Certification.tutorial == tutorial_id
        )
    )


def record_theory(
    session: Session, member_id: str, tutorial: Tutorial, now: datetime
) -> Certification:
    """A passed quiz: the theory of *tutorial* (and of the machines naming it), at *now*."""
    certification = _certification(session, member_id, tutorial.id)
    if certification is None:
        certification = Certification(member_id=member_id, tutorial=tutorial.id)
        session.add(certification)
    certification.theory_at = now
    session.flush()
    record(session, "certification", certification_payload(certification), now)
    return certification


def confirm_practical(
    session: Session, member_id: str, tutorial_id: str, now: datetime
) -> Certification:
    """Staff confirm the practical part; ValueError if the theory is not passed yet."""
    certification = _certification(session, member_id, tutorial_id)
    if certification is None or certification.theory_at is None:
        raise ValueError(f"the theory of '{tutorial_id}' is not passed yet: the quiz comes first")
    certification.practical_at = now
    session.flush()
    record(session, "certification", certification_payload(certification), now)
    return certification


@dataclass(frozen=True)
class CertificationView:
    tutorial: str
    theory_at: datetime | None
    practical_at: datetime | None


def certifications(session: Session, member_id: str) -> list[CertificationView]:
    rows = session.scalars(
        select(Certification)
        .where(Certification.member_id == member_id)
        .order_by(Certification.tutorial)
    )
    return [CertificationView(c.tutorial, c.theory_at, c.practical_at) for c in rows]
