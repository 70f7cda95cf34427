"""Reading a YAML file node by node, so every problem can name its line.

Staff write tutorial content by hand: a problem must say where it is. yaml.compose keeps
each node's position (``start_mark``); this reader turns nodes into values and records a
:class:`~kiosk.tutorials.library.Problem` (or a warning) at the node's line instead of raising.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from kiosk.tutorials.library import LANGUAGES, Problem

_LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def shown(node: yaml.Node, value: object) -> str:
    if isinstance(node, yaml.MappingNode):
        return "keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if value is None else repr(value)


_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlReader:
    """Reads one YAML file node by node, noting each problem with its line."""

    def __init__(self, file: Path, problems: list[Problem], warnings: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.warnings = warnings
        # libyaml's loader when PyYAML was built with it (ten times faster; the kiosk
        # reads every tutorial at start), else the pure-Python one: same nodes and marks
        self.loader: yaml.SafeLoader | None = None
        self.key_of: dict[int, yaml.Node] = {}  # id(value node) -> its key node

    def compose(self) -> yaml.Node | None:
        try:
            text = self.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.file, None, f"cannot read: {exc}"))
            return None
        try:
            self.loader = _LOADER(text)
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
            self.problem(node, f"{what}: expected some text, got {shown(node, value)}")
            return None
        return value.strip()

    def integer(self, node: yaml.Node, what: str, low: int, high: int | None = None) -> int | None:
        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(node, f"{what}: expected a whole number, got {shown(node, value)}")
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
