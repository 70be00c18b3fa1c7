"""files.py: only what a reader should read, and never more than a limit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from backpain_cli.input_files import NotRegularFile, TooLarge, read_bytes, read_text


def test_a_regular_file_under_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert read_bytes(path, limit=3) == b"abc"
    with pytest.raises(TooLarge) as exc:
        read_bytes(path, limit=2)
    assert exc.value.size == 3


def test_a_fifo_is_read_whole_only_when_pipes_are_allowed(tmp_path: Path) -> None:
    fifo = tmp_path / "in.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="is a pipe \\(FIFO\\), not a regular file"):
        read_bytes(fifo, limit=100)  # refused before opening: opening would wait for a writer

    def feed() -> None:
        with open(fifo, "wb") as fh:
            for _ in range(5):
                fh.write(b"x" * 30)
                fh.flush()

    writer = threading.Thread(target=feed)
    writer.start()
    assert read_bytes(fifo, limit=1000, pipes=True) == b"x" * 150
    writer.join(10)


def test_a_device_that_never_ends_stops_at_the_limit() -> None:
    with pytest.raises(TooLarge, match="over the 1,000-byte limit"):
        read_bytes(Path("/dev/zero"), limit=1000, pipes=True)
    with pytest.raises(NotRegularFile, match="is a device"):
        read_bytes(Path("/dev/zero"), limit=1000)


@pytest.mark.parametrize(("make", "kind"), [("folder", "a folder"), ("socket", "a socket")])
def test_other_kinds_are_named(tmp_path: Path, make: str, kind: str) -> None:
    path = tmp_path / "x"
    if make == "folder":
        path.mkdir()
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
    with pytest.raises(NotRegularFile, match=f"is {kind}"):
        read_bytes(path, limit=10, pipes=True)


def test_text_drops_a_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\r\n")
    assert read_text(path) == "one\ntwo\n"
