"""The real process in hostile environments: pipes, devices, closed streams, signals, encodings.

These start ``python -m backpain_cli`` as a script would, because file descriptors, signals and
console encodings cannot be faked inside one process. Exit 2 means "the environment or input is
wrong"; exit 1 is kept for bugs in backpain, and none of these may produce one.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import ALL_CLEAR

pytestmark = pytest.mark.slow  # real processes, thousands of files: in the full run (--full)

BACKPAIN = [sys.executable, "-m", "backpain_cli"]


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795651200", **kwargs.pop("env", {})}  # type: ignore[dict-item]
    env.pop("BACKPAIN_CONTENT", None)
    return subprocess.run([*BACKPAIN, *args], capture_output=True, timeout=60, env=env, **kwargs)  # type: ignore[call-overload,no-any-return]


def answers(folder: Path, name: str = "a.json", **extra: object) -> Path:
    path = folder / name
    path.write_text(json.dumps({**ALL_CLEAR, **extra}), encoding="utf-8")
    return path


def assert_calm(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, err)
    assert "Traceback" not in err and "internal error" not in err
    return err


# ---------------------------------------------------------------- answers typed the YAML 1.2 way


def test_a_leading_zero_never_makes_an_age_octal(tmp_path: Path) -> None:
    """age: 070 was octal 56 under YAML 1.1: the fracture flag of a 70-year-old vanished."""
    path = tmp_path / "a.yaml"
    text = "\n".join(f"{k}: {json.dumps(v)}" for k, v in {**ALL_CLEAR, "minor_trauma": "yes"}.items() if k != "age")
    path.write_text(text + "\nage: 070\n", encoding="utf-8")
    data = json.loads(run(["assess", "-a", str(path), "-f", "json"]).stdout)
    assert data["urgency"] == "soon" and [f["category"] for f in data["red_flags"]] == ["fracture"]


# ---------------------------------------------------------------- outputs go where they were sent


def test_output_to_a_device_writes_into_it_and_leaves_it_a_device(tmp_path: Path) -> None:
    result = run(["assess", "-a", str(answers(tmp_path)), "-o", "/dev/null", "-f", "json"])
    assert_calm(result, 0)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_dev_stdout_reaches_standard_output(tmp_path: Path) -> None:
    result = run(["assess", "-a", str(answers(tmp_path)), "-o", "/dev/stdout", "-f", "json"])
    assert_calm(result, 0)
    assert json.loads(result.stdout)["urgency"] == "routine"


def test_output_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(["assess", "-a", str(answers(tmp_path)), "-a", str(answers(tmp_path, "b.json")), "-o", str(fifo)])
    reader.join(30)
    assert_calm(result, 0)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and len(received[0].splitlines()) == 2


def test_an_input_fifo_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "in.yaml"
    os.mkfifo(fifo)
    text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in {**ALL_CLEAR, "fever": "yes"}.items())

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            for line in text.splitlines(keepends=True):  # in pieces, as a slow writer would
                fh.write(line)
                fh.flush()

    writer = threading.Thread(target=feed)
    writer.start()
    result = run(["assess", "-a", str(fifo), "-f", "json"])
    writer.join(30)
    assert_calm(result, 0)
    assert json.loads(result.stdout)["urgency"] == "urgent"


def test_output_never_replaces_the_answers_read_from_standard_input(tmp_path: Path) -> None:
    path = answers(tmp_path, "a.json")
    before = path.read_bytes()
    with path.open("rb") as stdin:
        result = run(["assess", "-a", "-", "-o", str(path), "-f", "json"], stdin=stdin)
    assert "also the answers read from standard input" in assert_calm(result, 2)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-a", "{answers}", "-f", "json"],
        ["assess", "-a", "{answers}", "-f", "text"],
        ["assess", "-a", "{answers}", "-f", "html"],
        ["assess", "-a", "{folder}"],
        ["rules", "-f", "markdown"],
        ["questions"],
        ["template"],
        ["schema"],
    ],
)
def test_a_reader_that_goes_away_gives_141_for_every_command(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        answers(folder, f"{i:03d}.json")
    filled = [a.format(answers=answers(tmp_path), folder=folder) for a in args]
    proc = subprocess.Popen([*BACKPAIN, *filled], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written, like `| head -c 0`
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err


# ---------------------------------------------------------------- problems of the environment: exit 2


@pytest.mark.parametrize(
    ("args", "stdin_closed", "stdout_closed", "message"),
    [
        (["assess", "-a", "-", "-f", "json"], True, False, "standard input is closed"),
        (["assess", "-a", "{answers}", "-f", "json"], False, True, ""),
        (["template"], False, True, ""),
    ],
)
def test_closed_streams_are_exit_2(
    tmp_path: Path, args: list[str], stdin_closed: bool, stdout_closed: bool, message: str
) -> None:
    """As a shell starts a program with `<&-` or `>&-`: the descriptor is closed before Python starts."""
    filled = [a.format(answers=answers(tmp_path)) for a in args]

    def close() -> None:
        if stdin_closed:
            os.close(0)
        if stdout_closed:
            os.close(1)

    result = subprocess.run([*BACKPAIN, *filled], capture_output=True, timeout=60, preexec_fn=close)
    err = assert_calm(result, 2)
    assert message in err


def test_a_file_name_too_long_is_exit_2(tmp_path: Path) -> None:
    assert "too long" in assert_calm(run(["assess", "-a", str(tmp_path / ("x" * 300 + ".yaml"))]), 2).lower()
    result = run(["assess", "-a", str(answers(tmp_path)), "-o", str(tmp_path / ("y" * 300 + ".txt"))])
    assert "too long" in assert_calm(result, 2).lower()


def test_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    err = assert_calm(run(["assess", "-a", str(answers(tmp_path)), "-f", "json", "-o", "/dev/full"]), 2)
    assert "No space left on device" in err


def test_a_nonsense_source_date_epoch_is_exit_2(tmp_path: Path) -> None:
    result = run(["assess", "-a", str(answers(tmp_path)), "-f", "json"], env={"SOURCE_DATE_EPOCH": "tomorrow"})
    assert "SOURCE_DATE_EPOCH must be a whole number" in assert_calm(result, 2)


# ---------------------------------------------------------------- batches: every entry, calm stops


def test_every_matching_entry_in_a_folder_gets_a_line(tmp_path: Path) -> None:
    answers(tmp_path, "a.json")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    (tmp_path / "folder.json").mkdir()
    result = run(["assess", "-a", str(tmp_path)])
    assert_calm(result, 2)
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [Path(line["source"]).name for line in lines] == ["a.json", "dangling.yaml", "folder.json"]
    assert "broken link" in lines[1]["error"] and "is a folder" in lines[2]["error"]


def test_a_file_name_that_is_not_utf8_keeps_the_output_valid_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    answers(folder, "a.json")
    name = os.fsdecode(b"caf\xe9.json")
    (folder / name).write_text(json.dumps(ALL_CLEAR), encoding="utf-8")
    result = run(["assess", "-a", str(folder)])
    assert_calm(result, 0)
    sources = [json.loads(line)["source"] for line in result.stdout.decode("utf-8").splitlines()]
    assert sources[0].endswith("a.json")
    assert os.fsencode(sources[1]) == bytes(folder / name)  # the name's own bytes, recoverable


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_batch_ends_it_calmly(tmp_path: Path, signum: int) -> None:
    text = json.dumps(ALL_CLEAR)
    for i in range(8000):
        (tmp_path / f"{i:04d}.json").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [*BACKPAIN, "assess", "-a", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None and not workers:  # wait for the workers
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        time.sleep(0.01)
    proc.send_signal(signum)
    _, raw = proc.communicate(timeout=60)
    err = raw.decode()
    assert proc.returncode in (128 + signum, 0), err  # 0 only if the batch had already finished
    assert "Traceback" not in err and "Error" not in err
    time.sleep(0.5)
    for pid in workers:  # no worker outlives the batch
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


# ---------------------------------------------------------------- any console encoding


@pytest.mark.parametrize("encoding", ["cp932", "ascii", "latin-1"])
def test_text_output_never_fails_for_the_console_encoding(tmp_path: Path, encoding: str) -> None:
    result = run(["assess", "-a", str(answers(tmp_path)), "-f", "text"], env={"PYTHONIOENCODING": encoding})
    assert_calm(result, 0)
    assert b"ROUTINE" in result.stdout


def test_files_are_always_utf8_whatever_the_console(tmp_path: Path) -> None:
    out = tmp_path / "s.txt"
    result = run(["assess", "-a", str(answers(tmp_path)), "-o", str(out)], env={"PYTHONIOENCODING": "ascii"})
    assert_calm(result, 0)
    assert "·" in out.read_text(encoding="utf-8")


def test_names_that_differ_get_different_sources(tmp_path: Path) -> None:
    """A newline in one name and a backslash-n in another must not look the same to a script."""
    folder = tmp_path / "batch"
    folder.mkdir()
    answers(folder, "new\nline.yaml")
    answers(folder, "new\\nline.yaml")
    result = run(["assess", "-a", str(folder)])
    assert_calm(result, 0)
    sources = {Path(json.loads(line)["source"]).name for line in result.stdout.decode().splitlines()}
    assert sources == {"new\nline.yaml", "new\\nline.yaml"}


def test_a_fifo_found_in_a_folder_is_reported_not_waited_for(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.yaml")  # nobody will ever write to it
    answers(tmp_path, "b.json")
    result = run(["assess", "-a", str(tmp_path)])
    assert_calm(result, 2)
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "is a pipe (FIFO)" in lines[0]["error"] and lines[1]["urgency"] == "routine"
