"""`backpain check` through the command line: terminal detection, summary, saving, Ctrl-C, resume."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import backpain_cli.cli as cli
from backpain_cli import terminal
from tests.interview_helpers import CTRL_C, ROUTINE_SCRIPT, SADDLE


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def typed(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_without_a_terminal_says_to_use_assess(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "is_interactive", lambda: False)
    result = CliRunner().invoke(cli.app, ["check"], input="45\n")
    assert result.exit_code == 2
    assert "backpain assess --answers FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_full_plain_run_prints_the_summary_and_saves_nothing_unasked(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed(*ROUTINE_SCRIPT, "d", "n", "n"))
    assert result.exit_code == 0, result.stderr
    assert "ROUTINE: self-care for now" in result.stdout
    assert "This is not a diagnosis" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written unless asked


def test_saving_answers_and_summary_at_the_end(runner: CliRunner, tmp_path: Path) -> None:
    # Saving a printable summary asks for the name, date of birth and record number (each optional).
    script = typed(*ROUTINE_SCRIPT, "d", "y", "", "y", "y", "Sam Jones", "1 May 1960", "", "me.txt")
    result = runner.invoke(cli.app, ["check", "--plain", "--record", "A-17"], input=script)
    assert result.exit_code == 0, result.stderr
    answers, summary = tmp_path / "backpain-answers.yaml", tmp_path / "me.txt"
    for path in (answers, summary):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert yaml.safe_load(answers.read_text())["age"] == 45
    text = summary.read_text()
    assert "YOUR BACK PAIN SUMMARY" in text and "FOR THE CLINICIAN" in text
    assert "Name: Sam Jones" in text and "Date of birth: 1 May 1960" in text and "Record number: A-17" in text
    assert "Age: 45 years" in text  # the clinic copy holds the answers, with units
    assert f"Saved your summary to {summary}" in result.stdout  # the full path: easy to find


def test_an_age_typed_as_42_point_0_is_taken_as_42(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed("42.0", *ROUTINE_SCRIPT[1:], "d", "y", "", "n"))
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    assert yaml.safe_load((tmp_path / "backpain-answers.yaml").read_text())["age"] == 42


def test_save_asks_again_for_a_bad_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app, ["check", "--plain"], input=typed(*ROUTINE_SCRIPT, "d", "y", "answers.doc", "mine.yaml", "n")
    )
    assert result.exit_code == 0
    assert "Please use a name ending in .yaml or .yml." in result.stdout
    assert (tmp_path / "mine.yaml").exists()


@pytest.fixture
def ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a typed CTRL_C line behave like pressing Ctrl-C at that prompt."""
    from backpain_cli.prompts import PlainPrompter

    original = PlainPrompter._read

    def read(self: PlainPrompter, prompt: str) -> str:
        line = original(self, prompt)
        if line == CTRL_C:
            raise KeyboardInterrupt
        return line

    monkeypatch.setattr(PlainPrompter, "_read", read)


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_offers_to_save_then_resume_continues(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed("45", "3", CTRL_C, "y", ""))
    assert result.exit_code == 130
    assert "stopped" in result.stderr and "Traceback" not in result.stderr
    saved = tmp_path / "backpain-answers.yaml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert yaml.safe_load(saved.read_text()) == {"age": 45, "pain_weeks": 3}

    resumed = runner.invoke(
        cli.app, ["check", "--plain", "--resume", str(saved)], input=typed(*ROUTINE_SCRIPT[2:], "d", "n", "n")
    )
    assert resumed.exit_code == 0, resumed.stderr
    assert "How old are you?" not in resumed.stdout
    assert "ROUTINE" in resumed.stdout


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_while_changing_an_answer_on_the_review_screen_saves_it(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed(*ROUTINE_SCRIPT, "1", CTRL_C, "y", ""))
    assert result.exit_code == 130, result.stderr
    saved = yaml.safe_load((tmp_path / "backpain-answers.yaml").read_text())
    assert saved["age"] == 45 and saved["previous_imaging"] == ["none"]


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_without_saving(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed("45", CTRL_C, "n"))
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_mid_way_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    """The input ends mid-way and again at the save offer: exit 130, nothing saved, no advice for scripts.

    (It no longer exits 2; the name is the one SAFETY.md H14 cites, to be renamed together with it.)
    """
    result = runner.invoke(cli.app, ["check", "--plain"], input="45\n3\n")
    assert result.exit_code == 130
    assert "stopped. Nothing was saved yet." in result.stderr and "not saved." in result.stderr
    assert "backpain assess" not in result.stderr and "Traceback" not in result.stderr
    assert "Save your answers so far" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_answers_file_prefills(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pre.yaml").write_text("age: 45\npain_weeks: 3\npain_area: lower_back\npain_score: 5\n")
    result = runner.invoke(
        cli.app, ["check", "--plain", "--answers", "pre.yaml"], input=typed(*ROUTINE_SCRIPT[4:], "d", "n", "n")
    )
    assert result.exit_code == 0, result.stderr
    assert "How old are you?" not in result.stdout


@pytest.mark.parametrize("option", ["--answers", "--resume"])
def test_an_emergency_answer_in_a_file_is_announced_before_the_first_question(
    runner: CliRunner, tmp_path: Path, option: str
) -> None:
    (tmp_path / "mine.yaml").write_text("pain_weeks: 2\nsaddle_numbness: yes\n")
    result = runner.invoke(
        cli.app, ["check", "--plain", "--region", "uk", option, "mine.yaml"], input=typed("s", "n", "n")
    )
    assert result.exit_code == 0, result.stderr
    warning = result.stdout.index("Emergency warning:")
    assert "call 999 (or 112)" in result.stdout[warning:]
    assert "How old are you?" not in result.stdout[:warning]  # stopped before any question (the summary may quote it)
    assert result.stdout.index("EMERGENCY: get help now") > warning


def test_bad_prefill_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pre.yaml").write_text("agee: 45\n")
    result = runner.invoke(cli.app, ["check", "--plain", "--answers", "pre.yaml"])
    assert result.exit_code == 2 and "did you mean 'age'" in result.stderr


def test_region_sets_the_emergency_number(runner: CliRunner) -> None:
    script = [*ROUTINE_SCRIPT[:SADDLE], "y", "s", "n", "n"]
    result = runner.invoke(cli.app, ["check", "--plain", "--region", "au"], input=typed(*script))
    assert result.exit_code == 0, result.stderr
    assert "call 000" in result.stdout
    assert "EMERGENCY: get help now" in result.stdout


def test_unknown_region_lists_the_known_ones(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["check", "--region", "mars"])
    assert result.exit_code == 2 and "choose one of: au, ca" in result.stderr


def test_region_from_environment(runner: CliRunner) -> None:
    result = runner.invoke(
        cli.app, ["check", "--plain"], input=typed(*ROUTINE_SCRIPT, "d", "n", "n"), env={"BACKPAIN_REGION": "nz"}
    )
    assert "call 111" in result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals_get_plain_mode(env: dict[str, str]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        assert terminal.display(False) == terminal.Display.PLAIN


def test_answers_and_resume_together_must_match(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("age: 40\n")
    (tmp_path / "b.yaml").write_text("age: 41\n")
    result = runner.invoke(cli.app, ["check", "--answers", "a.yaml", "--resume", "b.yaml"])
    assert result.exit_code == 2 and "not both" in result.stderr


def test_broken_regions_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    from backpain_cli.bundle import shipped_content_dir

    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    (folder / "regions.yaml").write_text("regions: [1, 2]\n")
    result = runner.invoke(cli.app, ["check", "--content", str(folder)])
    assert result.exit_code == 2 and "expected 'default' and 'regions'" in result.stderr
    (folder / "regions.yaml").unlink()
    result = runner.invoke(cli.app, ["check", "--content", str(folder)])
    assert result.exit_code == 2 and "emergency numbers is missing" in result.stderr


def test_saving_a_summary_as_markdown_or_html(runner: CliRunner, tmp_path: Path) -> None:
    for name, marker in (("s.md", "# Your back pain summary"), ("s.html", "<!DOCTYPE html>")):
        result = runner.invoke(cli.app, ["check", "--plain"], input=typed(*ROUTINE_SCRIPT, "d", "n", "y", "n", name))
        assert result.exit_code == 0
        assert (tmp_path / name).read_text().startswith(marker)


def test_control_characters_in_regions_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    from backpain_cli.bundle import shipped_content_dir

    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    regions = folder / "regions.yaml"
    regions.write_text(regions.read_text().replace('number: "911"}', 'number: "\\e[2J911"}', 1))
    result = runner.invoke(cli.app, ["check", "--content", str(folder), "--region", "us"])
    assert result.exit_code == 2 and "terminal control character" in result.stderr


def test_saving_never_silently_replaces_another_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "backpain-answers.yaml").write_text("age: 70\n")
    script = typed(*ROUTINE_SCRIPT, "d", "y", "", "n", "mine.yaml", "n")  # Enter = default name, exists: don't replace
    result = runner.invoke(cli.app, ["check", "--plain"], input=script)
    assert result.exit_code == 0, result.stderr
    assert "already exists. Replace it?" in result.stdout
    assert (tmp_path / "backpain-answers.yaml").read_text() == "age: 70\n"
    assert "age: 45" in (tmp_path / "mine.yaml").read_text()


def test_a_bug_mid_questionnaire_still_offers_to_save_the_answers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backpain_cli.interview import Interview

    original = Interview._emergency_check
    calls = {"n": 0}

    def flaky(self: Interview) -> str | None:
        calls["n"] += 1
        if calls["n"] == 4:  # once before the first question, then after each answer: the third answer
            raise RuntimeError("boom")
        return original(self)

    monkeypatch.setattr(Interview, "_emergency_check", flaky)
    monkeypatch.delenv("BACKPAIN_DEBUG", raising=False)
    result = runner.invoke(cli.app, ["check", "--plain"], input=typed("45", "3", "1", "y", ""))
    assert result.exit_code == 1
    assert "internal error (RuntimeError)" in result.stderr and "Traceback" not in result.stderr
    saved = (tmp_path / "backpain-answers.yaml").read_text()
    assert "age: 45" in saved and "pain_area: lower_back" in saved
