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


def _every_format_character() -> list[str]:
    import sys
    import unicodedata

    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


def test_every_format_character_counts_as_control_and_is_shown_escaped() -> None:
    """Bidi overrides, zero-width characters, the BOM: they change what is shown without being seen."""
    for char in [*_every_format_character(), "\u2028", "\u2029"]:
        assert has_control(f"call 000{char}"), hex(ord(char))
        assert char not in printable(char) and char not in strip_control(f"a{char}b")


def test_a_right_to_left_override_cannot_reverse_an_emergency_number() -> None:
    assert printable("call \u202e000 1") == "call \\u202e000 1"
    assert strip_control("call \u202e999") == "call 999"


def test_names_cannot_forge_a_line_or_break_the_output_encoding() -> None:
    import os

    from backpain_cli.safetext import printable_name

    assert printable_name("a.yaml\nbackpain: error: forged") == "a.yaml\\nbackpain: error: forged"
    assert printable_name(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"
    assert printable_name("tab\there").encode("utf-8") == b"tab\\there"
