"""Answers: the validated answer model, and its errors in the words of an answer file's author.

Answer files (readers/), answers typed at the prompts (interview.py) and answers read from FHIR
all go through this one model, so all get the same checks and the same error messages.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from backpain_cli.answer_schema import number_schema, spelled
from backpain_cli.errors import AnswerFileError, Code, Problem, Words, validation_problems
from backpain_cli.measures import HIGHEST, LOWEST, MEASURE_KEYS
from backpain_cli.safetext import shown

if TYPE_CHECKING:
    from pydantic.config import JsonDict

MIN_AGE: Final = 16
# Spans of time that cannot be longer than the person has been alive.
LIFETIME_KEYS: Final = ("pain_weeks", "leg_symptoms_weeks")
# The answers that are whole numbers (FHIR valueInteger).
INTEGER_KEYS: Final = frozenset({"age", "pain_weeks", "pain_score", "leg_symptoms_weeks"}) | MEASURE_KEYS

YesNoUnsure = Literal["yes", "no", "unsure"]
PainArea = Literal["lower_back", "mid_back", "both"]
ImagingKind = Literal["none", "xray", "mri", "ct"]

_YES_NO_WORDS: Final[dict[str, YesNoUnsure]] = {
    "yes": "yes",
    "no": "no",
    "unsure": "unsure",
    "not sure": "unsure",
    "not_sure": "unsure",
}


_CANONICAL: Final = frozenset(("yes", "no", "unsure"))


def _yes_no_unsure(value: object) -> object:
    # YAML 1.1 turns a bare yes/no into a boolean; scripts send JSON true/false. Both are
    # accepted as yes/no (CONTRACT.md). Anything else is left for the Literal check to reject.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return _YES_NO_WORDS.get(value.strip().lower(), value)
    return value


# A whole number as people write one: ASCII digits, an optional plus sign, and ".0" allowed.
_WHOLE_NUMBER = re.compile(r"\+?([0-9]+)(?:\.0*)?")


def _whole_number(value: object) -> object:
    """The one reading of a whole-number answer, the same whatever pydantic's version.

    Accepts an int, a float with nothing after the point (42.0), or text of ASCII digits with an
    optional "+" and ".0" (" 42 ", "+42", "42.0"). Anything else is refused here, so pydantic's own
    lenient parsing (other scripts' digits, "4_2") never decides what an age is.
    """
    if isinstance(value, bool):  # a bool is a Python int: pydantic would quietly take true as 1
        raise ValueError("expected a whole number, not true/false")
    if isinstance(value, int) or value is None:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _WHOLE_NUMBER.fullmatch(value.strip())
        if match:
            return int(match.group(1))
    raise PydanticCustomError("int_parsing", "expected a whole number")


def _imaging_list(value: object) -> object:
    if isinstance(value, str):
        return [value.strip().lower()]
    if isinstance(value, list):
        return [v.strip().lower() if isinstance(v, str) else v for v in value]
    return value


def _choice(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


_SCAN: Final[list[JsonDict]] = [{"enum": list(get_args(ImagingKind))}, spelled(*get_args(ImagingKind))]
_NONE: Final = spelled("none")

Symptom = Annotated[
    YesNoUnsure | None,
    # Values are normalised once for the whole model (see Answers._normalise), which is much
    # cheaper than a validator per field when a batch holds thousands of files.
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(get_args(YesNoUnsure))},
                spelled(*_YES_NO_WORDS),
                {"type": "boolean"},
                {"type": "null"},
            ],
            "description": (
                "yes, no or unsure, in any case and with blanks around; 'not sure' or 'not_sure' also mean "
                "unsure, and true/false mean yes/no. Null, or leaving the key out: not answered (never 'no')."
            ),
        }
    ),
]
WholeNumber = Annotated[int | None, BeforeValidator(_whole_number)]

SCHEMA_DESCRIPTION: Final = (
    "One person's answers: a mapping from question key to answer (YAML or JSON). A key left out, or null, "
    "means the question was not answered, never 'no'. Each answer may be spelled the ways backpain reads it "
    "(see each key). What this schema cannot check, and backpain does: that pain_weeks is no more than "
    "(age + 1) x 52 (JSON Schema cannot compare two answers); duplicate keys, files over 1 MB and how a "
    "YAML file is read (backpain reads YAML 1.2: only true and false are booleans, 070 is 70). Some number "
    "spellings that backpain reads too are left out on purpose: digits of other scripts (Arabic-Indic, "
    "fullwidth), '4_2', '42.0', '-0'. See docs/interface.md."
)


class Answers(BaseModel):
    """One person's answers. A missing key, or null, means the question was not answered."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="backpain answer file",
        json_schema_extra={"description": SCHEMA_DESCRIPTION},
    )

    age: WholeNumber = Field(
        None, ge=MIN_AGE, le=120, description="Age in whole years.", json_schema_extra=number_schema
    )
    pain_weeks: WholeNumber = Field(
        None,
        ge=0,
        le=5200,
        description="Weeks since this episode of back pain began; no more than (age + 1) x 52.",
        json_schema_extra=number_schema,
    )
    pain_area: Annotated[
        PainArea | None,
        BeforeValidator(_choice),
        WithJsonSchema(
            {
                "anyOf": [{"enum": list(get_args(PainArea))}, spelled(*get_args(PainArea)), {"type": "null"}],
                "description": "Where the pain is: lower_back, mid_back or both, in any case and with blanks around.",
            }
        ),
    ] = None
    pain_score: WholeNumber = Field(
        None, ge=0, le=10, description="Worst pain in the last week.", json_schema_extra=number_schema
    )
    previous_imaging: Annotated[
        list[ImagingKind] | None,
        BeforeValidator(_imaging_list),
        WithJsonSchema(
            {
                "anyOf": [
                    {
                        "type": "array",
                        "items": {"anyOf": _SCAN},
                        # 'none' with a scan contradicts itself (_imaging_consistent)
                        "not": {"allOf": [{"contains": _NONE}, {"contains": {"not": _NONE}}]},
                    },
                    *_SCAN,
                    {"type": "null"},
                ],
                "description": (
                    "Scans already done for this pain: a list from none, xray, mri, ct (or one of them alone), "
                    "in any case and with blanks around; 'none' cannot be combined with a scan. Repeats count "
                    "once; an empty list or null means not answered."
                ),
            }
        ),
    ] = None

    leg_pain_below_knee: Symptom = None
    leg_numbness: Symptom = None
    leg_weakness: Symptom = None
    weakness_worsening: Symptom = None
    both_legs: Symptom = None
    saddle_numbness: Symptom = None
    bladder_change: Symptom = None
    bowel_control_loss: Symptom = None
    sexual_function_change: Symptom = None
    cancer_history: Symptom = None
    weight_loss: Symptom = None
    fever: Symptom = None
    iv_drug_use: Symptom = None
    immune_suppression: Symptom = None
    recent_infection: Symptom = None
    major_trauma: Symptom = None
    minor_trauma: Symptom = None
    osteoporosis: Symptom = None
    steroid_use: Symptom = None
    night_pain: Symptom = None
    morning_stiffness: Symptom = None
    better_with_exercise: Symptom = None
    treatment_no_better: Symptom = None
    procedure_considered: Symptom = None
    back_surgery_before: Symptom = None
    abdominal_or_chest_pain: Symptom = None
    urinary_pain: Symptom = None
    # Question bank 2 (CONTRACT.md, 2026-12); foot_drop is this project's own addition.
    pain_worsening: Symptom = None
    walking_unsteady: Symptom = None
    hands_clumsy: Symptom = None
    band_pain: Symptom = None
    rash: Symptom = None
    sudden_tearing_pain: Symptom = None
    feel_unwell: Symptom = None
    pregnant_or_postpartum: Symptom = None
    height_loss: Symptom = None
    rigid_spine_condition: Symptom = None
    diabetes: Symptom = None
    spa_related_condition: Symptom = None
    leg_pain_walking: Symptom = None
    foot_drop: Symptom = None
    # Rule set 2027.1 (issue 23): finer questions that `check` asks instead of five broader ones,
    # which keep their meaning in answer files (rules/policy.py REFINED).
    leg_symptoms_weeks: WholeNumber = Field(
        None,
        ge=0,
        le=5200,
        description="Weeks since the leg symptoms (pain below the knee, numbness, weakness) began.",
        json_schema_extra=number_schema,
    )
    weakness_getting_worse: Symptom = None
    numbness_spreading: Symptom = None
    weakness_both_legs: Symptom = None
    numbness_both_legs: Symptom = None
    fever_or_chills: Symptom = None
    night_sweats: Symptom = None
    pregnant_now: Symptom = None
    birth_last_6_months: Symptom = None
    heparin_injections: Symptom = None
    infection_elsewhere: Symptom = None
    spinal_procedure: Symptom = None
    new_confusion: Symptom = None
    treatment_not_helping: Symptom = None
    # The PEG (issue 22; measures.py): it measures how pain affects the person, and no rule reads it.
    peg_pain: WholeNumber = Field(
        None,
        ge=LOWEST,
        le=HIGHEST,
        description="PEG item P: pain on average in the past week (0 no pain, 10 pain as bad as you can imagine).",
        json_schema_extra=number_schema,
    )
    peg_enjoyment: WholeNumber = Field(
        None,
        ge=LOWEST,
        le=HIGHEST,
        description="PEG item E: how pain interfered with enjoyment of life in the past week (0 does not "
        "interfere, 10 completely interferes).",
        json_schema_extra=number_schema,
    )
    peg_activity: WholeNumber = Field(
        None,
        ge=LOWEST,
        le=HIGHEST,
        description="PEG item G: how pain interfered with general activity in the past week (0 does not "
        "interfere, 10 completely interferes).",
        json_schema_extra=number_schema,
    )

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        # Most answers are already "yes", "no" or "unsure": copy the mapping only when one is not.
        # (A batch validates thousands of files; a call per answer was half the validation time.)
        changed: dict[Any, Any] | None = None
        for key, value in data.items():
            if key in SYMPTOM_KEYS and not (value.__class__ is str and value in _CANONICAL):
                if changed is None:
                    changed = dict(data)
                changed[key] = _yes_no_unsure(value)
        return data if changed is None else changed

    @field_validator("previous_imaging")
    @classmethod
    def _imaging_consistent(cls, imaging: list[ImagingKind] | None) -> list[ImagingKind] | None:
        if imaging is None:
            return None
        if "none" in imaging and len(set(imaging)) > 1:
            raise ValueError("'none' cannot be combined with a scan")
        # Duplicates carry no meaning; keep the first of each, in the order given. An empty
        # list says nothing, so it counts as unanswered.
        return list(dict.fromkeys(imaging)) or None

    @model_validator(mode="after")
    def _consistent(self) -> Answers:
        for key in LIFETIME_KEYS:
            weeks = getattr(self, key)
            if self.age is not None and weeks is not None and weeks > (self.age + 1) * 52:
                # Its values travel with it (ctx), for the patient's words of the same problem (problem_words.py).
                raise PydanticCustomError(
                    "lifetime",
                    "{key} ({weeks}) is longer than the person has been alive (age {age})",
                    {"key": key, "weeks": weeks, "age": self.age},
                )
        return self

    def as_dict(self) -> dict[str, Any]:
        """Every key, with None for an unanswered question."""
        return dict(self.__dict__)

    def answered(self) -> dict[str, Any]:
        """Only the answered keys, as they would be written to an answer file."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


ANSWER_KEYS: Final[tuple[str, ...]] = tuple(Answers.model_fields)
_FIELDS: Final = frozenset(ANSWER_KEYS)
OTHER_KEYS: Final = (
    frozenset({"age", "pain_weeks", "pain_area", "pain_score", "previous_imaging", "leg_symptoms_weeks"}) | MEASURE_KEYS
)
# Every other answer is a yes/no/unsure question (a test checks the model agrees).
SYMPTOM_KEYS: Final[frozenset[str]] = frozenset(ANSWER_KEYS) - OTHER_KEYS

_ALLOWED: Final[dict[str, str]] = {
    **dict.fromkeys(SYMPTOM_KEYS, "yes, no or unsure (true/false are read as yes/no)"),
    "age": "a whole number from 16 to 120",
    "pain_weeks": "a whole number of weeks, 0 or more",
    "leg_symptoms_weeks": "a whole number of weeks, 0 or more",
    "pain_area": "lower_back, mid_back or both",
    "pain_score": "a whole number from 0 to 10",
    "previous_imaging": "a list from none, xray, mri, ct (or one of them)",
    **dict.fromkeys(MEASURE_KEYS, f"a whole number from {LOWEST} to {HIGHEST}"),
}


def allowed_values(key: str) -> str:
    """The allowed values of a key, in words, for error messages and the template."""
    return _ALLOWED[key]


def suggest_key(key: str) -> str | None:
    """The closest real key to a mistyped one, if any is close."""
    matches = difflib.get_close_matches(key.lower(), ANSWER_KEYS, n=1, cutoff=0.6)
    return matches[0] if matches else None


# ---------------------------------------------------------------------------- validation


def validate_answers(data: object, *, source: str | None = None, lines: Mapping[str, int] | None = None) -> Answers:
    """Validate a mapping of answers; raise AnswerFileError listing every problem."""
    if data is None:
        raise AnswerFileError(
            [
                Problem(
                    "holds no answers (only comments or blank lines)",
                    source=source,
                    code=Code.NOT_A_MAPPING,
                    words=Words("holds_nothing"),
                )
            ]
        )
    if not isinstance(data, Mapping):
        kind = "a list" if isinstance(data, list) else f"{type(data).__name__} {shown(data)}"
        # "age:45" reads as one word in YAML: the usual slip is the missing space after the colon.
        slipped = isinstance(data, str) and ":" in data
        slip = "; put a space after each colon: age: 45" if slipped else ""
        raise AnswerFileError(
            [
                Problem(
                    f"expected a mapping of question keys to answers, got {kind}{slip}",
                    source=source,
                    code=Code.NOT_A_MAPPING,
                    hint_words=Words("space_after_colon") if slipped else None,
                )
            ]
        )
    problems: list[Problem] = []
    clean: dict[str, object] = {}
    if data.keys() <= _FIELDS:  # every key a question's (the usual case): nothing to report, no loop
        clean = dict(data)
    else:
        for key, value in data.items():
            if not isinstance(key, str):
                problems.append(
                    Problem(
                        f"{shown(key)} is not a question key",
                        source=source,
                        code=Code.UNKNOWN_KEY,
                        words=Words.of("unknown_key", key=shown(key)),
                    )
                )
                continue
            if key not in _FIELDS:
                guess = suggest_key(key)
                problems.append(
                    Problem(
                        f"unknown key {shown(key)}",
                        source=source,
                        line=(lines or {}).get(key),
                        hint=f"did you mean {guess!r}?" if guess else "run 'backpain questions' to list the keys",
                        code=Code.UNKNOWN_KEY,
                        # ``typed``: the key as written, for a guess from the patient's own words (problem_words.py)
                        words=Words.of("unknown_key", key=shown(key), typed=key),
                        hint_words=Words.of("did_you_mean", key=repr(guess)) if guess else Words("list_keys"),
                    )
                )
                continue
            clean[key] = value
    try:
        answers = Answers.model_validate(clean)
    except ValidationError as exc:
        problems.extend(
            validation_problems(exc, source=source, lines=lines, wording=_Wording(clean, source, lines or {}))
        )
        answers = None
    if problems:
        # In file order, so the messages read top to bottom like the file.
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise AnswerFileError(problems)
    assert answers is not None
    return answers


class _Wording:
    """Answer-model errors in the words of an answer file's author: the value, and what is allowed."""

    def __init__(self, data: Mapping[str, object], source: str | None, lines: Mapping[str, int]) -> None:
        self.data, self.source, self.lines = data, source, lines

    def __call__(self, err: Mapping[str, Any]) -> Problem:
        loc = err["loc"]
        msg = str(err["msg"]).removeprefix("Value error, ")
        if not loc:  # a whole-model check, such as pain_weeks longer than a lifetime
            ctx = err.get("ctx") or {}
            words = Words.of("weeks_longer_than_life", **ctx) if err["type"] == "lifetime" else None
            return Problem(msg, source=self.source, code=Code.INCONSISTENT, words=words)
        key = str(loc[0])
        value = self.data.get(key)
        if key == "age" and err["type"] == "greater_than_equal":
            return Problem(
                f"age {shown(value)} is under {MIN_AGE}: this tool is for people aged 16 and over. "
                "A child or teenager with back pain should see a doctor",
                source=self.source,
                key=key,
                line=self.lines.get(key),
                code=Code.UNDER_AGE,
                words=Words.of("under_age", value=shown(value)),
            )
        detail = msg if err["type"] == "value_error" else None
        scans = detail is not None and key == "previous_imaging"  # 'none' with a scan (_imaging_consistent)
        return Problem(
            f"{shown(value)} is not allowed: {detail or 'expected ' + allowed_values(key)}",
            source=self.source,
            key=key,
            line=self.lines.get(key),
            code=Code.BAD_VALUE,
            words=Words.of("none_with_scan" if scans else "bad_value", value=shown(value), key=key),
        )
