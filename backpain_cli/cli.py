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
from backpain_cli.render import SUFFIX_FORMATS, Format, render_printable
from backpain_cli.safetext import printable

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

NameOption = Annotated[
    str | None,
    typer.Option("--name", help="A name or initials to print at the top of the summary.", show_default=False),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Your region, for the emergency number: us, ca, uk, ie, eu, au, nz, in, za. Also: BACKPAIN_REGION.",
        show_default=False,
    ),
]
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
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from --output's extension, else the "
            "terminal summary (text when not a terminal; jsonl for several files).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (owner-only, replaced atomically).", show_default=False
        ),
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
    name: NameOption = None,
    region: RegionOption = None,
    content: ContentOption = None,
) -> None:
    """Assess answer files without asking anything (for scripts and clinics)."""
    with _guard():
        code = _assess(answers, format, output, fail_on, content, name, region)
    raise typer.Exit(int(code))


def _assess(
    values: list[str],
    fmt: Format | None,
    output: Path | None,
    fail_on: Urgency | None,
    content: Path | None,
    name: str | None = None,
    region_code: str | None = None,
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
        where = printable(outcome.source)
        err(f"backpain: warning: {where}: {key} was ignored: the questions it depends on were answered 'no'")
    # Only a printed summary names the emergency number; JSON does not need the regions file.
    region = None if fmt in (Format.JSON, Format.JSONL) else _region(content, region_code)
    _emit_result(result, fmt, output, bank, library, name, region)
    return _urgency_code(result.urgency, fail_on)


def _pick_format(fmt: Format | None, output: Path | None, batch: bool) -> Format:
    if fmt is None and output is not None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            raise UsageError(
                [Problem(f"cannot tell the format from the extension; use {known} or --format", source=str(output))]
            )
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
    err(f"backpain: wrote {printable(str(output))}")


def _region(content: Path | None, code: str | None):  # type: ignore[no-untyped-def]
    from backpain_cli.contentdir import resolve_content_dir
    from backpain_cli.regions import ENV_VAR, load_regions, pick_region

    return pick_region(load_regions(resolve_content_dir(content).resolve()), code or os.environ.get(ENV_VAR))


def _emit_result(result, fmt: Format, output: Path | None, bank, library, name, region) -> None:  # type: ignore[no-untyped-def]
    if fmt == Format.JSON or fmt == Format.JSONL:
        from backpain_cli.render.json import render_json, render_jsonl_line

        text = render_json(result) if fmt == Format.JSON else render_jsonl_line(result, source="-")
        _emit(text, output)
        return
    from backpain_cli.render.document import build_summary

    summary = build_summary(result, bank, region=region, name=name, clinic=library.clinic)
    if fmt == Format.RICH:
        from backpain_cli.render.rich_summary import make_console, print_rich

        print_rich(summary, make_console())
        return
    _emit(render_printable(summary, fmt), output)


# ---------------------------------------------------------------------------- check


def is_interactive() -> bool:
    """Whether a person can answer prompts here (tests replace this)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def wants_plain(plain: bool) -> bool:
    """Plain mode on request, or when the terminal or the user asks for no colour."""
    return plain or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") == "dumb"


@app.command()
def check(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            "-a",
            help="Pre-fill answers from this file; only missing questions are asked.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Continue from answers saved earlier (after Ctrl-C).", show_default=False),
    ] = None,
    region: RegionOption = None,
    name: NameOption = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="No colour, no boxes, one question per line (also NO_COLOR, TERM=dumb).")
    ] = False,
    content: ContentOption = None,
) -> None:
    """Answer the questionnaire in the terminal and get your summary."""
    with _guard():
        code = _check(answers or resume, resume, region, wants_plain(plain), content, name)
    raise typer.Exit(int(code))


def _check(
    prefill: Path | None,
    resume: Path | None,
    region_code: str | None,
    plain: bool,
    content: Path | None,
    name: str | None = None,
) -> ExitCode:
    from backpain_cli.answers import read_answer_source

    if prefill is not None and resume is not None and prefill != resume:
        raise UsageError("give --answers or --resume, not both")
    if not is_interactive():
        raise UsageError(
            "backpain check needs a terminal to ask its questions. To assess answers from a file, use: "
            "backpain assess --answers FILE (backpain template writes a file to fill in)"
        )
    bank, library = _load_content(content)
    region = _region(content, region_code)
    prefilled = read_answer_source(prefill).answered() if prefill is not None else {}

    from backpain_cli.interview import Interrupted, Interview, welcome
    from backpain_cli.prompts import PlainPrompter, Prompter, QuestionaryPrompter

    prompter: Prompter = PlainPrompter() if plain else QuestionaryPrompter()
    interview = Interview(bank, prompter, region, prefilled)
    welcome(prompter, region, len(bank.questions))
    try:
        outcome = interview.run()
    except Interrupted as stop:
        return _after_interrupt(stop, prompter, bank, resume)
    except Exception as exc:
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        # A bug must not cost the patient what they typed: offer the answers so far, like Ctrl-C.
        err(f"\nbackpain: internal error ({type(exc).__name__}). This is a bug in backpain, not in your answers.")
        from backpain_cli.interview import Interrupted as Stopped

        _after_interrupt(Stopped(interview.answers, end_of_input=False, crashed=True), prompter, bank, resume)
        return ExitCode.INTERNAL

    from backpain_cli.runner import today_from_env
    from backpain_cli.triage import assess

    result = assess(outcome.answers, bank=bank, library=library, today=today_from_env())
    from backpain_cli.render.document import build_summary

    summary = build_summary(result, bank, region=region, name=name, clinic=library.clinic)
    if plain:
        sys.stdout.write("\n" + render_printable(summary, Format.TEXT))
    else:
        from backpain_cli.render.rich_summary import make_console, print_rich

        print_rich(summary, make_console())
    try:
        _offer_saves(prompter, outcome.answers.answered(), bank, summary, resume)
    except (KeyboardInterrupt, EOFError):
        err("\nbackpain: nothing more was saved.")
    return ExitCode.OK


def _offer_saves(prompter, answered, bank, summary, resume) -> None:  # type: ignore[no-untyped-def]
    from backpain_cli.saving import save_answers, save_summary

    if prompter.confirm("Save your answers to a file (readable only by you)?", default=False):
        path = save_answers(
            prompter,
            answered,
            bank,
            message="File name for your answers:",
            note="saved at the end of backpain check",
            resume=resume,
        )
        prompter.say(f"Saved your answers to {printable(str(path))}.")
    if prompter.confirm("Save a summary you can print or take to your appointment?", default=False):
        path = save_summary(prompter, summary)
        prompter.say(f"Saved your summary to {printable(str(path))}.")


def _after_interrupt(stop, prompter, bank, resume: Path | None) -> ExitCode:  # type: ignore[no-untyped-def]
    from backpain_cli.saving import save_answers

    if stop.end_of_input:
        err(
            "\nbackpain: the input ended before the questions were finished. To assess answers from a file, "
            "use: backpain assess --answers FILE"
        )
        return ExitCode.BAD_INPUT
    if not stop.crashed:
        err("\nbackpain: stopped. Nothing was saved yet.")
    if stop.answers and is_interactive():
        try:
            if prompter.confirm("Save your answers so far, to finish later with --resume?", default=True):
                path = save_answers(
                    prompter,
                    stop.answers,
                    bank,
                    message="File name:",
                    resume=resume,
                    note="unfinished: continue with backpain check --resume FILE",
                )
                err(f"backpain: saved. Continue with: backpain check --resume {printable(str(path))}")
        except (KeyboardInterrupt, EOFError):
            err("\nbackpain: not saved.")
    return ExitCode.INTERRUPTED


# ---------------------------------------------------------------------------- reference commands


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class RulesFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.TABLE,
) -> None:
    """Print every red-flag rule (trigger, urgency, imaging, source, patient text) for clinical review."""
    with _guard():
        from backpain_cli.render import rules as rules_render

        if format == RulesFormat.MARKDOWN:
            sys.stdout.write(rules_render.render_rules_markdown())
        elif format == RulesFormat.JSON:
            sys.stdout.write(rules_render.render_rules_json())
        else:
            from backpain_cli.render.rich_summary import make_console

            rules_render.print_rules_table(make_console())


@app.command()
def template(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the template to this file instead of the screen.", show_default=False
        ),
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
            err(f"backpain: wrote {printable(str(output))}")


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


content_app = typer.Typer(help="Work with content folders (questions, FAQ pages, doctor questions).")
app.add_typer(content_app, name="content")


@content_app.command("check")
def content_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="The content folder to check (default: --content, BACKPAIN_CONTENT, or the shipped one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a content folder and report every problem with its file and line."""
    with _guard():
        code = _content_check(folder)
    raise typer.Exit(int(code))


def _content_check(folder: Path | None) -> ExitCode:
    from backpain_cli.content import check_library
    from backpain_cli.contentdir import resolve_content_dir
    from backpain_cli.errors import ContentError
    from backpain_cli.questions import load_question_bank
    from backpain_cli.regions import load_regions

    where = resolve_content_dir(folder).resolve()
    problems: list[Problem] = []
    bank = None
    try:
        bank = load_question_bank(where)
    except ContentError as exc:
        problems += exc.problems
    problems += check_library(where)
    try:
        load_regions(where)
    except ContentError as exc:
        problems += exc.problems
    for problem in problems:
        sys.stdout.write(f"{problem.describe()}\n")
    if problems:
        err(f"backpain: {len(problems)} problem(s) in {where}")
        return ExitCode.BAD_INPUT
    from backpain_cli.content import load_library

    library = load_library(where)
    assert bank is not None
    sys.stdout.write(
        f"{where}: OK: {len(bank.questions)} questions, {len(library.faq)} FAQ pages, "
        f"{len(library.doctor_questions)} doctor questions (content {library.version})\n"
    )
    return ExitCode.OK


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pressed while Python was still starting the command
        err("\nbackpain: stopped.")
        sys.exit(int(ExitCode.INTERRUPTED))
