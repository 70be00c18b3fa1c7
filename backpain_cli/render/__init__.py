"""Renderers: one module per output format, all fed the same triage Result."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from backpain_cli.render.document import Summary


class Format(StrEnum):
    """Output formats for ``--format`` (CONTRACT.md lists json, jsonl, text, markdown, html)."""

    RICH = "rich"
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


SUFFIX_FORMATS: Final[dict[str, Format]] = {
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
}


def render_printable(summary: Summary, fmt: Format) -> str:
    """A summary as text, Markdown or HTML: the formats that print and can be saved to a file."""
    if fmt == Format.MARKDOWN:
        from backpain_cli.render.markdown import render_markdown

        return render_markdown(summary)
    if fmt == Format.HTML:
        from backpain_cli.render.html import render_html

        return render_html(summary)
    from backpain_cli.render.text import render_text

    return render_text(summary)
