"""HTML summary: one self-contained page (inline CSS, no scripts, nothing remote) that prints well."""

from __future__ import annotations

from html import escape

from backpain_cli.render.document import Summary

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.45;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-size: 18pt; margin-bottom: .2em; }
h2 { font-size: 14pt; margin-top: 1.2em; border-bottom: 1px solid #555; }
.banner { border: 3px solid #000; padding: .6em .9em; margin: 1em 0; }
.banner strong { display: block; font-size: 15pt; }
.source { font-size: 10pt; font-style: italic; }
footer { margin-top: 2em; font-size: 10pt; border-top: 1px solid #555; padding-top: .5em; }
@page { margin: 18mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li { break-inside: avoid; } }
"""


def render_html(summary: Summary) -> str:
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(summary.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(summary.title)}</h1>",
        f'<div class="banner urgency-{e(summary.urgency.value)}" role="alert">'
        f"<strong>{e(summary.banner)}</strong>{e(summary.action)}</div>",
    ]
    for section in summary.sections:
        parts.append(f"<section><h2>{e(section.heading)}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        if section.items:
            parts.append("<ul>")
            for item in section.items:
                lead = f"<strong>{e(item.lead)}:</strong> " if item.lead else ""
                source = f'<br><span class="source">Source: {e(item.source)}</span>' if item.source else ""
                parts.append(f"<li>{lead}{e(item.text)}{source}</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("<footer>" + "".join(f"<p>{e(n)}</p>" for n in summary.footer) + "</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
