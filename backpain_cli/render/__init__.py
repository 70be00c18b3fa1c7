"""Renderers: one module per output format, all fed the same Result (or the Summary built from it).

The format is chosen in one place (``pick_format``) and dispatched in one place (``render_result``
and ``render_summary``, exhaustive ``match`` statements: a new format that is not handled here
fails the type check instead of silently becoming text).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final, assert_never

from backpain_cli.errors import Problem, UsageError

if TYPE_CHECKING:
    from backpain_cli.assessment import Result
    from backpain_cli.render.document import Summary


class Format(StrEnum):
    """Output formats for ``--format`` (CONTRACT.md lists json, jsonl, text, markdown, html)."""

    RICH = "rich"
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    FHIR = "fhir"  # a FHIR Bundle: QuestionnaireResponse + RiskAssessment (docs/fhir.md)


SUFFIX_FORMATS: Final[dict[str, Format]] = {
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".fhir.json": Format.FHIR,  # two suffixes: a plain .json stays the JSON result
}


def pick_format(fmt: Format | None, output: Path | None, *, batch: bool, terminal: bool) -> Format:
    """The format to write: ``--format``, else ``--output``'s extension, else by where output goes.

    Several answer files always give JSON lines; one gives the Rich summary on a terminal and text
    elsewhere. Raises UsageError for a combination that cannot work.
    """
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMATS.get("".join(output.suffixes[-2:]).lower()) or SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            raise UsageError(
                [Problem(f"cannot tell the format from the extension; use {known} or --format", source=str(output))]
            )
    if batch:
        if fmt not in (None, Format.JSONL):
            raise UsageError(f"several answer files give one result each: use --format jsonl, not {fmt.value}")
        return Format.JSONL
    if fmt is None:
        return Format.RICH if terminal else Format.TEXT
    if fmt == Format.RICH and output is not None:
        raise UsageError("the terminal summary cannot be written to a file; use text, markdown or html")
    return fmt


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
) -> str:
    """A result in any format; ``summary`` builds the printable document, ``fhir`` the FHIR Bundle."""
    match fmt:
        case Format.JSON:
            from backpain_cli.render.json import render_json

            return render_json(result)
        case Format.JSONL:
            from backpain_cli.render.json import render_jsonl_line

            return render_jsonl_line(result, source=source)
        case Format.TEXT | Format.MARKDOWN | Format.HTML | Format.RICH:
            return render_summary(summary(), fmt)
        case Format.FHIR:
            import json

            if fhir is None:
                raise ValueError("the FHIR Bundle needs the answers: pass fhir=")
            return json.dumps(fhir(), indent=2, ensure_ascii=False) + "\n"
        case _:
            assert_never(fmt)
