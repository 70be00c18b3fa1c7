"""HTML summary: one self-contained page (inline CSS, no scripts, nothing remote) that prints well.

Built from small part functions (masthead, banner, one per section, recap, clinic copy, footer)
joined in ``render_html``, so a new part (a chart, a code) is one more function in the list.
The patient's part fits one A4 or Letter page; the clinic copy starts on a page of its own, with
the QR code of the answers at its end: at most three pages for any answers (issue 24).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from html import escape

from backpain_cli.render.chart import svg_chart_after
from backpain_cli.render.layout import ClinicCopy, Item, Section, Summary
from backpain_cli.texts import Texts

# Printed on A4 or Letter, often in black and white: the urgency is carried by words and a heavy
# border, never by colour alone; type stays at 10pt or more; link addresses are printed.
_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.4;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
.meta { margin: 0 0 .8em; }
.meta p { margin: 0; }
h2 { font-size: 13.5pt; margin: 1.1em 0 .3em; border-bottom: 1px solid #444; }
h3 { font-size: 12pt; margin: .8em 0 .2em; }
p, li { margin: .25em 0; }
ul { padding-left: 1.3em; }
.banner, .recap { border: 4px solid #000; padding: .5em .9em; margin: .8em 0 1em; }
.banner strong { display: block; font-size: 15pt; letter-spacing: .02em; }
.recap { border-width: 2px; }
.recap h2 { border: 0; margin-top: 0; }
.urgency-emergency { border-style: double; border-width: 7px; }
.source { font-size: 10pt; font-style: italic; }
.safety-net ul, .doctor ul { columns: 2; column-gap: 2em; }
.safety-net li, .doctor li { break-inside: avoid; }
footer { margin-top: 1.2em; font-size: 10pt; border-top: 1px solid #444; padding-top: .4em; }
.clinic { break-before: page; page-break-before: always; font-size: 9.5pt; line-height: 1.25; }
.clinic .source { font-size: 8.5pt; line-height: 1.15; }
.clinic td:nth-child(2) { width: 45%; }
.clinic table { border-collapse: collapse; width: 100%; }
.clinic th, .clinic td { text-align: left; vertical-align: top; padding: .1em .4em; border-bottom: 1px solid #999; }
.clinic .answers { columns: 2; column-gap: 1.5em; }
.clinic .answers p { break-inside: avoid; margin: 0; line-height: 1.2; }
.clinic .flagged { font-weight: bold; }
.clinic .skipped { margin: .3em 0 0; }
.clinic .notes { border: 1px solid #000; padding: .2em .5em .3em; margin: .6em 0 0; }
.clinic .notes h3 { margin: 0; font-size: 10pt; }
.clinic .notes .space { height: 5.5em; }
.clinic .sign { display: flex; gap: 1.5em; }
.clinic .sign p { margin: .6em 0 0; flex: 1; }
.clinic .why { font-size: 8.5pt; line-height: 1.15; }
.clinic .detail p { margin: .1em 0; }
.clinic .provenance { font-size: 8pt; margin: .4em 0 0; }
a { color: #000; }
a[href]::after { content: " (" attr(href) ")"; }
@page { size: auto; margin: 14mm 13mm 13mm; @bottom-right { content: PAGE_NUMBER;
        font: 9pt Georgia, serif; } }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; line-height: 1.25; }
  .clinic { font-size: 8.5pt; line-height: 1.15; }
  .clinic .source, .clinic .why { font-size: 7.5pt; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11pt; margin-top: .55em; break-after: avoid; page-break-after: avoid; }
  .banner, .recap { margin: .4em 0 .5em; padding: .3em .7em; }
  .banner strong { font-size: 13pt; }
  /* name, date of birth and record on one line, as on the clinician's page: 3 lines on Letter */
  .meta p { display: inline; }
  .meta p + p::before { content: " · "; }
  footer { margin-top: .5em; padding-top: .2em; }
  p, li { margin: .12em 0; }
  .faq ul, .findings ul { padding-left: 1.1em; }
  li, .banner, .recap, .clinic .notes { break-inside: avoid; page-break-inside: avoid; }
}
"""

# The name on every printed page: a running header in the page margin (CSS Paged Media).
_RUNNING_NAME = "@page {{ @top-right {{ content: {name}; font: 9pt Georgia, serif; }} }}"
_PAGE_BOX = "@{box} {{ content: {content}; font: 9pt Georgia, serif; }} "


