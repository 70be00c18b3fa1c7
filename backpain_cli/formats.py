"""The output formats, one enum per axis: a result (``assess``, ``history add``), a listing
(``questions``, ``history``), the rule set (``rules``), and the FHIR release (``fhir``).

Also the one choice of a result's format from ``--format``, ``--output`` and where output goes.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Final

from backpain_cli.errors import Problem, UsageError


class Format(StrEnum):
    """A result's formats for ``--format`` (CONTRACT.md lists json, jsonl, text, markdown, html)."""

    RICH = "rich"
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    FHIR = "fhir"  # a FHIR Bundle: QuestionnaireResponse + RiskAssessment (docs/fhir.md)


class ListFormat(StrEnum):
    """A listing's formats: the question bank, the kept check-ins."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


class ExportFormat(StrEnum):
    """``history export``: the kept check-ins as JSON lines, one JSON list, or FHIR resources (NDJSON)."""

    JSONL = "jsonl"
    JSON = "json"
    FHIR = "fhir"


class RulesFormat(StrEnum):
    """``backpain rules``: a terminal table, a Markdown sign-off sheet, JSON, or the rule review."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    REVIEW = "review"  # docs/rule-review.md: each rule beside its source, for sign-off


class FhirRelease(StrEnum):
    """The FHIR release ``fhir questionnaire`` writes: R4 (4.0.1, what most portals run) or R5 (5.0.0)."""

    R4 = "R4"
    R5 = "R5"


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
    ".ndjson": Format.JSONL,  # JSON lines are newline-delimited JSON
    ".fhir.ndjson": Format.FHIR,  # one result Bundle a line, for a Bulk Data import
}


def pick_format(fmt: Format | None, output: Path | None, *, batch: bool, terminal: bool) -> Format:
    """The format to write: ``--format``, else ``--output``'s extension, else by where output goes.

    Several answer sets (files, or the lines of an NDJSON source) give JSON lines, or FHIR result
    Bundles a line; one gives the Rich summary on a terminal and text elsewhere. Raises UsageError
    for a combination that cannot work.
    """
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMATS.get("".join(output.suffixes[-2:]).lower()) or SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            raise UsageError(
                [Problem(f"cannot tell the format from the extension; use {known} or --format", source=str(output))]
            )
    if batch:
        if fmt not in (None, Format.JSONL, Format.FHIR):
            raise UsageError(
                f"several answer sets give one result each: use --format jsonl (or fhir: one Bundle a line), "
                f"not {fmt.value}"
            )
        return fmt or Format.JSONL
    if fmt is None:
        return Format.RICH if terminal else Format.TEXT
    if fmt == Format.RICH and output is not None:
        raise UsageError("the terminal summary cannot be written to a file; use text, markdown or html")
    return fmt
