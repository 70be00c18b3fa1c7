"""The check-in history: one SQLite file on this computer, written only when the user asks.

Where: ``history.sqlite3`` in BACKPAIN_HOME (a folder) when set, else in the user's data folder
(platformdirs: ~/.local/share/backpain on Linux). The folder is created 0700, the file 0600; SQLite
gives its -wal and -shm files the database file's permissions.

Safety of the data: WAL mode, ``synchronous=FULL`` and one ``BEGIN IMMEDIATE`` transaction per
write, so two backpain processes at once wait for each other (busy timeout) and a process killed
mid-write leaves every earlier check-in intact. ``secure_delete`` overwrites deleted rows; ``forget``
then vacuums and truncates the write-ahead log, so no trace of the answers stays in the files.

What a row holds: the answer mapping (JSON), the urgency and imaging it got, its date, the rules
version that decided it, and when it was recorded. Nothing else (no name, no file path).

Schema versions (PRAGMA user_version), each with its migration from the one before:
1. ``checkins(id, taken_on, answers, urgency, imaging)``
2. adds ``rules_version`` and ``recorded_at``, and an index on ``taken_on``.
3. adds ``red_flags``: the ids of the red-flag rules the check-in raised, as a JSON list (issue 22,
   for ``history recheck``); empty text for a check-in kept before (not recorded).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.errors import Code, Problem
from backpain_cli.history.changes import PastCheckIn
from backpain_cli.history.place import (
    FILE_NAME,
    HistoryError,
    Place,
    check_place,
    chose_folder,
    history_home,
    history_path,
    refused,
)
from backpain_cli.levels import Urgency

if TYPE_CHECKING:
    from backpain_cli.assessment import Result

__all__ = ["FILE_NAME", "CheckIn", "HistoryError", "Store", "history_home", "history_path", "keep", "open_store"]

SCHEMA_VERSION: Final = 3
BUSY_TIMEOUT_S: Final = 30.0
# How long forget waits for other readers before it says the log could not be emptied.
SCRUB_WAIT_MS = 5000
# SQLite's primary result codes (https://sqlite.org/rescode.html) that have words of their own.
_BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN = 5, 6, 8, 10, 13, 14
_URGENCIES: Final = frozenset(u.value for u in Urgency)
# What a history that cannot be written just now gives when opened to be written.
_CANNOT_WRITE: Final = frozenset({_READONLY, _CANTOPEN, _IOERR, _FULL})


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE checkins ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " taken_on TEXT NOT NULL,"
        " answers TEXT NOT NULL,"
        " urgency TEXT NOT NULL,"
        " imaging TEXT NOT NULL)"
    )


def _v2(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE checkins ADD COLUMN rules_version TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE checkins ADD COLUMN recorded_at TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX checkins_taken_on ON checkins (taken_on, id)")


def _v3(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE checkins ADD COLUMN red_flags TEXT NOT NULL DEFAULT ''")


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (_v1, _v2, _v3)
assert len(MIGRATIONS) == SCHEMA_VERSION


@dataclass(frozen=True)
class CheckIn:
    """One kept check-in: its number, date, answers (only those given), and what they got."""

    id: int
    taken_on: dt.date
    answers: dict[str, Any]
    urgency: str
    imaging: str
    rules_version: str
    recorded_at: str
    # The red-flag rules it raised (rule ids), or None when not recorded (kept before schema 3).
    red_flags: tuple[str, ...] | None = None

    @property
    def known_urgency(self) -> str | None:
        """The urgency when it is one of the four levels, else None (a hand-edited row)."""
        return self.urgency if self.urgency in _URGENCIES else None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (export, show)."""
        return {
            "id": self.id,
            "date": self.taken_on.isoformat(),
            "urgency": self.urgency,
            "imaging": self.imaging,
            "rules_version": self.rules_version,
            "recorded_at": self.recorded_at,
            "red_flags": None if self.red_flags is None else list(self.red_flags),
            "answers": self.answers,
        }


def past(check_ins: list[CheckIn]) -> list[PastCheckIn]:
    """Kept check-ins as the change rules read them (an urgency that is not one of the four, as a
    hand-edited row may hold, counts as unknown: it reaches no result, chart or schema)."""
    return [PastCheckIn(c.taken_on, c.answers, c.known_urgency) for c in check_ins]


def keep(store: Store, result: Result, answers: dict[str, Any], on: dt.date) -> int:
    """Keep one check-in (answers, urgency, imaging, date, rules version, red flags); returns its number."""
    return store.add(
        on,
        answers,
        urgency=result.urgency.value,
        imaging=result.imaging.value,
        rules_version=result.versions.rules,
        red_flags=tuple(f.rule.id for f in result.red_flags),
    )


