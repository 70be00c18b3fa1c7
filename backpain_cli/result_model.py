"""The JSON result as a typed model, and the JSON Schemas that ``backpain schema`` publishes.

``render/json.py`` builds results as plain dicts, which is fast enough for batches of thousands;
this model describes what it writes, field by field, and the tests prove that every rendered result
validates against it and round-trips to the same JSON. Only the ``schema`` command imports this
module.

Readers should ignore fields they do not know: later versions may add fields (CONTRACT.md) without
changing ``format_version``, so the schemas allow fields they do not list.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.levels import Category, Imaging, Urgency


def _answer_key(key: str) -> str:
    if key not in ANSWER_KEYS:
        raise ValueError(f"{key!r} is not an answer key")
    return key


AnswerKey = Annotated[str, AfterValidator(_answer_key), WithJsonSchema({"type": "string", "enum": list(ANSWER_KEYS)})]
AnswerKeys = list[AnswerKey]

# The parts of a finding, shared by red flags and other findings.
RuleId = Annotated[str, Field(description="The rule's id; `backpain rules` lists every rule.")]
FindingUrgency = Annotated[
    Urgency,
    Field(
        description="How urgent this finding is: the rule's urgency, one step lower when it rests on one 'not sure'."
    ),
]
Because = Annotated[AnswerKeys, Field(description="The answer keys that made the rule fire.")]
Certain = Annotated[
    bool, Field(description="False when the finding rests on a 'not sure' answer or on a number not given.")
]
Unsure = Annotated[AnswerKeys, Field(description="The keys among `because` answered 'not sure', or numbers not given.")]
Title = Annotated[str, Field(description="The finding in a few plain words.")]
RuleImaging = Annotated[Imaging, Field(description="The imaging this rule favours on its own.")]
Explanation = Annotated[str, Field(description="Why it matters, in plain words for the patient.")]
Source = Annotated[str, Field(description="The guideline the rule comes from.")]
Inferred = Annotated[
    AnswerKeys,
    Field(
        description="Answers a history inferred from earlier check-ins (never given as answers) that helped the "
        "rule fire; `because` lists only answers given. Empty without a history."
    ),
]


class RedFlag(BaseModel):
    """A warning sign found in the answers. The first four fields are the stable interface."""

    id: RuleId
    category: Category = Field(description="The kind of warning sign; exactly the seven names of CONTRACT.md.")
    urgency: FindingUrgency
    because: Because
    certain: Certain
    unsure: Unsure
    title: Title
    imaging: RuleImaging
    explanation: Explanation
    source: Source
    inferred: Inferred


class Finding(BaseModel):
    """A rule that fired and is not a warning sign: a care pathway such as persistent sciatica."""

    id: RuleId
    urgency: FindingUrgency
    because: Because
    certain: Certain
    unsure: Unsure
    title: Title
    imaging: RuleImaging
    explanation: Explanation
    source: Source
    inferred: Inferred


class FaqPage(BaseModel):
    """A page from the content library chosen for this result."""

    id: str = Field(description="The page's content id.")
    title: str = Field(description="The page's title, a question in plain words.")
    excerpt: str = Field(description="The start of the page, as plain text.")


class Versions(BaseModel):
    """What made this result: the program, and the rules and content it used."""

    program: str = Field(description="The backpain version.")
    question_bank: str = Field(description="The version of the question bank in use.")
    rules: str = Field(description="The version of the rule table (`backpain rules`).")
    content: str = Field(description="The version the content folder declares.")
    content_fingerprint: str = Field(
        description="A short hash of the content files read: tells an edited copy from the shipped one."
    )


class PainScore(BaseModel):
    """One check-in's pain score in a history."""

    date: dt.date = Field(description="The check-in's date (ISO 8601).")
    score: int | None = Field(description="The pain score, 0 to 10; null when not given.")
    peg: float | None = Field(
        default=None,
        ge=0,
        le=10,
        description="The PEG score of that check-in (issue 22); null when not answered in full.",
    )
    urgency: Urgency | None = Field(description="The urgency that check-in got.")


class RaisedFact(BaseModel):
    """An answer the history raised for the rules (it only ever raises)."""

    key: AnswerKey = Field(description="The answer key raised.")
    value: str | int = Field(description="The value the rules saw.")
    was: str | int | None = Field(description="The value in the answers (null: not answered).")
    note: str = Field(description="Why, for the summary: for example 'new since your check-in on 2026-11-08'.")


