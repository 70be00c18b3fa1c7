"""Saving what a patient asks ``backpain check`` to keep: their answers and a printable summary.

Every file goes through output_files.write_private (owner-only, atomic), and no existing file is
replaced without asking. The prompts speak the patient's language (``texts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from backpain_cli.errors import Code
from backpain_cli.formats import SUFFIX_FORMATS
from backpain_cli.output_files import check_writable, write_private
from backpain_cli.prompts import Prompter
from backpain_cli.questions import QuestionBank
from backpain_cli.render import render_summary
from backpain_cli.render.layout import Summary
from backpain_cli.safetext import printable_name
from backpain_cli.texts import Texts

ANSWERS_DEFAULT: Final = "backpain-answers.yaml"
SUMMARY_DEFAULT: Final = "backpain-summary.html"
SAVED_ANSWER_SUFFIXES: Final = (".yaml", ".yml")  # answers are saved as YAML, which assess reads back
SUMMARY_SUFFIXES: Final = (".html", ".htm", ".txt", ".md")


def ask_path(
    prompter: Prompter,
    texts: Texts,
    message: str,
    default: str,
    suffixes: tuple[str, ...],
    keep: Path | None = None,
) -> Path:
    """A file name to write, re-asked until it is usable; ``keep`` may be replaced without asking."""
    words = texts.saving

    def problem(text: str) -> str | None:
        path = Path(text.strip() or default).expanduser()
        if path.suffix.lower() not in suffixes:
            return words.use_suffix.format(suffixes=texts.join(suffixes, word="or"))
        if not path.parent.is_dir():
            return words.no_folder
        if path.is_dir():
            return words.is_a_folder
        refused = check_writable(path)  # the checks the write itself makes: never where another user chose
        if refused is not None:
            return words.not_safe_here if refused.code == Code.UNSAFE_PATH else words.cannot_save_here
        return None

    while True:
        text = prompter.type_text(message, problem, hint=texts.walk.enter_for.format(default=default)).strip()
        path = Path(text or default).expanduser()
        # Saving must never silently replace another file, such as answers saved last time.
        if not path.exists() or (keep is not None and path.resolve() == keep.resolve()):
            return path
        if prompter.confirm(words.replace_file.format(path=printable_name(str(path))), default=False):
            return path


def save_answers(
    prompter: Prompter,
    texts: Texts,
    answers: Mapping[str, object],
    bank: QuestionBank,
    *,
    message: str,
    note: str,
    resume: Path | None,
) -> Path:
    """Ask for a name and write the answers as an answer file that --resume and assess read back."""
    from backpain_cli.template import render_answer_file

    path = ask_path(prompter, texts, message, str(resume or ANSWERS_DEFAULT), SAVED_ANSWER_SUFFIXES, resume)
    write_private(path, render_answer_file(dict(answers), bank, texts, note=note))
    return path


def save_summary(prompter: Prompter, summary: Summary) -> Path:
    """Ask for a name and write the summary as HTML, text or Markdown, by its extension."""
    texts = summary.texts
    path = ask_path(prompter, texts, texts.saving.save_summary_as, SUMMARY_DEFAULT, SUMMARY_SUFFIXES)
    write_private(path, render_summary(summary, SUFFIX_FORMATS[path.suffix.lower()]))
    return path
