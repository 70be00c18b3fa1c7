"""The reference commands: ``rules``, ``questions``, ``template``, ``schema`` and ``fhir questionnaire``.

Each prints something a clinician, a clinic or a script author reads to use backpain well.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from backpain_cli import out
from backpain_cli.errors import BackpainError, ExitCode
from backpain_cli.safetext import printable_name

# The content bundle loads inside the commands that need it: cli.py imports this module for its
# option types, and `backpain --help` must not pay for loading the content.


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class FhirRelease(StrEnum):
    """The FHIR release ``fhir questionnaire`` writes: R4 (4.0.1, what most portals run) or R5 (5.0.0)."""

    R4 = "R4"
    R5 = "R5"


class RulesFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    REVIEW = "review"  # docs/rule-review.md: each rule beside its source, for sign-off


def run_rules(fmt: RulesFormat = RulesFormat.TABLE) -> ExitCode:
    """Print every rule and the clinical policy around them, for clinical review and sign-off."""
    from backpain_cli.render import rules

    match fmt:
        case RulesFormat.MARKDOWN:
            out.write(rules.render_rules_markdown())
        case RulesFormat.JSON:
            out.write(rules.render_rules_json())
        case RulesFormat.REVIEW:
            out.write(rules.render_rule_review())
        case RulesFormat.TABLE:
            out.write(rules.render_rules_table(out.console()))
    return ExitCode.OK


def run_questions(fmt: ListFormat = ListFormat.TEXT, content: Path | None = None) -> ExitCode:
    """List every question of the bank in use: key, allowed answers and wording."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.template import render_questions

    out.write(render_questions(load_bundle(content).bank, fmt.value))
    return ExitCode.OK


def run_template(output: Path | None = None, *, force: bool = False, content: Path | None = None) -> ExitCode:
    """Write a commented answer file to fill in; an existing file is replaced only with ``force``."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.template import render_template

    text = render_template(load_bundle(content).bank)
    if output is None:
        out.write(text)
        return ExitCode.OK
    from backpain_cli.outputs import write_private

    # An answer file someone filled in must never be replaced by a blank template by accident.
    write_private(output, text, overwrite=force)
    out.wrote(output)
    return ExitCode.OK


def run_schema(*, result: bool = False, jsonl: bool = False) -> ExitCode:
    """Print a JSON Schema (draft 2020-12), made from the model that checks or describes the data.

    By default the schema of answer files; with ``result`` that of the JSON result (``--format
    json``); with ``jsonl`` that of one line of ``--format jsonl``: a result with its ``source``, or
    an error line. docs/schema/ holds the three as committed files, and docs/interface.md explains them.
    """
    import json

    from backpain_cli.answers import Answers
    from backpain_cli.result_model import JsonlLine, JsonResult, published_schema

    model = JsonlLine if jsonl else JsonResult if result else Answers
    out.write(json.dumps(published_schema(model), indent=2) + "\n")
    return ExitCode.OK


def version_text() -> str:
    """The program version, then the rules, question-bank and content versions it would use."""
    from backpain_cli import __version__
    from backpain_cli.bundle import load_bundle
    from backpain_cli.redflags import RULES_VERSION

    lines = [f"backpain {__version__}", f"rules {RULES_VERSION}"]
    try:
        bundle = load_bundle()
    except BackpainError:  # --version must work even when the content folder is broken
        lines.append("content: could not be loaded (run: backpain content check)")
    else:
        lines += [
            f"questions {bundle.bank.version}",
            f"content {bundle.version} ({bundle.fingerprint}) from {printable_name(str(bundle.folder))}",
        ]
    return "\n".join(lines) + "\n"


def run_fhir_questionnaire(
    release: FhirRelease = FhirRelease.R4, *, output: Path | None = None, content: Path | None = None
) -> ExitCode:
    """Print (or write to ``output``) the FHIR Questionnaire generated from the question bank (docs/fhir.md).

    Raises ContentError for a broken content folder and OutputError for an unwritable output.
    """
    import json

    from backpain_cli.bundle import load_bundle
    from backpain_cli.fhir.questionnaire import build_questionnaire

    resource = build_questionnaire(load_bundle(content).bank, release.value)
    out.emit(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", output)
    return ExitCode.OK
