"""The pain score over time: bars for the terminal (Rich) and an inline SVG for the HTML printout.

(Drawn after the summary's history section, and by ``backpain history`` on a terminal.)

Both draw the same points (check-in date, pain score 0-10, urgency). The SVG is plain markup: no
scripts, no fonts or styles fetched, and every text escaped; it prints in black and white, so the
urgency is written as a word under each point, never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Final

from backpain_cli.history.changes import PainPoint

if TYPE_CHECKING:
    from rich.console import Console

    from backpain_cli.texts import Texts

HISTORY_SECTION: Final = "history"  # the id of the summary section the chart follows
_BAR: Final = 20  # characters for a score of 10
_URGENCY_STYLE: Final = {"emergency": "bold red", "urgent": "bold yellow", "soon": "cyan", "routine": "green"}


def print_chart_after(section: str, points: Sequence[PainPoint], texts: Texts, console: Console) -> None:
    """The terminal chart, right after the summary's history section, when there are two points or more."""
    if section == HISTORY_SECTION and len(points) > 1:
        console.print()
        print_pain_chart(points, texts, console)


def svg_chart_after(section: str, points: Sequence[PainPoint], texts: Texts) -> list[str]:
    """The SVG chart in a figure, for the end of the summary's history section (nothing elsewhere)."""
    if section != HISTORY_SECTION or len(points) < 2:
        return []
    return [f"<figure>{pain_chart_svg(points, texts)}</figure>"]


def print_pain_chart(points: Sequence[PainPoint], texts: Texts, console: Console) -> None:
    """One line per check-in: date, a bar as long as the score, the score, and the urgency."""
    from rich.text import Text

    if not points:
        return
    console.print(Text(texts.chart.title, style="bold"))
    days = [texts.short_date(p.taken_on) for p in points]  # issue 20: the reader's month names, not ISO
    wide = max(map(len, days))
    level_wide = max((len(_level(p.urgency, texts)) for p in points if p.urgency), default=0)
    for point, day in zip(points, days, strict=True):
        line = Text(f"{day:<{wide}}  ")
        if point.score is None:
            line.append(texts.chart.no_score.ljust(_BAR + 4), style="dim")
        else:
            filled = point.score * _BAR // 10
            line.append("█" * filled, style="bold")
            line.append("·" * (_BAR - filled), style="dim")
            line.append(f" {point.score:>2} ")
        if point.urgency:
            line.append(f" {_level(point.urgency, texts)}", style=_URGENCY_STYLE.get(point.urgency, ""))
        if point.peg is not None:  # issue 22: the PEG beside the pain score, in one column
            line.append(" " * (level_wide - len(_level(point.urgency, texts)) if point.urgency else level_wide + 1))
            line.append(f"  PEG {texts.decimal(point.peg.value)}")
        console.print(line)


def pain_chart_svg(points: Sequence[PainPoint], texts: Texts) -> str:
    """An inline SVG line chart of the scores, each point labelled with its date and urgency.

    Returns "" when there is nothing to draw. Width 480 x height 220 user units, scaled by the page.
    """
    if not points:
        return ""
    left, right, top, bottom, width, height = 36, 20, 14, 56, 480, 220
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = points[0].taken_on, points[-1].taken_on
    span = max((last - first).days, 1)

    def x(i: int) -> float:
        if len(points) == 1:
            return left + plot_w / 2
        return left + plot_w * (points[i].taken_on - first).days / span

    def y(score: float) -> float:
        return top + plot_h * (10 - score) / 10

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="pain-chart-title" style="max-width:{width}px">',
        f'<title id="pain-chart-title">{escape(texts.chart.title)}</title>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#000" stroke-width="1"/>',
    ]
    for score in (0, 5, 10):
        parts.append(f'<text x="{left - 6}" y="{y(score) + 4:.1f}" font-size="11" text-anchor="end">{score}</text>')
    scored = [(x(i), y(p.score)) for i, p in enumerate(points) if p.score is not None]
    if len(scored) > 1:
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in scored)
        parts.append(f'<polyline points="{line}" fill="none" stroke="#000" stroke-width="2"/>')
    # issue 22: the PEG as a dashed line, named in a legend (never by colour alone)
    pegs = [(x(i), y(p.peg.value)) for i, p in enumerate(points) if p.peg is not None]
    if len(pegs) > 1:
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in pegs)
        parts.append(f'<polyline points="{line}" fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{left}" y="{top + plot_h + 44}" font-size="10">{escape(texts.chart.peg_legend)}</text>')
    for i, point in enumerate(points):
        px = x(i)
        day = texts.day(point.taken_on)
        chart = texts.chart
        label = (
            chart.point.format(date=day, score=point.score)
            if point.score is not None
            else chart.point_no_score.format(date=day)
        )
        if point.urgency:
            label = chart.point_urgency.format(point=label, urgency=_level(point.urgency, texts))
        if point.peg is not None:
            label = chart.point_peg.format(point=label, peg=texts.decimal(point.peg.value))
        if point.score is not None:
            parts.append(
                f'<circle cx="{px:.1f}" cy="{y(point.score):.1f}" r="4" fill="#000">'
                f"<title>{escape(label)}</title></circle>"
            )
        anchor = (
            "start" if i == 0 and len(points) > 1 else "end" if i == len(points) - 1 and len(points) > 1 else "middle"
        )
        parts.append(
            f'<text x="{px:.1f}" y="{top + plot_h + 16}" font-size="10" text-anchor="{anchor}">'
            f"{escape(texts.short_day(point.taken_on))}</text>"
        )
        if point.urgency:
            parts.append(
                f'<text x="{px:.1f}" y="{top + plot_h + 30}" font-size="10" text-anchor="{anchor}" '
                f'font-style="italic">{escape(_level(point.urgency, texts))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _level(urgency: str, texts: Texts) -> str:
    """A kept urgency code in the reader's words (a code the catalogue does not know, as it is)."""
    return texts.history.level_word(urgency) or urgency
