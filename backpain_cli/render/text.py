"""Plain-text summary: fixed width, no colour, prints on any printer."""

from __future__ import annotations

import textwrap

from backpain_cli.render.document import Summary

WIDTH = 78


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    ) or [""]


def render_text(summary: Summary) -> str:
    lines = [summary.title.upper(), "=" * len(summary.title)]
    for line in summary.header:
        lines += _wrap(line)
    lines.append("")
    lines += ["*** " + summary.banner + " ***"]
    lines += _wrap(summary.action)
    for section in summary.sections:
        lines += ["", section.heading, "-" * len(section.heading)]
        for para in section.paragraphs:
            lines += _wrap(para)
        for item in section.items:
            text = f"{item.lead_label} {item.text}" if item.lead else item.text
            lines += _wrap(text, indent="  ", first="- ")
            if item.source:
                lines += _wrap(f"Source: {item.source}", indent="  ")
    lines.append("")
    for note in summary.footer:
        lines += _wrap(note)
    return "\n".join(lines) + "\n"
