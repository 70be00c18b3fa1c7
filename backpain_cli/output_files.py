"""Writing files that may hold answers: atomically, readable by their owner only, where they were sent.

A new or regular file is written through a temporary file beside it (created 0600) and renamed
over it, so a crash or a full disk never leaves a half-written summary and no other user can read
it at any moment. Anything else the user names (``/dev/stdout``, ``/dev/null``, a FIFO, a terminal)
is written into, never replaced: as root, a rename would swap a device node for a regular file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from backpain_cli.errors import Code, OutputError, Problem


def _fail(message: str, path: Path) -> OutputError:
    return OutputError([Problem(message, source=str(path), code=Code.OUTPUT)])


def _writes_in_place(path: Path) -> bool:
    """Whether ``path`` must be written into rather than replaced: it is not (or not only) a file.

    True for devices, FIFOs and sockets, and for any path that goes through /dev or /proc (such
    as /dev/stdout, a link to the caller's own standard output: replacing what it points at would
    lose the output).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
    if not stat.S_ISREG(mode):
        return not stat.S_ISDIR(mode)
    return path.absolute().parts[1:2] in (("dev",), ("proc",))


@contextlib.contextmanager
def private_writer(path: Path, *, overwrite: bool = True) -> Iterator[TextIO]:
    """A UTF-8 text stream that lands at ``path`` when the block ends without an error.

    Lets a large batch stream its lines instead of holding them all. Raises OutputError (a
    missing folder, a folder given as the file, an existing file without ``overwrite``, any
    write error, with the operating system's reason).
    """
    if _writes_in_place(path):
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                yield fh
        except OSError as exc:
            raise _fail(f"cannot write: {exc.strerror or exc}", path) from None
        return
    if path.is_symlink():  # a link to a file: the file it points to is what the user means
        path = path.resolve()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise _fail("cannot write here: the folder does not exist", path)
    if path.is_dir():
        raise _fail("is a folder; give a file name", path)
    if path.exists() and not overwrite:
        raise _fail("already exists; choose another name or pass --force", path)
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _fail(f"cannot write: {exc.strerror or exc}", path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_private(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` with mode 0600, replacing a regular file in one step (see private_writer)."""
    with private_writer(path, overwrite=overwrite) as fh:
        fh.write(text)
