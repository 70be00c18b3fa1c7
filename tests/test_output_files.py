"""Writing files: owner-only, atomic, a failure never leaves a half-written or temporary file, and never where
another user chose (their link, or their file in a shared folder)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import output_files
from backpain_cli.errors import Code, OutputError, Problem
from backpain_cli.output_files import write_private
from tests.users import IS_ROOT, NOBODY, OTHER, as_user, give, needs_root, open_tmp, sticky_folder

__all__ = ["open_tmp"]  # a fixture


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

    def fail(*args: object, **kwargs: object) -> None:
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
    real_open = os.open

    def fail(path: str, flags: int, *args: object, **kwargs: Any) -> int:
        if flags & os.O_EXCL:
            raise OSError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fail)
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


# ------------------------------------------------------------- files in folders other users can write
# The kernel's protected_symlinks and protected_regular rules, in backpain's own code (path_safety):
# each test runs as root (as scripts in containers do) and as an unprivileged user, in a sticky
# world-writable folder like /tmp that the test makes itself, with another user's link or file in it.


@pytest.fixture(params=["root", "nobody"])
def actor(request: pytest.FixtureRequest) -> int:
    """The user backpain runs as: root, or nobody (a forked child that drops to it)."""
    if not IS_ROOT:
        pytest.skip("making another user's files needs root")
    return 0 if request.param == "root" else NOBODY


def _write_as(actor: int, path: Path, text: str = "summary", **options: Any) -> Problem | None:
    """write_private as ``actor``: None when written, else the problem it reported."""

    def call() -> Problem | None:
        try:
            write_private(path, text, **options)
        except OutputError as exc:
            return exc.problems[0]
        return None

    result: Problem | None = as_user(actor, call)
    return result


def _victim(folder: Path, actor: int) -> Path:
    """A file the actor may write, in a folder of the actor's (so only backpain's own rule stands
    between a link and it)."""
    home = folder / f"home-{actor}"
    home.mkdir(exist_ok=True)
    give(home, actor)
    target = home / "victim.txt"
    target.write_text("keep me")
    target.chmod(0o600)
    give(target, actor)
    return target


@needs_root
def test_a_link_another_user_planted_in_a_sticky_folder_is_never_followed(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    target = _victim(open_tmp, actor)
    link = shared / "summary.html"
    link.symlink_to(target)
    give(link)
    problem = _write_as(actor, link)
    assert problem is not None and problem.code == Code.UNSAFE_PATH
    assert "link made by another user" in problem.message and "uid 65533" in problem.message
    assert target.read_text() == "keep me" and link.is_symlink() and os.lstat(link).st_uid == OTHER
    assert [p.name for p in shared.iterdir()] == ["summary.html"]  # no temporary left behind


@needs_root
def test_the_users_own_link_in_a_sticky_folder_is_followed(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    target = _victim(open_tmp, actor)
    link = shared / "summary.html"
    link.symlink_to(target)
    give(link, actor)
    assert _write_as(actor, link) is None
    assert target.read_text() == "summary" and link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600


@needs_root
def test_roots_link_is_followed_by_an_ordinary_user_as_dev_stdout_is(open_tmp: Path) -> None:
    shared = sticky_folder(open_tmp)
    target = _victim(open_tmp, NOBODY)
    link = shared / "summary.html"
    link.symlink_to(target)  # made by root, like /dev/stdout
    assert _write_as(NOBODY, link) is None
    assert target.read_text() == "summary"


@needs_root
def test_another_users_file_in_a_sticky_folder_is_not_replaced(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    planted = shared / "summary.html"
    planted.write_text("theirs")
    planted.chmod(0o666)
    give(planted)
    problem = _write_as(actor, planted)
    assert problem is not None and problem.code == Code.UNSAFE_PATH
    assert "belongs to another user" in problem.message and "choose another name" in problem.message
    assert planted.read_text() == "theirs" and planted.stat().st_uid == OTHER
    assert [p.name for p in shared.iterdir()] == ["summary.html"]


@needs_root
def test_another_users_pipe_in_a_sticky_folder_gets_nothing(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    fifo = shared / "summary.html"
    os.mkfifo(fifo, 0o666)
    give(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so a wrong write could not block the test
    try:
        problem = _write_as(actor, fifo)
        assert problem is not None and problem.code == Code.UNSAFE_PATH
        assert os.read(reader, 100) == b""  # nothing was written into it (no writer ever came)
    finally:
        os.close(reader)


@needs_root
def test_the_users_own_file_in_a_sticky_folder_is_replaced_and_a_new_one_created(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    own = shared / "old.html"
    own.write_text("old")
    give(own, actor)
    assert _write_as(actor, own) is None
    assert own.read_text() == "summary" and own.stat().st_uid == actor
    assert _write_as(actor, shared / "new.html") is None
    info = (shared / "new.html").stat()
    assert info.st_uid == actor and stat.S_IMODE(info.st_mode) == 0o600


@needs_root
def test_a_link_another_user_made_is_refused_outside_shared_folders_too(open_tmp: Path) -> None:
    """Stricter than the kernel: root writing into another user's own folder never follows their link."""
    theirs = open_tmp / "home-of-other"
    theirs.mkdir()
    give(theirs)
    target = _victim(open_tmp, 0)
    link = theirs / "summary.html"
    link.symlink_to(target)
    give(link)
    problem = _write_as(0, link)
    assert problem is not None and problem.code == Code.UNSAFE_PATH and target.read_text() == "keep me"


