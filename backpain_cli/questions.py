"""The question bank: every question, its help text, section and order, loaded from content."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, ImagingKind, PainArea, YesNoUnsure
from backpain_cli.conditions import AnyOf, Condition, Yes
from backpain_cli.errors import Code, ContentError, Problem, validation_problems
from backpain_cli.measures import HIGHEST, ITEMS, LOWEST, MEASURE_KEYS
from backpain_cli.rules.policy import ALWAYS_ASKED, ASK_WHEN, REFINED, SkipGates, skipped
from backpain_cli.safetext import has_control, shown

QUESTIONS_FILE: Final = "questions.yaml"

QuestionType = Literal["yes_no_unsure", "integer", "choice", "multi_choice"]


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str
    label: str


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str


class Question(BaseModel):
    """One question: what the patient sees, and what answers it takes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str
    section: str
    type: QuestionType
    short: str = Field(min_length=1, description="a few words naming the question, for lists")
    text: str = Field(min_length=1)
    help: str = Field(min_length=1)
    # Why the question is asked, in one plain line, from the purpose of the rules that read it
    # (issue 24: people ask symptom checkers why; Tsai, Woodcock 2021). Shown with the help.
    why: str = Field(min_length=1, max_length=200)
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    # More reasons to ask a question the rules allow to be skipped (rules.policy.ASK_WHEN): it is
    # also asked when one of these was not answered "no". A bank can ask more, never less.
    ask_if: tuple[str, ...] = ()
    # What the lowest and the highest number mean, shown with a rating question (a measure's
    # published anchors: "No pain" ... "Pain as bad as you can imagine").
    low: str | None = Field(None, min_length=1)
    high: str | None = Field(None, min_length=1)
    # A personal question (drugs, sex, pregnancy, the immune system): named on the clinician's page
    # only, never on the patient's part of a printout, which may be seen at a front desk (issue 24).
    sensitive: bool = False

    @property
    def choice_values(self) -> tuple[str, ...]:
        if self.type == "yes_no_unsure":
            return get_args(YesNoUnsure)
        return tuple(c.value for c in self.choices)


_EXPECTED_CHOICES: Final[dict[str, tuple[str, ...]]] = {
    "pain_area": get_args(PainArea),
    "previous_imaging": get_args(ImagingKind),
}


