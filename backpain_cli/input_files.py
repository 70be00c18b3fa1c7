"""Reading input files safely: only what a reader should read, and never more than a limit.

A content folder may hold anything a clinic's disk holds: a FIFO that would block forever, a
symlink to /dev/zero, an 800 MB log. Content files are read only when they are regular files under
a size limit. Answer files may also be pipes (a FIFO, /dev/stdin, a shell process substitution),
which are read whole, up to the same 1 MB limit as any answer file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

CONTENT_LIMIT: Final = 512 * 1024  # the largest shipped content file is about 13 KB
_CHUNK: Final = 64 * 1024


class NotRegularFile(ValueError):
    """The path names a folder, a device, a FIFO or a socket where a regular file is needed."""


class TooLarge(ValueError):
    """The file is over the size limit for its kind; ``size`` in bytes when known (a pipe's is not)."""

    def __init__(self, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.size = size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, *, limit: int, pipes: bool = False) -> bytes:
    """The bytes of ``path`` (symlinks followed), refusing what is not a regular file or is too big.

    With ``pipes``, a FIFO or character device is read too, in chunks, until its end or until the
    limit is passed. Raises FileNotFoundError, PermissionError or another OSError, NotRegularFile
    (the message names the kind), or TooLarge.
    """
    mode = os.stat(path).st_mode  # before opening: opening a FIFO to read blocks until a writer comes
    streamed = pipes and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))
    if not stat.S_ISREG(mode) and not streamed:
        raise NotRegularFile(f"is {_kind(mode)}, not a regular file")
    with open(path, "rb") as fh:
        info = os.fstat(fh.fileno())
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limit:
                raise TooLarge(f"is {info.st_size:,} bytes, over the {limit:,}-byte limit", info.st_size)
            data = fh.read(info.st_size + 1)  # what stat promised, plus a byte in case it grew
        else:
            chunks: list[bytes] = []
            total = 0
            while total <= limit and (chunk := fh.read(min(_CHUNK, limit + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"is over the {limit:,}-byte limit")
    return data


def read_text(path: Path, *, limit: int = CONTENT_LIMIT) -> str:
    """A content file's text: a regular UTF-8 file under ``limit`` bytes (raises as read_bytes does).

    A byte-order mark is dropped and Windows line ends become plain ones, as any editor may save
    them; the carriage return would otherwise count as a control character.
    """
    return read_bytes(path, limit=limit).decode("utf-8-sig").replace("\r\n", "\n")
