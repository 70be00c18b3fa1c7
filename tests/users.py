"""Other users, for the tests of files in shared folders: running a piece of a test as an unprivileged
user (a forked child that drops to ``nobody``), and making files that belong to someone else.

The suite runs as root on CI, as scripts in containers do, and as an ordinary user on a laptop. A
test that needs root (to give a file to another user with ``os.chown``) skips without it; a test
"as an unprivileged user" runs in a child that calls ``os.setuid`` when the suite runs as root, and
in-process otherwise (the process already is one).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import pytest

import backpain_cli

NOBODY: Final = 65534  # the unprivileged user the tests act as
OTHER: Final = 65533  # "another user": owns the planted links and files (no name needed)
IS_ROOT: Final = sys.platform != "win32" and os.geteuid() == 0

needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root, to make files that belong to another user")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="owners, links and sticky folders are POSIX")


class ChildFailed(Exception):
    """What the child raised, by type name and message (exceptions do not all pickle)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


@functools.cache
def _preload() -> None:
    """Import, in the parent, every module backpain imports anywhere (inside functions too).

    The child drops root's rights, and the Python running the tests may live where only root can
    read (pyenv under /root): a module first imported in the child would not be found there.
    """
    package = Path(backpain_cli.__file__).parent
    names: set[str] = set()
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    for name in sorted(names | {"importlib.readers"}):  # and what the standard library imports lazily itself
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    from backpain_cli.bundle import load_bundle

    load_bundle()  # the shipped content, loaded once and kept for the children


def as_user(uid: int | None, call: Callable[[], Any]) -> Any:
    """``call()`` run as ``uid`` (None: as this process is), returning its result or raising ChildFailed.

    As root, the call runs in a forked child that drops every group and its user id first, so
    nothing it does can use root's rights; the result must pickle.
    """
    if uid is None or not IS_ROOT or uid == os.geteuid():
        return call()
    _preload()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 0
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            try:
                payload: tuple[str, Any] = ("ok", call())
            except BaseException as exc:
                payload = ("error", (type(exc).__name__, str(exc)))
            with os.fdopen(writer, "wb") as out:
                pickle.dump(payload, out)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0 and data, f"the child running as uid {uid} failed to report (status {status})"
    kind, value = pickle.loads(data)
    if kind == "error":
        raise ChildFailed(*value)
    return value


def give(path: Path, uid: int = OTHER) -> Path:
    """Make ``path`` (a file, folder or link itself) belong to ``uid``."""
    os.chown(path, uid, uid, follow_symlinks=False)
    return path


@pytest.fixture(params=["root", "nobody"])
def actor(request: pytest.FixtureRequest) -> int:
    """The uid a test acts as: root, then nobody (skipped where the suite does not run as root)."""
    if not IS_ROOT:
        pytest.skip("making another user's files needs root")
    return 0 if request.param == "root" else NOBODY


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder every user can reach (pytest's own is root's alone), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="backpain-users-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sticky_folder(parent: Path, name: str = "shared") -> Path:
    """A folder like /tmp: everyone may create entries (mode 1777), only the owner of each may remove it."""
    folder = parent / name
    folder.mkdir()
    folder.chmod(0o1777)
    return folder
