"""The history file: real SQLite files in temporary folders, permissions, migrations, forgetting,
two writers at once and a writer killed mid-way."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backpain_cli.history import store as st
from backpain_cli.history.store import HistoryError, open_store

DAY = dt.date(2026, 11, 1)
MARK = {"age": 87, "leg_numbness": "yes", "pain_score": 9}  # "age": 87 is in no other check-in


def add(store: st.Store, answers: dict[str, object], day: dt.date = DAY) -> int:
    return store.add(day, answers, urgency="routine", imaging="none", rules_version="r1")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def test_the_folder_is_0700_and_the_files_0600(home: Path) -> None:
    with open_store() as store:
        assert store is not None
        add(store, MARK)
        assert mode(home) == 0o700
        for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"):
            assert mode(home / name) == 0o600, name
    assert store.path == home / "history.sqlite3"


def test_reading_an_absent_history_creates_nothing(home: Path) -> None:
    with open_store(create=False) as store:
        assert store is None
    assert not home.exists()


def test_check_ins_round_trip_oldest_first_with_the_rules_version() -> None:
    with open_store() as store:
        assert store is not None
        late = add(store, {"age": 40, "pain_weeks": None}, DAY)
        early = add(store, MARK, DAY - dt.timedelta(days=7))
        got = store.all()
        assert [c.id for c in got] == [early, late]
        assert got[1].answers == {"age": 40}  # blanks are not stored
        assert got[0].rules_version == "r1" and got[0].recorded_at
        assert store.get(early) == got[0] and store.get(999) is None


def test_the_schema_is_versioned_in_user_version(home: Path) -> None:
    with open_store() as store:
        assert store is not None
    db = sqlite3.connect(home / "history.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == st.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


@pytest.mark.parametrize("version", range(st.SCHEMA_VERSION))
def test_migrations_from_every_earlier_version_keep_the_check_ins(home: Path, version: int) -> None:
    home.mkdir()
    path = home / "history.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for migration in st.MIGRATIONS[:version]:
        migration(db)
    db.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        db.execute(
            "INSERT INTO checkins (taken_on, answers, urgency, imaging) VALUES (?, ?, ?, ?)",
            ("2026-10-01", json.dumps(MARK), "soon", "mri"),
        )
    db.close()
    with open_store() as store:
        assert store is not None
        kept = store.all()
        assert len(kept) == (1 if version >= 1 else 0)
        if kept:
            assert kept[0].answers == MARK and kept[0].urgency == "soon" and kept[0].rules_version == ""
        add(store, {"age": 40})
        assert len(store.all()) == len(kept) + 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == st.SCHEMA_VERSION


def test_a_newer_history_is_refused_and_left_alone(home: Path) -> None:
    home.mkdir()
    path = home / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer backpain"), open_store():
        pass
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_a_clear_error(home: Path) -> None:
    home.mkdir()
    (home / "history.sqlite3").write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(HistoryError, match="not a backpain history"), open_store():
        pass


def test_forget_one_leaves_no_trace_of_its_answers_and_keeps_the_others(home: Path) -> None:
    with open_store() as store:
        assert store is not None
        keep = add(store, {"age": 45, "pain_score": 3})
        gone = add(store, MARK)
        assert b'"age": 87' in file_bytes(home / "history.sqlite3")
        removed = store.forget(gone)
        assert [c.id for c in removed] == [gone]
        assert [c.id for c in store.all()] == [keep]
    data = file_bytes(home / "history.sqlite3")
    assert b'"age": 87' not in data
    assert b'"age": 45' in data
    ok = sqlite3.connect(home / "history.sqlite3").execute("PRAGMA integrity_check").fetchone()[0]
    assert ok == "ok"


def test_forget_all_leaves_no_answers_at_all(home: Path) -> None:
    with open_store() as store:
        assert store is not None
        for i in range(20):
            add(store, {**MARK, "pain_score": i % 11})
        assert len(store.forget(None)) == 20
        assert store.all() == []
        assert store.forget(None) == []
    data = file_bytes(home / "history.sqlite3")
    for needle in (b'"age"', b"leg_numbness", b"pain_score", b"2026-11-01", b"routine"):
        assert needle not in data, needle


WRITER = """
import datetime as dt, sys
from backpain_cli.history.store import open_store
n = int(sys.argv[1])
for i in range(n):
    with open_store() as store:
        store.add(dt.date(2026, 11, 1), {"age": 40, "pain_score": i % 11}, urgency="routine", imaging="none",
                  rules_version=sys.argv[2])
    print(i, flush=True)
"""


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(home: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, "40", tag], stdout=subprocess.DEVNULL) for tag in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store() as store:
        assert store is not None
        kept = store.all()
    assert len(kept) == 80 and {c.rules_version for c in kept} == {"a", "b"}
    assert sqlite3.connect(home / "history.sqlite3").execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
@pytest.mark.parametrize("wait", [0.05, 0.3, 0.8])
def test_a_process_killed_mid_write_leaves_earlier_check_ins_intact(home: Path, wait: float) -> None:
    with open_store() as store:
        assert store is not None
        first = [add(store, {**MARK, "pain_score": i}) for i in range(5)]
    proc = subprocess.Popen([sys.executable, "-c", WRITER, "100000", "w"], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()  # it has written at least once
    time.sleep(wait)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(home / "history.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with open_store() as store:
        assert store is not None
        kept = store.all()
        assert [c.id for c in kept[:5]] == first and all(c.answers["age"] == 87 for c in kept[:5])
        assert len(kept) > 5
        add(store, {"age": 40})  # and it still takes new check-ins


def test_without_backpain_home_it_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BACKPAIN_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs follows it on Linux
    if sys.platform.startswith("linux"):
        assert st.history_path() == tmp_path / "data" / "backpain" / "history.sqlite3"
    assert st.history_path().name == "history.sqlite3"


def test_a_write_that_fails_half_way_leaves_nothing(home: Path) -> None:
    with open_store() as store:
        assert store is not None
        add(store, {"age": 40})
        with pytest.raises(TypeError):
            add(store, {"age": object()})  # cannot be written as JSON: the transaction is rolled back
        assert len(store.all()) == 1
        add(store, {"age": 41})  # and the next write works
        assert len(store.all()) == 2


def test_a_damaged_row_is_a_clear_error_that_says_how_to_forget_it(home: Path) -> None:
    with open_store() as store:
        assert store is not None
        number = add(store, {"age": 40})
        store.db.execute("UPDATE checkins SET answers = '[1, 2]' WHERE id = ?", (number,))
        with pytest.raises(HistoryError, match=f"backpain history forget {number}"):
            store.all()


def test_forget_while_another_process_reads_says_so_and_a_second_forget_cleans_up(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(st, "SCRUB_WAIT_MS", 100)
    with open_store() as store:
        assert store is not None
        add(store, MARK)
    reader = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM checkins").fetchall()  # holds a read snapshot
    with open_store() as store:
        assert store is not None
        with pytest.raises(HistoryError, match="another backpain is using the history"):
            store.forget(None)
        assert store.all() == []
    reader.execute("COMMIT")
    reader.close()
    with open_store() as store:
        assert store is not None
        assert store.forget(None) == []
        assert b'"age": 87' not in file_bytes(home / "history.sqlite3")
