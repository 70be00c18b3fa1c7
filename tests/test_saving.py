"""saving.py: what check saves, asked for by name, owner-only, never replacing unasked."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from backpain_cli.prompts import PlainPrompter
from backpain_cli.render.document import build_summary
from backpain_cli.saving import ask_path, save_answers, save_summary
from tests.helpers import ALL_CLEAR, bank, run, texts


def plain(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    screen = io.StringIO()
    return PlainPrompter(
        texts().prompts, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=screen
    ), screen


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_bad_name_is_asked_again(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    ask, screen = plain("notes.doc", "missing/x.yaml", "folder.yaml", "ok.yaml")
    assert ask_path(ask, texts(), "Name:", "backpain-answers.yaml", (".yaml",)) == Path("ok.yaml")
    shown = screen.getvalue()
    assert "Please use a name ending in .yaml." in shown
    assert "That folder does not exist." in shown and "That is a folder." in shown


def test_spaces_around_a_name_are_dropped() -> None:
    ask, _ = plain("  mine.yaml ")
    assert ask_path(ask, texts(), "Name:", "backpain-answers.yaml", (".yaml",)) == Path("mine.yaml")
    ask, _ = plain("   ")
    assert ask_path(ask, texts(), "Name:", "backpain-answers.yaml", (".yaml",)) == Path("backpain-answers.yaml")


def test_an_existing_file_is_replaced_only_when_the_patient_says_so(tmp_path: Path) -> None:
    (tmp_path / "backpain-answers.yaml").write_text("age: 50\n")
    ask, _ = plain("", "n", "other.yaml")
    assert ask_path(ask, texts(), "Name:", "backpain-answers.yaml", (".yaml",)) == Path("other.yaml")
    ask, _ = plain("", "y")
    assert ask_path(ask, texts(), "Name:", "backpain-answers.yaml", (".yaml",)) == Path("backpain-answers.yaml")


def test_the_file_being_resumed_may_be_replaced_without_asking(tmp_path: Path) -> None:
    kept = tmp_path / "mine.yaml"
    kept.write_text("age: 50\n")
    ask, _ = plain("")
    path = save_answers(ask, texts(), ALL_CLEAR, bank(), message="Name:", note="test", resume=kept)
    assert path == kept and "pain_weeks: 2" in kept.read_text()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


@pytest.mark.parametrize(("name", "marker"), [("s.html", "<!DOCTYPE html>"), ("s.md", "# "), ("s.txt", "YOUR BACK")])
def test_the_summary_format_follows_the_name(tmp_path: Path, name: str, marker: str) -> None:
    ask, _ = plain(name)
    path = save_summary(ask, build_summary(run(), bank()))
    assert path.read_text().startswith(marker) or marker in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
