"""``content check`` lists every problem it can find in one run, in plain words (issue 24).

Was: a misspelt field in one question hid every other problem of questions.yaml (pydantic runs the
bank's own checks only when every question is well formed); the bank's checks came as one line
joined by ";" on no line; and pydantic's words: "Extra inputs are not permitted", "1 problem(s)".
"""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.content_folder import shipped_content_dir


def broken_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace("  - key: foot_drop\n", "  - key: foot_drop\n    colour: red\n", 1)
    text = text.replace("    type: integer\n    min: 0\n", "    type: integer\n    min: zero\n", 1)
    text = text.replace("  - key: bladder_change\n", "  - key: bladder_change\n    ask_if: [leg_weakness]\n", 1)
    text = text.replace("  - key: night_pain\n", "  - key: night_pain\n    ask_if: [fever]\n", 1)
    questions.write_text(text, encoding="utf-8")
    texts = folder / "texts" / "en.yaml"
    texts.write_text(
        texts.read_text(encoding="utf-8").replace("check-in {number} on {date}", "check-in {numbr} on {date}", 1),
        "utf-8",
    )
    return folder


def test_every_problem_of_every_file_is_listed_in_one_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["content", "check", str(broken_folder(tmp_path))])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 5, lines
    said = "\n".join(lines)
    assert "question 'foot_drop': colour: is not a field here: check its spelling, or remove it" in said
    assert "question 'pain_weeks': min: must be a whole number" in said
    # the bank's own checks still run, each on its own line, though two questions are broken
    assert "question 'bladder_change' is a cauda equina question and must always be asked" in said
    assert "question 'night_pain' may not have ask_if" in said
    assert "history.kept_as: must use" in said
    assert ";" not in " ".join(line.split(": ", 2)[-1] for line in lines if "cauda" in line)
    assert "Extra inputs" not in said and "Input should be" not in said
    assert "5 problems in " in result.stderr


def test_each_problem_is_on_the_line_of_its_question(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path)
    text = (folder / "questions.yaml").read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(app, ["content", "check", str(folder)])
    for key in ("bladder_change", "night_pain", "foot_drop"):
        line = next(x for x in result.stdout.splitlines() if f"'{key}'" in x)
        number = int(line.split("questions.yaml:")[1].split(":")[0])
        assert f"key: {key}" in text[number - 1] or text[number - 1].strip().startswith(("colour", "ask_if")), line


def test_one_problem_is_one_problem(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    questions = folder / "questions.yaml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace(
            "  - key: foot_drop\n", "  - key: foot_drop\n    colour: red\n", 1
        ),
        "utf-8",
    )
    result = CliRunner().invoke(app, ["content", "check", str(folder)])
    assert result.exit_code == 2 and "1 problem in " in result.stderr