@needs_root
def test_a_planted_link_anywhere_in_the_path_is_refused(open_tmp: Path, actor: int) -> None:
    shared = sticky_folder(open_tmp)
    private = open_tmp / "private"
    private.mkdir()
    give(private, actor)
    folder_link = shared / "reports"
    folder_link.symlink_to(private)
    give(folder_link)
    problem = _write_as(actor, folder_link / "summary.html")
    assert problem is not None and problem.code == Code.UNSAFE_PATH and "reports" in problem.message
    assert list(private.iterdir()) == []
    # The user's own link that leads through another user's link is refused at that link.
    target = _victim(open_tmp, actor)
    planted = shared / "planted"
    planted.symlink_to(target)
    give(planted)
    mine = shared / "mine.html"
    mine.symlink_to(planted)
    give(mine, actor)
    problem = _write_as(actor, mine)
    assert problem is not None and "planted" in problem.message and target.read_text() == "keep me"


@needs_root
def test_a_file_planted_after_the_checks_is_still_not_replaced(open_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race: another user creates the name between the checks and the rename."""
    shared = sticky_folder(open_tmp)
    path = shared / "summary.html"
    create_temp = output_files._Folder.create_temp

    def plant_then_create(self: Any, target: str, given: Path, mode: int = 0o600) -> tuple[str, int]:
        path.write_text("theirs")
        give(path)
        return create_temp(self, target, given, mode)

    monkeypatch.setattr(output_files._Folder, "create_temp", plant_then_create)
    with pytest.raises(OutputError) as caught:
        write_private(path, "summary")
    assert caught.value.problems[0].code == Code.UNSAFE_PATH
    assert path.read_text() == "theirs" and [p.name for p in shared.iterdir()] == ["summary.html"]


def test_a_loop_of_links_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError, match="too many links"):
        write_private(tmp_path / "a", "x")


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077, 0o000])
def test_a_file_without_patient_data_gets_the_ordinary_mode(tmp_path: Path, umask: int) -> None:
    """write_public: 0644 less the umask, new or replacing an owner-only file; still atomic."""
    from backpain_cli.output_files import write_public

    fresh, replaced = tmp_path / "q.json", tmp_path / "old.json"
    write_private(replaced, "old")
    previous = os.umask(umask)
    try:
        write_public(fresh, "{}")
        write_public(replaced, "{}")
    finally:
        os.umask(previous)
    for path in (fresh, replaced):
        assert path.read_text() == "{}" and stat.S_IMODE(path.stat().st_mode) == 0o644 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json", "q.json"]  # no temporary left


def test_answers_stay_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        write_private(tmp_path / "a.yaml", "age: 40\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.yaml").stat().st_mode) == 0o600
