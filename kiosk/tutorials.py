"""Safety tutorials: the content staff write, the quiz, progress and certifications.

Content is one folder per tutorial under ``resources/tutorials/`` (see its README.md,
the format's contract): ``tutorial.yaml`` with its pictures, plus ``courses.yaml``,
``glossary.yaml`` and ``pictograms/``. :func:`load_library` never raises on bad content:
a tutorial with a problem is left out and every problem is listed with its file and line
(the YAML node's mark), so ``fablab-kiosk tutorials check`` can print them and staff
mode can say which tutorials are missing while the others work.

A passed quiz records the *theory* part of a :class:`~kiosk.models.Certification` under
the tutorial's id, which is what a machine's ``tutorial`` in config.toml names
(kiosk.machines); staff confirm the *practical* part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.badges import BadgeRefused, normalize_short_code, verify_token
from kiosk.models import Certification, Member, TutorialProgress

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


# --- loading and checking ------------------------------------------------------------


class _Reader:
    """Reads one YAML file node by node, noting each problem with its line."""

    def __init__(self, file: Path, problems: list[Problem], warnings: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.warnings = warnings
        self.loader: yaml.SafeLoader | None = None
        self.key_of: dict[int, yaml.Node] = {}  # id(value node) -> its key node

    def compose(self) -> yaml.Node | None:
        try:
            text = self.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.file, None, f"cannot read: {exc}"))
            return None
        try:
            self.loader = yaml.SafeLoader(text)
            node = self.loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            detail = " ".join(filter(None, [exc.context, exc.problem]))
            self.problems.append(Problem(self.file, line, f"YAML syntax: {detail}"))
            return None
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.file, None, f"YAML syntax: {exc}"))
            return None
        if node is None:
            self.problems.append(Problem(self.file, 1, "the file is empty"))
        return node

    def problem(self, node: yaml.Node | None, message: str, *, warning: bool = False) -> None:
        """Note a problem at *node*'s line; a block list or mapping is reported at the line
        of its key (``quiz:``), where the person will look, not at its first item."""
        if isinstance(node, yaml.CollectionNode) and id(node) in self.key_of:
            node = self.key_of[id(node)]
        line = node.start_mark.line + 1 if node is not None else None
        (self.warnings if warning else self.problems).append(Problem(self.file, line, message))

    def value(self, node: yaml.Node) -> Any:
        assert self.loader is not None
        return self.loader.construct_object(node, deep=True)

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node; unknown, duplicate and missing keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what}: expected keys ({', '.join(required)})")
            return None
        keys: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in keys:
                self.problem(key_node, f"{what}: '{key}' is given twice")
            elif key not in required and key not in optional:
                known = ", ".join([*required, *optional])
                self.problem(key_node, f"{what}: unknown key '{key}' (known keys: {known})")
            keys[key] = value_node
            self.key_of[id(value_node)] = key_node
        for key in required:
            if key not in keys:
                self.problem(node, f"{what}: '{key}' is missing")
        return keys

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what}: expected a list")
            return None
        return list(node.value)

    def string(self, node: yaml.Node, what: str) -> str | None:
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, str) or not value.strip():
            self.problem(node, f"{what}: expected some text, got {_shown(node, value)}")
            return None
        return value.strip()

    def integer(self, node: yaml.Node, what: str, low: int, high: int | None = None) -> int | None:
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(node, f"{what}: expected a whole number, got {_shown(node, value)}")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.problem(node, f"{what}: {value} is out of range ({bounds})")
            return None
        return value

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...] | None:
        items = self.sequence(node, what)
        if items is None:
            return None
        values = [self.string(item, f"{what}[{i}]") for i, item in enumerate(items)]
        return None if any(v is None for v in values) else tuple(v for v in values if v)

    def per_language(self, node: yaml.Node, what: str) -> dict[str, yaml.Node] | None:
        """``{fr: ..., en: ...}``: both languages required, no other."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what}: expected {{fr: ..., en: ...}}")
            return None
        keys = self.mapping(node, what, required=(), optional=LANGUAGES)
        if keys is None:
            return None
        for lang in LANGUAGES:
            if lang not in keys:
                self.problem(node, f"{what}: the {_LANGUAGE_NAMES[lang]} text ({lang}) is missing")
        return keys if all(lang in keys for lang in LANGUAGES) else None

    def text(self, node: yaml.Node, what: str, terms: _Terms) -> Text | None:
        keys = self.per_language(node, what)
        if keys is None:
            return None
        values = {lang: self.string(keys[lang], f"{what} ({lang})") for lang in LANGUAGES}
        if any(v is None for v in values.values()):
            return None
        for lang in LANGUAGES:
            terms.check(self, keys[lang], values[lang] or "", f"{what} ({lang})")
        return Text({lang: v for lang, v in values.items() if v})


_LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def _shown(node: yaml.Node, value: object) -> str:
    if isinstance(node, yaml.MappingNode):
        return "keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if value is None else repr(value)


@dataclass
class _Terms:
    """Glossary ids known (and those whose entry is broken) for the ``[[term]]`` check."""

    known: Mapping[str, GlossaryEntry]
    broken: set[str]

    def check(self, reader: _Reader, node: yaml.Node, text: str, what: str) -> None:
        for match in TERM.finditer(text):
            term = (match[2] or match[1]).strip()
            if term in self.broken:
                reader.problem(node, f"{what}: [[{term}]]: its glossary entry has a problem")
            elif term not in self.known:
                reader.problem(node, f"{what}: [[{term}]] is not in glossary.yaml")
        rest = TERM.sub("", text)
        if "[[" in rest or "]]" in rest:
            reader.problem(node, f"{what}: a [[...]] is not closed or is empty")


def _choices(
    reader: _Reader, node: yaml.Node, what: str, terms: _Terms
) -> dict[str, tuple[str, ...]] | None:
    keys = reader.per_language(node, what)
    if keys is None:
        return None
    result: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        values = reader.strings(keys[lang], f"{what} ({lang})")
        if values is None:
            return None
        if len(values) < 2:
            reader.problem(keys[lang], f"{what} ({lang}): give at least 2 choices")
            return None
        for value in values:
            terms.check(reader, keys[lang], value, f"{what} ({lang})")
        result[lang] = values
    counts = {lang: len(v) for lang, v in result.items()}
    if len(set(counts.values())) > 1:
        said = ", ".join(f"{n} in {lang}" for lang, n in counts.items())
        reader.problem(node, f"{what}: not the same number of choices in each language ({said})")
        return None
    return result


def _check(reader: _Reader, node: yaml.Node, what: str, terms: _Terms, quiz: bool) -> Check | None:
    """A step's check or a quiz question (``quiz``: with its explanation)."""
    required = ["question", "choices", "answer", *(["explanation"] if quiz else [])]
    keys = reader.mapping(node, what, required)
    if keys is None or any(k not in keys for k in required):
        return None
    question = reader.text(keys["question"], f"{what} question", terms)
    choices = _choices(reader, keys["choices"], f"{what} choices", terms)
    explanation = reader.text(keys["explanation"], f"{what} explanation", terms) if quiz else None
    answer = reader.value(keys["answer"]) if isinstance(keys["answer"], yaml.ScalarNode) else None
    if not isinstance(answer, int) or isinstance(answer, bool):
        reader.problem(
            keys["answer"],
            f"{what} answer: expected the index of the right choice (0 = the first), "
            f"got {_shown(keys['answer'], answer)}",
        )
        return None
    if choices is not None and not 0 <= answer < len(choices[DEFAULT_LANG]):
        last = len(choices[DEFAULT_LANG]) - 1
        reader.problem(
            keys["answer"],
            f"{what} answer: {answer} is not one of the choices (0 to {last}, 0 = the first)",
        )
        return None
    if question is None or choices is None or (quiz and explanation is None):
        return None
    if quiz:
        assert explanation is not None
        return Question(question, choices, answer, explanation)
    return Check(question, choices, answer)


