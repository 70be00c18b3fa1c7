"""The options several commands share, the help text's epilog, and running a command under the guard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from backpain_cli.errors import ExitCode
from backpain_cli.failures import guard
from backpain_cli.fhir.status import AcceptStatus

EXIT_CODES = """\b
Exit status:
  0    done, whatever the urgency
  1    a bug in backpain
  2    bad usage, bad input or broken content
  3    --fail-on reached (assess, history recheck; wins over 2 in a batch)
  130  stopped with Ctrl-C
  141  the reader of the output went away (| head)"""


def epilog(*examples: str) -> str:
    """Examples, then the exit statuses, for the end of a command's --help."""
    return "\b\nExamples:\n" + "\n".join(f"  {e}" for e in examples) + "\n\n" + EXIT_CODES


def run(call: Callable[[], ExitCode]) -> None:
    """Run one command function under the one error guard, and exit with its status."""
    with guard():
        code = call()
    raise typer.Exit(int(code))


NameOption = Annotated[
    str | None,
    typer.Option("--name", metavar="TEXT", help="A name or initials to print at the top of the summary."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to this file (owner-only, replaced atomically)."),
]
DobOption = Annotated[
    str | None,
    typer.Option("--dob", metavar="YYYY-MM-DD", help="A date of birth to print, year-month-day (1996-03-25)."),
]
RecordOption = Annotated[str | None, typer.Option("--record", metavar="TEXT", help="A clinic record number to print.")]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CODE",
        envvar="BACKPAIN_REGION",
        help="Your region, for the emergency number: us, ca, uk, ie, eu, au, nz, in, za, or a country code "
        "(gb, de, ...). Default: from the locale (LANG), when it names one.",
    ),
]
_LANG_HELP = (
    "Language: en or es (or one the content adds). Default: the locale's (LC_ALL, LANG) if we have it, else en."
)
LangOption = Annotated[str | None, typer.Option("--lang", metavar="CODE", envvar="BACKPAIN_LANG", help=_LANG_HELP)]
_CLINIC_HELP = "The language of a printout's clinician page. Default: clinic.yaml's language, else en."
ClinicLangOption = Annotated[str | None, typer.Option("--clinic-lang", metavar="CODE", help=_CLINIC_HELP)]
AcceptStatusOption = Annotated[
    list[AcceptStatus] | None,
    typer.Option(
        "--accept-status",
        metavar="STATUS",
        help="Also assess a FHIR QuestionnaireResponse with this status, refused by default: entered-in-error "
        "(withdrawn) or stopped (unfinished). Repeat for both.",
        case_sensitive=False,
    ),
]


def accepted(statuses: list[AcceptStatus] | None) -> tuple[str, ...]:
    """``--accept-status`` values as plain text, for the command functions."""
    return tuple(s.value for s in statuses or ())


ContentOption = Annotated[
    Path | None,
    typer.Option(
        "--content",
        metavar="DIR",
        envvar="BACKPAIN_CONTENT",
        help="Use this content folder (questions, FAQ pages, doctor questions, regions, texts).",
    ),
]
