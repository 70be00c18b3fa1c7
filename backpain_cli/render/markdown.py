"""Markdown summary, for clinic notes and anything that renders Markdown."""

from __future__ import annotations

import re

from backpain_cli import wording as w
from backpain_cli.render.document import ClinicCopy, Item, Summary, clinic_mark

# Characters that would turn text into markup, links or raw HTML when the file is rendered.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md_escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _item(item: Item) -> str:
    lead = f"**{md_escape(item.lead_label)}**" if item.lead else ""
    return f"- {lead} {md_escape(item.text)}".rstrip() if item.lead else f"- {md_escape(item.text)}"


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
            out.append(_item(item))
            if item.source:
                out.append(f"  *Source: {md_escape(item.source)}*")
        if section.items:
            out.append("")
    if summary.recap:
        out += ["", f"## {md_escape(w.RECAP_HEADING)}", ""] + [_item(i) for i in summary.recap] + [""]
    if summary.clinic is not None:
        out += _clinic(summary.clinic)
    out += ["---", ""]
    for note in summary.footer:
        out += [f"*{md_escape(note)}*", ""]
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"


def _clinic(copy: ClinicCopy) -> list[str]:
    out = ["", f"## {md_escape(w.CLINIC_HEADING)}", ""]
    out += [f"{md_escape(label)}: {md_escape(value)}  " for label, value in copy.identifiers]
    if copy.identifiers:
        out.append("")
    for f in copy.findings:
        out.append(
            f"- **F{f.number} {md_escape(f.title)}** ({md_escape(f.rule_id)}, {f.urgency}): "
            f"{md_escape(f.because)}. *Source: {md_escape(f.source)}*"
        )
    out += ["", f"### {md_escape(w.ANSWERS_HEADING)}", "", md_escape(w.CLINIC_NOTE), ""]
    out += ["| Question | Answer | Raised |", "|---|---|---|"]
    for row in copy.answers:
        raised = md_escape(clinic_mark(row))
        answer = f"**{md_escape(row.answer)}**" if row.status in ("unsure", "unanswered") else md_escape(row.answer)
        out.append(f"| {md_escape(row.question)} | {answer} | {raised} |")
    out += ["", f"### {md_escape(w.NOTES_HEADING)}", "", "&nbsp;", "", "&nbsp;", ""]
    out += [f"{md_escape(label)} ____________________  " for label in w.SIGN_OFF] + [""]
    return out
