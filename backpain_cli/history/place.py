"""Where the history lives, and whether that place is the user's own and private before it is used.

The history holds every kept answer, so its folder and file must be the user's alone:

- Links: in the path to the folder, a link is followed only when it is the user's own or root's
  (``path_safety``); ``history.sqlite3`` itself, and its ``-wal``, ``-shm`` and ``-journal``
  companions, must not be links at all (a link could send the check-ins anywhere).
- Owners: the folder and every file must belong to the user running backpain. A history another
  user created first (in a shared BACKPAIN_HOME) is refused, never written into.
- Others: a folder other users can write to is refused (they could plant the companions SQLite
  opens by name, or swap the file), except backpain's own folder in the user data folder, which is
  made 0700 again. A file readable by others (restored from a backup as 0644) is made 0600 again,
  and the folder backpain created 0700; each is said once on standard error (``Place.notes``).

Every refusal is a HistoryError (exit 2) that says why and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from backpain_cli.errors import BackpainError, Code, Notice, Problem, Words
from backpain_cli.path_safety import UnsafePath, checks_owners, follow, me, others_can_write, user_name
from backpain_cli.safetext import printable_name

FILE_NAME: Final = "history.sqlite3"
COMPANIONS: Final = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside the database
_PRIVATE_FILE: Final = 0o600
_PRIVATE_FOLDER: Final = 0o700


class HistoryError(BackpainError):
    """The history file cannot be used (not a database, newer than this program, unwritable, unsafe)."""


def history_home() -> Path:
    """The folder that holds the history: BACKPAIN_HOME, else the user's data folder."""
    home = os.environ.get("BACKPAIN_HOME", "").strip()
    if home:
        return Path(home).expanduser()
    import platformdirs

    return platformdirs.user_data_path("backpain", appauthor=False)


def history_path() -> Path:
    """The history file's path (it may not exist yet)."""
    return history_home() / FILE_NAME


def chose_folder() -> bool:
    """Whether the user named the folder (BACKPAIN_HOME): then it is theirs to set up, not backpain's."""
    return bool(os.environ.get("BACKPAIN_HOME", "").strip())


def refused(message: str, path: Path, code: Code = Code.UNSAFE_PATH) -> HistoryError:
    return HistoryError([Problem(message, source=str(path), code=code)])


@dataclass
class Place:
    """The history's folder and file as checked, and what was made private on the way (to say once)."""

    folder: Path
    file: Path
    found: os.stat_result | None  # the file when checked; None when it does not exist
    notes: list[str] = field(default_factory=list)

    def writable(self) -> bool:
        """Whether this process can write the folder and the file (a read-only folder or mount: no)."""
        ok = os.access(self.folder, os.W_OK | os.X_OK)
        return ok and (self.found is None or os.access(self.file, os.W_OK))

    def same_file(self) -> bool:
        """Whether the file at the path is still the one checked (nobody swapped it meanwhile)."""
        try:
            now = os.lstat(self.file)
        except OSError:
            return False
        return self.found is None or (now.st_dev, now.st_ino) == (self.found.st_dev, self.found.st_ino)


def check_place(path: Path, *, create: bool, own_folder: bool) -> Place | None:
    """Check (and with ``create``, make) the history's folder and file; None when there is no history
    and ``create`` is false. ``own_folder``: the folder is backpain's own (not BACKPAIN_HOME), so it
    may be made private again. Raises HistoryError saying why a place is refused."""
    notes: list[str] = []
    folder = _folder(path.parent, create=create, own=own_folder, notes=notes)
    if folder is None:
        return None
    file = folder / path.name
    found = _file(file, create=create, notes=notes)
    if found is None and not create:
        return None
    return Place(folder, file, found, notes)


def _folder(home: Path, *, create: bool, own: bool, notes: list[str]) -> Path | None:
    try:
        folder = follow(home)
    except UnsafePath as exc:
        raise refused(f"the history's folder: {exc.describe(home)}", home) from None
    except OSError as exc:
        raise refused(f"cannot use the history's folder: {exc.strerror or exc}", home, Code.UNREADABLE) from None
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return None
        info = _make_folder(folder)
    except OSError as exc:
        raise refused(f"cannot use the history's folder: {exc.strerror or exc}", folder, Code.UNREADABLE) from None
    if not stat.S_ISDIR(info.st_mode):
        raise refused("the history's folder is not a folder", folder, Code.UNREADABLE)
    if not checks_owners():
        return folder
    mode = stat.S_IMODE(info.st_mode)
    if others_can_write(mode) and not (own and info.st_uid == me()):
        raise refused(_shared_folder(mode), folder)
    if info.st_uid != me():
        raise refused(
            f"the history's folder belongs to another user ({user_name(info.st_uid)}); backpain keeps your "
            "check-ins only in a folder of your own: set BACKPAIN_HOME to one",
            folder,
        )
    if own and mode & 0o077:
        try:
            os.chmod(folder, _PRIVATE_FOLDER)
            notes.append(
                Notice(
                    f"{printable_name(str(folder))}: other users could open the history's folder; it is private "
                    "again (0700)",
                    Words.of("history_folder_private", path=folder),
                )
            )
        except OSError as exc:
            if others_can_write(mode):
                raise refused(_shared_folder(mode), folder) from None
            notes.append(
                Notice(
                    f"{printable_name(str(folder))}: other users can open the history's folder, and it could not "
                    f"be made private ({exc.strerror or exc})",
                    Words.of("history_folder_open", path=folder),
                )
            )
    return folder


