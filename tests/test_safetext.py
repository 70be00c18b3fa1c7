"""safetext.py: untrusted text made safe to show, and bounded previews of bad values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.safetext import has_control, printable, shown, strip_control


def test_control_characters_are_found_shown_and_stripped() -> None:
    assert has_control("a\x1b[31mb") and not has_control("tab\tand\nnewline")
    assert printable("a\x1b[31mb\x9b") == "a\\x1b[31mb\\x9b"
    assert strip_control("a\x1b[31mb\x07") == "a[31mb"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "true"), (False, "false"), (None, "null"), ("fevr", "'fevr'"), (42, "42"), ([1, 2], "[1, 2]")],
)
def test_values_are_shown_as_their_author_wrote_them(value: object, expected: str) -> None:
    assert shown(value) == expected


def test_huge_and_deep_values_cost_little() -> None:
    deep: object = 1
    for _ in range(100_000):
        deep = [deep]
    assert shown(deep) == "[[[[...]]]]"
    assert shown(10**100_000) == "<a number of about 100000 digits>"
    assert len(shown("x" * 10_000_000)) == 60


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)
    )
)
def test_any_value_gives_a_short_line_without_control_characters(value: object) -> None:
    text = shown(value)
    assert len(text) <= 60 and not has_control(text) and "\n" not in text
