"""The published JSON Schema of answer files: what the answer model reads, spelled out for other tools.

`backpain schema` prints the answer model's JSON Schema. The model's normalisers read more than the
bare types say (any case, blanks around, numbers as text, one scan instead of a list), so each
field's schema spells out what they read; tests/test_schema.py probes schema and model for
agreement. Patterns use only what ECMA-262 and Python's re both read the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pydantic.config import JsonDict


# What str.strip() removes: every character Python counts as a space (a test checks the list).
_BLANKS: Final = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*"
# The one character outside ASCII whose str.lower() is a letter of these words: the Kelvin sign.
_ALSO_LOWERS_TO: Final = {"k": "\\u212a"}


def any_case(word: str) -> str:
    # Only letters, spaces and underscores occur in the words, and none needs escaping.
    return "".join(f"[{c}{c.upper()}{_ALSO_LOWERS_TO.get(c, '')}]" if c.isalpha() else c for c in word)


def spelled(*words: str) -> JsonDict:
    """Text that ``word.strip().lower()`` turns into one of ``words``."""
    return {"type": "string", "pattern": f"^{_BLANKS}(?:{'|'.join(map(any_case, words))}){_BLANKS}$"}


def _digits_between(low: int, high: int) -> str:
    """A regex for the whole numbers from ``low`` to ``high`` in ASCII digits, no leading zeros."""
    parts = []
    for size in range(len(str(low)), len(str(high)) + 1):  # one part per count of digits
        first, last = max(low, 10 ** (size - 1) if size > 1 else 0), min(high, 10**size - 1)
        parts.append(_same_size(str(first), str(last)))
    return "|".join(parts)


def _same_size(first: str, last: str) -> str:
    """A regex for the numbers from ``first`` to ``last``, written with the same count of digits."""
    if first == last:
        return first
    rest = len(first) - 1
    any_rest = "" if rest == 0 else "[0-9]" if rest == 1 else f"[0-9]{{{rest}}}"
    low, high = int(first[0]), int(last[0])
    if first[1:] == "0" * rest and last[1:] == "9" * rest:
        return _digit(low, high) + any_rest
    if low == high:
        return first[0] + _group(_same_size(first[1:], last[1:]))
    parts = []
    if first[1:] != "0" * rest:
        parts.append(first[0] + _group(_same_size(first[1:], "9" * rest)))
        low += 1
    top = None
    if last[1:] != "9" * rest:
        top = last[0] + _group(_same_size("0" * rest, last[1:]))
        high -= 1
    if low <= high:
        parts.append(_digit(low, high) + any_rest)
    return "|".join([*parts, *([top] if top else [])])


def _digit(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def _group(alternatives: str) -> str:
    return f"(?:{alternatives})" if "|" in alternatives else alternatives


def number_schema(schema: JsonDict) -> None:
    """Add to a whole number's schema the text ``_whole_number`` reads, within the same bounds."""
    branches = schema["anyOf"]
    assert isinstance(branches, list)
    number = next(b for b in branches if isinstance(b, dict) and b.get("type") == "integer")
    low, high = number.get("minimum", 0), number["maximum"]
    assert isinstance(low, int) and isinstance(high, int)
    pattern = f"^{_BLANKS}\\+?0*(?:{_digits_between(low, high)}){_BLANKS}$"
    branches.insert(1, {"type": "string", "pattern": pattern})
    schema["description"] = (
        f"{schema.get('description', '')} A whole number from {low} to {high}; also as text of digits with an "
        'optional + and blanks around ("42", "+042"). Null, or leaving the key out: not answered.'
    ).strip()
