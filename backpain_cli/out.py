"""The one place that writes to the user, and the one place that decides how the terminal is used.

Results go to standard output; messages, warnings, errors and "wrote FILE" notes go to standard
error, so a script reading ``--format json`` never sees them (CONTRACT.md). Whether to draw menus
and colour (``Display.RICH``) or plain lines (``Display.PLAIN``) is decided by ``display()``.
(The interactive questions talk through prompts.Prompter, which this module chooses too.)
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from backpain_cli.errors import BackpainError, Code, ExitCode, OutputError, Problem
from backpain_cli.safetext import printable_name
from backpain_cli.wording import STOPPED, internal_error

if TYPE_CHECKING:
    from rich.console import Console

    from backpain_cli.prompts import Prompter
    from backpain_cli.render.document import Summary

PREFIX = "backpain"


class Display(StrEnum):
    """How a person's terminal is used."""

    RICH = "rich"  # colour, panels and arrow-key menus
    PLAIN = "plain"  # one line at a time, no colour or cursor movement: screen readers, basic terminals


def _isatty(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, OSError):  # closed
        return False


def is_interactive() -> bool:
    """Whether a person can answer prompts here: both standard input and output are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)


def stdout_is_terminal() -> bool:
    """Whether results are read by a person (the Rich summary) rather than a file or pipe (text)."""
    return _isatty(sys.stdout)


def no_color() -> bool:
    """The user asked for no colour (https://no-color.org) or the terminal cannot show it."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") == "dumb"


def display(plain: bool = False) -> Display:
    """Plain on request (``--plain``), or when the terminal or the user asks for no colour."""
    return Display.PLAIN if plain or no_color() else Display.RICH


def console() -> Console:
    """The Rich console for standard output (Rich itself honours NO_COLOR and TERM=dumb)."""
    from backpain_cli.render.rich_summary import make_console

    return make_console()


def prompter(mode: Display) -> Prompter:
    """The way questions are asked in this display mode."""
    from backpain_cli.prompts import PlainPrompter, QuestionaryPrompter

    return PlainPrompter() if mode == Display.PLAIN else QuestionaryPrompter(console())


# ---------------------------------------------------------------------------- standard output


def write(text: str) -> None:
    """A result (JSON, a summary, a listing) on standard output; OutputError when it is closed."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OutputError([Problem("standard output is closed; nothing can be written", code=Code.OUTPUT)])
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(text: str, output: Path | None) -> None:
    """A result to standard output, or to ``output`` (owner-only, atomic) with a note that says so."""
    if output is None:
        write(text)
        return
    from backpain_cli.outputs import write_private

    write_private(output, text)
    wrote(output)


def summary(document: Summary, mode: Display) -> None:
    """A summary for a person at the terminal: Rich panels, or wrapped plain text."""
    from backpain_cli.render import Format, render_summary

    if mode == Display.PLAIN:
        from backpain_cli.render.text import render_text, terminal_width

        # Wrapped at the terminal's own width: at 60 columns a 78-column line would break mid-number.
        write("\n" + render_text(document, terminal_width(), clinic=False))
    else:
        write(render_summary(document, Format.RICH))


# ---------------------------------------------------------------------------- standard error


def message(text: str) -> None:
    """A note for the person running the command, on standard error (dropped if it is closed)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):  # a closed or broken stderr must not turn a result into a crash
        sys.stderr.write(text.rstrip("\n") + "\n")
        sys.stderr.flush()


def info(text: str) -> None:
    message(f"{PREFIX}: {text}")


def warning(text: str) -> None:
    message(f"{PREFIX}: warning: {text}")


def error(text: str) -> None:
    message(f"{PREFIX}: error: {text}")


def problems(found: list[Problem]) -> None:
    """Each problem on its own ``backpain: error:`` line, located and made safe for a terminal."""
    for problem in found:
        error(problem.describe())


def wrote(path: Path) -> None:
    info(f"wrote {printable_name(str(path))}")


# ---------------------------------------------------------------------------- failures


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """The one place that turns every failure into a message and an exit status (``SystemExit``).

    Expected failures (BackpainError) print their located problems; Ctrl-C exits 130; a reader
    that went away (``| head``) exits 141 quietly; anything else is a bug, reported without a
    traceback (which could hold answers) unless BACKPAIN_DEBUG is set.
    """
    try:
        yield
    except BackpainError as exc:
        problems(exc.problems)
        raise SystemExit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        message("")
        info(STOPPED)
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except Terminated as stop:
        message("")
        info(STOPPED)
        raise SystemExit(128 + stop.signum) from None
    except BrokenPipeError:
        # Stop quietly, without a second error when Python flushes stdout at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(int(ExitCode.BROKEN_PIPE)) from None
    except SystemExit:
        raise
    except OSError as exc:
        # The environment, not backpain: a full disk, a closed stream, a name too long.
        where = f"{printable_name(str(exc.filename))}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        raise SystemExit(int(ExitCode.BAD_INPUT)) from None
    except Exception as exc:
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        info(internal_error(type(exc).__name__) + " Set BACKPAIN_DEBUG=1 to see the details.")
        raise SystemExit(int(ExitCode.INTERNAL)) from None


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: stop calmly, as Ctrl-C does (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def prepare_process() -> None:
    """Set up the process for the user's terminal and environment, once, at start.

    Standard output and error degrade characters their encoding cannot show (a "·" on a cp932
    console) instead of failing; files are always written as UTF-8. SIGTERM and SIGHUP stop the
    program the way Ctrl-C does, so a batch ends without a traceback.
    """
    import signal

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
