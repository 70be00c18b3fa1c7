"""Markdown summary, for clinic notes and anything that renders Markdown."""

from __future__ import annotations

import re

from backpain_cli.render.layout import ClinicCopy, Item, Summary
from backpain_cli.texts import Texts

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
                out.append(f"  *{md_escape(summary.texts.summary.source.format(source=item.source))}*")
        if section.items:
            out.append("")
        for para in section.after:
            out += [md_escape(para), ""]
    if summary.recap:
        out += ["", f"## {md_escape(summary.texts.recap.heading)}", ""] + [_item(i) for i in summary.recap] + [""]
    out += ["---", ""]
    for note in summary.footer:
        out += [f"*{md_escape(note)}*", ""]
    if summary.clinic is not None:  # after the patient's part, footer and all: it may be in another language
        out += [f"*{md_escape(summary.clinic.handover)}*", ""] if summary.clinic.handover else []
        out += _clinic(summary.clinic, summary.clinic.texts or summary.texts)
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"


def _clinic(copy: ClinicCopy, texts: Texts) -> list[str]:
    w = texts.clinic
    out = ["", f"## {md_escape(w.heading)}", ""]
    out += [md_escape(copy.answered_in), ""] if copy.answered_in else []
    out += [f"{md_escape(label)}: {md_escape(value)}  " for label, value in copy.identifiers]
    if copy.identifiers:
        out.append("")
    for f in copy.findings:
        parts = [md_escape(f.because) + "." if f.because else "", md_escape(f.inferred), md_escape(f.explanation)]
        body = " ".join(p for p in parts if p)
        source = f" *{md_escape(texts.summary.source.format(source=f.source))}*" if f.explanation else ""
        out.append(
            f"- **F{f.number} {md_escape(f.title)}** ({md_escape(f.rule_id)}, {md_escape(f.urgency)}): {body}{source}"
        )
    for section in copy.details:
        out += ["", f"### {md_escape(section.heading)}", ""]
        for para in section.paragraphs:
            out += [md_escape(para), ""]
    out += ["", f"### {md_escape(w.answers_heading)}", "", md_escape(w.note), ""]
    out += [f"| {md_escape(w.question)} | {md_escape(w.answer)} | {md_escape(w.raised)} |", "|---|---|---|"]
    for row in copy.answers:
        raised = md_escape(row.mark)
        answer = f"**{md_escape(row.answer)}**" if row.status in ("unsure", "unanswered") else md_escape(row.answer)
        out.append(f"| {md_escape(row.question)} | {answer} | {raised} |")
    out += ["", f"### {md_escape(w.notes_heading)}", "", "&nbsp;", "", "&nbsp;", ""]
    out += [f"{md_escape(label)} ____________________  " for label in w.sign_off] + [""]
    if copy.provenance:
        out += [f"*{md_escape(copy.provenance)}*", ""]
    return out
