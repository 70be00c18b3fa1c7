"""Renderers: one module per output format, all fed the same Result (or the Summary built from it).

The format is chosen in one place (formats.pick_format) and dispatched in one place
(``render_result`` and ``render_summary``, exhaustive ``match`` statements: a new format that is not
handled here fails the type check instead of silently becoming text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, assert_never

from backpain_cli.formats import Format

if TYPE_CHECKING:
    from backpain_cli.assessment import Result
    from backpain_cli.regions import Region
    from backpain_cli.render.layout import Summary
    from backpain_cli.terminal import Display


def render_summary(summary: Summary, fmt: Format) -> str:
    """A summary as text, Markdown, HTML, or the Rich terminal summary (with its colour codes)."""
    match fmt:
        case Format.TEXT:
            from backpain_cli.render.text import render_text

            return render_text(summary)
        case Format.MARKDOWN:
            from backpain_cli.render.markdown import render_markdown

            return render_markdown(summary)
        case Format.HTML:
            from backpain_cli.render.html import render_html

            return render_html(summary)
        case Format.RICH:
            from backpain_cli.render.rich_summary import render_rich

            return render_rich(summary)
        case Format.JSON | Format.JSONL | Format.FHIR:
            raise ValueError(f"{fmt.value} is made from the result, not the summary: use render_result")
        case _:
            assert_never(fmt)


def render_result(
    result: Result,
    fmt: Format,
    *,
    summary: Callable[[], Summary],
    source: str = "-",
    fhir: Callable[[], dict[str, object]] | None = None,
    region: Region | None = None,
) -> str:
    """A result in any format; ``summary`` builds the printable document, ``fhir`` the FHIR Bundle;
    ``region`` names its emergency call in the JSON's disclaimer (the summary carries its own)."""
    match fmt:
        case Format.JSON:
            from backpain_cli.render.json import render_json

            return render_json(result, region)
        case Format.JSONL:
            from backpain_cli.render.json import render_jsonl_line

            return render_jsonl_line(result, source=source, region=region)
        case Format.TEXT | Format.MARKDOWN | Format.HTML | Format.RICH:
            return render_summary(summary(), fmt)
        case Format.FHIR:
            import json

            if fhir is None:
                raise ValueError("the FHIR Bundle needs the answers: pass fhir=")
            return json.dumps(fhir(), indent=2, ensure_ascii=False) + "\n"
        case _:
            assert_never(fmt)


def render_for_terminal(summary: Summary, mode: Display) -> str:
    """A summary for a person at the terminal: Rich panels, or plain text wrapped at its width."""
    from backpain_cli.terminal import Display

    if mode == Display.PLAIN:
        from backpain_cli.render.text import render_text, terminal_width

        # Wrapped at the terminal's own width: at 60 columns a 78-column line would break mid-number.
        return "\n" + render_text(summary, terminal_width(), clinic=False)
    return render_summary(summary, Format.RICH)
