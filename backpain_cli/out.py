"""The one place that writes to the user: results on standard output, everything else on standard error.

Results go to standard output; messages, warnings, errors and "wrote FILE" notes go to standard
error, so a script reading ``--format json`` never sees them (CONTRACT.md). Whether the terminal
is used for menus and colour is terminal.py's question; failures become messages in failures.py.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from backpain_cli.errors import Code, OutputError, Problem
from backpain_cli.safetext import printable_name

PREFIX = "backpain"
WROTE = "wrote {path}"  # for scripts; a patient reads the catalogue's file_problems.wrote


# ---------------------------------------------------------------------------- standard output


def write(text: str) -> None:
    """A result (JSON, a summary, a listing) on standard output; OutputError when it is closed."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OutputError([Problem("standard output is closed; nothing can be written", code=Code.OUTPUT)])
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(text: str, output: Path | None, *, private: bool = True, said: str = WROTE) -> None:
    """A result to standard output, or to ``output`` (atomic; owner-only unless ``private`` is False,
    for a file without patient data) with a note that says so (``said``: ``wrote``'s)."""
    if output is None:
        write(text)
        return
    from backpain_cli.output_files import write_private, write_public

    (write_private if private else write_public)(output, text)
    wrote(output, said)


# ---------------------------------------------------------------------------- standard error


def message(text: str, *, wrap: bool = False) -> None:
    """A note for the person running the command, on standard error (dropped if it is closed).

    ``wrap`` (the patient's reminders in ``check``): broken between words at the terminal's width
    when standard error is a terminal (issue 24: a long reminder ran past 60 columns and the
    terminal broke it inside words); never for a note that holds a command or a path to copy, nor
    for a script or a log, which read one line per note.
    """
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):  # a closed or broken stderr must not turn a result into a crash
        text = text.rstrip("\n")
        sys.stderr.write((_fit(text) if wrap else text) + "\n")
        sys.stderr.flush()


def _fit(text: str) -> str:
    try:
        if not sys.stderr.isatty():
            return text
    except (AttributeError, ValueError, OSError):
        return text
    import os
    import textwrap

    try:  # COLUMNS first, as shutil does; else standard error's own terminal (output may go to a file)
        columns = int(os.environ.get("COLUMNS", "")) if os.environ.get("COLUMNS", "").isdigit() else 0
        columns = columns or os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 80
    width = max(columns - 1, 20)
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False, subsequent_indent="  "))
        or line
        for line in text.split("\n")
    )


def info(text: str, *, wrap: bool = False) -> None:
    message(f"{PREFIX}: {text}", wrap=wrap)


def warning(text: str) -> None:
    message(f"{PREFIX}: warning: {text}", wrap=True)


def error(text: str) -> None:
    # Wrapped on a terminal only (a script reads one line per problem); a path without spaces is
    # never broken, as textwrap breaks between words only.
    message(f"{PREFIX}: error: {text}", wrap=True)


def problems(found: list[Problem]) -> None:
    """Each problem on its own ``backpain: error:`` line, located and made safe for a terminal."""
    for problem in found:
        error(problem.describe())


def wrote(path: Path, said: str = WROTE) -> None:
    """``backpain: wrote FILE``; ``said``: the words with ``{path}`` (a patient's: the catalogue's
    ``file_problems.wrote``)."""
    info(said.format(path=printable_name(str(path))))
