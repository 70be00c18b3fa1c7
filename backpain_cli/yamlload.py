"""Safe YAML loading that remembers the line of each top-level key and refuses duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml
from yaml import YAMLError

from backpain_cli.errors import Code, Problem

try:  # the C parser is many times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["DuplicateKeyError", "YAMLError", "load_with_lines", "safe_load", "yaml_problem"]


class DuplicateKeyError(Exception):
    """A mapping gives the same key twice: PyYAML would silently keep the last one."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r} on line {line}")
        self.key = key
        self.line = line


class _Loader(_BaseLoader):
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
        return super().construct_mapping(node, deep=deep)


def load_with_lines(text: str) -> tuple[object, dict[str, int]]:
    """Parse one YAML document; return it with the 1-based line of each top-level key."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def item_lines(text: str, key: str) -> list[int]:
    """The 1-based line where each item of the top-level list ``key`` starts (for error messages)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key_node, value in node.value:
        if getattr(key_node, "value", None) == key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def yaml_problem(exc: Exception, *, source: str | None, first_line: int = 1, what: str = "YAML") -> Problem:
    """The one translation of a YAML failure into a located problem.

    ``first_line`` is the file line where the parsed text starts (2 for front matter after its
    opening ``---``). Handles duplicate keys, syntax errors with their mark, and the odd
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
    if isinstance(exc, YAMLError):
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or _short(str(exc))
        return Problem(
            f"not valid {what}: {problem}",
            source=source,
            line=mark.line + 1 + offset if mark else None,
            code=Code.SYNTAX,
        )
    return Problem(
        f"cannot be read as {what}: {_short(str(exc) or type(exc).__name__)}", source=source, code=Code.SYNTAX
    )


# What a hostile or broken document can raise from inside the parser besides YAMLError.
PARSE_ERRORS: Final = (YAMLError, DuplicateKeyError, ValueError, RecursionError, TypeError, OverflowError)


def _short(text: str) -> str:
    lines = text.splitlines()
    return (lines[0] if lines else text)[:120]


def read_yaml_file(
    path: Path, problems: list[Problem], *, missing: str = "file is missing", unreadable: str = "cannot read"
) -> object:
    """Load a content YAML file; on failure add a located problem to ``problems`` and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(missing, source=str(path), code=Code.UNREADABLE))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(f"{unreadable}: {exc}", source=str(path), code=Code.UNREADABLE))
        return None
    try:
        return safe_load(text)
    except PARSE_ERRORS as exc:
        problems.append(yaml_problem(exc, source=str(path)))
    return None


def safe_load(text: str) -> object:
    """Parse trusted-format YAML (content files) with the same duplicate-key check."""
    return load_with_lines(text)[0]
