"""Plain-text summary: fixed width for files, the real width on a terminal; no colour, any printer."""

from __future__ import annotations

import textwrap

from backpain_cli.render.layout import ClinicCopy, Item, Summary
from backpain_cli.texts import Texts

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
                lines += wrap(summary.texts.summary.source.format(source=item.source), width, indent="  ")
        for para in section.after:
            lines += wrap(para, width)
    lines.append("")
    for note in summary.footer:
        lines += wrap(note, width)
    lines += ["", *recap_lines(summary, width)]
    if clinic and summary.clinic is not None:
        # On paper the clinician's part follows the patient's; on a screen it is left out, so
        # the recap stays the last thing above the prompts.
        lines += ["", *wrap(summary.clinic.handover, width)] if summary.clinic.handover else []
        lines += _clinic_lines(summary.clinic, summary.clinic.texts or summary.texts, width)
    return "\n".join(lines) + "\n"


def recap_lines(summary: Summary, width: int) -> list[str]:
    """The closing recap: the last lines on screen, right above any prompt."""
    if not summary.recap:
        return []
    lines = [f"{summary.texts.recap.heading}:"]
    item: Item
    for item in summary.recap:
        lines += wrap(item.line, width, indent="  ", first="- ")
    return lines


def _clinic_lines(copy: ClinicCopy, texts: Texts, width: int) -> list[str]:
    w = texts.clinic
    lines = ["", w.heading.upper(), "=" * min(len(w.heading), width)]
    lines += wrap(copy.answered_in, width) if copy.answered_in else []
    for label, value in copy.identifiers:
        lines += wrap(f"{label}: {value}", width)
    for f in copy.findings:
        lines += wrap(f"F{f.number} {f.title} [{f.rule_id}, {f.urgency}]", width, indent="    ", first="- ")
        if f.because:
            lines += wrap(w.because_line.format(because=f.because), width, indent="    ", first="    ")
        if f.inferred:
            lines += wrap(f.inferred, width, indent="    ", first="    ")
        if f.explanation:
            lines += wrap(f.explanation, width, indent="    ", first="    ")
        if f.explanation:  # a finding that set the level: in full, with every source
            lines += wrap(w.source_line.format(source=f.source), width, indent="    ", first="    ")
    for section in copy.details:
        lines += ["", section.heading, "-" * min(len(section.heading), width)]
        for para in section.paragraphs:
            lines += wrap(para, width)
    lines += ["", w.answers_heading, "-" * len(w.answers_heading)]
    lines += wrap(w.note, width)
    for row in copy.answers:
        lines += wrap(f"{row.question}: {row.answer} {row.mark}".rstrip(), width, indent="    ", first="  ")
    lines += ["", w.notes_heading + ":", "", "", ""]
    lines += [f"{label} ____________________" for label in w.sign_off]
    if copy.provenance:
        lines += ["", *wrap(copy.provenance, width)]
    return lines


def terminal_width(most: int = 100) -> int:
    """The terminal's width in columns (COLUMNS first, as shells and tests set it), at most ``most``:
    longer lines are hard to read. A width that cannot be read gives WIDTH."""
    import shutil

    columns = shutil.get_terminal_size((WIDTH, 24)).columns
    return min(columns if columns > 0 else WIDTH, most)
