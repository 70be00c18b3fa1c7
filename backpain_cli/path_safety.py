"""Whether a path is the user's own choice: the kernel's ``protected_symlinks`` and ``protected_regular``
rules, in backpain's own code, for every file it writes and the history it keeps.

Many machines run with ``fs.protected_symlinks`` and ``fs.protected_regular`` off (containers, older
or tuned kernels), and a program run as root in a folder everyone can write to (``/tmp``) would then
write wherever another user's link points. So backpain checks for itself:

- **Links.** A link is followed only when it belongs to the user running backpain, or to root (who
  could write anywhere anyway: ``/dev/stdout`` is root's link). A link made by another user is
  refused, in every part of the path, wherever it is: the kernel refuses it only in sticky
  world-writable folders, but outside them it is just as much another user's choice.
- **Shared folders.** A folder others can write to (world-writable, or group-writable with the sticky
  bit: ``/tmp``, ``/var/tmp``, ``/dev/shm``, a team's drop folder). An existing file, link target,
  pipe or device there is written or replaced only when it belongs to the user running backpain.
- Links under ``/proc`` (``/proc/self/fd/1``, which ``/dev/stdout`` points to) are the kernel's own
  and name the process's open files: they are left to the kernel to follow.

Nothing here writes; ``output_files`` and ``history.store`` decide what to do with the answers.
On Windows (no owners, links or sticky bits in this sense) every path is taken as it is.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Final

MAX_LINKS: Final = 40  # as the kernel's ELOOP limit
_PROC: Final = Path("/proc")


class UnsafePath(Exception):
    """A path backpain will not use: ``where`` is the part that was refused, ``reason`` says why
    (a phrase that follows the path: "is a link made by another user ...")."""

    def __init__(self, reason: str, where: Path) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def describe(self, given: Path) -> str:
        """The reason, naming the refused part when it is not ``given`` itself (a link's target)."""
        from backpain_cli.safetext import printable_name

        if Path(os.path.abspath(given)) == self.where:
            return self.reason
        return f"{printable_name(str(self.where))} {self.reason}"


def checks_owners() -> bool:
    """Whether this system has file owners to check (every system but Windows)."""
    return sys.platform != "win32"


def me() -> int:
    """The effective user id that files are created and checked as (-1 where there are none)."""
    return os.geteuid() if sys.platform != "win32" else -1


def user_name(uid: int) -> str:
    """``name, uid N`` when the system knows the name, else ``uid N``."""
    if sys.platform == "win32":
        return f"uid {uid}"
    import pwd

    try:
        return f"{pwd.getpwuid(uid).pw_name}, uid {uid}"
    except KeyError:
        return f"uid {uid}"


def is_shared(mode: int) -> bool:
    """Whether a folder with this mode lets other users create or replace entries in it."""
    return bool(mode & stat.S_IWOTH) or bool(mode & stat.S_ISVTX and mode & stat.S_IWGRP)


def others_can_write(mode: int) -> bool:
    """Whether a folder with this mode lets anyone but its owner add, remove or rename entries."""
    return bool(mode & (stat.S_IWOTH | stat.S_IWGRP))


def under_proc(path: Path) -> bool:
    """Whether ``path`` is in /proc, whose links the kernel makes (a process's own open files)."""
    return path == _PROC or _PROC in path.parents


def trusted_link(info: os.stat_result) -> bool:
    """Whether a link with this ``lstat`` may be followed: it is the user's own, or root's."""
    return not checks_owners() or info.st_uid in (me(), 0)


def follow(path: Path) -> Path:
    """``path`` made absolute with every link in it followed, each one checked (see the module).

    The result has no link left in it, except under /proc (the kernel's own, left for it to
    follow). Parts that do not exist yet end the walk: what follows them is kept as given. Raises
    UnsafePath for a link another user made, or for a loop of links.
    """
    if not checks_owners():
        return Path(os.path.abspath(path))
    if path.is_absolute():
        current, rest = Path(path.anchor), list(path.parts[1:])
    else:
        current, rest = Path(os.getcwd()), list(path.parts)  # the working folder is physical: no links
    hops = 0
    while rest:
        part = rest.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent  # ``current`` holds no link, so ".." means its real parent
            continue
        candidate = current / part
        if under_proc(candidate):
            return candidate.joinpath(*rest)
        try:
            info = os.lstat(candidate)
        except OSError:  # missing, not a folder, or not searchable: the caller says which
            return candidate.joinpath(*rest)
        if not stat.S_ISLNK(info.st_mode):
            current = candidate
            continue
        if not trusted_link(info):
            raise UnsafePath(
                f"is a link made by another user ({user_name(info.st_uid)}); backpain does not follow links "
                "other people made",
                candidate,
            )
        hops += 1
        if hops > MAX_LINKS:
            raise UnsafePath("has too many links in a row (a loop?)", candidate)
        target = Path(os.readlink(candidate))
        if target.is_absolute():
            current = Path(target.anchor)
            rest = list(target.parts[1:]) + rest
        else:
            rest = list(target.parts) + rest
    return current


def refuse_foreign_entry(path: Path, info: os.stat_result, folder_mode: int) -> None:
    """Raise UnsafePath when ``path`` (found with ``info``) belongs to another user and sits in a
    shared folder (``folder_mode``): writing into it, or replacing it, would use a name another
    user chose."""
    if checks_owners() and is_shared(folder_mode) and info.st_uid != me():
        raise UnsafePath(
            f"belongs to another user ({user_name(info.st_uid)}) and is in a folder other users can write "
            "to; backpain does not write over it: choose another name or folder",
            path,
        )
