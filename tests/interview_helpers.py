"""Drive the walk-through with scripted input, as a patient would type it."""

from __future__ import annotations

import io
from collections.abc import Iterable

from hypothesis import strategies as st

from backpain_cli.interview import Interview
from backpain_cli.prompts import PlainPrompter
from backpain_cli.regions import Region
from tests.helpers import bank, texts

CTRL_C = "<ctrl-c>"
CTRL_D = "<ctrl-d>"  # end of input at that prompt, as Ctrl-D in a terminal: reading goes on after it
UK = Region("uk", "the United Kingdom", "999 (or 112)")


class ScriptedStdin(io.StringIO):
    """Lines a patient types; CTRL_C raises KeyboardInterrupt; CTRL_D and the end of the script are
    end of input."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__()
        self.lines = list(lines)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        if line == CTRL_C:
            raise KeyboardInterrupt
        if line == CTRL_D:
            return ""
        return line + "\n"


# Answers in bank order for a calm, routine case: a 45-year-old, 3 weeks of low back pain.
ROUTINE_SCRIPT = [
    "45",
    "3",
    "1",
    "5",  # age, weeks, area (1 = lower back), pain score
    "n",
    "n",
    "n",
    "n",  # belly or chest pain, tearing pain, pain getting worse, band pain (rash is skipped)
    "n",
    "n",
    "n",  # leg pain, numbness, weakness (when, worse, both legs, foot drop, walking pain skipped)
    "n",  # unsteady walking (clumsy hands skipped)
    "n",
    "n",
    "n",
    "n",
    "n",  # saddle, bladder, bowel, sexual, urinary pain
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",
    "n",  # cancer, weight loss, fever, night sweats, drugs, immune, diabetes, pregnant, birth in the last
    # 6 months, infection elsewhere, spinal procedure, feeling very unwell (heparin and confusion skipped)
    "n",
    "n",
    "n",
    "n",  # major trauma, minor trauma, osteoporosis, steroids (height loss, rigid spine skipped)
    "n",  # night pain (stiffness, exercise, related conditions skipped under 13 weeks)
    "n",  # back surgery (treatment and procedure skipped under 4 weeks and without leg pain)
    "1",  # previous imaging: none
    "k",  # "Rate how your back pain affects you": skip the PEG's three questions
]


def script_for(given: dict[str, object] | None = None, **typed: str) -> list[str]:
    """What a patient types for an all-"no" walk: ``typed`` answers by key (as typed), "n" for the
    other yes/no questions, "1" for choices; questions in ``given`` (pre-filled) or skipped by the
    answers so far are left out, exactly as the walk-through skips them. A measure (the PEG) is
    skipped ("k"), unless ``typed`` answers one of its questions: then it is answered ("a"), with
    "5" for each question not typed."""
    from backpain_cli.answers import validate_answers

    answers: dict[str, object] = dict(given or {})
    lines = []
    offered: set[str] = set()
    for question in bank().asked:
        if question.key in answers or question.key in bank().skipped(answers):
            continue
        measure = bank().measure_of(question.key)
        if measure is not None:
            if measure.id not in offered and not set(measure.items) & set(answers):
                offered.add(measure.id)
                lines.append("a" if set(measure.items) & set(typed) else "k")
            if not set(measure.items) & (set(typed) | set(answers)):
                continue
            typed = {**dict.fromkeys(measure.items, "5"), **typed}
        line = typed.get(question.key, "n" if question.type == "yes_no_unsure" else "1")
        lines.append(line)
        value: object = {"n": "no", "y": "yes", "u": "unsure"}.get(line, line)
        if question.type == "choice":
            value = question.choices[int(line) - 1].value
        elif question.type == "multi_choice":
            value = [question.choices[int(line) - 1].value]
        answers[question.key] = validate_answers({question.key: value}).as_dict()[question.key]
    return lines


# Where the first cauda equina question (saddle numbness) and the belly or chest question come.
SADDLE = 12
BELLY = 4
# Where the leg questions begin (leg pain below the knee).
LEGS = 8
# A doubt about a leg sign: new pain in both legs, not sure about weakness nor whether it is getting worse.
# The GIRFT deficit is in doubt, so the warning is "get checked today" (doubt policy), after "both legs".
LEG_DOUBT = ["y", "n", "u", "1", "u", "y"]


def interview(lines: Iterable[str], prefilled: dict[str, object] | None = None) -> tuple[Interview, io.StringIO]:
    out = io.StringIO()
    prompter = PlainPrompter(texts().prompts, stdin=ScriptedStdin(lines), stdout=out)
    return Interview(bank(), prompter, UK, texts(), prefilled), out


def ask_one(key: str, lines: Iterable[str], answers: dict[str, object] | None = None) -> tuple[object, str]:
    """Ask one question on its own, with ``answers`` already given; the model's value and the screen."""
    walk, out = interview(lines, answers)
    return walk.ask(bank().get(key)), out.getvalue()


# Digits the answer model reads as digits besides 0-9 (it uses str.isdigit and int): Arabic-Indic
# and full-width. The prompts must agree with the model, odd or not.


@st.composite
def number_spellings(draw: st.DrawFn, low: int, high: int) -> tuple[str, int]:
    """A way of typing a whole number that the answer model accepts, and the number it means.

    ASCII digits with leading zeros, an optional "+", an optional ".0", and spaces around
    (answers._whole_number); other scripts' digits and "4_2" are refused by the model.
    """
    number = draw(st.integers(low, high))
    digits = str(number)
    fraction = draw(st.sampled_from(["", ".0", ".00"]))
    sign = draw(st.sampled_from(["", "+"]))
    zeros = "0" * draw(st.integers(0, 2))
    before, after = (draw(st.sampled_from(["", " ", "  ", "\t", " \t"])) for _ in range(2))
    return f"{before}{sign}{zeros}{digits}{fraction}{after}", number