class Measure(BaseModel):
    """A validated scale ``check`` offers at the end of the walk, as a group the patient may skip.

    It measures and never changes the advice (measures.py). Its items are questions of the bank; a
    clinic switches a measure off by leaving it out of ``measures:`` (its questions are then never
    asked, offered in the template or the FHIR Questionnaire, or scored).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    offer: str = Field(min_length=1, description="the group's question: do you want to answer these?")
    intro: str = Field(min_length=1, description="said before the offer: what the questions are for")
    help: str = Field(min_length=1)
    name: str = Field(min_length=1, description="the measure's name, for summaries (the PEG)")
    source: str = Field(min_length=1, description="the publication the items are copied from, word for word")
    items: tuple[str, ...]


class QuestionBank(BaseModel):
    """The whole bank, checked at load: unique keys, known sections, every contract key present."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # Text, never a number: YAML reads an unquoted 2026.10 as the number 2026.1.
    version: str = Field(min_length=1)
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    measures: tuple[Measure, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> QuestionBank:
        problems = BankProblems()
        at: int | None = None  # the question being checked, so each problem is placed on its line
        if has_control(self.version) or any(has_control(s.title) for s in self.sections):
            problems.add(None, "the version or a section title holds a terminal control character")
        section_ids = [s.id for s in self.sections]
        if len(set(section_ids)) != len(section_ids):
            problems.add(None, "section ids are not unique")
        keys = [q.key for q in self.questions]
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            problems.add(None, f"question {key!r} appears more than once")
        for key in sorted(set(ANSWER_KEYS) - set(keys)):
            problems.add(None, f"question {key!r} is missing (every answer key needs a question)")
        for key in sorted(set(keys) - set(ANSWER_KEYS)):
            problems.add(None, f"question {key!r} is not an answer key backpain knows")
        seen: set[str] = set()
        last_section = -1
        for at, q in enumerate(self.questions):
            if q.section not in section_ids:
                problems.add(at, f"question {q.key!r} names unknown section {q.section!r}")
            else:
                index = section_ids.index(q.section)
                if index < last_section:
                    problems.add(at, f"question {q.key!r} is out of section order")
                last_section = index
            expected_type = _expected_type(q.key)
            if expected_type and q.type != expected_type:
                problems.add(at, f"question {q.key!r} must have type {expected_type}, not {q.type}")
            if q.key in _EXPECTED_CHOICES and set(q.choice_values) != set(_EXPECTED_CHOICES[q.key]):
                problems.add(at, f"question {q.key!r} must offer exactly {', '.join(_EXPECTED_CHOICES[q.key])}")
            for gate in q.ask_if:
                if gate not in seen:
                    problems.add(at, f"question {q.key!r}: ask_if names {gate!r}, which is not asked before it")
                elif gate not in SYMPTOM_KEYS:
                    problems.add(at, f"question {q.key!r}: ask_if may only name yes/no questions, not {gate!r}")
            if "\n" in q.why.strip():
                problems.add(at, f"question {q.key!r}: why must be one line (it is shown beside the help)")
            if (q.low is None) != (q.high is None) or (q.low is not None and q.type != "integer"):
                problems.add(at, f"question {q.key!r}: low and high name the ends of a number scale, both or neither")
            words = [q.text, q.help, q.short, q.why, *(c.label for c in q.choices), q.low or "", q.high or ""]
            if any(has_control(w) for w in words):
                problems.add(at, f"question {q.key!r} holds a terminal control character")
            if q.ask_if and q.key in ALWAYS_ASKED:
                problems.add(at, f"question {q.key!r} is a cauda equina question and must always be asked")
            elif q.ask_if and q.key not in ASK_WHEN:
                problems.add(
                    at,
                    f"question {q.key!r} may not have ask_if: skipping it could hide a red flag "
                    f"(only {', '.join(sorted(ASK_WHEN))} can be skipped)",
                )
            if q.key in ASK_WHEN:
                for gate in sorted(ASK_WHEN[q.key].keys() - seen):
                    problems.add(at, f"question {q.key!r} is asked depending on {gate!r}, which must come before it")
            seen.add(q.key)
        for message in self._measure_problems():
            problems.add(None, message)
        if problems.found:
            raise problems
        return self

    def _measure_problems(self) -> list[str]:
        """A measure is one backpain scores, with its items as published, rated 0-10 with both ends
        named, asked after every other question (at the end of the walk)."""
        problems = []
        ids = [m.id for m in self.measures]
        keys = [q.key for q in self.questions]
        if len(set(ids)) != len(ids):
            problems.append("measures: an id appears more than once")
        for measure in self.measures:
            if measure.id not in ITEMS:
                problems.append(f"measure {measure.id!r} is not one backpain scores (known: {', '.join(ITEMS)})")
                continue
            if measure.items != ITEMS[measure.id]:
                problems.append(f"measure {measure.id!r} must list its items in order: {', '.join(ITEMS[measure.id])}")
            words = [measure.offer, measure.intro, measure.help, measure.name, measure.source]
            if any(has_control(w) for w in words):
                problems.append(f"measure {measure.id!r} holds a terminal control character")
            for key in ITEMS[measure.id]:
                q = self._by_key.get(key)
                if q is None:
                    continue  # reported above: every answer key needs a question
                if (q.min, q.max) != (LOWEST, HIGHEST) or q.low is None:
                    problems.append(
                        f"question {key!r} is an item of {measure.id!r}: it must rate {LOWEST} to {HIGHEST} "
                        "with low and high (the published anchors)"
                    )
        first_item = min((keys.index(k) for k in MEASURE_KEYS if k in keys), default=len(keys))
        if any(k not in MEASURE_KEYS for k in keys[first_item:]):
            problems.append("the measures' questions must come after every other question (the end of the walk)")
        return problems

    @cached_property
    def measure_ids(self) -> tuple[str, ...]:
        """The measures this bank asks and scores (the content folder's ``measures:``)."""
        return tuple(m.id for m in self.measures if m.id in ITEMS)

    def measure_of(self, key: str) -> Measure | None:
        """The measure asked whose item this question is, or None."""
        return next((m for m in self.measures if key in m.items), None)

    def get(self, key: str) -> Question:
        return self._by_key[key]

    @cached_property
    def asked(self) -> tuple[Question, ...]:
        """The questions ``check`` asks, in order: every question but the broad ones of earlier banks
        that finer questions now ask instead (rules/policy.py REFINED; still read from answer files),
        and the items of measures the content folder switched off."""
        offered = {key for m in self.measures for key in m.items}
        return tuple(
            q for q in self.questions if q.key not in REFINED and (q.key not in MEASURE_KEYS or q.key in offered)
        )

    @cached_property
    def core(self) -> tuple[Question, ...]:
        """The questions ``check`` asks before the measures: what ``Question N of M`` counts."""
        return tuple(q for q in self.asked if q.key not in MEASURE_KEYS)

    @cached_property
    def shortest_walk(self) -> int:
        """How many ``core`` questions a patient answers who says "no" to every yes/no question,
        gives each number its lowest allowed value and picks each list's first choice: the low end
        of "about N to M questions" on the welcome screen, by the bank's own skip logic. Unanswered
        questions count as "not sure" (``skipped``), so the count follows the bank when it changes."""
        answers: dict[str, object] = {}
        for question in self.core:
            if question.key in self.skipped(answers):
                continue
            if question.type == "yes_no_unsure":
                answers[question.key] = "no"
            elif question.type == "integer":
                answers[question.key] = question.min if question.min is not None else 0
            elif question.type == "choice":
                answers[question.key] = question.choices[0].value
            else:
                answers[question.key] = [question.choices[0].value]
        return len(answers)

    @cached_property
    def _by_key(self) -> dict[str, Question]:
        return {q.key: q for q in self.questions}

    def section_title(self, section_id: str) -> str:
        return next(s.title for s in self.sections if s.id == section_id)

    @cached_property
    def skip_gates(self) -> SkipGates:
        """When each skippable question is asked: the rules' condition, or any of the bank's ``ask_if``.

        Returns a mapping from answer key to a condition (rules.policy.ASK_WHEN order); a question
        is skipped when its condition is certainly false (see ``redflags.skipped``).
        """
        gates: dict[str, Condition] = {}
        for key, condition in ASK_WHEN.items():
            extra = self.get(key).ask_if if key in self._by_key else ()
            gates[key] = AnyOf(condition, *(Yes(k) for k in extra)) if extra else condition
        return gates

    def skipped(self, answers: Mapping[str, object]) -> frozenset[str]:
        """The questions these answers (so far) skip; unanswered questions count as "not sure"."""
        return skipped({k: answers.get(k) for k in ANSWER_KEYS}, self.skip_gates)


def _expected_type(key: str) -> QuestionType | None:
    if key in SYMPTOM_KEYS:
        return "yes_no_unsure"
    types: dict[str, QuestionType] = {
        "age": "integer",
        "pain_weeks": "integer",
        "pain_score": "integer",
        **dict.fromkeys(MEASURE_KEYS, "integer"),
        "pain_area": "choice",
        "previous_imaging": "multi_choice",
    }
    return types.get(key)


class BankProblems(ValueError):
    """The bank's own checks, each with the index of the question it is about (None: the whole bank),
    so ``content check`` lists every one on its own line rather than one line joined by ";"."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int | None, str]] = []

    def add(self, index: int | None, message: str) -> None:
        self.found.append((index, message))

    def __str__(self) -> str:
        return "; ".join(message for _, message in self.found)


def _bank_problems(
    exc: ValidationError, source: str, locate: Callable[[tuple[Any, ...]], int | None], data: object
) -> list[Problem]:
    """Every problem in the bank: pydantic's, each on its line in plain words, then the bank's own checks
    one by one, each on its question's line.

    pydantic runs the bank's checks only when every question is well formed, so a misspelt field
    hid every other problem; the checks are run again without the broken questions, and what they
    find is reported too (except what only follows from leaving those out).
    """
    entries = exc.errors(include_url=False)
    rest = [e for e in entries if not isinstance((e.get("ctx") or {}).get("error"), BankProblems)]
    checks = [
        (i, m)
        for e in entries
        if isinstance(err := (e.get("ctx") or {}).get("error"), BankProblems)
        for i, m in err.found
    ]
    items = data.get("questions") if isinstance(data, dict) else None
    broken = {e["loc"][1] for e in rest if len(e["loc"]) > 1 and e["loc"][0] == "questions"}
    if not checks and isinstance(items, list) and broken and all(isinstance(i, int) for i in broken):
        kept = [i for i in range(len(items)) if i not in broken]
        left_out = {repr(q.get("key")) for i, q in enumerate(items) if i in broken and isinstance(q, dict)}
        try:
            QuestionBank.model_validate({**data, "questions": [items[i] for i in kept]})  # type: ignore[dict-item]
        except ValidationError as again:
            for e in again.errors(include_url=False):
                if isinstance(err := (e.get("ctx") or {}).get("error"), BankProblems):
                    checks += [
                        (None if j is None else kept[j], m) for j, m in err.found if not any(k in m for k in left_out)
                    ]
    found = [
        Problem(m, source=source, line=None if i is None else locate(("questions", i)), code=Code.CONTENT)
        for i, m in checks
    ]
    named = [_by_key(p, items) for p in validation_problems(rest, source=source, locate=locate, code=Code.CONTENT)]
    return named + found


def _by_key(problem: Problem, items: object) -> Problem:
    """ "questions.14.shade: ..." as "question 'weakness_getting_worse': shade: ...": the key a writer
    searches for, not a count from 0."""
    head, _, rest = problem.message.partition(": ")
    parts = head.split(".")
    if len(parts) < 2 or parts[0] != "questions" or not parts[1].isdigit() or not isinstance(items, list):
        return problem
    index = int(parts[1])
    item = items[index] if index < len(items) else None
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        return problem
    field = ".".join(parts[2:])
    message = ": ".join(x for x in (f"question {shown(item['key'])}", field, rest) if x)
    return dataclasses.replace(problem, message=message)


def load_question_bank(content_dir: Path) -> QuestionBank:
    """Load and check ``questions.yaml`` from a content folder."""
    from backpain_cli.yamlload import read_yaml_file

    path = content_dir / QUESTIONS_FILE
    source = str(path)
    problems: list[Problem] = []
    document = read_yaml_file(
        path, problems, missing="the question bank is missing", unreadable="cannot read the question bank"
    )
    if problems or document is None:
        raise ContentError(problems)
    try:
        return QuestionBank.model_validate(document.data)
    except ValidationError as exc:
        raise ContentError(_bank_problems(exc, source, document.locator(), document.data)) from None