class Store:
    """An open history file. Use ``open_store`` (a context manager) to get one."""

    def __init__(
        self, db: sqlite3.Connection, path: Path, *, notes: tuple[str, ...] = (), read_only: bool = False
    ) -> None:
        self.db = db
        self.path = path
        self.notes = notes  # what was made private on the way in, for the caller to say once
        self.read_only = read_only

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it lands, or none of it (BEGIN IMMEDIATE waits for other writers)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            _roll_back(self.db)
            raise
        self.db.execute("COMMIT")

    def add(
        self,
        taken_on: dt.date,
        answers: Mapping[str, Any],
        *,
        urgency: str,
        imaging: str,
        rules_version: str,
        red_flags: tuple[str, ...] | None = None,
    ) -> int:
        """Keep one check-in; returns its number. Only the answers given are stored (no blanks)."""
        flags = "" if red_flags is None else json.dumps(list(red_flags))
        given = {k: v for k, v in answers.items() if v is not None}
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO checkins (taken_on, answers, urgency, imaging, rules_version, recorded_at, red_flags)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (taken_on.isoformat(), json.dumps(given, sort_keys=True), urgency, imaging, rules_version, now, flags),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[CheckIn]:
        """Every check-in, oldest first (by date, then by the order they were kept)."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM checkins ORDER BY taken_on, id")
        return [_row(r, self.path) for r in rows]

    def get(self, number: int) -> CheckIn | None:
        """The check-in with this number, or None."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM checkins WHERE id = ?",
            (number,),
        ).fetchone()
        return _row(row, self.path) if row else None

    def forget(self, number: int | None) -> list[CheckIn]:
        """Delete one check-in (or all with None), then vacuum: returns what was removed.

        Raises HistoryError after deleting when another process kept the log from being emptied
        (the deleted rows are gone, but old copies of their pages may stay until it closes).
        """
        with self._write() as db:
            if number is None:
                gone = self.all()
                db.execute("DELETE FROM checkins")
                db.execute("DELETE FROM sqlite_sequence WHERE name = 'checkins'")
            else:
                one = self.get(number)
                gone = [one] if one else []
                db.execute("DELETE FROM checkins WHERE id = ?", (number,))
        self.scrub()  # even when nothing matched: running forget again finishes a scrub that was blocked
        return gone

    def scrub(self) -> None:
        """Rewrite the file without free pages, and empty the write-ahead log into it.

        Raises HistoryError when another connection is reading, so the log could not be emptied.
        """
        self.db.execute("VACUUM")
        self.db.execute(f"PRAGMA busy_timeout = {int(SCRUB_WAIT_MS)}")
        busy = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if busy:
            raise HistoryError(
                [
                    Problem(
                        "removed, but another backpain is using the history, so old copies may stay in the "
                        "file until it stops: run the same forget command again then",
                        source=str(self.path),
                    )
                ]
            )


_COLUMNS: Final = "id, taken_on, answers, urgency, imaging, rules_version, recorded_at, red_flags"


def _row(row: tuple[Any, ...], path: Path) -> CheckIn:
    try:
        answers = json.loads(row[2])
        if not isinstance(answers, dict):
            raise ValueError("not a mapping")
        flags = json.loads(row[7]) if row[7] else None
        if flags is not None and not (isinstance(flags, list) and all(isinstance(f, str) for f in flags)):
            raise ValueError("its red flags are not a list of rule ids")
        red_flags = None if flags is None else tuple(flags)
        return CheckIn(int(row[0]), dt.date.fromisoformat(row[1]), answers, row[3], row[4], row[5], row[6], red_flags)
    except (ValueError, TypeError) as exc:
        raise HistoryError(
            [
                Problem(
                    f"check-in {row[0]} cannot be read ({exc}); forget it with: backpain history forget {row[0]}",
                    source=str(path),
                    code=Code.UNREADABLE,
                )
            ]
        ) from None


