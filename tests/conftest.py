"""Test-wide settings: quick or full runs, deterministic property tests on CI, no stray content folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from tests import speed

if TYPE_CHECKING:
    from tests.vignette_helpers import Vignettes

# On CI every run explores the same examples, so a red build is always reproducible.
_ON_CI = bool(os.environ.get("CI"))
settings.register_profile("full", derandomize=_ON_CI, deadline=None, print_blob=True)
settings.register_profile("quick", derandomize=_ON_CI, deadline=None, max_examples=25)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        default=False,
        help="run every test in full: the end-to-end tests (terminal, browser, whole interview), all examples",
    )


def pytest_configure(config: pytest.Config) -> None:
    speed.FULL = bool(config.getoption("--full")) or bool(os.environ.get("BACKPAIN_FULL_TESTS"))
    settings.load_profile("full" if speed.FULL else "quick")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if speed.FULL:
        return
    skip = pytest.mark.skip(reason="end to end (processes, a terminal, a browser, a whole interview): run with --full")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    if speed.FULL:
        return "backpain: full run (every test, every example)"
    return "backpain: quick run (slow tests skipped, fewer examples); use --full for everything"


@pytest.fixture(autouse=True)
def _no_content_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKPAIN_CONTENT", raising=False)
    monkeypatch.delenv("BACKPAIN_REGION", raising=False)
    monkeypatch.delenv("BACKPAIN_LANG", raising=False)
    # The region defaults from the locale: tests start from one that names no country.
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def vignettes() -> Vignettes:
    """The clinical vignettes, each read and assessed once a session: ``vignettes[path].result``."""
    from tests.vignette_helpers import Vignettes

    return Vignettes()


@pytest.fixture(autouse=True, scope="session")
def _each_cli_built_once() -> Iterator[None]:
    """typer's CliRunner builds the click command from the Typer app again on every invoke (7 ms,
    over 450 times in a quick run); the app is the same object all session, so build it once."""
    import typer.main
    import typer.testing

    built: dict[int, tuple[Any, Any]] = {}

    def get_command(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))  # the app is kept, so its id stays its own
        return built[id(app)][1]

    patch = pytest.MonkeyPatch()
    patch.setattr(typer.testing, "_get_command", get_command)
    yield
    patch.undo()
