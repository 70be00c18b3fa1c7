"""HTML summary: one self-contained page (inline CSS, no scripts, nothing remote) that prints well."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from backpain_cli.history.chart import svg_chart_after
from backpain_cli.render.document import Summary

# Printed on A4 or Letter, often in black and white: the urgency is carried by words and a heavy
# border, never by colour alone; type stays at 11pt or more; link addresses are printed.
_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
.meta { margin: 0 0 .8em; }
.meta p { margin: 0; }
h2 { font-size: 13.5pt; margin: 1.1em 0 .3em; border-bottom: 1px solid #444; }
p, li { margin: .25em 0; }
ul { padding-left: 1.3em; }
.banner { border: 4px solid #000; padding: .5em .9em; margin: .8em 0 1em; }
.banner strong { display: block; font-size: 15pt; letter-spacing: .02em; }
.urgency-emergency { border-style: double; border-width: 7px; }
.source { font-size: 10.5pt; font-style: italic; }
footer { margin-top: 1.5em; font-size: 10.5pt; border-top: 1px solid #444; padding-top: .4em; }
a { color: #000; }
a[href]::after { content: " (" attr(href) ")"; }
@page { size: auto; margin: 15mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li, .banner { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _isolating(dynamic: tuple[str, ...]) -> Callable[[str], str]:
    """``escape``, with each piece of outside text in the line wrapped in <bdi> (bidi isolation)."""
    if not dynamic:
        return escape
    pieces = sorted({escape(d) for d in dynamic}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in pieces))

    def e(text: str) -> str:
        return pattern.sub(lambda m: f"<bdi>{m.group()}</bdi>", escape(text))

    return e


def render_html(summary: Summary) -> str:
    """One self-contained, printable page: inline CSS, no scripts, nothing fetched."""
    e = escape
    outside = _isolating(summary.dynamic)  # only where outside text appears: the header and the banner
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(summary.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(summary.title)}</h1>",
        '<div class="meta">' + "".join(f"<p>{outside(line)}</p>" for line in summary.header) + "</div>",
        f'<div class="banner urgency-{e(summary.urgency.value)}" role="alert">'
        f"<strong>{e(summary.banner)}</strong>{outside(summary.action)}</div>",
    ]
    for section in summary.sections:
        parts.append(f"<section><h2>{e(section.heading)}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        if section.items:
            parts.append("<ul>")
            for item in section.items:
                lead = f"<strong>{e(item.lead_label)}</strong> " if item.lead else ""
                source = f'<br><span class="source">Source: {e(item.source)}</span>' if item.source else ""
                parts.append(f"<li>{lead}{e(item.text)}{source}</li>")
            parts.append("</ul>")
        parts += svg_chart_after(section.heading, summary.pain_chart)  # issue 12: pain over time
        parts.append("</section>")
    parts += answers_qr_section(summary.answers_code)
    parts.append("<footer>" + "".join(f"<p>{e(n)}</p>" for n in summary.footer) + "</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


QR_HEADING = "Your answers for the clinic"
QR_NOTE = "Clinic staff can scan this code to read your answers into their system."


def answers_qr_section(code: str | None) -> list[str]:
    """A section with a QR code (inline SVG, segno) holding the answers in compact form; none without them.

    The code holds only the answers the rules read (docs/fhir.md, "Compact form").
    """
    if not code:
        return []
    import segno  # only when a printout carries answers

    # 3 CSS px a module is about 0.8 mm on paper, which phone and desk scanners read; error level M
    # survives a fold or a smudge and keeps the longest answer set within two printed pages.
    svg = segno.make_qr(code, error="m").svg_inline(scale=3, border=4, dark="#000", light="#fff", omitsize=False)
    keep = "break-inside: avoid; page-break-inside: avoid"  # never split the code across two pages
    heading, note = escape(QR_HEADING), escape(QR_NOTE)
    return [f'<section class="answers-qr" style="{keep}"><h2>{heading}</h2>{svg}<p>{note}</p></section>']
