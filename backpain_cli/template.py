"""The commented answer-file template and the plain listing of the question bank."""

from __future__ import annotations

import json
import textwrap

from backpain_cli.answers import allowed_values
from backpain_cli.questions import Question, QuestionBank

_HEADER = """\
# backpain answer file (question bank {version})
#
# Write an answer after each colon. Yes/no questions take: yes, no or unsure.
# Leave an answer blank if you do not know it: a blank answer counts as
# "not answered", never as "no".
#
# Check it with:  backpain assess --answers THIS_FILE
"""


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, 76, initial_indent="# ", subsequent_indent="# ")


def render_template(bank: QuestionBank) -> str:
    """A YAML answer file with every question, its meaning and allowed values, all unanswered."""
    lines = [_HEADER.format(version=bank.version)]
    current = None
    for q in bank.questions:
        if q.section != current:
            current = q.section
            lines += [f"# ---- {bank.section_title(q.section)} ----", ""]
        lines += _comment(q.text)
        lines += _comment(q.help)
        lines += _comment(f"Allowed: {allowed_values(q.key)}.")
        if q.ask_if:
            lines += _comment(f"Only needed if one of these is yes or unsure: {', '.join(q.ask_if)}.")
        lines += [f"{q.key}:", ""]
    return "\n".join(lines).rstrip() + "\n"


def render_answer_file(answers: dict[str, object], bank: QuestionBank, *, note: str) -> str:
    """Answers as a YAML answer file that ``assess --answers`` and ``check --resume`` read back."""
    lines = [f"# backpain answers ({note})", "# Keep this file private: it holds health information.", ""]
    for q in bank.questions:
        value = answers.get(q.key)
        if value is None:
            continue
        shown = json.dumps(value) if isinstance(value, list) else str(value)
        lines.append(f"{q.key}: {shown}")
    return "\n".join(lines) + "\n"


def _question_data(q: Question) -> dict[str, object]:
    return {
        "key": q.key,
        "section": q.section,
        "type": q.type,
        "text": q.text,
        "short": q.short,
        "help": q.help,
        "allowed": allowed_values(q.key),
        "choices": list(q.choice_values) if q.type != "integer" else [],
        "min": q.min,
        "max": q.max,
        "ask_if": list(q.ask_if),
    }


def render_questions(bank: QuestionBank, fmt: str) -> str:
    """The question bank as text (for people) or JSON (for scripts)."""
    if fmt == "json":
        data = {
            "version": bank.version,
            "sections": [{"id": s.id, "title": s.title} for s in bank.sections],
            "questions": [_question_data(q) for q in bank.questions],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"backpain questions (bank {bank.version}): {len(bank.questions)} questions", ""]
    current = None
    for number, q in enumerate(bank.questions, 1):
        if q.section != current:
            current = q.section
            lines += ["", bank.section_title(q.section).upper()]
        lines.append(f"{number:>3}. {q.key}  [{allowed_values(q.key)}]")
        lines += textwrap.wrap(q.text, 76, initial_indent="     ", subsequent_indent="     ")
    return "\n".join(lines).lstrip("\n") + "\n"