def _image(reader: _Reader, node: yaml.Node, what: str, folder: Path) -> Path | None:
    name = reader.string(node, what)
    if name is None:
        return None
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        reader.problem(node, f"{what}: {name} is outside the folder")
        return None
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        reader.problem(node, f"{what}: {name} is not an SVG or PNG picture")
        return None
    if not path.is_file():
        reader.problem(node, f"{what}: {name} is missing (no such file in {folder.name}/)")
        return None
    return folder / name


def _length(reader: _Reader, node: yaml.Node, text: Text, what: str, terms: _Terms) -> None:
    """Steps stay short: warn beyond the README's rule, block far beyond it."""
    for lang in LANGUAGES:
        said = sentences(plain_text(text.get(lang), terms.known, lang))
        longest = max((len(words(s)) for s in said), default=0)
        where = f"{what} ({lang})"
        if len(said) > MAX_SENTENCES:
            reader.problem(node, f"{where}: {len(said)} sentences; at most {WARN_SENTENCES}")
        elif len(said) > WARN_SENTENCES:
            reader.problem(
                node, f"{where}: {len(said)} sentences; {WARN_SENTENCES} at most", warning=True
            )
        if longest > MAX_WORDS:
            reader.problem(node, f"{where}: a sentence of {longest} words; cut it up")
        elif longest > WARN_WORDS:
            reader.problem(
                node,
                f"{where}: a sentence of {longest} words; {WARN_WORDS} at most",
                warning=True,
            )


def _safety(reader: _Reader, node: yaml.Node, what: str, root: Path) -> tuple[str, ...] | None:
    names = reader.strings(node, what)
    if names is None:
        return None
    items = list(node.value)
    ok = True
    drawn = root / "pictograms"
    for item, name in zip(items, names, strict=True):
        if name not in PICTOGRAMS:
            reader.problem(
                item, f"{what}: unknown pictogram '{name}' (known: {', '.join(PICTOGRAMS)})"
            )
            ok = False
        elif drawn.is_dir() and not (drawn / f"{name}.svg").is_file():
            reader.problem(item, f"{what}: pictograms/{name}.svg is missing")
            ok = False
    return names if ok else None


def _step(reader: _Reader, node: yaml.Node, what: str, terms: _Terms, folder: Path) -> Step | None:
    keys = reader.mapping(node, what, ["title", "text", "image"], ["safety", "check"])
    if keys is None or any(k not in keys for k in ("title", "text", "image")):
        return None
    title = reader.text(keys["title"], f"{what} title", terms)
    text = reader.text(keys["text"], f"{what} text", terms)
    if text is not None:
        _length(reader, keys["text"], text, f"{what} text", terms)
    image = _image(reader, keys["image"], f"{what} image", folder)
    safety = (
        _safety(reader, keys["safety"], f"{what} safety", folder.parent)
        if ("safety" in keys)
        else ()
    )
    check = (
        _check(reader, keys["check"], f"{what} check", terms, quiz=False)
        if ("check" in keys)
        else None
    )
    if title is None or text is None or image is None or safety is None:
        return None
    if "check" in keys and check is None:
        return None
    return Step(title, text, image, safety, check)


_TUTORIAL_KEYS = ["id", "title", "summary", "minutes", "steps", "quiz"]
_TUTORIAL_OPTIONAL = ["machines", "requires", "pass_mark"]