def _css_string(text: str) -> str:
    """Text as a CSS string: quotes, backslashes and anything that could close the style are escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,-'" else f"\\{ord(c):x} " for c in text) + '"'


def _isolating(dynamic: tuple[str, ...]) -> Callable[[str], str]:
    """``escape``, with each piece of outside text in the line wrapped in <bdi> (bidi isolation)."""
    if not dynamic:
        return escape
    pieces = sorted({escape(d) for d in dynamic}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in pieces))

    def e(text: str) -> str:
        return pattern.sub(lambda m: f"<bdi>{m.group()}</bdi>", escape(text))

    return e


def _page_number(texts: Texts) -> str:
    """The catalogue's "Page {page} of {pages}" as CSS content, with the page counters in place."""
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    parts = []
    for literal, name, _, _ in string.Formatter().parse(texts.printout.page):
        if literal:
            parts.append(_css_string(literal))
        if name:
            parts.append(counters[name])
    return " ".join(parts)


def _clinic_texts(summary: Summary) -> Texts | None:
    """The clinician's part's catalogue when it is in another language than the patient's (--clinic-lang)."""
    own = summary.clinic.texts if summary.clinic is not None else None
    return own if own is not None and own.language != summary.texts.language else None


def _clinic_pages(summary: Summary) -> str:
    """The clinician's pages as CSS named pages, their running header and page number in the clinic's
    language (issue 20); nothing when both parts share one language. The QR code is on them too."""
    own = _clinic_texts(summary)
    if own is None or summary.clinic is None:
        return ""
    boxes = _PAGE_BOX.format(box="bottom-right", content=_page_number(own))
    person = " · ".join(value for _, value in summary.clinic.identifiers[:2])  # a date of birth in its words
    if summary.person and person:
        boxes += _PAGE_BOX.format(box="top-right", content=_css_string(f"{own.summary.title} · {person}"))
    return f"@page clinic {{ {boxes}}}\n.clinic, .answers-qr {{ page: clinic; }}\n"


def _head(summary: Summary) -> list[str]:
    style = _CSS.replace("PAGE_NUMBER", _page_number(summary.texts))
    if summary.person:
        style += _RUNNING_NAME.format(name=_css_string(f"{summary.title} · {summary.person}"))
    style += _clinic_pages(summary)
    return [
        "<!DOCTYPE html>",
        f'<html lang="{escape(summary.texts.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(summary.title)}</title><style>{style}</style></head><body>",
    ]


def _masthead(summary: Summary, outside: Callable[[str], str]) -> list[str]:
    return [
        f"<h1>{escape(summary.title)}</h1>",
        '<div class="meta">' + "".join(f"<p>{outside(line)}</p>" for line in summary.header) + "</div>",
    ]


def _banner(summary: Summary, outside: Callable[[str], str]) -> list[str]:
    return [
        f'<div class="banner urgency-{escape(summary.urgency.value)}" role="alert">'
        f"<strong>{escape(summary.banner)}</strong>{outside(summary.action)}</div>"
    ]


def _item(item: Item, texts: Texts, outside: Callable[[str], str] = escape) -> str:
    lead = f"<strong>{escape(item.lead_label)}</strong> " if item.lead else ""
    source = texts.summary.source.format(source=item.source) if item.source else ""
    small = f'<br><span class="source">{escape(source)}</span>' if source else ""
    return f"<li>{lead}{outside(item.text)}{small}</li>"


def _section(section: Section, texts: Texts) -> list[str]:
    css = f' class="{escape(section.id)}"' if section.id else ""
    parts = [f"<section{css}><h2>{escape(section.heading)}</h2>"]
    parts += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
    if section.items:
        parts += ["<ul>", *(_item(i, texts) for i in section.items), "</ul>"]
    parts += [f"<p>{escape(p)}</p>" for p in section.after]
    parts.append("</section>")
    return parts


def _recap(summary: Summary, outside: Callable[[str], str]) -> list[str]:
    if not summary.recap:
        return []
    return [
        f'<section class="recap"><h2>{escape(summary.texts.recap.heading)}</h2><ul>',
        *(_item(i, summary.texts, outside) for i in summary.recap),
        "</ul></section>",
    ]


def _footer(summary: Summary, outside: Callable[[str], str]) -> list[str]:
    footer = "<footer>" + "".join(f"<p>{outside(n)}</p>" for n in summary.footer) + "</footer>"
    if summary.clinic is not None and summary.clinic.handover:  # the next page is in another language
        return [footer, f'<p class="handover"><strong>{escape(summary.clinic.handover)}</strong></p>']
    return [footer]


