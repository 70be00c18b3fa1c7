"""Plain-text summary: fixed width for files, the real width on a terminal; no colour, any printer."""

from __future__ import annotations

import textwrap

from backpain_cli import wording as w
from backpain_cli.render.document import ClinicCopy, Item, Summary, clinic_mark

WIDTH = 78
MIN_WIDTH = 20


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Lines of at most ``width`` columns, broken only between words: never inside a word, a
    number or a range such as 1-2 (a word longer than the line stays whole and runs over)."""
    return textwrap.wrap(
        text,
        max(width, MIN_WIDTH),
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def render_text(summary: Summary, width: int = WIDTH, *, clinic: bool = True) -> str:
    """The summary as plain text at ``width`` columns; ``clinic`` adds the clinic copy when it has one."""
    lines = [summary.title.upper(), "=" * min(len(summary.title), width)]
    for line in summary.header:
        lines += wrap(line, width)
    lines.append("")
    lines += wrap("*** " + summary.banner + " ***", width)
    lines += wrap(summary.action, width)
    for section in summary.sections:
        lines += ["", section.heading, "-" * min(len(section.heading), width)]
        for para in section.paragraphs:
            lines += wrap(para, width)
        for item in section.items:
            lines += wrap(item.line, width, indent="  ", first="- ")
            if item.source:
                lines += wrap(f"Source: {item.source}", width, indent="  ")
    lines.append("")
    for note in summary.footer:
        lines += wrap(note, width)
    lines += ["", *recap_lines(summary.recap, width)]
    if clinic and summary.clinic is not None:
        # On paper the clinician's part follows the patient's; on a screen it is left out, so
        # the recap stays the last thing above the prompts.
        lines += _clinic_lines(summary.clinic, width)
    return "\n".join(lines) + "\n"


def recap_lines(recap: list[Item], width: int) -> list[str]:
    """The closing recap: the last lines on screen, right above any prompt."""
    if not recap:
        return []
    lines = [f"{w.RECAP_HEADING}:"]
    for item in recap:
        lines += wrap(item.line, width, indent="  ", first="- ")
    return lines


def _clinic_lines(copy: ClinicCopy, width: int) -> list[str]:
    lines = ["", w.CLINIC_HEADING.upper(), "=" * min(len(w.CLINIC_HEADING), width)]
    for label, value in copy.identifiers:
        lines += wrap(f"{label}: {value}", width)
    for f in copy.findings:
        lines += wrap(f"F{f.number} {f.title} [{f.rule_id}, {f.urgency}]", width, indent="    ", first="- ")
        lines += wrap(f"because: {f.because}", width, indent="    ", first="    ")
        lines += wrap(f"source: {f.source}", width, indent="    ", first="    ")
    lines += ["", w.ANSWERS_HEADING, "-" * len(w.ANSWERS_HEADING)]
    lines += wrap(w.CLINIC_NOTE, width)
    for row in copy.answers:
        mark = clinic_mark(row)
        lines += wrap(f"{row.question}: {row.answer} {mark}".rstrip(), width, indent="    ", first="  ")
    lines += ["", w.NOTES_HEADING + ":", "", "", ""]
    lines += [f"{label} ____________________" for label in w.SIGN_OFF]
    return lines


def terminal_width(most: int = 100) -> int:
    """The terminal's width in columns (COLUMNS first, as shells and tests set it), at most ``most``:
    longer lines are hard to read. A width that cannot be read gives WIDTH."""
    import shutil

    columns = shutil.get_terminal_size((WIDTH, 24)).columns
    return min(columns if columns > 0 else WIDTH, most)
