"""``fablab-kiosk tutorials check|list|show``: the content staff write, checked and shown.

Tutorials need no site: ``--data-dir`` is accepted like everywhere but not used yet
(a folder of the site's own tutorials in the data directory may come later). ``--dir``
reads another folder than the packaged ``resources/tutorials``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.support import AddCommand, CommandError, QtCommands, options_again, print_json
from kiosk.tutorials.library import (
    LANGUAGES,
    Check,
    Library,
    Problem,
    Question,
    Tutorial,
    default_root,
    plain_text,
)
from kiosk.tutorials.loader import load_library


def _library(folder: Path | None) -> Library:
    return load_library(folder if folder is not None else default_root())


def _problem_json(problem: Problem, level: str) -> dict[str, Any]:
    return {
        "file": str(problem.file),
        "line": problem.line,
        "message": problem.message,
        "level": level,
    }


def cmd_tutorials_check(args: argparse.Namespace, qt: QtCommands | None) -> int:
    library = _library(args.dir)
    if args.json:
        print_json(
            [_problem_json(p, "problem") for p in library.problems]
            + [_problem_json(p, "warning") for p in library.warnings]
        )
    else:
        for problem in library.problems:
            print(problem)
        for warning in library.warnings:
            print(f"{warning} (warning)")
        left_out = f", left out: {', '.join(library.left_out)}" if library.left_out else ""
        print(
            f"{len(library.tutorials)} tutorials ready{left_out}; {len(library.problems)} "
            f"problems, {len(library.warnings)} warnings in {library.root}"
        )
    return 1 if library.problems else 0


def _list_json(library: Library, tutorial: Tutorial) -> dict[str, Any]:
    return {
        "id": tutorial.id,
        "title": tutorial.title.get("fr"),
        "languages": list(tutorial.languages),
        "steps": len(tutorial.steps),
        "quiz": len(tutorial.quiz),
        "machines": list(tutorial.machines),
        "minutes": tutorial.minutes,
        "course": library.course_of(tutorial.id),
    }


def cmd_tutorials_list(args: argparse.Namespace, qt: QtCommands | None) -> int:
    library = _library(args.dir)
    rows = [_list_json(library, t) for t in library.tutorials.values()]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(
            f"{row['id']:<20} {row['title']:<36} {row['minutes']:>3} min  "
            f"{row['steps']} steps, {row['quiz']} questions  {'/'.join(row['languages'])}"
            + (f"  course: {row['course']}" if row["course"] else "")
        )
    print(f"{len(rows)} tutorials")
    if library.left_out:
        print(
            f"left out (a problem: run 'fablab-kiosk tutorials check'): "
            f"{', '.join(library.left_out)}"
        )
    return 0


def _check_json(check: Check, library: Library, lang: str, folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = {
        "question": plain_text(check.question.get(lang), library.glossary, lang),
        "choices": [plain_text(c, library.glossary, lang) for c in check.choices_in(lang)],
        "answer": check.answer,
        "pictures": [p.relative_to(folder).as_posix() for p in check.pictures],
    }
    if isinstance(check, Question):
        data["explanation"] = plain_text(check.explanation.get(lang), library.glossary, lang)
    return data


def show_json(library: Library, tutorial: Tutorial, lang: str) -> dict[str, Any]:
    """The shape of ``tutorials show --json`` (texts plain, glossary brackets resolved)."""

    def text(value: str) -> str:
        return plain_text(value, library.glossary, lang)

    return {
        "id": tutorial.id,
        "lang": lang,
        "title": text(tutorial.title.get(lang)),
        "summary": text(tutorial.summary.get(lang)),
        "minutes": tutorial.minutes,
        "machines": list(tutorial.machines),
        "requires": list(tutorial.requires),
        "pass_mark": tutorial.pass_mark,
        "languages": list(tutorial.languages),
        "course": library.course_of(tutorial.id),
        "folder": str(tutorial.folder),
        "steps": [
            {
                "title": text(step.title.get(lang)),
                "text": text(step.text.get(lang)),
                "image": step.image.relative_to(tutorial.folder).as_posix(),
                "safety": list(step.safety),
                "check": (
                    _check_json(step.check, library, lang, tutorial.folder) if step.check else None
                ),
            }
            for step in tutorial.steps
        ],
        "quiz": [
            _check_json(question, library, lang, tutorial.folder) for question in tutorial.quiz
        ],
    }


def _print_choices(data: dict[str, Any], indent: str) -> None:
    pictures = data["pictures"] or [None] * len(data["choices"])
    for i, (choice, picture) in enumerate(zip(data["choices"], pictures, strict=True)):
        mark = "  <- right" if i == data["answer"] else ""
        drawn = f"  [{picture}]" if picture else ""
        print(f"{indent}{chr(ord('a') + i)}) {choice}{drawn}{mark}")


def cmd_tutorials_show(args: argparse.Namespace, qt: QtCommands | None) -> int:
    library = _library(args.dir)
    tutorial = library.tutorials.get(args.tutorial)
    if tutorial is None:
        if args.tutorial in library.left_out:
            raise CommandError(
                f"tutorial {args.tutorial!r} is left out because of a problem: "
                "run 'fablab-kiosk tutorials check'"
            )
        known = ", ".join(library.tutorials) or "none"
        raise CommandError(f"no tutorial {args.tutorial!r} (tutorials: {known})")
    data = show_json(library, tutorial, args.lang)
    if args.json:
        print_json(data)
        return 0
    print(f"{data['title']} ({data['id']}): {data['summary']}")
    machines = ", ".join(data["machines"]) or "none"
    requires = ", ".join(data["requires"]) or "nothing"
    print(f"About {data['minutes']} min; machines: {machines}; take first: {requires}")
    for n, step in enumerate(data["steps"], 1):
        print(f"\n{n}. {step['title']}  [{step['image']}]")
        print(f"   {step['text']}")
        if step["safety"]:
            print(f"   Safety: {', '.join(step['safety'])}")
        if step["check"]:
            print(f"   Check: {step['check']['question']}")
            _print_choices(step["check"], "     ")
    print(f"\nQuiz (pass mark {data['pass_mark']}%)")
    for n, question in enumerate(data["quiz"], 1):
        print(f"\n{n}. {question['question']}")
        _print_choices(question, "   ")
        print(f"   {question['explanation']}")
    return 0


def add_tutorial_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
    p = add("tutorials", cmd_tutorials_list, "check, list or show the safety tutorials", listing)
    tsub = p.add_subparsers(dest="tutorials_action", required=True, metavar="ACTION")
    again = options_again()
    t = tsub.add_parser("check", parents=[again], help="check every tutorial (file:line: problem)")
    t.add_argument(
        "dir", nargs="?", type=Path, metavar="DIR", help="default: the packaged tutorials"
    )
    t.set_defaults(handler=cmd_tutorials_check)
    folder = argparse.ArgumentParser(add_help=False)
    folder.add_argument(
        "--dir", type=Path, metavar="DIR", help="a tutorials folder (default: the packaged one)"
    )
    t = tsub.add_parser("list", parents=[again, folder], help="the tutorials that load")
    t.set_defaults(handler=cmd_tutorials_list)
    t = tsub.add_parser("show", parents=[again, folder], help="one tutorial's steps and quiz")
    t.add_argument("tutorial", metavar="TUTORIAL", help="its id (the folder's name)")
    t.add_argument("--lang", choices=LANGUAGES, default="fr")
    t.set_defaults(handler=cmd_tutorials_show)
