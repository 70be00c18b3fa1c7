"""Writing files that may hold answers: atomically, and readable by their owner only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from backpain_cli.errors import OutputError, Problem


def write_private(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` with mode 0600, replacing it in one step.

    The text goes to a temporary file beside the target (created 0600 by mkstemp) and is then
    renamed over it, so a crash or a full disk never leaves a half-written summary, and no other
    user can read the file at any moment.
    """
    source = str(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError([Problem("cannot write here: the folder does not exist", source=source)])
    if path.is_dir():
        raise OutputError([Problem("is a folder; give a file name", source=source)])
    if path.exists() and not overwrite:
        raise OutputError([Problem("already exists; choose another name or pass --force", source=source)])
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError([Problem(f"cannot write here: {exc.strerror or exc}", source=source)]) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputError([Problem(f"cannot write: {exc.strerror or exc}", source=source)]) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
