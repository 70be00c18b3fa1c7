"""The one place that turns every failure into a message and an exit status, and the process set-up
that makes signals and odd consoles behave like any other stop."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Final

from backpain_cli import out
from backpain_cli.errors import BackpainError, ExitCode
from backpain_cli.safetext import printable_name

# Program messages on standard error, like every "backpain: error:" line (the patient's own
# words for a stop in the questionnaire come from the text catalogue: commands/check.py).
STOPPED: Final = "stopped."
BUG: Final = (
    "internal error ({kind}). This is a bug in backpain, not in your answers. Set BACKPAIN_DEBUG=1 to see the details."
)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Turn every failure into a message and an exit status (``SystemExit``).

    Expected failures (BackpainError) print their located problems; Ctrl-C exits 130; a reader
    that went away (``| head``) exits 141 quietly; anything else is a bug, reported without a
    traceback (which could hold answers) unless BACKPAIN_DEBUG is set.
    """
    try:
        yield
    except BackpainError as exc:
        out.problems(exc.problems)
        raise SystemExit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        out.message("")
        out.info(STOPPED)
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except Terminated as stop:
        out.message("")
        out.info(STOPPED)
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
        out.error(f"{where}{exc.strerror or exc}")
        raise SystemExit(int(ExitCode.BAD_INPUT)) from None
    except Exception as exc:
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        out.info(BUG.format(kind=type(exc).__name__))
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