def _clinic(copy: ClinicCopy | None, texts: Texts, outside: Callable[[str], str]) -> list[str]:
    """The clinician's page: who, each finding with the answers behind it, every answer, notes, sign-off."""
    if copy is None:
        return []
    own = copy.texts or texts  # the clinic's language, marked on the part when it differs (issue 20)
    e, w = escape, own.clinic
    lang = f' lang="{e(own.language)}"' if own.language != texts.language else ""
    parts = [f'<section class="clinic"{lang}><h2>{e(w.heading)}</h2>']
    if copy.answered_in:
        parts.append(f"<p>{e(copy.answered_in)}</p>")
    if copy.identifiers:
        parts.append("<p>" + " · ".join(f"{e(label)}: {outside(v)}" for label, v in copy.identifiers) + "</p>")
    full = [f for f in copy.findings if f.explanation]
    if full:
        parts.append(f"<table><tr><th></th><th>{e(w.finding)}</th><th>{e(w.level)}</th><th>{e(w.because)}</th></tr>")
        for f in full:
            inferred = f"<br><em>{e(f.inferred)}</em>" if f.inferred else ""
            # Text and every source beside the findings that set the level (each rule's sources,
            # with their sections, are also in docs/rule-review.md).
            parts.append(
                f'<tr><td>F{f.number}</td><td><strong>{e(f.title)}</strong> <span class="source">{e(f.rule_id)}'
                f'</span><br><span class="why">{e(f.explanation)}</span><br><span class="source">{e(f.source)}'
                f"</span></td><td>{e(f.urgency)}</td><td>{e(f.because)}{inferred}</td></tr>"
            )
        parts.append("</table>")
    rest = [f for f in copy.findings if not f.explanation]
    if rest:
        # The less urgent findings on a few lines: the answers behind each are marked with its number below.
        listed = "; ".join(f"F{f.number} {e(f.title)} ({e(f.rule_id)}, {e(f.urgency)})" for f in rest)
        parts.append(f'<p class="lower">{listed}.</p>')
    for section in copy.details:
        parts.append(f'<div class="detail {e(section.id)}"><h3>{e(section.heading)}</h3>')
        parts += [f"<p>{e(para)}</p>" for para in section.paragraphs]
        parts.append("</div>")
    parts += [f"<h3>{e(w.answers_heading)}</h3>", f"<p>{e(w.note)}</p>", '<div class="answers">']
    for row in copy.answers:
        if row.status == "not_asked":
            continue  # listed on one line below: they did not apply, so they need no row each
        flagged = ' class="flagged"' if row.raised or row.floor or row.status in ("unsure", "unanswered") else ""
        mark = f" {e(row.mark)}" if row.mark else ""
        parts.append(f"<p{flagged}>{e(row.question)}: {e(row.answer)}{mark}</p>")
    parts.append("</div>")
    skipped = [row.question for row in copy.answers if row.status == "not_asked"]
    if skipped:
        parts.append(f'<p class="skipped">{e(w.not_asked)}: {e("; ".join(skipped))}.</p>')
    # One box: room to write, then the sign-off line inside it (it cannot drift onto a page alone).
    parts += [f'<div class="notes"><h3>{e(w.notes_heading)}</h3><div class="space"></div><div class="sign">']
    parts += [f"<p>{e(label)} ____________________</p>" for label in w.sign_off]
    parts += ["</div></div>"]
    if copy.provenance:
        parts.append(f'<p class="provenance">{e(copy.provenance)}</p>')
    parts.append("</section>")
    return parts


def render_html(summary: Summary) -> str:
    """One self-contained, printable page: inline CSS, no scripts, nothing fetched."""
    outside = _isolating(summary.dynamic)  # only where outside text appears
    parts = _head(summary) + _masthead(summary, outside) + _banner(summary, outside)
    for section in summary.sections:
        parts += _section(section, summary.texts)
        parts += svg_chart_after(section.id, summary.pain_chart, summary.texts)  # issue 12: pain over time
    parts += _recap(summary, outside)
    parts += _footer(summary, outside)
    parts += _clinic(summary.clinic, summary.texts, outside)
    # issue 13: the answers for a scanner, on the clinician's last page and in its language (issue 20)
    parts += answers_qr_section(summary.answers_code, _clinic_texts(summary) or summary.texts, summary.texts.language)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def answers_qr_section(code: str | None, texts: Texts, page_language: str | None = None) -> list[str]:
    """A section with a QR code (inline SVG, segno) holding the answers in compact form; none without them.
    Marked with its ``texts``' language when the page's (``page_language``) is another.

    The code holds only the answers the rules read (docs/fhir.md, "Compact form").
    """
    if not code:
        return []
    import segno  # only when a printout carries answers

    # 3 CSS px a module is about 0.8 mm on paper, which phone and desk scanners read; error level M
    # survives a fold or a smudge and keeps the longest answer set within two printed pages.
    svg = segno.make_qr(code, error="m").svg_inline(scale=3, border=4, dark="#000", light="#fff", omitsize=False)
    keep = "break-inside: avoid; page-break-inside: avoid"  # never split the code across two pages
    heading, note = escape(texts.printout.qr_heading), escape(texts.printout.qr_note)
    lang = f' lang="{escape(texts.language)}"' if page_language not in (None, texts.language) else ""
    return [f'<section class="answers-qr"{lang} style="{keep}"><h2>{heading}</h2>{svg}<p>{note}</p></section>']
