"""Writing files: atomically, where the user chose, and readable by their owner only when they may hold answers.

A new or regular file is written through a temporary file beside it (created 0600 with ``O_EXCL``
and ``O_NOFOLLOW``) and renamed over it, so a crash or a full disk never leaves a half-written
summary, no other user can read it at any moment, and nothing is ever written *through* a link
that appears meanwhile: a rename replaces the name itself. A file that holds no patient data (the
FHIR Questionnaire, which a web server must be able to read) is written the same way with the
ordinary mode, 0644 less the umask (``write_public``). Anything else the user names
(``/dev/stdout``, ``/dev/null``, a FIFO, a terminal) is written into, never replaced: as root, a
rename would swap a device node for a regular file.

Before any of that, ``path_safety`` checks the path as the kernel's ``protected_symlinks`` and
``protected_regular`` would: a link another user made is never followed, and an existing file,
pipe or device in a folder others can write to (``/tmp``) is used only when it is the user's own.
Every refusal says why (OutputError, exit 2).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

from backpain_cli.errors import Code, OutputError, Problem
from backpain_cli.path_safety import UnsafePath, follow, refuse_foreign_entry, under_proc

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_NOCTTY: Final = getattr(os, "O_NOCTTY", 0)
_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
# os.replace takes folder handles wherever os.rename does (both are renameat), but only rename is listed.
_DIR_FD: Final = os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


def _fail(message: str, path: Path, code: Code = Code.OUTPUT) -> OutputError:
    return OutputError([Problem(message, source=str(path), code=code)])


def _unsafe(exc: UnsafePath, path: Path) -> OutputError:
    return _fail(exc.describe(path), path, Code.UNSAFE_PATH)


@dataclass(frozen=True)
class _Plan:
    """Where a write goes, as checked: the real path (links followed), and what was there."""

    real: Path
    in_place: bool  # a device, a pipe, or the caller's own stream: written into, never replaced
    found: os.stat_result | None  # what the name held when checked (None: nothing yet)
    folder: os.stat_result | None  # the folder that holds it (None when written in place)


def _plan(path: Path, *, overwrite: bool) -> _Plan:
    """Check ``path`` and say how to write it; OutputError (exit 2) with the reason when it cannot be."""
    try:
        real = follow(path)
    except UnsafePath as exc:
        raise _unsafe(exc, path) from None
    except OSError as exc:
        raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
    try:
        # Under /proc the name is the kernel's link to an open file: what it reaches is what counts.
        found: os.stat_result | None = os.stat(real) if under_proc(real) else os.lstat(real)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise _fail("is a folder; give a file name", path)
    if found is not None and (under_proc(real) or not stat.S_ISREG(found.st_mode)):
        if not under_proc(real):
            _check_entry(path, real, found)
        return _Plan(real, True, found, None)
    try:
        folder = os.stat(real.parent)
    except OSError:
        folder = None
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        raise _fail("cannot write here: the folder does not exist", path)
    if found is not None:
        _check_entry(path, real, found, folder)
        if not overwrite:
            raise _fail("already exists; choose another name or pass --force", path)
    return _Plan(real, False, found, folder)


def _check_entry(path: Path, real: Path, found: os.stat_result, folder: os.stat_result | None = None) -> None:
    if folder is None:
        try:
            folder = os.stat(real.parent)
        except OSError as exc:
            raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
    try:
        refuse_foreign_entry(real, found, folder.st_mode)
    except UnsafePath as exc:
        raise _unsafe(exc, path) from None


def check_writable(path: Path, *, overwrite: bool = True) -> Problem | None:
    """Why ``path`` cannot be written (the checks ``private_writer`` makes first), or None when it can."""
    try:
        _plan(path, overwrite=overwrite)
    except OutputError as exc:
        return exc.problems[0]
    return None


@contextlib.contextmanager
def private_writer(path: Path, *, overwrite: bool = True, private: bool = True) -> Iterator[TextIO]:
    """A UTF-8 text stream that lands at ``path`` when the block ends without an error.

    Lets a large batch stream its lines instead of holding them all. The file is 0600 unless
    ``private`` is False (only for files without patient data): then 0644 less the umask. Raises
    OutputError (a missing folder, a folder given as the file, an existing file without
    ``overwrite``, a path another user chose, any write error, with the operating system's reason).
    """
    plan = _plan(path, overwrite=overwrite)
    if plan.in_place:
        with _in_place(path, plan) as fh:
            yield fh
        return
    with _replacing(path, plan, overwrite=overwrite, private=private) as fh:
        yield fh


@contextlib.contextmanager
def _in_place(path: Path, plan: _Plan) -> Iterator[TextIO]:
    """Write into a device, a pipe or the caller's own stream: opened without O_CREAT, and only if it is
    still what was checked (a name swapped for a link meanwhile is refused by O_NOFOLLOW)."""
    assert plan.found is not None
    flags = os.O_WRONLY | os.O_TRUNC | _NOCTTY | _CLOEXEC | (0 if under_proc(plan.real) else _NOFOLLOW)
    try:
        fd = os.open(plan.real, flags)
    except OSError as exc:
        raise _fail(f"cannot write: {exc.strerror or exc}", path) from None
    opened = os.fstat(fd)
    if (opened.st_dev, opened.st_ino) != (plan.found.st_dev, plan.found.st_ino):
        os.close(fd)
        raise _fail("changed while backpain was checking it; nothing was written", path, Code.UNSAFE_PATH)
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
    except OSError as exc:
        raise _fail(f"cannot write: {exc.strerror or exc}", path) from None


@contextlib.contextmanager
def _replacing(path: Path, plan: _Plan, *, overwrite: bool, private: bool = True) -> Iterator[TextIO]:
    """Write a temporary file beside the target and rename it over the target's name, in one step.

    The folder is opened once and used by handle, so a folder swapped for another (or for a
    link) after the checks cannot redirect the file.
    """
    folder = _Folder.open(path, plan)
    try:
        temp, fd = folder.create_temp(plan.real.name, path, 0o600 if private else 0o644)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
                if private and hasattr(os, "fchmod"):  # exactly 0600 whatever the umask; by handle, never by name
                    os.fchmod(fh.fileno(), 0o600)
            folder.check_again(plan, path, overwrite=overwrite)
            folder.replace(temp, plan.real.name)
        except OSError as exc:
            folder.remove(temp)
            raise _fail(f"cannot write: {exc.strerror or exc}", path) from None
        except BaseException:
            folder.remove(temp)
            raise
    finally:
        folder.close()


@dataclass
class _Folder:
    """The folder a file is replaced in: by an open handle where the system allows, else by path."""

    path: Path
    fd: int | None

    @classmethod
    def open(cls, path: Path, plan: _Plan) -> _Folder:
        folder = plan.real.parent
        if not _DIR_FD:
            return cls(folder, None)
        try:
            fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        except OSError as exc:
            raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
        opened = os.fstat(fd)
        assert plan.folder is not None
        if (opened.st_dev, opened.st_ino) != (plan.folder.st_dev, plan.folder.st_ino):
            os.close(fd)
            raise _fail(
                "its folder changed while backpain was checking it; nothing was written", path, Code.UNSAFE_PATH
            )
        return cls(folder, fd)

    def name(self, entry: str) -> str:
        """How to name an entry of this folder in a call: by itself with the handle, else in full."""
        return entry if self.fd is not None else str(self.path / entry)

    def create_temp(self, target: str, path: Path, mode: int = 0o600) -> tuple[str, int]:
        """A new, empty temporary file (never an existing one, never through a link): ``mode`` less
        the umask, as the kernel applies it."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | getattr(os, "O_BINARY", 0)
        for _ in range(100):
            temp = f".{target}.{secrets.token_hex(4)}.tmp"
            try:
                return temp, os.open(self.name(temp), flags, mode, dir_fd=self.fd)
            except FileExistsError:
                continue
            except OSError as exc:
                raise _fail(f"cannot write here: {exc.strerror or exc}", path) from None
        raise _fail("cannot write here: no free temporary name", path)

    def check_again(self, plan: _Plan, path: Path, *, overwrite: bool) -> None:
        """Just before the rename: what the name holds now must still be fine to replace."""
        try:
            now = os.stat(self.name(plan.real.name), dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return
        if stat.S_ISDIR(now.st_mode):
            raise _fail("is a folder; give a file name", path)
        assert plan.folder is not None
        try:
            refuse_foreign_entry(plan.real, now, plan.folder.st_mode)
        except UnsafePath as exc:
            raise _unsafe(exc, path) from None
        if plan.found is None and not overwrite:
            raise _fail("already exists; choose another name or pass --force", path)

    def replace(self, temp: str, target: str) -> None:
        os.replace(self.name(temp), self.name(target), src_dir_fd=self.fd, dst_dir_fd=self.fd)
        if self.fd is not None:
            with contextlib.suppress(OSError):  # the rename itself is durable once the folder is
                os.fsync(self.fd)

    def remove(self, temp: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.name(temp), dir_fd=self.fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def write_private(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` with mode 0600, replacing a regular file in one step (see private_writer)."""
    with private_writer(path, overwrite=overwrite) as fh:
        fh.write(text)


def write_public(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` that holds no patient data to ``path`` as any program would (0644 less the
    umask), with every other rule of ``private_writer``: atomic, never where another user chose."""
    with private_writer(path, overwrite=overwrite, private=False) as fh:
        fh.write(text)
