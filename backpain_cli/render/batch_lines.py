"""One line of batch output per answer set: a JSON line (``--format jsonl``) or a FHIR result Bundle (``fhir``).

With several inputs, ``--format fhir`` writes NDJSON: one result Bundle a line, ready for a Bulk
Data import or a FHIR server's batch load. A Bundle line carries no ``source`` (it would not be
FHIR), and an input that cannot be assessed writes no line there: its error goes to standard
error with the input's name (and line), and the exit status is 2, as for any batch.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from backpain_cli.formats import Format
from backpain_cli.render.json import render_jsonl_line

if TYPE_CHECKING:
    from backpain_cli.answers import Answers
    from backpain_cli.assessment import Result
    from backpain_cli.bundle import Bundle
    from backpain_cli.regions import Region

LINE_FORMATS = (Format.JSONL, Format.FHIR)


def result_line(
    result: Result, answers: Answers, bundle: Bundle, *, source: str, fmt: Format, region: Region | None = None
) -> str:
    """The line for one assessed answer set: its JSON result with ``source``, or its result Bundle."""
    if fmt == Format.FHIR:
        from backpain_cli.fhir.questionnaire import identity
        from backpain_cli.fhir.result import build_result_bundle

        resource = build_result_bundle(result, answers, bundle.bank, canonical=identity(bundle.library).canonical)
        return json.dumps(resource, ensure_ascii=False, separators=(",", ":")) + "\n"
    return render_jsonl_line(result, source=source, region=region)


def error_line(*, source: str, error: str, fmt: Format) -> str:
    """The line for an answer set that could not be assessed: ``source`` and ``error`` in JSON lines,
    nothing in FHIR NDJSON (the error is said on standard error)."""
    return "" if fmt == Format.FHIR else render_jsonl_line(None, source=source, error=error)
