"""The command line: turns options into calls to the core, and errors into messages and exit codes.

Nothing else lives here. Heavy modules load inside the commands that need them, so ``--help``
and ``--version`` stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from backpain_cli import __version__
from backpain_cli.errors import BackpainError, ExitCode, Problem, UsageError
from backpain_cli.levels import Urgency
from backpain_cli.render import SUFFIX_FORMATS, Format

app = typer.Typer(
    name="backpain",
    help=(
        "A back-pain questionnaire that checks for warning signs and says how soon to see a clinician "
        "and whether an X-ray or MRI fits. Not a diagnosis: in an emergency, call your local emergency number."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # answers must never appear in a crash report
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"backpain {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """backpain: back-pain red flags, urgency and imaging advice."""


# ---------------------------------------------------------------------------- errors


def err(message: str) -> None:
    """Warnings and errors go to standard error, never mixed into results."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def _fail(error: BackpainError) -> NoReturn:
    for problem in error.problems:
        err(f"backpain: error: {problem.describe()}")
    raise typer.Exit(int(error.exit_code))


@contextlib.contextmanager
def _guard() -> Iterator[None]:
    """The one place that maps every failure to a message and an exit code."""
    try:
        yield
    except BackpainError as error:
        _fail(error)
    except KeyboardInterrupt:
        err("\nbackpain: stopped.")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (for example `| head`): stop quietly, without a second error when
        # Python flushes stdout at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # a bug: say so without a traceback, which could hold answers
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        err(
            f"backpain: internal error ({type(exc).__name__}). This is a bug in backpain, not in your "
            "answers. Set BACKPAIN_DEBUG=1 to see the details."
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


# ---------------------------------------------------------------------------- assess

ContentOption = Annotated[
    Path | None,
    typer.Option(
        "--content",
        help="Use this content folder (questions, FAQ pages, doctor questions). Also: BACKPAIN_CONTENT.",
        show_default=False,
    ),
]


@app.command()
def assess(
    answers: Annotated[
        list[str],
        typer.Option(
            "--answers",
            "-a",
            help="Answer file (.yaml, .yml, .json), '-' for standard input, or a folder of answer files. "
            "Repeat for several.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format. Default: from --output's extension, else the "
                     "terminal summary (text when not a terminal; jsonl for several files).",
                     case_sensitive=False, show_default=False),  # fmt: skip
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (owner-only, replaced atomically).",
                     show_default=False),  # fmt: skip
    ] = None,
    fail_on: Annotated[
        Urgency | None,
        typer.Option(
            "--fail-on",
            help="Exit with status 3 when an assessment is this urgent or more (for scripts).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    content: ContentOption = None,
) -> None:
    """Assess answer files without asking anything (for scripts and clinics)."""
    with _guard():
        code = _assess(answers, format, output, fail_on, content)
    raise typer.Exit(int(code))


def _assess(
    values: list[str], fmt: Format | None, output: Path | None, fail_on: Urgency | None, content: Path | None
) -> ExitCode:
    from backpain_cli.runner import expand_sources, run, run_batch, today_from_env

    sources, batch = expand_sources(values)
    fmt = _pick_format(fmt, output, batch)
    if output is not None:
        _refuse_overwriting_inputs(output, sources)
    bank, library = _load_content(content)
    today = today_from_env()

    if batch:
        lines, bad, worst = [], False, None
        for line in run_batch(sources, bank=bank, library=library, today=today):
            lines.append(line.text)
            for problem in line.errors:
                err(f"backpain: error: {problem}")
            if line.urgency is None:
                bad = True
            else:
                worst = _worse(worst, Urgency(line.urgency))
            if output is None and len(lines) >= 256:
                sys.stdout.write("".join(lines))
                lines.clear()
        _emit("".join(lines), output)
        if bad:
            return ExitCode.BAD_INPUT
        return _urgency_code(worst, fail_on)

    outcome = next(run(sources, bank=bank, library=library, today=today))
    if outcome.error is not None:
        raise outcome.error
    result = outcome.result
    assert result is not None
    for key in result.ignored:
        err(f"backpain: warning: {outcome.source}: {key} was ignored: the questions it depends on were answered 'no'")
    _emit_result(result, fmt, output, bank)
    return _urgency_code(result.urgency, fail_on)


def _pick_format(fmt: Format | None, output: Path | None, batch: bool) -> Format:
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            raise UsageError([Problem(f"cannot tell the format from the extension; use {known} or --format",
                                      source=str(output))])  # fmt: skip
    if batch:
        if fmt not in (None, Format.JSONL):
            raise UsageError(f"several answer files give one result each: use --format jsonl, not {fmt.value}")
        return Format.JSONL
    if fmt is None:
        return Format.RICH if sys.stdout.isatty() else Format.TEXT
    if fmt == Format.RICH and output is not None:
        raise UsageError("the terminal summary cannot be written to a file; use text, markdown or html")
    return fmt


def _refuse_overwriting_inputs(output: Path, sources: list[str]) -> None:
    for source in sources:
        if source != "-" and output.exists() and Path(source).exists() and output.samefile(source):
            raise UsageError([Problem("is also an answer file; refusing to overwrite it", source=str(output))])


def _load_content(content: Path | None):  # type: ignore[no-untyped-def]
    from backpain_cli.content import load_library
    from backpain_cli.contentdir import resolve_content_dir
    from backpain_cli.questions import load_question_bank

    folder = resolve_content_dir(content).resolve()
    return load_question_bank(folder), load_library(folder)


def _worse(a: Urgency | None, b: Urgency) -> Urgency:
    return b if a is None or b.rank > a.rank else a


def _urgency_code(urgency: Urgency | None, fail_on: Urgency | None) -> ExitCode:
    if fail_on is not None and urgency is not None and urgency.rank >= fail_on.rank:
        return ExitCode.URGENCY
    return ExitCode.OK


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from backpain_cli.outputs import write_private

    write_private(output, text)
    err(f"backpain: wrote {output}")


def _emit_result(result, fmt: Format, output: Path | None, bank) -> None:  # type: ignore[no-untyped-def]
    if fmt == Format.JSON or fmt == Format.JSONL:
        from backpain_cli.render.json import render_json, render_jsonl_line

        text = render_json(result) if fmt == Format.JSON else render_jsonl_line(result, source="-")
        _emit(text, output)
        return
    from backpain_cli.render.document import build_summary

    summary = build_summary(result, bank)
    if fmt == Format.RICH:
        from rich.console import Console

        from backpain_cli.render.rich_summary import print_rich

        print_rich(summary, Console(highlight=False, markup=False, emoji=False))
        return
    if fmt == Format.TEXT:
        from backpain_cli.render.text import render_text

        _emit(render_text(summary), output)
    elif fmt == Format.MARKDOWN:
        from backpain_cli.render.markdown import render_markdown

        _emit(render_markdown(summary), output)
    else:
        from backpain_cli.render.html import render_html

        _emit(render_html(summary), output)


# ---------------------------------------------------------------------------- reference commands


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def template(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the template to this file instead of the screen.",
                     show_default=False),  # fmt: skip
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    content: ContentOption = None,
) -> None:
    """Print a commented answer-file template with every question and its allowed values."""
    with _guard():
        from backpain_cli.template import render_template

        bank, _ = _load_content(content)
        text = render_template(bank)
        if output is None:
            sys.stdout.write(text)
        else:
            from backpain_cli.outputs import write_private

            # An answer file someone filled in must never be replaced by a blank template by accident.
            write_private(output, text, overwrite=force)
            err(f"backpain: wrote {output}")


@app.command()
def questions(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.TEXT,
    content: ContentOption = None,
) -> None:
    """List every question: its key, allowed answers and wording."""
    with _guard():
        from backpain_cli.template import render_questions

        bank, _ = _load_content(content)
        sys.stdout.write(render_questions(bank, format.value))


@app.command()
def schema() -> None:
    """Print the JSON Schema of answer files (from the same model that checks them)."""
    with _guard():
        import json

        from backpain_cli.answers import Answers

        sys.stdout.write(json.dumps(Answers.model_json_schema(), indent=2) + "\n")


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pressed while Python was still starting the command
        err("\nbackpain: stopped.")
        sys.exit(int(ExitCode.INTERRUPTED))
