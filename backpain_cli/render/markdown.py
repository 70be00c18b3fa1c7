"""Markdown summary, for clinic notes and anything that renders Markdown."""

from __future__ import annotations

import re

from backpain_cli.render.document import Summary

# Characters that would turn text into markup, links or raw HTML when the file is rendered.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md_escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(summary: Summary) -> str:
    out = [f"# {md_escape(summary.title)}", ""]
    if summary.header:
        out += [md_escape(line) + "  " for line in summary.header] + [""]
    out += [f"## {md_escape(summary.banner)}", "", md_escape(summary.action)]
    for section in summary.sections:
        out += ["", f"## {md_escape(section.heading)}", ""]
        for para in section.paragraphs:
            out += [md_escape(para), ""]
        for item in section.items:
            lead = f"**{md_escape(item.lead_label)}** " if item.lead else ""
            out.append(f"- {lead}{md_escape(item.text)}")
            if item.source:
                out.append(f"  *Source: {md_escape(item.source)}*")
        if section.items:
            out.append("")
    out += ["---", ""]
    for note in summary.footer:
        out += [f"*{md_escape(note)}*", ""]
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"
