"""Reading and checking tutorial content: YAML node by node, each problem with its line.

:func:`load_library` never raises on bad content: a tutorial with a problem is left out
of the library and its problems listed (``fablab-kiosk tutorials check`` prints them,
staff mode names the tutorials left out); the others load. The format is documented
for staff in ``resources/tutorials/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from kiosk.tutorials.library import (
    DEFAULT_LANG,
    DEFAULT_PASS_MARK,
    IMAGE_SUFFIXES,
    LANGUAGES,
    MAX_ID,
    MAX_SENTENCES,
    MAX_WORDS,
    MIN_QUIZ,
    PICTOGRAMS,
    TERM,
    TUTORIAL_ID,
    WARN_SENTENCES,
    WARN_WORDS,
    Check,
    Course,
    GlossaryEntry,
    Library,
    Problem,
    Question,
    Step,
    Text,
    Tutorial,
    plain_text,
    sentences,
    words,
)
from kiosk.tutorials.yaml_reader import YamlReader, shown

# --- loading and checking ------------------------------------------------------------


@dataclass
class _Terms:
    """Glossary ids known (and those whose entry is broken) for the ``[[term]]`` check."""

    known: Mapping[str, GlossaryEntry]
    broken: set[str]

    def check(self, reader: YamlReader, node: yaml.Node, text: str, what: str) -> None:
        for match in TERM.finditer(text):
            term = (match[2] or match[1]).strip()
            if term in self.broken:
                reader.problem(node, f"{what}: [[{term}]]: its glossary entry has a problem")
            elif term not in self.known:
                reader.problem(node, f"{what}: [[{term}]] is not in glossary.yaml")
        rest = TERM.sub("", text)
        if "[[" in rest or "]]" in rest:
            reader.problem(node, f"{what}: a [[...]] is not closed or is empty")


def _text(reader: YamlReader, node: yaml.Node, what: str, terms: _Terms) -> Text | None:
    keys = reader.per_language(node, what)
    if keys is None:
        return None
    values = {lang: reader.string(keys[lang], f"{what} ({lang})") for lang in LANGUAGES}
    if any(v is None for v in values.values()):
        return None
    for lang in LANGUAGES:
        terms.check(reader, keys[lang], values[lang] or "", f"{what} ({lang})")
    return Text({lang: v for lang, v in values.items() if v})


def _choices(
    reader: YamlReader, node: yaml.Node, what: str, terms: _Terms
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


def _pictures(
    reader: YamlReader,
    node: yaml.Node,
    what: str,
    folder: Path,
    choices: dict[str, tuple[str, ...]] | None,
) -> tuple[Path, ...] | None:
    """``pictures: [a.svg, b.svg]``: one picture per choice, in the choices' order."""
    items = reader.sequence(node, what)
    if items is None:
        return None
    found = [_image(reader, item, f"{what}[{i}]", folder) for i, item in enumerate(items)]
    if choices is not None and len(items) != len(choices[DEFAULT_LANG]):
        reader.problem(
            node,
            f"{what}: {len(items)} pictures for {len(choices[DEFAULT_LANG])} choices "
            "(give one picture per choice, in the same order)",
        )
        return None
    if any(path is None for path in found):
        return None
    return tuple(path for path in found if path is not None)


def _check(
    reader: YamlReader, node: yaml.Node, what: str, terms: _Terms, folder: Path, quiz: bool
) -> Check | None:
    """A step's check or a quiz question (``quiz``: with its explanation)."""
    required = ["question", "choices", "answer", *(["explanation"] if quiz else [])]
    keys = reader.mapping(node, what, required, ["pictures"])
    if keys is None or any(k not in keys for k in required):
        return None
    question = _text(reader, keys["question"], f"{what} question", terms)
    choices = _choices(reader, keys["choices"], f"{what} choices", terms)
    pictures = (
        _pictures(reader, keys["pictures"], f"{what} pictures", folder, choices)
        if "pictures" in keys
        else ()
    )
    explanation = _text(reader, keys["explanation"], f"{what} explanation", terms) if quiz else None
    answer = reader.value(keys["answer"]) if isinstance(keys["answer"], yaml.ScalarNode) else None
    if not isinstance(answer, int) or isinstance(answer, bool):
        reader.problem(
            keys["answer"],
            f"{what} answer: expected the index of the right choice (0 = the first), "
            f"got {shown(keys['answer'], answer)}",
        )
        return None
    if choices is not None and not 0 <= answer < len(choices[DEFAULT_LANG]):
        last = len(choices[DEFAULT_LANG]) - 1
        reader.problem(
            keys["answer"],
            f"{what} answer: {answer} is not one of the choices (0 to {last}, 0 = the first)",
        )
        return None
    if question is None or choices is None or pictures is None:
        return None
    if quiz:
        if explanation is None:
            return None
        return Question(question, choices, answer, pictures, explanation=explanation)
    return Check(question, choices, answer, pictures)


def _image(reader: YamlReader, node: yaml.Node, what: str, folder: Path) -> Path | None:
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


def _length(reader: YamlReader, node: yaml.Node, text: Text, what: str, terms: _Terms) -> None:
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


def _safety(reader: YamlReader, node: yaml.Node, what: str, root: Path) -> tuple[str, ...] | None:
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


def _step(
    reader: YamlReader, node: yaml.Node, what: str, terms: _Terms, folder: Path
) -> Step | None:
    keys = reader.mapping(node, what, ["title", "text", "image"], ["safety", "check"])
    if keys is None or any(k not in keys for k in ("title", "text", "image")):
        return None
    title = _text(reader, keys["title"], f"{what} title", terms)
    text = _text(reader, keys["text"], f"{what} text", terms)
    if text is not None:
        _length(reader, keys["text"], text, f"{what} text", terms)
    image = _image(reader, keys["image"], f"{what} image", folder)
    safety = (
        _safety(reader, keys["safety"], f"{what} safety", folder.parent)
        if ("safety" in keys)
        else ()
    )
    check = (
        _check(reader, keys["check"], f"{what} check", terms, folder, quiz=False)
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
    reader = YamlReader(file, problems, warnings)
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
    title = _text(reader, keys["title"], "title", terms)
    summary = _text(reader, keys["summary"], "summary", terms)
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
        quiz.append(
            _check(reader, question_node, f"quiz question {i + 1}", terms, folder, quiz=True)
        )
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
    reader = YamlReader(file, problems, warnings)
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
    reader = YamlReader(file, problems, warnings)
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
        title = _text(reader, keys["title"], f"{what} title", none)
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
        reader = YamlReader(tutorial.folder / "tutorial.yaml", problems, warnings)
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
