"""The YAML reader: YAML 1.2 typing, duplicate keys refused, a line for every value, bounded cost."""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.yamlload import (
    MAX_DEPTH,
    MAX_VALUES,
    PARSE_ERRORS,
    DuplicateKeyError,
    LimitError,
    YAMLError,
    load_document,
    load_with_lines,
    safe_load,
    yaml_problem,
)


def test_lines_of_top_level_keys() -> None:
    data, lines = load_with_lines("# c\nage: 40\n\nfever: yes\n")
    assert data == {"age": 40, "fever": "yes"}  # YAML 1.2: yes is text, and the answer model reads it
    assert lines == {"age": 2, "fever": 4}


def test_a_line_for_every_value_by_path() -> None:
    doc = load_document("regions:\n  au:\n    name: Australia\n    number: 000\nlist:\n  - a\n  - b: 1\n")
    assert doc.line("regions", "au", "number") == 4
    assert doc.line("list", 1, "b") == 7 and doc.line("list", 0) == 6
    assert doc.line("regions", "au", "missing") == 2  # the nearest enclosing value
    assert doc.locator("list", 1)(("b",)) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("070", 70),  # YAML 1.1: octal 56
        ("0o17", "0o17"),  # decimal only: no octal
        ("0x1F", "0x1F"),
        ("1:30", "1:30"),  # YAML 1.1: base 60, 90
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("yes", "yes"),
        ("No", "No"),
        ("true", True),
        ("False", False),
        ("000", 0),  # a number; fields that must be text refuse it (regions, clinic, versions)
        ("'000'", "000"),
        ("2026-01-02", "2026-01-02"),  # YAML 1.1: a date
        ("+42", 42),
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("~", None),
        ("", None),
        ("4.5", 4.5),
    ],
)
def test_scalars_are_typed_the_yaml_1_2_way(text: str, expected: object) -> None:
    assert safe_load(f"v: {text}\n") == {"v": expected}


_YAML11_ONLY = (
    st.sampled_from(["on", "off", "yes", "no", "YES", "On", "OFF", "Yes", "NO"])
    | st.builds(lambda a, b: f"{a}:{b:02d}", st.integers(1, 99), st.integers(0, 59))
    | st.builds(lambda n: "0" + oct(n)[2:], st.integers(8, 4096))
)


@given(_YAML11_ONLY)
def test_any_scalar_that_yaml_1_1_reads_as_a_bool_or_sexagesimal_or_octal_stays_as_written(text: str) -> None:
    old = yaml.safe_load(f"v: {text}")["v"]
    new = safe_load(f"v: {text}\n")["v"]  # type: ignore[index]
    if text.lstrip("0").isdigit():
        assert new == int(text, 10) != old  # a leading zero never makes it octal
    else:
        assert new == text and old != text


def test_duplicates_at_any_depth_are_refused() -> None:
    with pytest.raises(DuplicateKeyError) as exc:
        safe_load("a:\n  b: 1\n  b: 2\n")
    assert exc.value.key == "b" and exc.value.line == 3


def test_unhashable_keys_are_left_to_yaml_to_report() -> None:
    with pytest.raises((YAMLError, TypeError)):
        safe_load("? [a, b]\n: 1\n")


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(YAMLError):
        safe_load("!!python/object/apply:os.system ['true']\n")


def test_empty_document() -> None:
    assert load_with_lines("# nothing\n") == (None, {})


def alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_quickly_with_its_line() -> None:
    text = alias_bomb(10)  # about 520 bytes; expanded, 9**10 values
    assert len(text) < 600
    start = time.perf_counter()
    with pytest.raises(LimitError) as exc:
        load_document(text)
    assert time.perf_counter() - start < 0.5
    assert f"more than {MAX_VALUES:,} values" in str(exc.value) and exc.value.line is not None
    assert yaml_problem(exc.value, source="a.yaml").describe().startswith("a.yaml:")


def test_a_few_aliases_are_fine() -> None:
    assert safe_load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_deeper_than_the_limit_is_refused(style: str) -> None:
    depth = MAX_DEPTH + 1
    if style == "flow":
        text = "v: " + "[" * depth + "1" + "]" * depth + "\n"
    else:
        text = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "end: 1\n"
    with pytest.raises(LimitError, match="nested more than"):
        load_document(text)
    ok = "v: " + "[" * (MAX_DEPTH - 2) + "1" + "]" * (MAX_DEPTH - 2) + "\n"
    assert load_document(ok).data is not None


@pytest.mark.parametrize(
    "text",
    ["fever: !!bool yes\n", "fever: !!bool\n", "age: !!null abc\n", "age: !!int\n", "age: !!int abc\n", "a: !!map x\n"],
)
def test_a_value_that_does_not_fit_its_tag_is_a_plain_error(text: str) -> None:
    with pytest.raises(PARSE_ERRORS) as exc:
        load_document(text)
    problem = yaml_problem(exc.value, source="a.yaml")
    assert problem.describe() == "a.yaml: cannot be read as YAML: a value does not fit its tag (such as !!int)"


def test_a_number_too_long_to_read_is_a_plain_error() -> None:
    with pytest.raises(PARSE_ERRORS) as exc:
        load_document("age: " + "9" * 5000 + "\n")
    assert yaml_problem(exc.value, source="a.yaml").message == "cannot be read as YAML: a number is too long"


# Documents of every shape near the limits (lowered for the test): flat mappings, lists, anchors and
# aliases, nesting, a list or mapping as a key.
_SCALAR = st.sampled_from(["1", "yes", "x", "''", "null"])


def _node(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _SCALAR
    inner = _node(depth - 1)
    return st.one_of(
        _SCALAR,
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(st.sampled_from(["a{}", "b{}", "[k{}]"]), inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{k.format(i)}: {v}" for i, (k, v) in enumerate(pairs)) + "}"
        ),
    )


@st.composite
def _documents(draw: st.DrawFn) -> str:
    flat_list = st.lists(_SCALAR, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    values = st.one_of(_SCALAR, flat_list, st.integers(1, 3).flatmap(_node))  # mostly an answer file's shape
    lines = [f"k{i}: {draw(values)}" for i in range(draw(st.integers(0, 6)))]
    if lines and draw(st.booleans()):
        lines[0] = lines[0].replace(": ", ": &x ", 1)
        lines += [f"r{i}: *x" for i in range(draw(st.integers(1, 4)))]
    return "\n".join(lines) + "\n"


@given(text=_documents(), near=st.integers(-2, 2), max_depth=st.integers(0, 4))
def test_the_limits_are_checked_as_the_line_walk_checks_them(text: str, near: int, max_depth: int) -> None:
    """The quick check (and its no-walk shortcut for flat documents) refuses what the walk that finds
    the lines refuses, naming the same line, and nothing else: with the limits lowered to around the
    document's own size and depth."""
    from backpain_cli import yamlload

    loader = yamlload._Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is None:
        return

    def expanded(node: yaml.Node) -> int:
        return 1 + sum(expanded(child) for child in yamlload._child_nodes(node))

    def outcome(check: Any) -> tuple[str, int | None] | None:
        try:
            check(root)
        except LimitError as exc:
            return str(exc), exc.line
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlload, "MAX_VALUES", max(1, expanded(root) + near))
        patch.setattr(yamlload, "MAX_DEPTH", max_depth)
        assert outcome(yamlload._check_limits) == outcome(yamlload._check_and_locate)
