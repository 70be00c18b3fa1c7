"""YAML read the YAML 1.2 way, with a line for every value, duplicate keys refused and bounded cost.

PyYAML on its own follows YAML 1.1: ``age: 070`` is octal 56, ``on``/``off``/``y``/``n`` are
booleans and ``1:30`` is base 60. Answer files and content are read with the YAML 1.2 core schema
(the ``yamlcore`` package, by PyYAML's maintainer), with integers in decimal only: ``070`` is 70,
``0o17`` stays text, and only ``true``/``false`` are booleans.

A hostile document costs bounded time and memory: nesting deeper than MAX_DEPTH, or aliases that
expand to more than MAX_VALUES values, are refused before anything walks the expanded data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import yaml
from yaml import YAMLError

from backpain_cli.errors import Code, Problem, Words
from backpain_cli.slips import yaml_hint

try:  # the C parser is many times faster; fall back to pure Python where it is missing
    from yamlcore import CCoreLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yamlcore import CoreLoader as _BaseLoader

__all__ = [
    "PARSE_ERRORS",
    "Document",
    "DuplicateKeyError",
    "LimitError",
    "YAMLError",
    "load_document",
    "load_with_lines",
    "safe_load",
    "yaml_problem",
]

MAX_DEPTH: Final = 20  # the deepest shipped file nests 5 levels
MAX_VALUES: Final = 50_000  # the largest shipped file holds about 1,500 values

Path_ = tuple[str | int, ...]


class DuplicateKeyError(Exception):
    """A mapping gives the same key twice: PyYAML would silently keep the last one."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r} on line {line}")
        self.key = key
        self.line = line


