"""batch.py: folders expanded, and the same lines whichever way worker processes start."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.batch import assess_line, expand_sources, fold, run_batch, run_chunks
from backpain_cli.errors import AnswerFileError
from backpain_cli.levels import Urgency
from tests.helpers import ALL_CLEAR, bundle

DAY = dt.date(2026, 11, 26)


def folder_of_answers(tmp_path: Path, count: int = 24) -> list[str]:
    for i in range(count):
        data = {**ALL_CLEAR, "age": 20 + i, "fever": "yes" if i % 3 == 0 else "no"}
        (tmp_path / f"{i:03d}.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("age: 12\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an answer file\n", encoding="utf-8")
    sources, batch = expand_sources([str(tmp_path)])
    assert batch and len(sources) == count + 1  # notes.txt is not an answer file
    return sources


@pytest.mark.parametrize(
    "method", [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
)
def test_every_start_method_gives_the_one_process_lines(tmp_path: Path, method: str) -> None:
    """Spawned workers (Windows, macOS) load the content in the pool initializer; forked ones inherit it."""
    sources = folder_of_answers(tmp_path)
    alone = list(run_batch(sources, bundle=bundle(), today=DAY, workers=1))
    pooled = list(run_batch(sources, bundle=bundle(), today=DAY, workers=2, start_method=method))
    assert pooled == alone
    assert [line.urgency for line in alone].count(None) == 1  # the under-16 file
    assert alone[0].urgency == "urgent" and alone[1].urgency == "routine"


@pytest.mark.parametrize(
    "method", [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
)
def test_chunks_hold_the_lines_in_order_and_what_the_exit_status_needs(tmp_path: Path, method: str) -> None:
    """A worker sends a chunk of lines as one message: the same text, messages and worst result as line by line."""
    sources = folder_of_answers(tmp_path)
    (tmp_path / "old.yaml").write_text("BP1|1999.1|age=40\n")  # a QR code's text for older questions: a warning
    sources = [*sources, str(tmp_path / "old.yaml")]
    lines = list(run_batch(sources, bundle=bundle(), today=DAY, workers=1))
    alone = list(run_chunks(sources, bundle=bundle(), today=DAY, workers=1))
    pooled = list(run_chunks(sources, bundle=bundle(), today=DAY, workers=2, start_method=method))
    assert len(alone) == 1 and len(pooled) > 1  # one chunk in this process; the pool gets several
    expected = fold(lines)
    assert expected.messages == ((True, lines[-2].errors[0]), (False, lines[-1].warnings[0]))
    assert (expected.worst, expected.bad, expected.internal) == (Urgency.URGENT, True, False)
    for chunks in (alone, pooled):
        assert "".join(c.text for c in chunks) == expected.text
        assert sum((c.messages for c in chunks), ()) == expected.messages
        assert max((c.worst for c in chunks if c.worst), key=lambda u: u.rank) == expected.worst
        assert any(c.bad for c in chunks) and not any(c.internal for c in chunks)


def test_a_bad_file_is_its_own_error_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("fevr: yes\n", encoding="utf-8")
    list(run_batch([], bundle=bundle(), today=DAY, workers=1))  # sets up this process as a worker
    line = assess_line(str(tmp_path / "a.yaml"))
    assert line.urgency is None and "did you mean 'fever'?" in line.errors[0]
    assert json.loads(line.text)["source"].endswith("a.yaml")


def test_a_folder_without_answer_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AnswerFileError, match=r"holds no \.yaml"):
        expand_sources([str(tmp_path)])


def test_standard_input_only_once() -> None:
    with pytest.raises(AnswerFileError, match="only once"):
        expand_sources(["-", "-"])


def test_a_worker_ignores_ctrl_c_and_dies_with_its_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import os
    import signal

    from backpain_cli import batch

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    exited: list[int] = []
    parents = iter([100, 100, 1])  # the parent is gone at the second look
    monkeypatch.setattr(os, "getppid", lambda: next(parents, 1))
    monkeypatch.setattr(os, "_exit", exited.append)
    monkeypatch.setattr(batch.time, "sleep", lambda _: None)
    threads: list[object] = []
    monkeypatch.setattr(batch.threading, "Thread", lambda target, **_: threads.append(target) or _Started())
    gc.disable()  # as the parent has it while it starts (launch.py)
    try:
        batch._init_worker(bundle().folder, DAY, None, pooled=True)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert gc.isenabled() and gc.get_freeze_count() > 0  # on, past what the parent made
        threads[0]()  # type: ignore[operator]  # the watcher, run here instead of in a thread
        assert exited == [0]
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)
        gc.unfreeze()
        gc.enable()


class _Started:
    def start(self) -> None:
        pass


def test_stop_signals_are_held_and_released() -> None:
    import signal

    from backpain_cli import batch

    held = batch._hold_signals()
    try:
        assert signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        batch._release_signals(held)
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    batch._release_signals(None)


def test_a_bug_in_one_file_is_that_file_s_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backpain_cli import batch

    sources = folder_of_answers(tmp_path, 2)
    list(run_batch([], bundle=bundle(), today=DAY, workers=1))

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(batch, "assess", boom)
    line = assess_line(sources[0])
    assert line.internal and line.urgency is None and "internal error (RuntimeError)" in line.errors[0]


def test_a_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(AnswerFileError, match="cannot list this folder: Permission denied"):
        expand_sources([str(tmp_path)])


@pytest.mark.parametrize("listed", [".json", "..json", "a.", "a..json", "A.JSON", "x.yaml.bak"])
@given(name=st.text(st.sampled_from(".ajsonYML ") | st.characters(exclude_characters="/\x00"), min_size=1, max_size=9))
def test_a_folder_entry_s_suffix_is_the_one_path_gives(listed: str, name: str) -> None:
    from backpain_cli.batch import _suffix

    for entry in (listed, name, listed + name, name + listed):
        if entry not in (".", ".."):  # never listed by os.scandir
            assert _suffix(entry) == Path(entry).suffix


@pytest.mark.parametrize("method", [m for m in ("spawn",) if m in multiprocessing.get_all_start_methods()])
def test_spawned_workers_load_the_content_in_the_batchs_language(tmp_path: Path, method: str) -> None:
    """Issue 20: a worker that loads the folder again loads it in the batch's language, not English."""
    from backpain_cli.bundle import load_bundle

    sources = folder_of_answers(tmp_path)
    spanish = load_bundle(language="es")
    alone = list(run_batch(sources, bundle=spanish, today=DAY, workers=1))
    pooled = list(run_batch(sources, bundle=spanish, today=DAY, workers=2, start_method=method))
    assert pooled == alone
    assert any("Esto no es un diagnóstico" in line.text for line in pooled)
