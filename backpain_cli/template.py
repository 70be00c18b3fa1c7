"""The commented answer-file template and the plain listing of the question bank."""

from __future__ import annotations

import json
import re
import textwrap

from backpain_cli.answers import allowed_values
from backpain_cli.formats import ListFormat
from backpain_cli.language import SOURCE_LANGUAGE
from backpain_cli.questions import Question, QuestionBank
from backpain_cli.rules.policy import REFINED
from backpain_cli.texts import Texts


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, 76, initial_indent="# ", subsequent_indent="# ")


def render_template(bank: QuestionBank, texts: Texts) -> str:
    """A YAML answer file with every question, its meaning and allowed values, all unanswered."""
    words = texts.template
    first, *rest = words.header
    lines = [f"# {line}".rstrip() for line in (first.format(version=bank.version), *rest)] + [""]
    if texts.notice:
        lines[-1:-1] = ["#", f"# {texts.notice}"]
    current = None
    for q in bank.asked:  # the broad keys of earlier banks are still read, but not offered
        if q.section != current:
            current = q.section
            lines += [f"# {words.section.format(title=bank.section_title(q.section))}", ""]
        lines += _comment(q.text)
        lines += _comment(q.help)
        lines += _comment(texts.common.why_we_ask.format(why=q.why))
        lines += _comment(words.allowed.format(allowed=allowed_words(q, texts)))
        if q.ask_if:
            lines += _comment(words.only_if.format(keys=", ".join(q.ask_if)))
        lines += [f"{q.key}:", ""]
    return "\n".join(lines).rstrip() + "\n"


def render_answer_file(answers: dict[str, object], bank: QuestionBank, texts: Texts, *, note: str) -> str:
    """Answers as a YAML answer file that ``assess --answers`` and ``check --resume`` read back."""
    saving = texts.saving
    lines = [f"# {saving.answers_file_header.format(note=note)}", f"# {saving.answers_file_private}", ""]
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
        "why": q.why,
        "allowed": allowed_values(q.key),
        "choices": list(q.choice_values) if q.type != "integer" else [],
        "min": q.min,
        "max": q.max,
        "ask_if": list(q.ask_if),
        # A broad key of an earlier bank: still read from answer files; check asks these instead.
        "refined_by": list(REFINED.get(q.key, ())),
    }


def allowed_words(q: Question, texts: Texts) -> str:
    """A question's allowed values said in ``texts``' language (the values are the file format's own;
    a translation gives each its meaning beside it: "lower_back (parte baja de la espalda)")."""
    values = list(q.choice_values)
    if texts.language != SOURCE_LANGUAGE:
        values = [texts.template.choice.format(value=c.value, label=_gloss(c.label)) for c in q.choices] or values
    if q.type == "integer" and q.key in texts.walk.allowed:
        return texts.walk.allowed[q.key]
    if q.type == "yes_no_unsure":
        return texts.template.allowed_yes_no
    if q.type == "multi_choice":
        return texts.template.allowed_list.format(values=", ".join(values))
    return texts.join(values, word="or") if values else allowed_values(q.key)


def _gloss(label: str) -> str:
    """A choice's label as a short gloss: its detail in brackets left out, lower case first
    ("Parte baja de la espalda (debajo de las costillas)" gives "parte baja de la espalda")."""
    short = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip() or label
    return short[:1].lower() + short[1:]


def render_questions(bank: QuestionBank, fmt: ListFormat, texts: Texts | None = None) -> str:
    """The question bank as text (for people), JSON or JSON lines (one question a line, for scripts);
    the text says why each question is asked in ``texts``' words."""
    if fmt == ListFormat.JSONL:
        return "".join(json.dumps(_question_data(q), ensure_ascii=False) + "\n" for q in bank.questions)
    if fmt == ListFormat.JSON:
        data = {
            "version": bank.version,
            "sections": [{"id": s.id, "title": s.title} for s in bank.sections],
            "questions": [_question_data(q) for q in bank.questions],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if texts is None:
        from backpain_cli.bundle import load_bundle

        texts = load_bundle().texts
    words = texts.template
    count = texts.plural(texts.units.questions, len(bank.questions))
    lines = [words.questions_header.format(version=bank.version, questions=count), ""]
    current = None
    for number, q in enumerate(bank.questions, 1):
        if q.section != current:
            current = q.section
            lines += ["", bank.section_title(q.section).upper()]
        lines.append(f"{number:>3}. {q.key}  [{allowed_words(q, texts)}]")
        if q.key in REFINED:
            lines.append(f"     {words.refined_by.format(keys=', '.join(REFINED[q.key]))}")
        lines += textwrap.wrap(q.text, 76, initial_indent="     ", subsequent_indent="     ")
        why = texts.common.why_we_ask.format(why=q.why)
        lines += textwrap.wrap(why, 76, initial_indent="     ", subsequent_indent="     ")
    if texts.notice:  # an unreviewed translation says so, once (issue 20)
        lines += ["", texts.notice]
    return "\n".join(lines).lstrip("\n") + "\n"
