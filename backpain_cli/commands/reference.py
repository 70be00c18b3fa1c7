"""The reference commands: ``rules``, ``questions``, ``template``, ``schema`` and ``fhir questionnaire``.

Each prints something a clinician, a clinic or a script author reads to use backpain well.
"""

from __future__ import annotations

from pathlib import Path

from backpain_cli import out, terminal
from backpain_cli.errors import ExitCode
from backpain_cli.formats import FhirRelease, ListFormat, RulesFormat
from backpain_cli.safetext import printable_name

# The content bundle loads inside the commands that need it: cli.py imports this module for its
# option types, and `backpain --help` must not pay for loading the content.


def run_rules(fmt: RulesFormat = RulesFormat.TABLE) -> ExitCode:
    """Print every rule and the clinical policy around them, for clinical review and sign-off."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.render import rules

    texts = load_bundle().texts  # the rules' words as the shipped content says them
    match fmt:
        case RulesFormat.MARKDOWN:
            out.write(rules.render_rules_markdown(texts))
        case RulesFormat.JSON:
            out.write(rules.render_rules_json(texts))
        case RulesFormat.REVIEW:
            out.write(rules.render_rule_review(texts))
        case RulesFormat.TABLE:
            out.write(rules.render_rules_table(terminal.console(), texts))
    return ExitCode.OK


def run_questions(fmt: ListFormat = ListFormat.TEXT, content: Path | None = None, lang: str | None = None) -> ExitCode:
    """List every question of the bank in use: key, allowed answers and wording."""
    from backpain_cli.bundle import patient_bundle
    from backpain_cli.template import render_questions

    bundle = patient_bundle(content, lang)
    out.write(render_questions(bundle.bank, fmt, bundle.texts))
    return ExitCode.OK


def run_template(
    output: Path | None = None, *, force: bool = False, content: Path | None = None, lang: str | None = None
) -> ExitCode:
    """Write a commented answer file to fill in; an existing file is replaced only with ``force``."""
    from backpain_cli.bundle import patient_bundle
    from backpain_cli.template import render_template

    bundle = patient_bundle(content, lang)
    text = render_template(bundle.bank, bundle.texts)
    if output is None:
        out.write(text)
        return ExitCode.OK
    from backpain_cli.output_files import write_private

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
    """The program and rules versions, and the content folder it would use (not loaded: ``--version``
    must be instant and work with a broken folder; ``backpain content check`` prints its versions)."""
    from backpain_cli import __version__
    from backpain_cli.content_folder import resolve_content_dir
    from backpain_cli.rules_version import RULES_VERSION

    folder = printable_name(str(resolve_content_dir()))
    lines = [
        f"backpain {__version__}",
        f"rules {RULES_VERSION}",
        f"content {folder} (versions: backpain content check)",
    ]
    return "\n".join(lines) + "\n"


def run_fhir_questionnaire(
    release: FhirRelease = FhirRelease.R4,
    *,
    output: Path | None = None,
    content: Path | None = None,
    lang: str | None = None,
) -> ExitCode:
    """Print (or write to ``output``) the FHIR Questionnaire generated from the question bank (docs/fhir.md).

    Raises ContentError for a broken content folder and OutputError for an unwritable output.
    """
    import json

    from backpain_cli.bundle import patient_bundle
    from backpain_cli.fhir.translation import questionnaire_for

    resource = questionnaire_for(patient_bundle(content, lang), release.value)
    # No patient data: readable by others (0644 less the umask), so a web server can serve it.
    out.emit(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", output, private=False)
    return ExitCode.OK