def _tutorial(
    file: Path, terms: _Terms, problems: list[Problem], warnings: list[Problem]
) -> tuple[Tutorial, yaml.Node | None] | None:
    """The tutorial of *file*, or None (its problems noted); ``requires`` is checked later."""
    reader = _Reader(file, problems, warnings)
    before = len(problems)
    node = reader.compose()
    if node is None:
        return None
    keys = reader.mapping(node, "tutorial", _TUTORIAL_KEYS, _TUTORIAL_OPTIONAL)
    if keys is None or any(k not in keys for k in _TUTORIAL_KEYS):
        return None
    folder = file.parent
    tutorial_id = reader.string(keys["id"], "id")
    if tutorial_id is not None and tutorial_id != folder.name:
        reader.problem(keys["id"], f"id '{tutorial_id}' differs from the folder's name")
    elif tutorial_id is not None and (
        not TUTORIAL_ID.fullmatch(tutorial_id) or len(tutorial_id) > MAX_ID
    ):
        reader.problem(keys["id"], f"id '{tutorial_id}': lower case letters, digits and dashes")
    title = reader.text(keys["title"], "title", terms)
    summary = reader.text(keys["summary"], "summary", terms)
    minutes = reader.integer(keys["minutes"], "minutes", 1)
    machines = reader.strings(keys["machines"], "machines") if "machines" in keys else ()
    requires = reader.strings(keys["requires"], "requires") if "requires" in keys else ()
    pass_mark = (
        reader.integer(keys["pass_mark"], "pass_mark", 1, 100)
        if "pass_mark" in keys
        else DEFAULT_PASS_MARK
    )
    steps: list[Step | None] = []
    step_nodes = reader.sequence(keys["steps"], "steps")
    if step_nodes is not None and not step_nodes:
        reader.problem(keys["steps"], "steps: a tutorial needs at least one step")
    for i, step_node in enumerate(step_nodes or []):
        steps.append(_step(reader, step_node, f"step {i + 1}", terms, folder))
    quiz: list[Check | None] = []
    quiz_nodes = reader.sequence(keys["quiz"], "quiz")
    if quiz_nodes is not None and len(quiz_nodes) < MIN_QUIZ:
        reader.problem(
            keys["quiz"], f"quiz: {len(quiz_nodes)} questions; at least {MIN_QUIZ} are needed"
        )
    for i, question_node in enumerate(quiz_nodes or []):
        quiz.append(_check(reader, question_node, f"quiz question {i + 1}", terms, quiz=True))
    if len(problems) > before or tutorial_id is None:
        return None
    assert title is not None and summary is not None and minutes is not None
    assert pass_mark is not None and machines is not None and requires is not None
    return Tutorial(
        tutorial_id,
        folder,
        title,
        summary,
        minutes,
        machines,
        requires,
        pass_mark,
        tuple(s for s in steps if s is not None),
        tuple(q for q in quiz if isinstance(q, Question)),
    ), keys.get("requires")


def _glossary(
    file: Path, problems: list[Problem], warnings: list[Problem]
) -> tuple[dict[str, GlossaryEntry], set[str]]:
    entries: dict[str, GlossaryEntry] = {}
    broken: set[str] = set()
    if not file.exists():
        return entries, broken
    reader = _Reader(file, problems, warnings)
    node = reader.compose()
    if node is None:
        return entries, broken
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, "the glossary: expected one entry per word id")
        return entries, broken
    none = _Terms({}, set())
    for key_node, value_node in node.value:
        term = str(key_node.value)
        reader.key_of[id(value_node)] = key_node
        before = len(problems)
        keys = reader.mapping(value_node, f"glossary '{term}'", LANGUAGES, ["image"])
        words_: dict[str, str] = {}
        definitions: dict[str, str] = {}
        for lang in LANGUAGES:
            if keys is None or lang not in keys:
                continue
            what = f"glossary '{term}' ({lang})"
            parts = reader.mapping(keys[lang], what, ["word", "definition"])
            if parts is None or "word" not in parts or "definition" not in parts:
                continue
            word = reader.string(parts["word"], f"{what} word")
            definition = reader.string(parts["definition"], f"{what} definition")
            if word and definition:
                none.check(reader, parts["definition"], definition, f"{what} definition")
                words_[lang], definitions[lang] = word, definition
        image = None
        if keys is not None and "image" in keys:
            image = _image(reader, keys["image"], f"glossary '{term}' image", file.parent)
        if len(problems) > before or term in entries:
            if term in entries:
                reader.problem(key_node, f"glossary: '{term}' is given twice")
            broken.add(term)
            entries.pop(term, None)
            continue
        entries[term] = GlossaryEntry(term, Text(words_), Text(definitions), image)
    return entries, broken


