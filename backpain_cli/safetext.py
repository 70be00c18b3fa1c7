"""Make untrusted text (answer files, content folders) safe to show in a terminal or a page."""

from __future__ import annotations

import re
import reprlib

# C0 controls except tab and newline, DEL, and C1 controls: these start terminal escape
# sequences (ESC, CSI) or move the cursor, so untrusted text must never carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """Whether the text holds a character that could act on a terminal."""
    return _CONTROL.search(text) is not None


def strip_control(text: str) -> str:
    """Drop terminal control characters, keeping tabs and newlines."""
    return _CONTROL.sub("", text)


def printable(text: str) -> str:
    """Show control characters as visible escapes (``\\x1b``) instead of sending them to a terminal.

    For text we did not write but must show, such as a file name in an error message.
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


# A bounded preview of any value: nesting and long containers are cut before they are rendered,
# so a hostile answer file cannot make an error message cost unbounded time, memory or recursion.
class _Preview(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 200:  # repr() of a huge int is slow, and refused past 4,300 digits
            return f"<a number of about {int(x.bit_length() * 0.30103)} digits>"
        return super().repr_int(x, level)


_PREVIEW = _Preview()
_PREVIEW.maxlevel = 3
_PREVIEW.maxstring = 200
_PREVIEW.maxother = 200
_PREVIEW.maxlong = 60
for _name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_PREVIEW, _name, 6)


def shown(value: object, limit: int = 60) -> str:
    """A short, printable rendering of a bad value for an error message."""
    # Show values the way a YAML or JSON author wrote them (true, null), not as Python does.
    if value is True or value is False or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    else:
        text = _PREVIEW.repr(value)
    # repr() already escapes control characters as \x1b etc.; also cut long values so a
    # huge answer cannot flood the terminal.
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text