class LimitError(Exception):
    """A document nested too deeply, or whose aliases expand to too many values."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


_INT = "tag:yaml.org,2002:int"


class _Loader(_BaseLoader):  # type: ignore[misc]  # yamlcore ships no type information
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node, deep=deep)
                try:
                    if key in seen:
                        raise DuplicateKeyError(key, key_node.start_mark.line + 1)
                    seen.add(key)
                except TypeError:  # an unhashable key; the base class reports it properly
                    pass
        return dict(super().construct_mapping(node, deep=deep))


# YAML 1.2 core schema, but integers in decimal only: nobody writes an age or a week count in
# octal or hex, and a leading zero must never change a number.
# The int resolver keeps its place, before float: the first pattern that matches wins.
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _DECIMAL if tag == _INT else rx) for tag, rx in resolvers]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A parsed YAML document and the 1-based line of every value in it, by path.

    A path is the keys and list indexes that lead to a value, e.g. ``("regions", "au", "number")``.
    The lines are found when first asked for (for an error message), from the parsed nodes.
    """

    data: object
    root: yaml.Node | None = field(default=None, repr=False, compare=False)

    @cached_property
    def lines(self) -> dict[Path_, int]:
        return _check_and_locate(self.root) if self.root is not None else {}

    def line(self, *path: str | int) -> int | None:
        """The line of the value at ``path``, or of the nearest enclosing value that has one."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def locator(self, *prefix: str | int) -> Callable[[tuple[Any, ...]], int | None]:
        """A function from a location below ``prefix`` (a pydantic error's ``loc``) to its line."""
        return lambda loc: self.line(*prefix, *loc)

    @property
    def top_lines(self) -> dict[str, int]:
        """The line of each top-level key."""
        return {str(p[0]): n for p, n in self.lines.items() if len(p) == 1}


def _children(node: yaml.Node) -> Iterator[tuple[str | int, yaml.Node, yaml.Node]]:
    """(key in the path, the child node, the node whose line names it)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            yield name, key_node, key_node
            yield name, value_node, key_node
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield index, item, item


def _child_nodes(node: yaml.Node) -> Sequence[yaml.Node]:
    """A node's children in the order ``_children`` gives them: each key, then its value."""
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value  # type: ignore[no-any-return]
    return ()


def _flat_size(root: yaml.Node) -> int | None:
    """The expanded size of a mapping of plain values and lists of plain values (an answer file),
    counted without a walk; None for any other shape."""
    if root.__class__ is not yaml.MappingNode:
        return None
    total = 1
    for key, value in root.value:
        if key.__class__ is not yaml.ScalarNode:
            return None
        if value.__class__ is yaml.SequenceNode:
            if any(item.__class__ is not yaml.ScalarNode for item in value.value):
                return None
            total += 2 + len(value.value)
        elif value.__class__ is yaml.ScalarNode:
            total += 2
        else:
            return None
    return total


def _check_limits(root: yaml.Node) -> None:
    """Refuse a document that is too deep or too big once its aliases are expanded.

    The walk of ``_check_and_locate`` in the same order (so the same node is named), without
    the paths and lines, which only an error message needs. A flat document (two levels, well
    within MAX_DEPTH) under the size limit needs no walk.
    """
    flat = _flat_size(root)
    if flat is not None and flat <= MAX_VALUES and MAX_DEPTH >= 2:
        return
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if done:
            total = 1 + sum(size[id(child)] for child in _child_nodes(node))
            if total > MAX_VALUES:
                raise LimitError(
                    f"holds more than {MAX_VALUES:,} values once its aliases are expanded",
                    node.start_mark.line + 1,
                )
            size[id(node)] = total
            continue
        if id(node) in size:
            continue
        if depth > MAX_DEPTH:
            raise LimitError(f"is nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _child_nodes(node) if id(child) not in size)


def _check_and_locate(root: yaml.Node) -> dict[Path_, int]:
    """Refuse a document that is too deep or too big once aliases are expanded; map paths to lines.

    One walk over the node graph, never over the expanded data: an alias is the same node object
    as its anchor, so each node is visited once and its expanded size is counted from memory.
    """
    lines: dict[Path_, int] = {}
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, Path_, bool]] = [(root, (), False)]
    while stack:
        node, path, done = stack.pop()
        if done:
            total = 1 + sum(size[id(child)] for _, child, _ in _children(node))
            if total > MAX_VALUES:
                raise LimitError(
                    f"holds more than {MAX_VALUES:,} values once its aliases are expanded",
                    node.start_mark.line + 1,
                )
            size[id(node)] = total
            continue
        if id(node) in size:
            continue
        if len(path) > MAX_DEPTH:
            raise LimitError(f"is nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1)
        stack.append((node, path, True))
        for name, child, named_by in _children(node):
            child_path = (*path, name)
            if child is not named_by or isinstance(node, yaml.SequenceNode):
                lines.setdefault(child_path, named_by.start_mark.line + 1)
            if id(child) not in size:
                stack.append((child, child_path, False))
    return lines


def load_document(text: str) -> Document:
    """Parse one YAML document the YAML 1.2 way; raise one of PARSE_ERRORS when it cannot be read."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None)
        _check_limits(node)
        return Document(loader.construct_document(node), node)
    finally:
        loader.dispose()


def load_with_lines(text: str) -> tuple[object, dict[str, int]]:
    """Parse one YAML document; return it with the 1-based line of each top-level key."""
    document = load_document(text)
    return document.data, document.top_lines


def safe_load(text: str) -> object:
    """Parse YAML the same way, without the lines."""
    return load_document(text).data


# What a hostile or broken document can raise from inside the parser besides YAMLError.
# (A value that does not fit an explicit tag, such as `!!bool maybe` or `!!int abc`, fails inside
# the constructors with KeyError, IndexError or ValueError.)
PARSE_ERRORS: Final = (
    YAMLError,
    DuplicateKeyError,
    LimitError,
    ValueError,
    RecursionError,
    TypeError,
    OverflowError,
    KeyError,
    IndexError,
    AttributeError,
)


def yaml_problem(
    exc: Exception, *, source: str | None, first_line: int = 1, what: str = "YAML", text: str | None = None
) -> Problem:
    """The one translation of a YAML failure into a located problem.

    ``first_line`` is the file line where the parsed text starts (2 for front matter after its
    opening ``---``). Handles duplicate keys, limits, syntax errors with their mark, and the odd
    ValueError or RecursionError a hostile document can raise inside the parser.
    """
    offset = first_line - 1
    if isinstance(exc, DuplicateKeyError):
        return Problem(
            "key appears twice; give each one once",
            source=source,
            key=_short(repr(exc.key)),
            line=exc.line + offset,
            code=Code.DUPLICATE_KEY,
        )
    if isinstance(exc, LimitError):
        line = exc.line + offset if exc.line is not None else None
        return Problem(
            f"cannot be read: it {exc}", source=source, line=line, code=Code.UNREADABLE, words=Words("too_complex")
        )
    if isinstance(exc, YAMLError):
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or _short(str(exc))
        line = mark.line + 1 if mark else None
        # ``text`` (the parsed text) lets a hint name the usual slip: a tab, a colon, an open quote.
        context, start = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
        started = start.line + 1 if start else None
        hint = yaml_hint(text, f"{problem} {context}", line, started) if text is not None else None
        if hint is not None:
            line = hint.line or line
            problem = f"{hint.text} (the parser says: {problem})"
        return Problem(
            f"not valid {what}: {problem}",
            source=source,
            line=line + offset if line else None,
            code=Code.SYNTAX,
            words=Words("yaml_syntax") if what == "YAML" else None,
            hint_words=hint.words if hint is not None else None,
        )
    # Anything else came from inside the parser or a constructor: say what a person can fix, never
    # Python's own words ("invalid literal for int()").
    reason = "a number is too long" if "digits" in str(exc) else "a value does not fit its tag (such as !!int)"
    return Problem(
        f"cannot be read as {what}: {reason}", source=source, code=Code.SYNTAX, words=Words("value_unreadable")
    )


def _short(text: str) -> str:
    lines = text.splitlines()
    return (lines[0] if lines else text)[:120]


def read_yaml_file(
    path: Path, problems: list[Problem], *, missing: str = "file is missing", unreadable: str = "cannot read"
) -> Document | None:
    """Load a content YAML file; on failure add a located problem to ``problems`` and return None."""
    from backpain_cli.input_files import read_text

    try:
        text = read_text(path)
    except FileNotFoundError:
        problems.append(Problem(missing, source=str(path), code=Code.UNREADABLE))
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(Problem(f"{unreadable}: {_reason(exc)}", source=str(path), code=Code.UNREADABLE))
        return None
    try:
        return load_document(text)
    except PARSE_ERRORS as exc:
        problems.append(yaml_problem(exc, source=str(path), text=text))
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _short(str(exc))
