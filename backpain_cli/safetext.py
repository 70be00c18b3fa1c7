"""Make untrusted text (answer files, content folders) safe to show in a terminal or a page."""

from __future__ import annotations

import re
import reprlib

# C0 controls except tab and newline, DEL, and C1 controls: these start terminal escape
# sequences (ESC, CSI) or move the cursor. Format characters (Unicode category Cf: bidi overrides
# and isolates, zero-width spaces and joiners, the BOM, soft hyphens) and the line and paragraph
# separators change what is shown without being seen: a right-to-left override can print an
# emergency number backwards. Untrusted text must carry none of them.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    # Lone surrogates: how Python carries the bytes of a file name that is not valid UTF-8. They
    # cannot be written to a UTF-8 stream, so they are shown as escapes.
    "\ud800-\udfff"
)
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}]")
# For names (files, folders, keys): newlines and tabs too, so a name cannot start a forged line.
_NAME_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMAT}]")


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
    return _CONTROL.sub(_escaped, text)


def printable_name(name: str) -> str:
    """A file, folder or key name made safe to show: every control or format character escaped.

    Unlike ``printable``, newlines and tabs are escaped too, so a name cannot start a new line
    that looks like one of our own messages.
    """
    return _NAME_CONTROL.sub(_escaped, name)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # a byte of a non-UTF-8 file name: show the byte itself
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


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
