"""Where the history lives (issue 19): the user's own folder and file, no links, private, and each
environment failure (a lock, a full disk, a read-only folder) in words of its own.

Run as root (as scripts in containers do) and as an unprivileged user (a forked child that drops to
nobody), with the other user's files made by ``os.chown`` to uid 65533.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.errors import Code
from backpain_cli.history import store as st
from backpain_cli.history.store import HistoryError, open_store
from tests.users import IS_ROOT, NOBODY, actor, as_user, give, needs_root, open_tmp, sticky_folder

__all__ = ["actor", "open_tmp"]  # fixtures

DAY = dt.date(2026, 11, 1)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_one(path: Path | None = None) -> int:
    with open_store(path) as store:
        assert store is not None
        return store.add(DAY, {"age": 40, "pain_score": 5}, urgency="routine", imaging="none", rules_version="r")


def problem_of(call: Callable[[], Any]) -> tuple[Code, str]:
    """The code and message of the HistoryError ``call`` raises."""
    with pytest.raises(HistoryError) as caught:
        call()
    problem = caught.value.problems[0]
    return problem.code, problem.describe()


def opened(**options: Any) -> Callable[[], None]:
    def call() -> None:
        with open_store(**options):
            pass

    return call


@pytest.fixture
def own_home(open_tmp: Path, actor: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BACKPAIN_HOME: a folder of the actor's own, in a folder every user can reach."""
    folder = open_tmp / "home"
    folder.mkdir(mode=0o700)
    give(folder, actor)
    monkeypatch.setenv("BACKPAIN_HOME", str(folder))
    return folder


def in_child(actor: int | None, call: Callable[[], Any]) -> Any:
    """``call`` as the actor; a HistoryError comes back as (code, message)."""

    def wrapped() -> Any:
        try:
            return ("ok", call())
        except HistoryError as exc:
            return (exc.problems[0].code, exc.problems[0].describe())

    return as_user(actor, wrapped)


# ---------------------------------------------------------------- files and folders of other users


@needs_root
def test_a_history_another_user_created_first_is_never_written_into(own_home: Path, actor: int) -> None:
    """The attack: another user makes an empty, world-readable history.sqlite3 before the first check-in."""
    planted = own_home / "history.sqlite3"
    planted.write_bytes(b"")
    planted.chmod(0o666)
    give(planted)
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "belongs to another user (uid 65533)" in message
    assert planted.read_bytes() == b"" and sorted(p.name for p in own_home.iterdir()) == ["history.sqlite3"]


