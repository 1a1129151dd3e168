"""Strict YAML loading that keeps where every value came from.

PyYAML composes the document into nodes; we convert those nodes ourselves so that every value
keeps its line and column, duplicate keys are caught, and anchors and aliases are refused. Only
safe constructors are used. YAML 1.1 reads `NO`, `no`, `on` and `+31 20...` as booleans or
numbers; we keep the raw text of each scalar so that a field expecting a string can say
`quote it: "NO"` instead of silently storing `False`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from copernica_directory.model.problems import Problem


@dataclass
class Node:
    """A value read from YAML, with its position (1-based line and column)."""

    path: str
    line: int
    col: int


@dataclass
class Scalar(Node):
    """A single value: its constructed Python value and the text it was written as."""

    value: Any
    raw: str
    tag: str
    quoted: bool

    @property
    def kind(self) -> str:
        """What YAML made of the text: string, boolean, integer, number, date or null."""
        return _KINDS.get(self.tag, "value")


@dataclass
class Mapping(Node):
    """A mapping; keys are strings, each with its key node kept for error positions."""

    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass
class Sequence(Node):
    """A list of nodes."""

    items: list[Node] = field(default_factory=list)


_KINDS = {
    "tag:yaml.org,2002:str": "string",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "empty value",
}


_STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = frozenset({*_KINDS, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


# libyaml's C parser when PyYAML was built with it (the wheels are): about ten times faster
# than the pure-Python one, which matters with tens of thousands of review files.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Implicit tags of plain scalars already resolved: review files repeat the same keys and values.
_IMPLICIT_TAGS: dict[str, str] = {}
_MEMO_MAX_LEN, _MEMO_MAX_ENTRIES = 64, 50_000


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with the implicit tag of a plain scalar remembered per text.

    A safe loader has no path resolvers, so a plain scalar's tag depends on its text alone
    (PyYAML's regular expressions): the memo returns exactly what `resolve` would.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _IMPLICIT_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= _MEMO_MAX_LEN and len(_IMPLICIT_TAGS) < _MEMO_MAX_ENTRIES:
                    _IMPLICIT_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


def _alias_problem(text: str) -> yaml.MarkedYAMLError | None:
    """The first alias (*name) in the text, as an error at its position, or None.

    Aliases hide where a value came from and can explode in size, so content may not use them.
    Only texts with both '&' and '*' can hold one, so most files skip this second parse.
    """
    if "&" not in text or "*" not in text:
        return None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases (*name) are not allowed; write the value out in full",
                event.start_mark,
            )
    return None


_TAB_INDENT = re.compile(r"^[ ]*\t")


def load_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into located nodes, or report why it cannot be read.

    `line_offset` shifts reported lines, for YAML that starts further down a file (front matter).
    """
    problems = _tab_problems(text, path, line_offset)
    if problems:
        # PyYAML's own message for tabs is cryptic; ours names the line and the fix.
        return None, problems
    try:
        alias = _alias_problem(text)
        if alias is not None:
            raise alias
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [_yaml_error(err, path, line_offset)]
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(path, 1 + line_offset, 1, "", f"not valid YAML: {err}")]
    if root is None:
        return None, [Problem(path, 1 + line_offset, 1, "", "the file is empty")]
    converter = _Converter(path, line_offset)
    node = converter.convert(root)
    return node, converter.problems


def _tab_problems(text: str, path: str, line_offset: int) -> list[Problem]:
    if "\t" not in text:
        return []  # the common case, without splitting the text into lines
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _TAB_INDENT.match(line):
            col = line.index("\t") + 1
            problems.append(
                Problem(
                    path,
                    number + line_offset,
                    col,
                    "",
                    "a tab is used for indentation; YAML allows spaces only (use 2 spaces)",
                )
            )
    return problems


def _yaml_error(err: yaml.MarkedYAMLError, path: str, line_offset: int) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    col = mark.column + 1 if mark else 1
    parts = [p for p in (err.context, err.problem) if p]
    message = "; ".join(parts) if parts else "not valid YAML"
    return Problem(path, line, col, "", f"not valid YAML: {message}")


class _Converter:
    """Turns PyYAML nodes into our located nodes, collecting problems on the way."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        # A constructor alone: a SafeLoader("") would carry a parser whose reference cycles
        # keep every constructed node alive until the garbage collector runs (issue 7).
        self._constructor = yaml.constructor.SafeConstructor()

    def _pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def convert(self, node: yaml.Node) -> Node:
        line, col = self._pos(node)
        if node.tag not in _STANDARD_TAGS:
            # Explicit tags (!!python/..., !custom) are never needed in content; refuse them
            # outright instead of constructing or silently ignoring them.
            self.problems.append(
                Problem(self.path, line, col, "", f"YAML tags such as {node.tag!r} are not allowed")
            )
            return Scalar(self.path, line, col, None, "", "tag:yaml.org,2002:null", False)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, line, col)
        if isinstance(node, yaml.SequenceNode):
            return Sequence(self.path, line, col, [self.convert(n) for n in node.value])
        return self._scalar(node, line, col)

    def _scalar(self, node: yaml.ScalarNode, line: int, col: int) -> Scalar:
        try:
            # Most scalars are strings: their value is their text, no constructor needed.
            if node.tag == _STR_TAG:
                value = node.value
            else:
                value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as err:
            # e.g. 2026-13-45 looks like a date to YAML but is not one.
            self.problems.append(
                Problem(self.path, line, col, "", f"cannot read {node.value!r}: {_first_line(err)}")
            )
            value = node.value
        return Scalar(
            self.path,
            line,
            col,
            value=value,
            raw=node.value,
            tag=node.tag,
            quoted=node.style in ("'", '"'),
        )

    def _mapping(self, node: yaml.MappingNode, line: int, col: int) -> Mapping:
        result = Mapping(self.path, line, col)
        for key_node, value_node in node.value:
            key_line, key_col = self._pos(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(self.path, key_line, key_col, "", "a key must be a plain name")
                )
                continue
            key = self._scalar(key_node, key_line, key_col)
            if key.tag != "tag:yaml.org,2002:str":
                # `no:` or `2024:` as a key: YAML makes it a boolean or number.
                self.problems.append(
                    Problem(
                        self.path,
                        key_line,
                        key_col,
                        key.raw,
                        f'YAML reads this key as a {key.kind}; quote it: "{key.raw}"',
                    )
                )
            name = key.raw
            if name in result.entries:
                first = result.entries[name][0]
                self.problems.append(
                    Problem(
                        self.path,
                        key_line,
                        key_col,
                        name,
                        f"duplicate key; '{name}' is already set on line {first.line}",
                    )
                )
                continue
            result.entries[name] = (key, self.convert(value_node))
        return result


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def split_front_matter(text: str, path: str) -> tuple[str | None, str, int, list[Problem]]:
    """Split `---` YAML front matter from a Markdown body.

    Returns the YAML text, the body, the line number the body starts on minus one, and problems.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return (
            None,
            text,
            0,
            [
                Problem(
                    path,
                    1,
                    1,
                    "",
                    "front matter missing: the file must start with a line '---', "
                    "then YAML fields, then another '---' line",
                )
            ],
        )
    front = match.group(1)
    body = text[match.end() :]
    body_offset = text[: match.end()].count("\n")
    return front, body, body_offset, []


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def plain(node: Node) -> Any:
    """The node as plain Python values (dicts, lists, scalars), positions dropped."""
    if isinstance(node, Mapping):
        return {key: plain(value) for key, (_, value) in node.entries.items()}
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    assert isinstance(node, Scalar)
    return node.value
