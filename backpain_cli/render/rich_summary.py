"""The terminal summary with Rich. Every string goes in as Text, so nothing is read as markup."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from backpain_cli.levels import Urgency
from backpain_cli.render.chart import print_chart_after
from backpain_cli.render.layout import Item, Summary

_STYLE = {
    Urgency.EMERGENCY: "bold white on red",
    Urgency.URGENT: "bold black on yellow",
    Urgency.SOON: "bold black on cyan",
    Urgency.ROUTINE: "bold black on green",
}


def make_console(width: int | None = None) -> Console:
    """A console that never reads text as markup or emoji codes, and never guesses highlights.

    A terminal that reports a width of 0 (``COLUMNS=0``) gets 80 columns: Rich would draw nothing.
    """
    console = Console(highlight=False, markup=False, emoji=False, width=width)
    if console.width < 1:
        console.width = 80
    return console


def render_rich(summary: Summary, console: Console | None = None) -> str:
    """The terminal summary as this terminal shows it (colour codes included when it has colour)."""
    console = console or make_console()
    with console.capture() as captured:
        print_rich(summary, console)
    return captured.get()


def _line(item: Item, bullet: str = "• ") -> Text:
    line = Text(bullet)
    if item.lead:
        line.append(item.lead_label + " ", style="bold")
    line.append(item.text)
    return line


def print_rich(summary: Summary, console: Console) -> None:
    """Print the summary: a banner panel, the sections, the footer, then the recap (the clinic copy is for paper)."""
    for meta in summary.header:
        console.print(Text(meta, style="dim"))
    banner = Group(Text(summary.banner, style=_STYLE[summary.urgency]), Text(summary.action))
    console.print(Panel(banner, title=Text(summary.title), title_align="left"))
    for section in summary.sections:
        console.print()
        console.print(Text(section.heading, style="bold underline"))
        for para in section.paragraphs:
            console.print(Text(para))
        for item in section.items:
            console.print(_line(item))
            if item.source:
                console.print(Text("  " + summary.texts.summary.source.format(source=item.source), style="dim italic"))
        for para in section.after:
            console.print(Text(para))
        print_chart_after(section.id, summary.pain_chart, summary.texts, console)  # issue 12: pain over time
    console.print()
    for note in summary.footer:
        console.print(Text(note, style="dim"))
    if summary.recap:
        # The last thing on screen, right above the save prompts: a person at a 24-line terminal
        # still sees how soon, what to do and which scan without scrolling back.
        lines = [_line(i, "") for i in summary.recap]
        lines[0] = Text.assemble((summary.recap[0].lead_label + " ", "bold"), (summary.banner, _STYLE[summary.urgency]))
        console.print(Panel(Group(*lines), title=Text(summary.texts.recap.heading), title_align="left"))
