"""Renderers: one module per output format, all fed the same triage Result."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


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
