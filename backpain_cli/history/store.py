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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.errors import BackpainError, Code, Problem
from backpain_cli.history.changes import PastCheckIn

if TYPE_CHECKING:
    from backpain_cli.assessment import Result

FILE_NAME: Final = "history.sqlite3"
SCHEMA_VERSION: Final = 2
BUSY_TIMEOUT_S: Final = 30.0
# How long forget waits for other readers before it says the log could not be emptied.
SCRUB_WAIT_MS = 5000


class HistoryError(BackpainError):
    """The history file cannot be used (not a database, newer than this program, unwritable)."""


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


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (_v1, _v2)
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

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (export, show)."""
        return {
            "id": self.id,
            "date": self.taken_on.isoformat(),
            "urgency": self.urgency,
            "imaging": self.imaging,
            "rules_version": self.rules_version,
            "recorded_at": self.recorded_at,
            "answers": self.answers,
        }


def past(check_ins: list[CheckIn]) -> list[PastCheckIn]:
    """Kept check-ins as the change rules read them."""
    return [PastCheckIn(c.taken_on, c.answers, c.urgency) for c in check_ins]


def keep(store: Store, result: Result, answers: dict[str, Any], on: dt.date) -> int:
    """Keep one check-in (answers, urgency, imaging, date, rules version); returns its number."""
    return store.add(
        on, answers, urgency=result.urgency.value, imaging=result.imaging.value, rules_version=result.versions.rules
    )


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


class Store:
    """An open history file. Use ``open_store`` (a context manager) to get one."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it lands, or none of it (BEGIN IMMEDIATE waits for other writers)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def add(
        self, taken_on: dt.date, answers: Mapping[str, Any], *, urgency: str, imaging: str, rules_version: str
    ) -> int:
        """Keep one check-in; returns its number. Only the answers given are stored (no blanks)."""
        given = {k: v for k, v in answers.items() if v is not None}
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO checkins (taken_on, answers, urgency, imaging, rules_version, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (taken_on.isoformat(), json.dumps(given, sort_keys=True), urgency, imaging, rules_version, now),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[CheckIn]:
        """Every check-in, oldest first (by date, then by the order they were kept)."""
        rows = self.db.execute(
            "SELECT id, taken_on, answers, urgency, imaging, rules_version, recorded_at FROM checkins"
            " ORDER BY taken_on, id"
        )
        return [_row(r, self.path) for r in rows]

    def get(self, number: int) -> CheckIn | None:
        """The check-in with this number, or None."""
        row = self.db.execute(
            "SELECT id, taken_on, answers, urgency, imaging, rules_version, recorded_at FROM checkins WHERE id = ?",
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


def _row(row: tuple[Any, ...], path: Path) -> CheckIn:
    try:
        answers = json.loads(row[2])
        if not isinstance(answers, dict):
            raise ValueError("not a mapping")
        return CheckIn(int(row[0]), dt.date.fromisoformat(row[1]), answers, row[3], row[4], row[5], row[6])
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


def _private_folder(folder: Path) -> None:
    """Create the folder owner-only (0700); an existing one keeps the permissions its owner chose."""
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)  # mkdir's mode is filtered by the umask


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
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return found


@contextlib.contextmanager
def open_store(path: Path | None = None, *, create: bool = True) -> Iterator[Store | None]:
    """Open (and with ``create``, create) the history; yields None when there is none and not ``create``.

    Raises HistoryError when the file is not a backpain history or cannot be opened.
    """
    path = path or history_path()
    if not path.exists():
        if not create:
            yield None
            return
        _private_folder(path.parent)
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise HistoryError(
                [Problem(f"cannot create the history: {exc.strerror or exc}", source=str(path))]
            ) from None
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise HistoryError([Problem(f"cannot open the history: {exc}", source=str(path))]) from None
    try:
        _refuse_newer(db)  # before anything is changed, even the journal mode in the header
        _patiently(lambda: db.execute("PRAGMA journal_mode=WAL"))
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA foreign_keys=ON")
        _patiently(lambda: migrate(db))
        yield Store(db, path)
    except sqlite3.DatabaseError as exc:
        raise HistoryError(
            [
                Problem(
                    f"this is not a backpain history that can be read ({exc})", source=str(path), code=Code.UNREADABLE
                )
            ]
        ) from None
    finally:
        db.close()
