"""The command line, as scripts and clinic staff use it: every command, format and exit code."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backpain_cli import __version__
from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.bundle import shipped_content_dir
from backpain_cli.cli import app
from backpain_cli.measures import MEASURE_KEYS
from backpain_cli.rules import RULES_VERSION
from backpain_cli.rules.policy import REFINED
from tests.helpers import ALL_CLEAR

CONTRACT_RESULT_KEYS = ["urgency", "imaging", "red_flags", "questions_for_doctor", "faq", "unanswered"]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    monkeypatch.delenv("BACKPAIN_CONTENT", raising=False)
    return CliRunner()


def write(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data)
    elif name.endswith(".json"):
        path.write_text(json.dumps(data))
    else:
        import yaml

        path.write_text(yaml.safe_dump(data))
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_clean_failure(result: Any, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------------------- basics


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("assess", "template", "questions", "schema"):
        assert command in result.stdout
    assert "Not a diagnosis" in result.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and lines[0] == f"backpain {__version__}"
    assert lines[1] == f"rules {RULES_VERSION}"
    # --version loads no content: it names the folder and says where its versions are printed.
    assert lines[2] == f"content {shipped_content_dir()} (versions: backpain content check)"


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["assess", "--nope"]).exit_code == 2


# ---------------------------------------------------------------------------- assess: one file


def test_json_result_has_contract_keys_in_order(runner: CliRunner, tmp_path: Path) -> None:
    case = {**ALL_CLEAR, "saddle_numbness": "yes", "leg_pain_below_knee": True, "leg_symptoms_weeks": 1}
    path = write(tmp_path, "a.json", case)
    result = runner.invoke(app, ["assess", "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # exactly one JSON object and nothing else on stdout
    assert list(data)[:6] == CONTRACT_RESULT_KEYS
    assert (data["urgency"], data["imaging"]) == ("emergency", "mri_urgent")
    flag = data["red_flags"][0]
    assert {"id", "category", "urgency", "because"} <= set(flag)
    assert flag["category"] == "cauda_equina" and flag["because"] == ["saddle_numbness"]
    assert all(isinstance(q, str) for q in data["questions_for_doctor"])
    assert all(set(f) >= {"id", "title", "excerpt"} for f in data["faq"])
    assert data["unanswered"] == []
    assert data["assessed_on"] == "2026-11-26"
    assert set(data["versions"]) == {"program", "question_bank", "rules", "content", "content_fingerprint"}


def test_json_lists_unanswered_keys(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "age: 30\n")
    data = json.loads(runner.invoke(app, ["assess", "-a", str(path), "-f", "json"]).stdout)
    # the broad keys of earlier banks are never "unanswered": their finer questions are (policy.REFINED)
    # nor is a measure's item (the PEG, issue 22): optional, and no warning sign
    assert set(data["unanswered"]) == set(ANSWER_KEYS) - {"age"} - set(REFINED) - MEASURE_KEYS
    assert data["urgency"] == "soon" and data["not_ruled_out"]


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("text", "YOUR BACK PAIN SUMMARY"), ("markdown", "# Your back pain summary"), ("html", "<!DOCTYPE html>")],
)
def test_printable_formats_carry_urgency_and_the_note(runner: CliRunner, tmp_path: Path, fmt: str, marker: str) -> None:
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "fever": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", fmt])
    assert result.exit_code == 0
    assert marker in result.stdout
    assert "URGENT" in result.stdout
    assert "This is not a diagnosis" in result.stdout
    assert "X-ray or MRI?" in result.stdout


def test_default_format_off_a_terminal_is_text(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", ALL_CLEAR)
    assert "YOUR BACK PAIN SUMMARY" in runner.invoke(app, ["assess", "-a", str(path)]).stdout


def test_rich_format_prints_the_summary(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "fever": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "rich"])
    assert result.exit_code == 0 and "URGENT" in result.stdout


@pytest.mark.parametrize("text", ['{"age": 40, "fever": "no"}', "age: 40\nfever: no\n"])
def test_standard_input(runner: CliRunner, text: str) -> None:
    result = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["unanswered"]


def test_closed_or_empty_standard_input_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input="")
    assert_clean_failure(result)
    assert "<stdin>: file is empty" in result.stderr


def test_bad_file_exit_2_with_file_line_key_and_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "typo.yaml", "age: 45\nsaddle_numbnes: yes\nfever: maybe\n")
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "json"])
    assert_clean_failure(result)
    assert f"{path}:2: unknown key 'saddle_numbnes' (did you mean 'saddle_numbness'?)" in result.stderr
    assert f"{path}:3: fever: 'maybe' is not allowed" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [("age: 12\n", "aged 16 and over"), ("pain_score: 42\n", "0 to 10"), ("[1]\n", "expected a mapping")],
)
def test_invalid_answers_exit_2(runner: CliRunner, tmp_path: Path, content: str, message: str) -> None:
    result = runner.invoke(app, ["assess", "-a", str(write(tmp_path, "a.yaml", content))])
    assert_clean_failure(result)
    assert message in result.stderr


def test_missing_file_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "-a", str(tmp_path / "nope.yaml")])
    assert_clean_failure(result)
    assert "no such file" in result.stderr


def test_stale_answer_warning_goes_to_stderr(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "weakness_worsening": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "json"])
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "weakness_worsening was ignored" in result.stderr


# ---------------------------------------------------------------------------- output files


@pytest.mark.parametrize(
    ("name", "check"),
    [("s.json", "{"), ("s.txt", "YOUR BACK"), ("s.md", "# Your"), ("s.html", "<!DOCTYPE"), ("s.jsonl", '{"urgency"')],
)
def test_output_file_is_owner_only_and_format_follows_extension(
    runner: CliRunner, tmp_path: Path, name: str, check: str
) -> None:
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    out = tmp_path / name
    result = runner.invoke(app, ["assess", "-a", str(answers), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text().startswith(check)
    assert mode(out) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_output_replaces_an_existing_file_and_tightens_its_mode(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    out = tmp_path / "s.txt"
    out.write_text("old")
    out.chmod(0o644)
    assert runner.invoke(app, ["assess", "-a", str(answers), "-o", str(out)]).exit_code == 0
    assert mode(out) == 0o600 and "old" not in out.read_text()


def test_output_problems_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    for out, message in [
        (tmp_path / "nowhere" / "s.txt", "folder does not exist"),
        (tmp_path / "s.pdf", "cannot tell the format"),
        (answers, "cannot tell the format"),
    ]:
        result = runner.invoke(app, ["assess", "-a", str(answers), "-o", str(out)])
        assert_clean_failure(result)
        assert message in result.stderr


def test_output_never_overwrites_the_answer_file(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.json", ALL_CLEAR)
    before = answers.read_text()
    result = runner.invoke(app, ["assess", "-a", str(answers), "-o", str(answers)])
    assert_clean_failure(result)
    assert "refusing to overwrite" in result.stderr
    assert answers.read_text() == before


def test_rich_cannot_go_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    assert_clean_failure(
        runner.invoke(app, ["assess", "-a", str(answers), "-f", "rich", "-o", str(tmp_path / "x.txt")])
    )


# ---------------------------------------------------------------------------- batch


def test_batch_folder_jsonl_one_line_each_with_source(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", {**ALL_CLEAR, "fever": "yes"})
    write(tmp_path, "a.json", ALL_CLEAR)
    write(tmp_path, "notes.txt", "ignored: not an answer file")
    result = runner.invoke(app, ["assess", "-a", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["source"]).name for line in lines] == ["a.json", "b.yaml"]
    assert [line["urgency"] for line in lines] == ["routine", "urgent"]


def test_batch_bad_file_gives_error_line_others_still_run(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", ALL_CLEAR)
    bad = write(tmp_path, "bad.yaml", "fevr: yes\n")
    result = runner.invoke(
        app, ["assess", "-a", str(bad), "-a", str(good), "-a", str(tmp_path / "gone.json"), "-f", "jsonl"]
    )
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(lines[0]) == {"source", "error"} and "did you mean 'fever'" in lines[0]["error"]
    assert lines[1]["source"] == str(good) and lines[1]["urgency"] == "routine"
    assert "no such file" in lines[2]["error"]
    assert "Traceback" not in result.stderr


def test_batch_needs_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", ALL_CLEAR)
    result = runner.invoke(app, ["assess", "-a", str(tmp_path), "-f", "json"])
    assert_clean_failure(result)
    assert "--format jsonl" in result.stderr


def test_batch_to_an_output_file(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.yaml", ALL_CLEAR)
    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["assess", "-a", str(folder), "-o", str(out)]).exit_code == 0
    assert mode(out) == 0o600 and len(out.read_text().splitlines()) == 1


def test_empty_folder_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "-a", str(tmp_path)])
    assert_clean_failure(result)
    assert "holds no .yaml" in result.stderr


def test_stdin_only_once(runner: CliRunner) -> None:
    assert_clean_failure(runner.invoke(app, ["assess", "-a", "-", "-a", "-"], input="age: 40\n"))


# ---------------------------------------------------------------------------- --fail-on


@pytest.mark.parametrize(("level", "code"), [("urgent", 3), ("emergency", 0), ("routine", 3), ("SOON", 3)])
def test_fail_on_sets_exit_3_at_or_above(runner: CliRunner, tmp_path: Path, level: str, code: int) -> None:
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "fever": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "json", "--fail-on", level])
    assert result.exit_code == code
    json.loads(result.stdout)  # the result is still printed


def test_fail_on_in_batch_uses_the_worst(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", ALL_CLEAR)
    write(tmp_path, "b.yaml", {**ALL_CLEAR, "major_trauma": "yes", "pain_weeks": 0})
    assert runner.invoke(app, ["assess", "-a", str(tmp_path), "--fail-on", "emergency"]).exit_code == 3
    write(tmp_path, "c.yaml", {**ALL_CLEAR, "fever_or_chills": "yes"})  # urgent: below the level
    assert runner.invoke(app, ["assess", "-a", str(tmp_path), "--fail-on", "emergency"]).exit_code == 3


def test_fail_on_an_emergency_wins_over_a_malformed_file(runner: CliRunner, tmp_path: Path) -> None:
    # A script that pages a clinician on exit 3 must not miss the emergency because another file
    # in the inbox was broken (CONTRACT: "Exit status with --fail-on").
    write(tmp_path, "a.json", '{"age": 40,}')  # a trailing comma
    write(tmp_path, "b.yaml", {**ALL_CLEAR, "saddle_numbness": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(tmp_path), "-f", "jsonl", "--fail-on", "emergency"])
    assert result.exit_code == 3
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in lines[0] and lines[0]["source"].endswith("a.json")
    assert lines[1]["urgency"] == "emergency"
    assert f"backpain: error: {tmp_path / 'a.json'}:1:" in result.stderr  # the bad file still has its error line


def test_fail_on_below_the_level_a_malformed_file_still_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "nonsense: 1\n")
    write(tmp_path, "b.yaml", {**ALL_CLEAR, "fever_or_chills": "yes"})  # urgent
    assert runner.invoke(app, ["assess", "-a", str(tmp_path), "--fail-on", "emergency"]).exit_code == 2
    assert runner.invoke(app, ["assess", "-a", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["assess", "-a", str(tmp_path), "--fail-on", "urgent"]).exit_code == 3


def test_fail_on_help_says_which_status_wins(runner: CliRunner) -> None:
    text = " ".join(runner.invoke(app, ["assess", "--help"]).stdout.split())
    assert "3 wins over 2" in text


# ---------------------------------------------------------------------------- template, questions, schema


def test_template_lists_every_question_and_reads_back_as_all_unanswered(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["template"])
    assert result.exit_code == 0
    for key in ANSWER_KEYS:
        assert (f"\n{key}:\n" in result.stdout) == (key not in REFINED), key
    path = write(tmp_path, "t.yaml", result.stdout)
    data = json.loads(runner.invoke(app, ["assess", "-a", str(path), "-f", "json"]).stdout)
    assert set(data["unanswered"]) == set(ANSWER_KEYS) - set(REFINED) - MEASURE_KEYS


def test_template_to_file_is_private_and_never_clobbers(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    assert runner.invoke(app, ["template", "-o", str(out)]).exit_code == 0
    assert mode(out) == 0o600
    out.write_text("age: 50\n")
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert_clean_failure(result)
    assert out.read_text() == "age: 50\n"
    assert runner.invoke(app, ["template", "-o", str(out), "--force"]).exit_code == 0


def test_questions_text_and_json(runner: CliRunner) -> None:
    text = runner.invoke(app, ["questions"])
    assert text.exit_code == 0 and "saddle_numbness" in text.stdout
    data = json.loads(runner.invoke(app, ["questions", "--format", "json"]).stdout)
    assert [q["key"] for q in data["questions"]] and len(data["questions"]) == len(ANSWER_KEYS)
    assert runner.invoke(app, ["questions", "--format", "xml"]).exit_code == 2


def test_schema_describes_every_answer_key(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert set(schema["properties"]) == set(ANSWER_KEYS)
    assert schema["additionalProperties"] is False


# ---------------------------------------------------------------------------- content folder


def test_broken_content_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), content)
    (content / "questions.yaml").write_text('version: "1"\nsections: []\nquestions: []\n')
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    result = runner.invoke(app, ["assess", "-a", str(answers), "--content", str(content)])
    assert_clean_failure(result)
    assert "questions.yaml" in result.stderr and "is missing" in result.stderr


def test_content_folder_from_environment(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", ALL_CLEAR)
    result = runner.invoke(app, ["assess", "-a", str(answers)], env={"BACKPAIN_CONTENT": str(tmp_path / "none")})
    assert_clean_failure(result)
    assert "content folder does not exist" in result.stderr


# ---------------------------------------------------------------------------- failures never leak


def test_internal_error_shows_no_traceback_and_no_answers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import backpain_cli.commands.assess as runner_module

    def boom(*args: Any, **kwargs: Any) -> None:
        secret = "saddle_numbness=yes"  # noqa: F841 - a local that must not appear anywhere
        raise RuntimeError("boom")

    monkeypatch.setattr(runner_module, "assess", boom)
    monkeypatch.delenv("BACKPAIN_DEBUG", raising=False)
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "saddle_numbness": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "json"])
    assert result.exit_code == 1
    assert "internal error (RuntimeError)" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "saddle_numbness" not in result.output + result.stderr


def test_ctrl_c_exits_130_quietly(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import backpain_cli.commands.assess as runner_module

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner_module, "read_source", interrupted)
    result = runner.invoke(app, ["assess", "-a", str(write(tmp_path, "a.yaml", ALL_CLEAR))])
    assert result.exit_code == 130
    assert "stopped" in result.stderr and "Traceback" not in result.stderr


def test_parallel_batch_gives_the_same_lines_in_the_same_order(tmp_path: Path) -> None:
    """Large batches fork worker processes; their output must equal the one-process output."""
    import datetime as dt

    from backpain_cli.batch import expand_sources, run_batch
    from tests.helpers import bundle

    for i in range(40):
        write(tmp_path, f"{i:03d}.json", {**ALL_CLEAR, "age": 20 + i, "fever": "yes" if i % 3 else "no"})
    write(tmp_path, "bad.yaml", "fevr: yes\n")
    sources, _ = expand_sources([str(tmp_path)])
    day = dt.date(2026, 11, 26)
    one = list(run_batch(sources, bundle=bundle(), today=day, workers=1))
    two = list(run_batch(sources, bundle=bundle(), today=day, workers=2))
    assert one == two
    assert [line.urgency for line in one].count(None) == 1


def test_file_names_with_escape_codes_are_shown_escaped(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path, "\x1b[2Jevil.yaml", "fevr: yes\n")
    result = runner.invoke(app, ["assess", "-a", str(bad), "-a", str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b[2Jevil.yaml" in result.stderr
    assert "\x1b" not in result.stdout  # the JSON line escapes it as \\u001b


@pytest.mark.parametrize(
    "command", [["assess"], ["check"], ["rules"], ["template"], ["questions"], ["schema"], ["content", "check"]]
)
def test_every_command_s_help_has_an_example_exit_codes_and_readable_metavars(
    runner: CliRunner, command: list[str]
) -> None:
    text = runner.invoke(app, [*command, "--help"]).stdout
    assert "Examples:\n    backpain " + command[0] in text
    assert "Exit status:" in text and "141  the reader" in text
    assert "list[" not in text  # typer's default for a repeatable option, meaningless to a reader


def test_environment_variables_are_shown_in_help(runner: CliRunner) -> None:
    text = runner.invoke(app, ["assess", "--help"]).stdout
    assert "BACKPAIN_REGION" in text and "BACKPAIN_CONTENT" in text


def test_shell_completion_is_on(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """--show-completion prints the script for the shell typer finds among the process's parents
    (shellingham walks /proc; it reads neither $SHELL nor the terminal, and "bash" after the flag is
    not its value). A run with no supported shell above it, such as a background job whose shell has
    gone (``( pytest & )``, parent: init) or one started by ``sh -c``, finds none and exits 1, so the
    test pins what the detection finds to bash."""
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda pid=None, max_depth=10: ("bash", "/bin/bash"))
    result = runner.invoke(app, ["--show-completion"])
    assert result.exit_code == 0 and "_backpain_completion" in result.stdout


def test_region_from_the_environment_reaches_assess(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", {**ALL_CLEAR, "saddle_numbness": "yes"})
    result = runner.invoke(app, ["assess", "-a", str(path), "-f", "text"], env={"BACKPAIN_REGION": "nz"})
    assert result.exit_code == 0 and "call 111" in result.stdout


def test_the_cli_stays_typer_wiring_only() -> None:
    """The cli package is typer wiring only: about 30 lines a command (plus 60 for the app itself and 50 for
    its shared options, --lang and --clinic-lang among them), at most 8 of the package's modules at the top of
    each file, only command modules imported inside commands (one flow each, loaded when used), and it is the
    only place that knows typer."""
    import ast

    package = Path(__file__).resolve().parent.parent / "backpain_cli"
    source = "\n".join(p.read_text() for p in sorted((package / "cli").glob("*.py")))
    tree = ast.parse(source)
    commands = source.count(".command(")
    assert commands >= 9
    assert len(source.splitlines()) <= 110 + 30 * commands

    def package_modules(nodes: list[ast.stmt] | list[ast.AST]) -> set[str]:
        modules: set[str] = set()
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.module == "backpain_cli":  # from backpain_cli import out
                modules.update(f"backpain_cli.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backpain_cli."):
                modules.add(node.module or "")
        return modules

    top = package_modules(tree.body)
    assert len(top) <= 8, sorted(top)
    inside = package_modules(list(ast.walk(tree))) - top
    assert all(m.startswith("backpain_cli.commands.") for m in inside), sorted(inside)
    for path in package.rglob("*.py"):
        if path.parent.name != "cli":
            assert "import typer" not in path.read_text(), path


def test_main_sets_up_the_process_and_maps_an_early_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    import backpain_cli.cli as cli

    calls: list[str] = []
    monkeypatch.setattr(cli.failures, "prepare_process", lambda: calls.append("prepared"))

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert calls == ["prepared"] and exit_info.value.code == 130