@needs_root
def test_a_shared_history_folder_is_refused_before_anything_is_kept(
    open_tmp: Path, actor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = sticky_folder(open_tmp)
    monkeypatch.setenv("BACKPAIN_HOME", str(shared))
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "can be written by other users (mode 1777)" in message
    assert list(shared.iterdir()) == []


@needs_root
def test_a_history_folder_of_another_user_is_refused(
    open_tmp: Path, actor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = open_tmp / "theirs"
    theirs.mkdir(mode=0o755)
    give(theirs)
    monkeypatch.setenv("BACKPAIN_HOME", str(theirs))
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "folder belongs to another user (uid 65533)" in message


@needs_root
def test_a_history_file_that_is_a_link_is_refused_even_the_users_own(own_home: Path, actor: int) -> None:
    elsewhere = own_home / "elsewhere.sqlite3"
    elsewhere.write_bytes(b"")
    give(elsewhere, actor)
    link = own_home / "history.sqlite3"
    link.symlink_to(elsewhere)
    give(link, actor)
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "the history is a link" in message
    assert elsewhere.read_bytes() == b""


@needs_root
def test_a_planted_companion_file_is_refused(own_home: Path, actor: int) -> None:
    """SQLite opens history.sqlite3-wal by name: one planted by someone else would receive the answers."""
    as_user(actor, add_one)
    wal = own_home / "history.sqlite3-wal"
    wal.write_bytes(b"")
    give(wal)
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "wal file belongs to another user" in message


@needs_root
def test_a_folder_link_is_followed_only_when_it_is_the_users_own(
    own_home: Path, open_tmp: Path, actor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = open_tmp / "link-to-home"
    link.symlink_to(own_home)
    give(link)  # another user's link to the actor's own folder
    monkeypatch.setenv("BACKPAIN_HOME", str(link))
    code, message = in_child(actor, add_one)
    assert code == Code.UNSAFE_PATH and "is a link made by another user" in message
    give(link, actor)  # the actor's own link (a history on another disk): fine
    assert in_child(actor, add_one) == ("ok", 1)


# ---------------------------------------------------------------- private again, said once


def test_a_history_restored_readable_by_others_is_made_private_again_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPAIN_HOME", str(home))
    add_one()
    for path in home.iterdir():
        path.chmod(0o644)
    runner = CliRunner()
    first = runner.invoke(app, ["history", "-f", "json"])
    assert first.exit_code == 0 and first.stderr.count("it is private again (0600)") == 1
    assert all(mode(p) == 0o600 for p in home.iterdir())
    again = runner.invoke(app, ["history", "-f", "json"])
    assert again.exit_code == 0 and again.stderr == ""


def test_backpains_own_folder_is_made_private_again_but_a_chosen_one_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BACKPAIN_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    add_one()
    folder = st.history_home()
    folder.chmod(0o755)
    with open_store(create=False) as store:
        assert store is not None and any("private again (0700)" in n for n in store.notes)
    assert mode(folder) == 0o700
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    monkeypatch.setenv("BACKPAIN_HOME", str(chosen))
    add_one()
    assert mode(chosen) == 0o755  # the user's folder: only the file in it is private
    chosen.chmod(0o775)
    code, message = problem_of(add_one)
    assert code == Code.UNSAFE_PATH and "chmod go-w" in message


# ---------------------------------------------------------------- lock, full disk, read-only folder


def test_a_lock_held_past_the_wait_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPAIN_HOME", str(home))
    add_one()
    monkeypatch.setattr(st, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code, message = problem_of(add_one)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == Code.BUSY and "held the history locked for over 0.2 seconds" in message
    assert "not a backpain history" not in message


def test_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPAIN_HOME", str(home))
    add_one()

    def fill() -> None:
        with open_store() as store:
            assert store is not None
            pages = store.db.execute("PRAGMA page_count").fetchone()[0]
            store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
            store.add(DAY, {"age": 40, "note": "x" * 100_000}, urgency="routine", imaging="none", rules_version="r")

    code, message = problem_of(fill)
    assert code == Code.DISK_FULL and "the disk is full" in message and "not a backpain history" not in message
    with open_store() as store:  # nothing half-written
        assert store is not None and len(store.all()) == 1


def test_a_full_disk_when_creating_the_history_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKPAIN_HOME", str(tmp_path / "home"))
    real_open = os.open

    def full(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_EXCL:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    code, message = problem_of(add_one)
    assert code == Code.DISK_FULL and "the disk is full" in message


@pytest.fixture
def readonly_home(open_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history of the unprivileged user's, kept with two check-ins, in a folder then made read-only."""
    folder = open_tmp / "home"
    folder.mkdir(mode=0o700)
    uid = NOBODY if IS_ROOT else os.geteuid()
    if IS_ROOT:
        give(folder, uid)
    monkeypatch.setenv("BACKPAIN_HOME", str(folder))
    as_user(uid, add_one)
    as_user(uid, add_one)
    folder.chmod(0o500)
    return folder


def test_a_read_only_folder_is_listed_and_exported_but_not_written(readonly_home: Path) -> None:
    """As an unprivileged user (root writes anywhere, so the folder's mode alone cannot stop it)."""
    uid = NOBODY if IS_ROOT else None

    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    listing = as_user(uid, lambda: run("history", "-f", "json"))
    assert listing[0] == 0 and [r["id"] for r in json.loads(listing[1])] == [2, 1]
    shown = as_user(uid, lambda: run("history", "show", "1", "-f", "json"))
    assert shown[0] == 0 and json.loads(shown[1])["id"] == 1
    exported = as_user(uid, lambda: run("history", "export"))
    assert exported[0] == 0 and len(exported[1].splitlines()) == 2
    answers = readonly_home.parent / "a.json"
    answers.write_text(json.dumps({"age": 40}))
    answers.chmod(0o644)
    for args in (("history", "forget", "1"), ("history", "add", str(answers), "-f", "json")):
        code, _, stderr = as_user(uid, lambda args=args: run(*args))
        assert code == 2 and "cannot be written (read-only)" in stderr, stderr
        assert "not a backpain history" not in stderr
    assert sorted(p.name for p in readonly_home.iterdir()) == ["history.sqlite3"]  # nothing added beside it


def test_a_read_only_folder_with_check_ins_still_in_the_log_says_so(readonly_home: Path) -> None:
    """Check-ins in a -wal file with no -shm to read it by cannot be read safely: said, never skipped."""
    readonly_home.chmod(0o700)
    wal = readonly_home / "history.sqlite3-wal"
    wal.write_bytes(b"\0" * 100)
    if IS_ROOT:
        give(wal, NOBODY)
    wal.chmod(0o600)
    readonly_home.chmod(0o500)

    def listing() -> None:
        with open_store(create=False, write=False):
            pass

    code, message = in_child(NOBODY if IS_ROOT else None, listing)
    assert code == Code.READ_ONLY and "not yet moved into its main file" in message


def test_a_newer_or_foreign_file_is_still_not_a_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("BACKPAIN_HOME", str(home))
    (home / "history.sqlite3").write_text("my notes, not a database\n" * 100)
    code, message = problem_of(add_one)
    assert code == Code.UNREADABLE and "not a backpain history that can be read" in message


def test_a_full_disk_still_lets_the_history_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a full disk SQLite cannot even grow its -shm file to open the history for writing ("disk
    I/O error"): adding says the disk is full, and listing reads the history as it is."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKPAIN_HOME", str(home))
    add_one()

    def no_room(db: sqlite3.Connection) -> None:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
        raise error

    class Full:
        f_bavail = 0

    monkeypatch.setattr(st, "_set_up", no_room)
    monkeypatch.setattr(os, "statvfs", lambda path: Full())
    code, message = problem_of(add_one)
    assert code == Code.DISK_FULL and "the disk is full" in message
    listing = CliRunner().invoke(app, ["history", "-f", "json"])
    assert listing.exit_code == 0 and [r["id"] for r in json.loads(listing.stdout)] == [1]


@pytest.mark.slow
@needs_root
def test_on_a_real_full_disk_and_a_read_only_mount(tmp_path: Path) -> None:
    """A tmpfs of 200 KB in a mount namespace of its own: filled up, then remounted read-only."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare (util-linux)")
    mount = tmp_path / "mnt"
    mount.mkdir()
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"age": 40, "pain_score": 5}))
    python = f"{sys.executable} -m backpain_cli"
    script = f"""
        set -u
        mount -t tmpfs -o size=200k tmpfs {mount} || exit 99
        export BACKPAIN_HOME={mount}/home SOURCE_DATE_EPOCH=1795651200
        {python} history add {answers} -f json >/dev/null 2>&1
        dd if=/dev/zero of={mount}/filler bs=4k 2>/dev/null
        {python} history add {answers} -f json >/dev/null; echo "add=$?"
        {python} history -f jsonl | wc -l
        rm {mount}/filler; mount -o remount,ro {mount}
        {python} history -f jsonl | wc -l
        {python} history forget 1; echo "forget=$?"
    """
    done = subprocess.run(
        ["unshare", "-m", "bash", "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False
    )
    if done.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    out = done.stdout.split()
    assert out == ["add=2", "1", "1", "forget=2"], (done.stdout, done.stderr)
    assert "the disk is full" in done.stderr and "cannot be written (read-only)" in done.stderr
    assert "not a backpain history" not in done.stderr