def _shared_folder(mode: int) -> str:
    return (
        f"the history's folder can be written by other users (mode {mode:04o}), who could read or change the "
        "check-ins: keep it in a folder only you can write (chmod go-w on it, or another BACKPAIN_HOME)"
    )


def _make_folder(folder: Path) -> os.stat_result:
    """Create the folder owner-only (0700); its missing parents get the usual permissions."""
    try:
        folder.mkdir(mode=_PRIVATE_FOLDER, parents=True)
        os.chmod(folder, _PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass  # made meanwhile, by another backpain or someone else: checked like any folder
    except OSError as exc:
        raise _os_error("cannot create the history's folder", exc, folder) from None
    return os.lstat(folder)


def _file(file: Path, *, create: bool, notes: list[str]) -> os.stat_result | None:
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        if not create:
            return None
        info = _make_file(file)
    except OSError as exc:
        raise refused(f"cannot use the history: {exc.strerror or exc}", file, Code.UNREADABLE) from None
    _check_file(file, info, what="the history")
    loose = [file] if stat.S_IMODE(info.st_mode) & 0o077 else []
    for suffix in COMPANIONS:
        companion = Path(f"{file}{suffix}")
        try:
            other = os.lstat(companion)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise refused(f"cannot use the history: {exc.strerror or exc}", companion, Code.UNREADABLE) from None
        _check_file(companion, other, what=f"the history's {suffix[1:]} file")
        if stat.S_IMODE(other.st_mode) & 0o077:
            loose.append(companion)
    if loose:
        try:
            for path in loose:
                os.chmod(path, _PRIVATE_FILE)
            notes.append(
                Notice(
                    f"{printable_name(str(file))}: other users could read the history; it is private again (0600)",
                    Words.of("history_file_private", path=file),
                )
            )
        except OSError as exc:
            notes.append(
                Notice(
                    f"{printable_name(str(file))}: other users can read the history, and it could not be made "
                    f"private ({exc.strerror or exc})",
                    Words.of("history_file_open", path=file),
                )
            )
    return info


def _check_file(path: Path, info: os.stat_result, *, what: str) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise refused(
            f"{what} is a link; backpain keeps check-ins only in a real file in the history's folder (a link "
            "could send them anywhere): put the file itself there, or point BACKPAIN_HOME at its folder",
            path,
        )
    if not stat.S_ISREG(info.st_mode):
        raise refused(f"{what} is not a regular file", path, Code.UNREADABLE)
    if checks_owners() and info.st_uid != me():
        raise refused(
            f"{what} belongs to another user ({user_name(info.st_uid)}), who could read the check-ins kept in "
            "it; backpain does not use it: move it away (a new history is then started), or set BACKPAIN_HOME",
            path,
        )


def _make_file(file: Path) -> os.stat_result:
    """A new, empty, owner-only file: never an existing one, never through a link."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(file, flags, _PRIVATE_FILE))
    except FileExistsError:
        pass  # made meanwhile: checked like any file
    except OSError as exc:
        raise _os_error("cannot create the history", exc, file) from None
    return os.lstat(file)


def _os_error(doing: str, exc: OSError, path: Path) -> HistoryError:
    """An operating-system error in words of its own: a full disk and a read-only folder are not bad files."""
    if exc.errno == errno.ENOSPC:
        return refused(f"{doing}: the disk is full; free some space and try again", path, Code.DISK_FULL)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return refused(
            f"{doing}: its folder cannot be written ({exc.strerror}); to keep check-ins, make it writable or set "
            "BACKPAIN_HOME to a folder you can write",
            path,
            Code.READ_ONLY,
        )
    return refused(f"{doing}: {exc.strerror or exc}", path, Code.UNREADABLE)
