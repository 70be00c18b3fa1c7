"""Saving what a patient asks ``backpain check`` to keep: their answers and a printable summary.

Every file goes through outputs.write_private (owner-only, atomic), and no existing file is
replaced without asking.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from backpain_cli import wording as w
from backpain_cli.outputs import write_private
from backpain_cli.prompts import Prompter
from backpain_cli.questions import QuestionBank
from backpain_cli.render import SUFFIX_FORMATS, render_summary
from backpain_cli.render.document import Summary
from backpain_cli.safetext import printable_name

ANSWERS_DEFAULT: Final = "backpain-answers.yaml"
ANSWER_SUFFIXES: Final = (".yaml", ".yml")
SUMMARY_SUFFIXES: Final = (".html", ".htm", ".txt", ".md")


def ask_path(
    prompter: Prompter, message: str, default: str, suffixes: tuple[str, ...], keep: Path | None = None
) -> Path:
    """A file name to write, re-asked until it is usable; ``keep`` may be replaced without asking."""

    def problem(text: str) -> str | None:
        path = Path(text.strip() or default).expanduser()
        if path.suffix.lower() not in suffixes:
            return w.use_suffix(suffixes)
        if not path.parent.is_dir():
            return w.NO_FOLDER
        if path.is_dir():
            return w.IS_A_FOLDER
        return None

    while True:
        text = prompter.type_text(message, problem, hint=f"(Enter for {default})").strip()
        path = Path(text or default).expanduser()
        # Saving must never silently replace another file, such as answers saved last time.
        if not path.exists() or (keep is not None and path.resolve() == keep.resolve()):
            return path
        if prompter.confirm(w.replace_file(printable_name(str(path))), default=False):
            return path


def save_answers(
    prompter: Prompter,
    answers: Mapping[str, object],
    bank: QuestionBank,
    *,
    message: str,
    note: str,
    resume: Path | None,
) -> Path:
    """Ask for a name and write the answers as an answer file that --resume and assess read back."""
    from backpain_cli.template import render_answer_file

    path = ask_path(prompter, message, str(resume or ANSWERS_DEFAULT), ANSWER_SUFFIXES, resume)
    write_private(path, render_answer_file(dict(answers), bank, note=note))
    return path


def save_summary(prompter: Prompter, summary: Summary) -> Path:
    """Ask for a name and write the summary as HTML, text or Markdown, by its extension."""
    path = ask_path(prompter, w.SAVE_SUMMARY_AS, "backpain-summary.html", SUMMARY_SUFFIXES)
    write_private(path, render_summary(summary, SUFFIX_FORMATS[path.suffix.lower()]))
    return path
