"""The command line: typer wiring only. Options become one call to a command function; its ExitCode
becomes the exit status.

Each command's flow lives in ``commands/<name>.py``; errors become messages in ``failures.guard``.
Command modules load inside the commands that need them, so ``--help`` and ``--version`` stay fast.
The ``history`` sub-commands are wired in ``cli/history.py``; shared options in ``cli/options.py``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

import backpain_cli.cli.options as o
from backpain_cli import failures, out
from backpain_cli.cli.history import history_app
from backpain_cli.errors import ExitCode
from backpain_cli.formats import FhirRelease, Format, ListFormat, RulesFormat
from backpain_cli.levels import Urgency

app = typer.Typer(
    name="backpain",
    help=(
        "A back-pain questionnaire that checks for warning signs and says how soon to see a clinician "
        "and whether an X-ray or MRI fits. Not a diagnosis: in an emergency, call your local emergency number."
    ),
    epilog=o.epilog("backpain check", "backpain assess --answers answers.yaml --format json"),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # answers must never appear in a crash report
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from backpain_cli.commands.reference import version_text

        with failures.guard():
            out.write(version_text())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the program, rules, questions and content versions.",
        ),
    ] = False,
) -> None:
    """backpain: back-pain red flags, urgency and imaging advice."""


@app.command(
    epilog=o.epilog(
        "backpain assess --answers answers.yaml",
        "backpain assess -a answers.json --format json",
        "backpain assess -a answers.yaml -o summary.html --name 'J. Smith'",
        "cat answers.json | backpain assess -a - -f json",
        "backpain assess -a inbox/ -f jsonl -o results.jsonl --fail-on urgent",
    )
)
def assess(
    answers: Annotated[
        list[str],
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answer file (.yaml, .yml, .json), an NDJSON export (.ndjson: one answer set a line), "
            "'-' for standard input, or a folder of answer files. Repeat for several.",
        ),
    ],
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from --output's extension, else the terminal summary (text when not "
            "a terminal; jsonl for several answer sets, or fhir: one Bundle a line).",
            case_sensitive=False,
        ),
    ] = None,
    output: o.OutputOption = None,
    fail_on: Annotated[
        Urgency | None,
        typer.Option(
            "--fail-on",
            help="Exit with status 3 when an assessment is this urgent or more (for scripts). In a batch, "
            "3 wins over 2: a bad file still gets its error line, but does not hide an assessment at this level.",
            case_sensitive=False,
        ),
    ] = None,
    name: o.NameOption = None,
    dob: o.DobOption = None,
    record: o.RecordOption = None,
    region: o.RegionOption = None,
    lang: o.LangOption = None,
    clinic_lang: o.ClinicLangOption = None,
    content: o.ContentOption = None,
    accept_status: o.AcceptStatusOption = None,
) -> None:
    """Assess answer files without asking anything (for scripts and clinics)."""
    from backpain_cli.commands.assess import run_assess

    ask = functools.partial(run_assess, name=name, dob=dob, record=record, clinic_lang=clinic_lang)
    ask = functools.partial(ask, content=content, region=region, lang=lang, accept_status=o.accepted(accept_status))
    o.run(lambda: ask(answers, fmt=format, output=output, fail_on=fail_on))


@app.command(
    epilog=o.epilog(
        "backpain check",
        "backpain check --region uk --plain",
        "backpain check --resume backpain-answers.yaml",
    )
)
def check(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", "-a", metavar="FILE", help="Pre-fill answers from this file; only missing questions are asked."
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", metavar="FILE", help="Continue from answers saved earlier (after Ctrl-C)."),
    ] = None,
    region: o.RegionOption = None,
    lang: o.LangOption = None,
    clinic_lang: o.ClinicLangOption = None,
    name: o.NameOption = None,
    dob: o.DobOption = None,
    record: o.RecordOption = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="No colour, no boxes, one question per line (also NO_COLOR, TERM=dumb).")
    ] = False,
    content: o.ContentOption = None,
    accept_status: o.AcceptStatusOption = None,
) -> None:
    """Answer the questionnaire in the terminal and get your summary."""
    from backpain_cli.commands.check import run_check

    ask = functools.partial(run_check, name=name, dob=dob, record=record, clinic_lang=clinic_lang)
    ask = functools.partial(ask, content=content, lang=lang, accept_status=o.accepted(accept_status))
    o.run(lambda: ask(answers=answers, resume=resume, region=region, plain=plain))


@app.command(epilog=o.epilog("backpain rules", "backpain rules --format markdown > rules-for-review.md"))
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.TABLE,
) -> None:
    """Print every red-flag rule and the policy around them, for clinical review and sign-off."""
    from backpain_cli.commands.reference import run_rules

    o.run(lambda: run_rules(format))


@app.command(epilog=o.epilog("backpain template > answers.yaml", "backpain template -o answers.yaml"))
def template(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the template to this file instead of the screen."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """Print a commented answer-file template with every question and its allowed values."""
    from backpain_cli.commands.reference import run_template

    o.run(lambda: run_template(output, force=force, content=content, lang=lang))


@app.command(epilog=o.epilog("backpain questions", "backpain questions --format json"))
def questions(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.TEXT,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """List every question: its key, allowed answers and wording."""
    from backpain_cli.commands.reference import run_questions

    o.run(lambda: run_questions(format, content, lang))


@app.command(
    epilog=o.epilog(
        "backpain schema > backpain-answers.schema.json",
        "backpain schema --result > backpain-result.schema.json",
        "backpain schema --jsonl",
    )
)
def schema(
    result: Annotated[
        bool, typer.Option("--result", help="The schema of the JSON result (assess --format json) instead.")
    ] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", help="The schema of one line of assess --format jsonl: a result with its source, or an error."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of answer files (from the same model that checks them), or of results."""
    from backpain_cli.commands.reference import run_schema

    o.run(lambda: run_schema(result=result, jsonl=jsonl))


app.add_typer(history_app, name="history")


content_app = typer.Typer(help="Work with content folders (questions, FAQ pages, doctor questions, regions).")
app.add_typer(content_app, name="content")


@content_app.command("check", epilog=o.epilog("backpain content check", "backpain content check ./our-clinic-content"))
def content_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            envvar="BACKPAIN_CONTENT",
            help="The content folder to check (default: BACKPAIN_CONTENT, or the shipped one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a content folder and report every problem with its file and line."""
    from backpain_cli.commands.content import run_content_check

    o.run(lambda: run_content_check(folder))


app.add_typer(fhir_app := typer.Typer(help="FHIR for patient portals and health records (docs/fhir.md)."), name="fhir")


@fhir_app.command("questionnaire", epilog=o.epilog("backpain fhir questionnaire --output backpain-questionnaire.json"))
def fhir_questionnaire(
    release: Annotated[FhirRelease, typer.Option("--fhir-version", help="FHIR release to write.")] = FhirRelease.R4,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """Print the FHIR Questionnaire made from the question bank, for any FHIR form renderer."""
    from backpain_cli.commands.reference import run_fhir_questionnaire

    o.run(lambda: run_fhir_questionnaire(release, output=output, content=content, lang=lang))


def main() -> None:
    """Console entry point."""
    try:
        failures.prepare_process()
        app()
    except KeyboardInterrupt:  # pressed while Python was still starting the command
        out.message("")
        out.info("stopped.")
        sys.exit(int(ExitCode.INTERRUPTED))