class HistorySummary(BaseModel):
    """What changed since earlier check-ins: only in an assessment made with a history (docs/history.md)."""

    previous_check_in: dt.date | None = Field(description="The date of the last check-in before this one.")
    first_check_in: dt.date = Field(description="The first check-in of this episode (this one when it is the first).")
    check_ins_before: int = Field(description="How many earlier check-ins belong to this episode.")
    weeks_since_first: int = Field(description="Whole weeks from the episode's first check-in to this one.")
    new: AnswerKeys = Field(description="Yes/no keys that went from no or unanswered to yes or unsure.")
    resolved: AnswerKeys = Field(description="Yes/no keys that went from yes to no.")
    pain_scores: list[PainScore] = Field(
        description="The episode's pain scores over time, oldest first, this one last."
    )
    not_settling: bool = Field(description="The pain has not improved by 30% or 2 points over 6 weeks or more.")
    raised: list[RaisedFact] = Field(description="Answers the history raised for the rules, with why.")
    pain_weeks_kept: bool = Field(
        description="True when pain_weeks was left as answered because raising it would have lowered the urgency."
    )
    next_check_in: dt.date = Field(description="When to check in again, fitting the urgency.")
    peg_change: Literal["improved", "worsened", "not_important"] | None = Field(
        default=None,
        description="This PEG score against the episode's first (issue 22): a clinically important change (at least "
        "30% and one point) down or up, or not_important; null without a PEG now and an earlier one.",
    )


class PegItems(BaseModel):
    """The three PEG answers the score is the mean of."""

    peg_pain: int = Field(ge=0, le=10, description="P: pain on average in the past week.")
    peg_enjoyment: int = Field(ge=0, le=10, description="E: how pain interfered with enjoyment of life.")
    peg_activity: int = Field(ge=0, le=10, description="G: how pain interfered with general activity.")


class PegMeasure(BaseModel):
    """The PEG (Krebs et al. 2009): pain and how it interferes with life, 0-10."""

    score: float = Field(ge=0, le=10, description="The mean of the three items, to one decimal (halves rounded up).")
    items: PegItems


