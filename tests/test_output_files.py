"""Writing files: owner-only, atomic, and a failure never leaves a half-written or temporary file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from backpain_cli.errors import OutputError
from backpain_cli.output_files import write_private


def test_new_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    write_private(path, "hello")
    assert path.read_text() == "hello" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_refuses_to_replace_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("keep me")
    with pytest.raises(OutputError, match="already exists"):
        write_private(path, "new", overwrite=False)
    assert path.read_text() == "keep me"


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.txt"
    path.write_text("old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        write_private(path, "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.txt"]


def test_an_interrupt_mid_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_private(tmp_path / "s.txt", "text")
    assert list(tmp_path.iterdir()) == []


def test_cannot_create_the_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", fail)
    with pytest.raises(OutputError, match="Permission denied"):
        write_private(tmp_path / "s.txt", "text")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_private(tmp_path, "text")


def test_a_link_to_a_file_updates_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_private(link, "new")
    assert link.is_symlink() and target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_path_that_cannot_be_looked_at_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write here: Not a directory"):
        write_private(blocker / "out.txt", "text")


def test_writing_into_a_device_that_fails_is_an_output_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(OutputError, match="No space left on device"):
        write_private(Path("/dev/full"), "x" * 100_000)
