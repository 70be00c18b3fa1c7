"""The YAML reader: safe loading, duplicate keys refused, lines remembered for error messages."""

from __future__ import annotations

import pytest

from backpain_cli.yamlload import DuplicateKeyError, YAMLError, item_lines, load_with_lines, safe_load


def test_lines_of_top_level_keys() -> None:
    data, lines = load_with_lines("# c\nage: 40\n\nfever: yes\n")
    assert data == {"age": 40, "fever": True}
    assert lines == {"age": 2, "fever": 4}


def test_duplicates_at_any_depth_are_refused() -> None:
    with pytest.raises(DuplicateKeyError) as exc:
        safe_load("a:\n  b: 1\n  b: 2\n")
    assert exc.value.key == "b" and exc.value.line == 3


def test_unhashable_keys_are_left_to_yaml_to_report() -> None:
    with pytest.raises(YAMLError):
        safe_load("? [a, b]\n: 1\n")


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(YAMLError):
        safe_load("!!python/object/apply:os.system ['true']\n")


def test_empty_document() -> None:
    assert load_with_lines("# nothing\n") == (None, {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("questions:\n  - a\n  - b\n", [2, 3]), ("questions: [\n", []), ("- 1\n", []), ("other: [1]\n", [])],
)
def test_item_lines(text: str, expected: list[int]) -> None:
    assert item_lines(text, "questions") == expected