def _courses(
    file: Path, known: set[str], problems: list[Problem], warnings: list[Problem]
) -> Iterator[Course]:
    """Each course; naming a tutorial folder that does not exist is a problem."""
    if not file.exists():
        return
    reader = _Reader(file, problems, warnings)
    node = reader.compose()
    if node is None:
        return
    items = reader.sequence(node, "courses")
    none = _Terms({}, set())
    for i, item in enumerate(items or []):
        what = f"course {i + 1}"
        keys = reader.mapping(item, what, ["id", "title", "tutorials"])
        if keys is None or any(k not in keys for k in ("id", "title", "tutorials")):
            continue
        course_id = reader.string(keys["id"], f"{what} id")
        title = reader.text(keys["title"], f"{what} title", none)
        names = reader.strings(keys["tutorials"], f"{what} tutorials")
        if course_id is None or title is None or names is None:
            continue
        for name, name_node in zip(names, keys["tutorials"].value, strict=True):
            if name not in known:
                reader.problem(name_node, f"course '{course_id}': no tutorial '{name}'")
        yield Course(course_id, title, names)


def load_library(root: Path) -> Library:
    """Every tutorial of *root* that has no problem, the courses, the glossary, and the
    problems (blocking) and warnings found, each with its file and line. Never raises."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    glossary, broken_terms = _glossary(root / "glossary.yaml", problems, warnings)
    terms = _Terms(glossary, broken_terms)
    files_ = sorted(root.glob("*/tutorial.yaml")) if root.is_dir() else []
    if not root.is_dir():
        problems.append(Problem(root, None, "no such folder"))
    loaded: dict[str, tuple[Tutorial, yaml.Node | None]] = {}
    left_out = []
    for file in files_:
        result = _tutorial(file, terms, problems, warnings)
        if result is None:
            left_out.append(file.parent.name)
        else:
            loaded[result[0].id] = result
    folders = {file.parent.name for file in files_}
    # `requires` names another tutorial: one left out still exists (its own problems say why).
    for tutorial_id, (tutorial, node) in list(loaded.items()):
        reader = _Reader(tutorial.folder / "tutorial.yaml", problems, warnings)
        bad = [r for r in tutorial.requires if r not in folders or r == tutorial_id]
        for i, name in enumerate(tutorial.requires):
            if name in bad:
                item = node.value[i] if isinstance(node, yaml.SequenceNode) else node
                why = "itself" if name == tutorial_id else f"no tutorial '{name}'"
                reader.problem(item, f"requires: {why}")
        if bad:
            del loaded[tutorial_id]
            left_out.append(tutorial_id)
    courses: dict[str, Course] = {}
    order: list[str] = []
    for course in _courses(root / "courses.yaml", folders, problems, warnings):
        kept = tuple(t for t in course.tutorials if t in loaded)
        courses[course.id] = Course(course.id, course.title, kept)
        order.extend(t for t in kept if t not in order)
    order.extend(sorted(t for t in loaded if t not in order))
    return Library(
        root,
        {t: loaded[t][0] for t in order},
        courses,
        glossary,
        problems,
        warnings,
        tuple(sorted(left_out)),
    )


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


def member_for_badge(session: Session, secret: bytes, site_id: str, text: str) -> Member | None:
    """The member a badge or typed short code stands for, or None; checks no one in.

    A trainee shows their badge at the start of a tutorial so their progress and quiz
    count; a revoked (older) badge or an erased member is nobody.
    """
    text = text.strip().upper()
    version = None
    if text.startswith("FLK"):
        try:
            token = verify_token(text, secret, site_id)
        except BadgeRefused:
            return None
        code: str | None = token.short_code
        version = token.version
    else:
        code = normalize_short_code(text)
    if code is None:
        return None
    member = session.scalar(select(Member).where(Member.short_code == code))
    if member is None or member.erased:
        return None
    if version is not None and version < member.badge_version:
        return None
    return member