class Measures(BaseModel):
    """Measures answered in full (docs/measures.md). They measure; they never change urgency or imaging."""

    peg: PegMeasure | None = Field(
        default=None, description="The PEG, only when all three items are answered and the content asks it."
    )

    @model_serializer(mode="wrap")
    def _leave_out_unanswered(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {key: value for key, value in data.items() if value is not None}


class JsonResult(BaseModel):
    """One assessment, as `backpain assess --format json` prints it.

    The first six fields, and the red flags' id, category, urgency and because, are the stable
    interface (CONTRACT.md); the rest are additions. Later versions may add fields: ignore those you
    do not know. `format_version` changes only when a field changes meaning or goes away.
    """

    model_config = ConfigDict(title="backpain result")

    urgency: Urgency = Field(
        description=(
            "How soon to see a clinician: emergency = now, at an emergency department or by calling the emergency "
            "number; urgent = today or within 24 hours; soon = within about 1-2 weeks; routine = self-care, and see a "
            "clinician if not better in about 6 weeks or if anything changes."
        )
    )
    imaging: Imaging = Field(
        description=(
            "What imaging the guidelines favour discussing now: none = no imaging yet (or none of the spine); xray; "
            "mri; mri_urgent = an MRI the same day, as part of emergency care; ct_urgent = emergency imaging after a "
            "major injury, usually CT, decided by the emergency team."
        )
    )
    red_flags: list[RedFlag] = Field(description="Warning signs found, most urgent first; empty when none.")
    questions_for_doctor: list[str] = Field(description="Plain-language questions to ask the clinician.")
    faq: list[FaqPage] = Field(description="Pages from the content library that fit this result.")
    unanswered: AnswerKeys = Field(
        description="Answer keys with no answer (never read as 'no'). A question skipped because it did not apply "
        "is not listed."
    )
    format_version: Literal["1"] = Field(
        description="The version of this layout. It changes only when a field changes meaning or goes away; "
        "added fields leave it as it is.",
        json_schema_extra={"type": "string"},  # older pydantic leaves it out
    )
    urgency_reasons: list[str] = Field(description="Why the urgency is what it is, in plain words.")
    imaging_reasons: list[str] = Field(description="Why the imaging is what it is, in plain words.")
    other_findings: list[Finding] = Field(
        description="Rules that fired but are not warning signs (care pathways), most urgent first."
    )
    not_ruled_out: AnswerKeys = Field(
        description="Unanswered questions that alone could complete a warning sign: each raised the urgency to "
        "that rule's stated floor (see `backpain rules`)."
    )
    ignored_answers: AnswerKeys = Field(
        description="Answers to questions that did not apply (the questions they depend on were answered 'no'); "
        "dropped before the rules ran."
    )
    not_asked: AnswerKeys = Field(
        description="Questions skipped because earlier answers made them not apply (never read as 'no', never "
        "listed in unanswered)."
    )
    would_change: AnswerKeys = Field(
        description="Unanswered questions whose answer could raise the urgency: answering them makes the result surer."
    )
    notes: list[str] = Field(description="Things the reader must know about the answers, such as a missing age.")
    disclaimer: str = Field(
        description="This is not a diagnosis, and when to get help now (the region's emergency call when one is known)."
    )
    assessed_on: dt.date = Field(description="The date of the assessment (ISO 8601).")
    versions: Versions
    urgency_reason_codes: list[str] = Field(
        description="The codes behind urgency_reasons, in the same order: a rule id (see `backpain rules`) or one of "
        "no_flags, unanswered. Scripts should read these rather than the words."
    )
    imaging_reason_codes: list[str] = Field(
        description="The codes behind imaging_reasons: a rule id (its imaging reason) or one of no_imaging, "
        "unanswered_imaging, xray_limits, pregnancy_imaging, pregnancy_mri_first, already_scanned. Two rules may "
        "give one reason, which imaging_reasons says once."
    )
    note_codes: list[Literal["age_missing"]] = Field(description="The codes behind notes, in the same order.")
    measures: Measures = Field(
        default_factory=Measures,
        description="Measures answered in full, by id (an empty object when none): the PEG. They never change "
        "urgency or imaging.",
    )
    history: HistorySummary | None = Field(
        default=None, description="What changed since earlier check-ins; only when a history was used."
    )

    @model_serializer(mode="wrap")
    def _leave_out_no_history(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A result made without a history has no "history" key at all, as render/json.py writes it.
        data: dict[str, Any] = handler(self)
        if data.get("history") is None:
            data.pop("history", None)
        return data


class JsonlResult(JsonResult):
    """One line of `backpain assess --format jsonl`: a result, with the answer file it came from."""

    model_config = ConfigDict(title="backpain result line")

    source: str = Field(
        description="The answer file's path as given (<stdin> for standard input), or FILE:LINE for a line of "
        "an NDJSON source (export.ndjson:12, <stdin>:3)."
    )


class JsonlError(BaseModel):
    """One line of `backpain assess --format jsonl` for an answer file that could not be assessed."""

    model_config = ConfigDict(title="backpain error line")

    source: str = Field(
        description="The answer file's path as given (<stdin> for standard input), or FILE:LINE for a line of "
        "an NDJSON source (export.ndjson:12, <stdin>:3)."
    )
    error: str = Field(description="What is wrong with the file, with its line and key where known.")


def _one_of(schema: dict[str, Any]) -> None:
    # A line is exactly one of the two: a result has no "error", an error line no "urgency".
    schema["oneOf"] = schema.pop("anyOf")


class JsonlLine(RootModel[JsonlResult | JsonlError]):
    """One line of `backpain assess --format jsonl`: a result with its source, or an error line.

    The exit status is 2 when any line is an error line.
    """

    model_config = ConfigDict(title="backpain result or error line", json_schema_extra=_one_of)


DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def published_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON Schema as ``backpain schema`` prints it, the same with every pydantic 2.x.

    Older pydantic wraps a ``$ref`` that has a description beside it in a one-item ``allOf`` (a
    draft 7 habit); draft 2020-12 allows the two side by side, as newer pydantic writes them. Pydantic
    2.7 adds a one-item ``enum`` beside a ``const``, which says nothing more.
    """
    return {"$schema": DIALECT, **_plain_refs(model.model_json_schema())}


def _plain_refs(node: Any) -> Any:
    if isinstance(node, list):
        return [_plain_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _plain_refs(value) for key, value in node.items()}
    wrapped = node.get("allOf")
    if isinstance(wrapped, list) and len(wrapped) == 1 and set(wrapped[0]) == {"$ref"} and "$ref" not in node:
        node = {"$ref": wrapped[0]["$ref"], **{k: v for k, v in node.items() if k != "allOf"}}
    if "const" in node and node.get("enum") == [node["const"]]:  # pydantic 2.7 writes both for a one-value Literal
        del node["enum"]
    return node