def _patiently(step: Callable[[], object]) -> None:
    """Run one setup step, again while another process holds the lock (up to BUSY_TIMEOUT_S).

    SQLite does not call the busy handler for every lock it meets while two processes set up a
    new file at once (switching it to WAL, or the first migration), so "database is locked" can
    come at once; waiting a little and trying again is what the busy handler would have done.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _refuse_newer(db: sqlite3.Connection) -> int:
    found = int(db.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise HistoryError(
            f"the history file was written by a newer backpain (schema {found}, this one reads up to "
            f"{SCHEMA_VERSION}): update backpain to use it"
        )
    return found


def migrate(db: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION, one version per transaction; returns the version found.

    Raises HistoryError for a file written by a newer backpain (it is left untouched).
    """
    found = _refuse_newer(db)
    for version in range(found, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if int(db.execute("PRAGMA user_version").fetchone()[0]) == version:
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            _roll_back(db)
            raise
        db.execute("COMMIT")
    return found


def _roll_back(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it does on a full disk, for one), so the
    error that stopped it is the one reported."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


@contextlib.contextmanager
def open_store(path: Path | None = None, *, create: bool = True, write: bool = True) -> Iterator[Store | None]:
    """Open (and with ``create``, create) the history; yields None when there is none and not ``create``.

    The folder and file are checked first (``history.place``: the user's own, no links, private).
    Without ``write`` (listing, show, export), a history whose folder cannot be written is opened
    read-only. Raises HistoryError saying what is wrong: an unsafe place, a lock held past
    BUSY_TIMEOUT_S, a full disk, a read-only folder, or a file that is not a backpain history.
    """
    own_folder = path is None and not chose_folder()
    path = path or history_path()
    place = check_place(path, create=create, own_folder=own_folder)
    if place is None:
        yield None
        return
    read_only = not write and not place.writable()
    db = _connect(place, read_only=read_only)
    try:
        if not place.same_file():
            raise refused(
                "the history was replaced while backpain was opening it; nothing was read or written", place.file
            )
        if read_only:
            db = _open_read_only(db, place)
        else:
            try:
                _set_up(db)
            except sqlite3.OperationalError as exc:
                if write or _primary(exc) not in _CANNOT_WRITE:
                    raise
                # Listing and export read the history as it is when it cannot be written just now
                # (a full disk: SQLite cannot even grow its -shm file to open it for writing).
                db.close()
                db = _open_read_only(_connect(place, read_only=True), place)
                read_only = True
        yield Store(db, place.file, notes=tuple(place.notes), read_only=read_only)
    except sqlite3.Error as exc:
        raise explain(exc, place) from None
    finally:
        db.close()


def _set_up(db: sqlite3.Connection) -> None:
    """A history opened to be written: WAL, full syncs, deleted rows overwritten, the schema up to date."""
    _refuse_newer(db)  # before anything is changed, even the journal mode in the header
    _patiently(lambda: db.execute("PRAGMA journal_mode=WAL"))
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA secure_delete=ON")
    db.execute("PRAGMA foreign_keys=ON")
    _patiently(lambda: migrate(db))


def _primary(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error (the low byte of its extended code)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _connect(place: Place, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    target: str | Path = place.file
    if read_only:
        # A URI, so the file is opened read-only and never created; immutable: no locks, no -shm.
        target = f"file:{urllib.parse.quote(str(place.file))}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=read_only)
    except sqlite3.Error as exc:
        raise explain(exc, place) from None


def _open_read_only(db: sqlite3.Connection, place: Place) -> sqlite3.Connection:
    """The history read as it is, in a folder that cannot be written: no journal change, no migration.

    SQLite reads a WAL history read-only only through its -shm file, which it cannot create in a
    read-only folder; with no -wal file either (everything is in the main file, as after every
    clean close), the file is opened as immutable instead. A -wal file without its -shm holds
    check-ins not yet in the main file, which cannot then be read safely: that is said, not guessed.
    """
    try:
        _check_read_only(db, place)
        return db
    except sqlite3.OperationalError as exc:
        if _primary(exc) not in _CANNOT_WRITE:
            raise
    db.close()
    wal = Path(f"{place.file}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        full = _disk_full(place)
        raise refused(
            f"the history cannot be written just now ({'the disk is full' if full else 'its folder is read-only'}), "
            f"and it has check-ins not yet moved into its main file ({wal.name}), which cannot be read without "
            f"writing: {'free some space' if full else 'make the folder writable once'}, then try again",
            place.file,
            Code.DISK_FULL if full else Code.READ_ONLY,
        )
    db = _connect(place, read_only=True, immutable=True)
    try:
        _check_read_only(db, place)
    except BaseException:
        db.close()
        raise
    return db


def _check_read_only(db: sqlite3.Connection, place: Place) -> None:
    db.execute("PRAGMA query_only=ON")
    found = _refuse_newer(db)
    if found < SCHEMA_VERSION:
        raise refused(
            f"the history was written by an older backpain (schema {found}) and must be brought up to date "
            "before it can be read, but its folder cannot be written: make it writable once, then try again",
            place.file,
            Code.READ_ONLY,
        )


def explain(exc: sqlite3.Error, place: Place) -> HistoryError:
    """A SQLite error in words of its own: a lock, a full disk and a read-only folder are not a bad file."""
    primary = _primary(exc)
    if primary in (_BUSY, _LOCKED):
        return refused(
            f"another program has held the history locked for over {BUSY_TIMEOUT_S:g} seconds (another backpain "
            "keeping a check-in?); nothing was changed: try again when it has finished",
            place.file,
            Code.BUSY,
        )
    if primary == _FULL or (primary == _IOERR and _disk_full(place)):
        return refused(
            "the disk is full, so the history could not be written; nothing was changed: free some space and try again",
            place.file,
            Code.DISK_FULL,
        )
    if primary == _READONLY or (primary == _CANTOPEN and not place.writable()):
        return refused(
            "the history's folder or file cannot be written (read-only); `backpain history`, `show` and `export` "
            "still read it, but to keep or forget check-ins make it writable, or set BACKPAIN_HOME to a folder "
            "you can write",
            place.file,
            Code.READ_ONLY,
        )
    if primary == _IOERR:
        return refused(f"the history could not be read or written: {exc}", place.file, Code.UNREADABLE)
    return refused(f"this is not a backpain history that can be read ({exc})", place.file, Code.UNREADABLE)


def _disk_full(place: Place) -> bool:
    """Whether the disk that holds the history has no space left (SQLite says only "disk I/O error")."""
    try:
        return os.statvfs(place.folder).f_bavail == 0
    except (OSError, AttributeError):  # no statvfs (Windows), or the folder cannot be asked
        return False
