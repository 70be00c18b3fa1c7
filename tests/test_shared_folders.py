"""Every command that writes a file, in a folder other users can write to (issue 19).

In a sticky world-writable folder like /tmp, another user makes the output's name a link to a file
the person running backpain can write. Whatever the command (``assess -o``, a batch's ``-o``,
``history add --remind``, ``history export -o``, ``template -o``, ``fhir questionnaire -o``, and the
files ``check`` saves), the link is never followed: exit 2 with the reason, and the file it points
to is untouched. Run as root and as an unprivileged user.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.prompts import PlainPrompter
from backpain_cli.saving import save_answers, save_summary
from tests.helpers import ALL_CLEAR, bank, run, texts
from tests.users import actor, as_user, give, needs_root, open_tmp, sticky_folder

__all__ = ["actor", "open_tmp"]  # fixtures

EXAMPLE = Path(__file__).parent.parent / "examples" / "sciatica-after-xray.yaml"


@pytest.fixture
def place(open_tmp: Path, actor: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The actor's own folder (with an answer file, a file worth protecting and a history home) and a
    sticky shared folder."""
    home = open_tmp / "home"
    home.mkdir()
    answers = home / "a.yaml"
    shutil.copy(EXAMPLE, answers)
    victim = home / "victim.txt"
    victim.write_text("keep me")
    for path in (home, answers, victim):
        give(path, actor)
    monkeypatch.setenv("BACKPAIN_HOME", str(home / "history"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    return {"home": home, "answers": answers, "victim": victim, "shared": sticky_folder(open_tmp)}


def _plant(place: dict[str, Path], name: str) -> Path:
    link = place["shared"] / name
    link.symlink_to(place["victim"])
    give(link)
    return link


def _invoke(actor: int, args: list[str]) -> tuple[int, str]:
    def call() -> tuple[int, str]:
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.stderr

    outcome: tuple[int, str] = as_user(actor, call)
    return outcome


COMMANDS = {
    "assess -o": ["assess", "-a", "{answers}", "-o", "{out}"],
    "assess batch -o": ["assess", "-a", "{answers}", "-a", "{answers}", "-o", "{out}"],
    "history add --remind": ["history", "add", "{answers}", "-f", "json", "--remind", "{out}"],
    "history export -o": ["history", "export", "-o", "{out}"],
    "template -o --force": ["template", "-o", "{out}", "--force"],
    "fhir questionnaire -o": ["fhir", "questionnaire", "-o", "{out}"],
}
NAMES = {
    "assess -o": "summary.html",
    "assess batch -o": "results.jsonl",
    "history add --remind": "next.ics",
    "history export -o": "check-ins.jsonl",
    "template -o --force": "answers.yaml",
    "fhir questionnaire -o": "questionnaire.json",
}


@needs_root
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_through_another_users_link(command: str, place: dict[str, Path], actor: int) -> None:
    if command == "history export -o":  # something to export
        assert _invoke(actor, ["history", "add", str(place["answers"]), "-f", "json"])[0] == 0
    link = _plant(place, NAMES[command])
    args = [a.format(answers=place["answers"], out=link) for a in COMMANDS[command]]
    code, stderr = _invoke(actor, args)
    assert code == 2, stderr
    assert "is a link made by another user (uid 65533)" in stderr and "Traceback" not in stderr
    assert place["victim"].read_text() == "keep me" and link.is_symlink()
    assert sorted(p.name for p in place["shared"].iterdir()) == [NAMES[command]]  # no temporary left
    if command == "history add --remind":  # refused before anything was kept
        assert not (place["home"] / "history").exists()


@needs_root
@pytest.mark.parametrize("command", ["assess -o", "template -o --force", "fhir questionnaire -o"])
def test_the_same_commands_write_to_a_new_name_in_the_shared_folder(
    command: str, place: dict[str, Path], actor: int
) -> None:
    out = place["shared"] / NAMES[command]
    args = [a.format(answers=place["answers"], out=out) for a in COMMANDS[command]]
    code, stderr = _invoke(actor, args)
    assert code == 0, stderr
    umask = os.umask(0)
    os.umask(umask)
    # The Questionnaire holds no patient data, so it gets the ordinary mode; the others stay owner-only.
    mode = 0o644 & ~umask if command == "fhir questionnaire -o" else 0o600
    assert out.stat().st_uid == actor and out.stat().st_mode & 0o777 == mode


def _prompter(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    screen = io.StringIO()
    typed = io.StringIO("".join(f"{line}\n" for line in lines))
    return PlainPrompter(texts().prompts, stdin=typed, stdout=screen), screen


@needs_root
def test_check_asks_again_instead_of_saving_through_another_users_link(
    place: dict[str, Path], actor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What check saves at the end (answers, and a printable summary): the planted name is refused
    with plain words, and the next name given is used."""
    planted_answers = _plant(place, "backpain-answers.yaml")
    planted_summary = _plant(place, "backpain-summary.html")
    monkeypatch.chdir(place["shared"])

    def call() -> tuple[str, str, str]:
        ask, screen = _prompter("", "mine.yaml")
        saved = save_answers(ask, texts(), ALL_CLEAR, bank(), message="Name:", note="test", resume=None)
        ask2, screen2 = _prompter("", "mine.html")
        from backpain_cli.render.document import build_summary

        summary = save_summary(ask2, build_summary(run(), bank()))
        return str(saved), str(summary), screen.getvalue() + screen2.getvalue()

    saved, summary, shown = as_user(actor, call)
    assert (saved, summary) == ("mine.yaml", "mine.html")
    assert shown.count(texts().saving.not_safe_here) == 2
    assert place["victim"].read_text() == "keep me"
    assert planted_answers.is_symlink() and planted_summary.is_symlink()
    assert (place["shared"] / "mine.yaml").stat().st_uid == actor
