"""The console entry point: ``backpain assess`` as scripts run it, without loading typer; typer for the rest.

Scripts and clinics run ``backpain assess -a FILE -f json`` once per file, or on a folder of
thousands. Loading typer (and the options it reads with pydantic) is a third of such a start, so
``quick_assess`` reads the plain spellings of ``assess``'s options itself and calls the same
``run_assess`` with exactly what typer would pass (tests/test_launch.py compares the two on
generated command lines). Anything else, or anything unusual (``--opt=value``, ``-fjson``, an
option twice, a value that starts with ``-``, ``--help``, shell completion), goes to typer
(cli/), which reads it, or explains what is wrong, as always.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from backpain_cli.fhir.status import AcceptStatus
from backpain_cli.formats import Format
from backpain_cli.levels import Urgency

# Every spelling of each option of ``assess`` (cli/__init__.py), by the name of its parameter.
_OPTIONS: Final = {
    "--answers": "answers",
    "-a": "answers",
    "--format": "fmt",
    "-f": "fmt",
    "--output": "output",
    "-o": "output",
    "--fail-on": "fail_on",
    "--name": "name",
    "--dob": "dob",
    "--record": "record",
    "--region": "region",
    "--lang": "lang",
    "--clinic-lang": "clinic_lang",
    "--content": "content",
    "--accept-status": "accept_status",
}
_REPEATABLE: Final = ("answers", "accept_status")
# Options typer also reads from the environment when they are not given (cli/options.py).
_ENV: Final = {"region": "BACKPAIN_REGION", "lang": "BACKPAIN_LANG", "content": "BACKPAIN_CONTENT"}


def quick_assess(args: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The arguments typer would give ``run_assess`` for these command-line arguments, or None.

    None means "let typer read it": not ``assess``, or a form this reader does not take.
    """
    if len(args) < 3 or args[0] != "assess" or len(args) % 2 == 0:
        return None
    if any(name.startswith("_BACKPAIN_COMPLETE") for name in environ):  # shell completion
        return None
    found: dict[str, Any] = {name: [] for name in _REPEATABLE}
    for option, value in zip(args[1::2], args[2::2], strict=True):
        name = _OPTIONS.get(option)
        if name is None or not value or (value.startswith("-") and (name != "answers" or value != "-")):
            return None
        if name in _REPEATABLE:
            found[name].append(value)
        elif name in found:
            return None  # given twice: typer keeps the last, and says nothing; let it
        else:
            found[name] = value
    if not found["answers"]:
        return None  # typer says --answers is missing
    for name, variable in _ENV.items():
        if name not in found and environ.get(variable):
            found[name] = environ[variable]
    # A value that is not a choice: typer explains what is allowed (and takes some odd spellings).
    for name, choices in (("fmt", Format), ("fail_on", Urgency)):
        if name in found:
            found[name] = _choice(found[name], choices)
            if found[name] is None:
                return None
    statuses = [_choice(value, AcceptStatus) for value in found["accept_status"]]
    if None in statuses:
        return None
    found["accept_status"] = tuple(status.value for status in statuses)  # as cli/options.accepted gives them
    for name in ("output", "content"):
        if name in found:
            if not _readable_or_missing(found[name]):
                return None  # typer refuses a path that exists but cannot be read
            found[name] = Path(found[name])
    return found


def _choice(value: str, choices: type[StrEnum]) -> Any:
    """The member a value names, in any case (plain ASCII only), or None."""
    lowered = value.lower()
    return choices(lowered) if value.isascii() and lowered in {c.value for c in choices} else None


def _readable_or_missing(path: str) -> bool:
    try:
        os.stat(path)
    except ValueError:  # a NUL in the name (never from a real command line): typer says so
        return False
    except OSError:
        return True
    return os.access(path, os.R_OK)


def main() -> None:
    """Console entry point (``backpain``, ``python -m backpain_cli``)."""
    call = quick_assess(sys.argv[1:], os.environ)
    if call is None:
        from backpain_cli.cli import main as typer_main

        typer_main()
        return
    # Loading the program and its content makes a few hundred thousand objects that live until the
    # end; the cycle collector walked them over and over while they were made, and once more at exit
    # (a seventh of a one-file run). Assessing a file makes no reference cycles (tests/test_launch.py),
    # so the collector stays off here, and at exit skips what was made (gc.freeze). A batch's worker
    # processes turn it back on (batch._init_worker).
    gc.disable()
    from backpain_cli import failures, out
    from backpain_cli.errors import ExitCode

    try:
        failures.prepare_process()
        from backpain_cli.commands.assess import run_assess

        with failures.guard():
            code = run_assess(call.pop("answers"), **call)
    except KeyboardInterrupt:  # pressed while Python was still starting the command
        out.message("")
        out.info("stopped.")
        sys.exit(int(ExitCode.INTERRUPTED))
    finally:
        gc.freeze()
    sys.exit(int(code))
