"""``backpain history``: typer wiring for the check-in commands (one function each in commands/history.py).

``backpain history`` alone lists the check-ins, as ``backpain history list`` does.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

import backpain_cli.cli.options as o
from backpain_cli.formats import ExportFormat, Format, ListFormat
from backpain_cli.levels import Urgency

history_app = typer.Typer(
    help="Check-ins kept on this computer, only if you ask: list, add, show, export, recheck, forget.",
    epilog=o.epilog(
        "backpain history", "backpain history add a.yaml --date 2026-11-01 -f json", "backpain history show 2"
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)

ListFmt = Annotated[ListFormat, typer.Option("--format", "-f", help="text, json or jsonl.", case_sensitive=False)]
NumberArgument = Annotated[
    int, typer.Argument(metavar="ID", help="The check-in's number (see: backpain history).", min=1)
]


@history_app.callback()
def history(
    ctx: typer.Context, format: ListFmt = ListFormat.TEXT, lang: o.LangOption = None, content: o.ContentOption = None
) -> None:
    """Check-ins kept on this computer, only if you ask: list, add, show, export, recheck, forget."""
    if ctx.invoked_subcommand:  # history --lang es show 1: the sub-command's defaults (its own options still win)
        ctx.default_map = {ctx.invoked_subcommand: {"lang": lang, "content": content}}
    if ctx.invoked_subcommand is None:
        from backpain_cli.commands.history import run_history_list

        o.run(lambda: run_history_list(format, content=content, lang=lang))


@history_app.command("list", epilog=o.epilog("backpain history list", "backpain history list -f json"))
def history_list(format: ListFmt = ListFormat.TEXT, lang: o.LangOption = None, content: o.ContentOption = None) -> None:
    """The check-ins, newest first: number, date, urgency, imaging, pain score, what changed."""
    from backpain_cli.commands.history import run_history_list

    o.run(lambda: run_history_list(format, content=content, lang=lang))


@history_app.command("add", epilog=o.epilog("backpain history add today.yaml", "backpain history add a.yaml -o a.html"))
def history_add(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="An answer file (as for assess), or - for standard input.")
    ],
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The check-in's date.")] = None,
    remind: Annotated[
        Path | None, typer.Option("--remind", metavar="FILE.ics", help="Write a calendar reminder for the next one.")
    ] = None,
    format: Annotated[
        Format | None, typer.Option("--format", "-f", help="As for assess (not jsonl).", case_sensitive=False)
    ] = None,
    output: o.OutputOption = None,
    name: o.NameOption = None,
    dob: o.DobOption = None,
    record: o.RecordOption = None,
    region: o.RegionOption = None,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
    accept_status: o.AcceptStatusOption = None,
) -> None:
    """Keep a check-in from an answer file, and print its assessment made with the earlier ones, as assess does."""
    from backpain_cli.commands.history import run_history_add

    ask = functools.partial(run_history_add, output=output, name=name, dob=dob, record=record, lang=lang)
    statuses = o.accepted(accept_status)
    o.run(lambda: ask(file, fmt=format, on=date, remind=remind, content=content, region=region, accept_status=statuses))


@history_app.command("show", epilog=o.epilog("backpain history show 3", "backpain history show 3 -f json"))
def history_show(
    number: NumberArgument,
    format: ListFmt = ListFormat.TEXT,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """One check-in: its date, urgency, imaging, rules version and answers."""
    from backpain_cli.commands.history import run_history_show

    o.run(lambda: run_history_show(number, format, content=content, lang=lang))


@history_app.command(
    "export",
    epilog=o.epilog(
        "backpain history export -o my-check-ins.jsonl",
        "backpain history export -f json | jq .",
        "backpain history export -f fhir -o for-my-clinic.ndjson",
    ),
)
def history_export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="jsonl, json, or fhir (NDJSON of FHIR resources).", case_sensitive=False),
    ] = ExportFormat.JSONL,
    output: o.OutputOption = None,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """Every check-in with its answers, oldest first."""
    from backpain_cli.commands.history import run_history_export

    o.run(lambda: run_history_export(format, output=output, content=content, lang=lang))


@history_app.command("forget", epilog=o.epilog("backpain history forget 3", "backpain history forget --all"))
def history_forget(
    number: Annotated[int | None, typer.Argument(metavar="[ID]", help="The check-in to forget.", min=1)] = None,
    all: Annotated[
        bool, typer.Option("--all", help="Forget every check-in (asked first in a terminal; default no).")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="With --all: do not ask (needed when there is no terminal to ask in).")
    ] = False,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """Delete one check-in, or every one, and clean the file so no answers are left in it.

    Forgetting every check-in cannot be undone: in a terminal it asks first (default no); without
    one, --all needs --yes.
    """
    from backpain_cli.commands.history import run_history_forget

    o.run(lambda: run_history_forget(number, everything=all, yes=yes, content=content, lang=lang))


FailOn = Annotated[
    Urgency | None,
    typer.Option(
        "--fail-on",
        help="Exit 3 when a check-in would now get a different result this urgent or more.",
        case_sensitive=False,
    ),
]


@history_app.command(
    "recheck", epilog=o.epilog("backpain history recheck -f json", "backpain history recheck --fail-on urgent")
)
def history_recheck(
    format: ListFmt = ListFormat.TEXT,
    fail_on: FailOn = None,
    lang: o.LangOption = None,
    content: o.ContentOption = None,
) -> None:
    """Assess every check-in again with today's rules: which would get a different result (nothing is changed)."""
    from backpain_cli.commands.history import run_history_recheck

    o.run(lambda: run_history_recheck(format, fail_on=fail_on, content=content, lang=lang))
