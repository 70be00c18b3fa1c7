"""The areas of the text catalogue (texts.py): one pydantic model per part of the program that speaks.

Each field is a text the program fills in; ``slots`` names the placeholders it fills, so a
catalogue (any language) that drops ``{call}`` or adds ``{cal}`` is refused with its line.
"""

# No ``from __future__ import annotations`` here: pydantic would compile and evaluate each of the
# catalogue's 200-odd annotations from a string at every start.

import string
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import CoreSchema, core_schema

from backpain_cli.levels import Imaging, Reason, Urgency
from backpain_cli.safetext import has_control


def placeholders(text: str) -> set[str]:
    """The placeholder names in a template (``{call}`` gives "call"); ValueError for a lone brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def slots(*names: str) -> "Slots":
    """A text that fills in exactly these placeholders (none: plain text, no braces at all).

    Every language must use the same ones, since the code fills them in: a translation that drops
    ``{call}`` would drop the emergency number.
    """
    wanted = set(names)

    def check(value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        if has_control(value):
            raise ValueError("holds a terminal control character")
        try:
            found = placeholders(value)
        except ValueError:
            raise ValueError("has a lone { or }: placeholders are written {name}") from None
        if found != wanted:
            expected = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "no placeholders"
            raise ValueError(f"must use {expected}, not {', '.join(f'{{{n}}}' for n in sorted(found)) or 'none'}")
        return value

    return Slots(check)


class Slots:
    """``Annotated[str, slots(...)]``: a string, then the check (pydantic's AfterValidator, without
    inspecting the check's signature again for each of the catalogue's fields)."""

    def __init__(self, check: Callable[[str], str]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))


Plain = Annotated[str, slots()]
Lines = tuple[Plain, ...]


class Area(BaseModel):
    """A part of the catalogue: every key is required, no other key is allowed (a typo is an error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ByUrgency(Area):
    """One text per urgency level."""

    emergency: Plain
    urgent: Plain
    soon: Plain
    routine: Plain

    def __getitem__(self, urgency: Urgency) -> str:
        return str(getattr(self, urgency.value))


class Dates(Area):
    """How this language writes a date: a pattern with {day}, {month}, {year}, and the month names."""

    day: Annotated[str, slots("day", "month", "year")]
    short_day: Annotated[str, slots("day", "mon")]
    short_date: Annotated[str, slots("day", "mon", "year")]  # a day in a table: short month, with the year
    time: Annotated[str, slots("hour", "minute")]
    months: tuple[Plain, ...] = Field(min_length=12, max_length=12)
    months_short: tuple[Plain, ...] = Field(min_length=12, max_length=12)


Plural = tuple[Annotated[str, slots("n")], ...]  # gettext forms of "{n} unit", chosen by n (texts.plural)


class Units(Area):
    """A number with its unit, in each plural form (issue 20: never "1 weeks"); weeks are ``history.weeks``."""

    years: Plural
    check_ins: Plural
    questions: Plural
    short_questions: Plural


class Common(Area):
    not_a_diagnosis: Plain
    not_a_diagnosis_call: Annotated[str, slots("call")]
    safety_net: Lines = Field(min_length=1)
    answers: dict[str, Plain]
    not_answered: Plain
    call: Annotated[str, slots("number")]
    call_local: Plain
    internal_error: Annotated[str, slots("kind")]
    why_we_ask: Annotated[str, slots("why")]

    @model_validator(mode="after")
    def _three_answers(self) -> "Common":
        if set(self.answers) != {"yes", "no", "unsure"}:
            raise ValueError("answers must name exactly yes, no and unsure")
        return self


class UrgencyTexts(Area):
    heading: ByUrgency
    action: ByUrgency
    emergency_call: Annotated[str, slots("call")]


class ImagingLabels(Area):
    none: Plain
    xray: Plain
    mri: Plain
    mri_urgent: Plain
    ct_urgent: Plain

    def __getitem__(self, imaging: Imaging) -> str:
        return str(getattr(self, imaging.value))


class ImagingTexts(Area):
    label: ImagingLabels
    mri_urgent_if_needed: Plain
    none_seen_now: Plain  # no spine imaging, at emergency or urgent: the clinicians choose the tests


class Reasons(Area):
    """The words for the decision's reason codes (``levels.Reason``)."""

    no_flags: Plain
    unanswered: Plain
    no_imaging: Plain
    unanswered_imaging: Plain
    xray_limits: Plain
    pregnancy_imaging: Plain
    pregnancy_mri_first: Plain
    already_scanned: Plain
    age_missing: Plain

    def __getitem__(self, reason: Reason) -> str:
        return str(getattr(self, reason.value))


class WhatWouldChange(Area):
    none: Plain
    xray: Plain
    mri: Plain


class SummaryTexts(Area):
    title: Plain
    date: Annotated[str, slots("date")]
    date_time: Annotated[str, slots("date", "time")]
    provenance: Annotated[str, slots("program", "questions", "rules", "content", "fingerprint", "date")]
    clinic_phone: Annotated[str, slots("phone")]
    findings_heading: Plain
    imaging_heading: Plain
    doctor_heading: Plain
    safety_net_heading: Plain
    faq_heading: Plain
    unanswered_heading: Plain
    xray_and_mri: Plain
    what_would_change: WhatWouldChange
    not_ruled_out_lead: Annotated[str, slots("title")]
    you_were_not_sure: Annotated[str, slots("questions")]
    you_did_not_answer: Annotated[str, slots("questions")]
    quoted: Annotated[str, slots("text")]
    also_found_heading: Plain
    also_found_note: Plain
    imaging_for_finding: Annotated[str, slots("title", "reason")]
    not_ruled_out_note: Annotated[str, slots("names")]
    could_change_note: Annotated[str, slots("names")]
    also_unanswered: tuple[Annotated[str, slots("count")], ...]
    source: Annotated[str, slots("source")]
    do_not_drive: Plain
    unsure_list: tuple[Annotated[str, slots("names")], ...]
    unanswered_list: tuple[Annotated[str, slots("names")], ...]
    more_names: tuple[Annotated[str, slots("count")], ...]
    personal: tuple[Annotated[str, slots("count")], ...]
    also_at_this_level: Annotated[str, slots("names")]
    also_found: Annotated[str, slots("names")]
    from_check_ins: Plain
    more_for_clinician: Plain


class RecapTexts(Area):
    heading: Plain
    how_soon: Plain
    what_to_do: Plain
    imaging: Plain
    emergency: Plain


class ClinicTexts(Area):
    heading: Plain
    note: Plain
    answers_heading: Plain
    raised_mark: Plain
    not_ruled_out_mark: Plain
    raised_level_mark: Plain
    not_asked: Plain
    notes_heading: Plain
    sign_off: Lines = Field(min_length=1)
    name: Plain
    dob: Plain
    record: Plain
    finding: Plain
    level: Plain
    because: Plain
    because_line: Annotated[str, slots("because")]
    source_line: Annotated[str, slots("source")]
    inferred_line: Annotated[str, slots("keys")]
    imaging_heading: Plain
    unanswered_heading: Plain
    unanswered_none: Plain
    versions: Annotated[str, slots("provenance")]
    question: Plain
    answer: Plain
    raised: Plain
    ask_identifiers: Plain
    ask_name: Plain
    ask_dob: Plain
    dob_format: Plain
    ask_record: Plain


class PrintoutTexts(Area):
    page: Annotated[str, slots("page", "pages")]
    qr_heading: Plain
    qr_note: Plain


class Keys(Area):
    """What a person may type in plain mode for each menu entry (the first is shown)."""

    help: tuple[str, ...] = Field(min_length=1)
    back: tuple[str, ...] = Field(min_length=1)
    yes: tuple[str, ...] = Field(min_length=1)
    no: tuple[str, ...] = Field(min_length=1)
    unsure: tuple[str, ...] = Field(min_length=1)
    done: tuple[str, ...] = Field(min_length=1)
    stop: tuple[str, ...] = Field(min_length=1)
    finish: tuple[str, ...] = Field(min_length=1)
    answer: tuple[str, ...] = Field(min_length=1)
    skip: tuple[str, ...] = Field(min_length=1)


class WalkTexts(Area):
    welcome_title: Plain
    welcome: tuple[Annotated[str, slots("fewest", "total")], Annotated[str, slots("call")], Plain, Plain]
    progress: Annotated[str, slots("section", "sections", "title", "left")]
    left_in_section: tuple[Annotated[str, slots("count")], ...]
    last_in_section: Plain
    help_option: Plain
    back_option: Plain
    back_option_long: Plain
    number_hint: Plain
    number_hint_keep: Annotated[str, slots("keep")]
    enter_for: Annotated[str, slots("default")]
    first_question: Plain
    your_answer_was: Annotated[str, slots("answer")]
    under_age: Plain
    none_alone: Plain
    weeks_longer_than_life: Annotated[str, slots("age", "weeks", "years")]
    age_below_weeks: Annotated[str, slots("age", "weeks", "years")]
    change_the_weeks: Plain
    answers_do_not_fit: Plain
    please_type: Annotated[str, slots("allowed")]
    allowed: dict[str, Plain]
    emergency_title: Plain
    do_not_wait: Plain
    what_now: Plain
    stop_option: Plain
    finish_option: Plain
    emergency_doubt: tuple[Annotated[str, slots("names")], Plain]
    check_today_title: Plain
    check_today: tuple[Annotated[str, slots("names")], Annotated[str, slots("call")], Plain]
    scale: Annotated[str, slots("low", "low_label", "high", "high_label")]
    measure_answer: Annotated[str, slots("count")]  # {count}: units.questions
    measure_skip: Plain
    review_title: Plain
    review_done: Plain
    review_prompt: Plain
    needs_a_terminal: Plain
    keys: Keys


class PromptTexts(Area):
    please_type_one_of: Annotated[str, slots("keys")]
    please_type_one_or_more: Annotated[str, slots("keys")]
    one_or_more_hint: Plain
    yes_keys: tuple[str, ...] = Field(min_length=1)
    no_keys: tuple[str, ...] = Field(min_length=1)
    default_yes: Plain
    default_no: Plain
    please_type_y_or_n: Plain
    yes: Plain  # a yes / no menu's words, where questionary's own (English) confirm does not fit
    no: Plain
    arrows: Plain
    arrows_long: Plain  # a list taller than the screen: it scrolls, and nothing else says so
    tick: Plain
    tick_at_least_one: Plain


class SavingTexts(Area):
    save_answers: Plain
    save_answers_as: Plain
    save_summary: Plain
    save_summary_as: Plain
    save_so_far: Plain
    save_so_far_as: Plain
    no_folder: Plain
    is_a_folder: Plain
    not_safe_here: Plain
    cannot_save_here: Plain
    use_suffix: Annotated[str, slots("suffixes")]
    replace_file: Annotated[str, slots("path")]
    saved_answers: Annotated[str, slots("path")]
    saved_summary: Annotated[str, slots("path")]
    stopped: Plain
    stopped_nothing_saved: Plain
    nothing_more_saved: Plain
    not_saved: Plain
    emergency_reminder: Plain
    emergency_doubt_reminder: Plain
    check_today_reminder: Annotated[str, slots("call")]
    answers_note_end: Plain
    answers_note_unfinished: Plain
    saved_resume: Plain  # the command to continue follows on a line of its own
    answers_file_header: Annotated[str, slots("note")]
    answers_file_private: Plain


class NextCheckIn(Area):
    emergency: Annotated[str, slots("date")]
    urgent: Annotated[str, slots("date")]
    soon: Annotated[str, slots("date")]
    routine: Annotated[str, slots("date")]

    def __getitem__(self, urgency: Urgency) -> str:
        return str(getattr(self, urgency.value))


class ListingHeader(Area):
    number: Plain
    date: Plain
    urgency: Plain
    imaging: Plain
    pain: Plain
    peg: Plain
    changed: Plain


class RecheckTexts(Area):
    """``history recheck``: each kept check-in assessed again with today's rules."""

    heading: Annotated[str, slots("version")]
    none_kept: Plain
    same: Annotated[str, slots("number", "date", "urgency", "imaging")]
    changed: Annotated[str, slots("number", "date")]
    rules: Annotated[str, slots("then", "now")]
    urgency: Annotated[str, slots("then", "now")]
    imaging: Annotated[str, slots("then", "now")]
    red_flags: Annotated[str, slots("then", "now")]
    not_recorded: Plain
    no_flags: Plain
    cannot: Annotated[str, slots("number", "date", "error")]
    summary: tuple[Annotated[str, slots("count", "total")], ...]
    more_urgent: Plain


class HistoryTexts(Area):
    heading: Plain
    keep_question: Plain
    more_urgent: Plain
    next_heading: Plain
    first_time: Plain
    nothing_new: Plain
    not_settling: Plain
    next: NextCheckIn
    kept: Annotated[str, slots("number", "where")]
    new_since: Annotated[str, slots("date")]
    gone_since: Annotated[str, slots("date")]
    first_and_last: Annotated[str, slots("first", "weeks", "last")]
    worsening: Plain
    at_least_weeks: Annotated[str, slots("first", "weeks")]
    pain_scores: Annotated[str, slots("trail")]
    score_on: Annotated[str, slots("score", "date")]
    peg_scores: Annotated[str, slots("trail")]
    peg_improved: Annotated[str, slots("first", "date", "now", "latest")]
    peg_worsened: Annotated[str, slots("first", "date", "now", "latest")]
    peg_steady: Annotated[str, slots("first", "date", "now", "latest")]
    weeks: tuple[Annotated[str, slots("n")], ...]
    under_a_week: Plain  # in place of "0 weeks" ("{first}, less than a week ago")
    raised_worsening: Annotated[str, slots("keys", "date")]
    raised_not_settling: Annotated[str, slots("first", "date", "last")]
    raised_weeks: Annotated[str, slots("date")]
    none_kept: Plain
    nothing_removed: Plain
    kept_as: Annotated[str, slots("number", "date", "where")]
    listing_header: ListingHeader
    listing_new: Annotated[str, slots("keys")]
    listing_gone: Annotated[str, slots("keys")]
    show_title: Annotated[str, slots("number", "date")]
    show_urgency: Annotated[str, slots("urgency")]
    show_imaging: Annotated[str, slots("imaging")]
    show_rules: Annotated[str, slots("version")]
    show_rules_unknown: Plain
    show_answers: Plain
    forget_all_question: tuple[Annotated[str, slots("count")], ...]
    forget_all_needs_terminal: Plain
    nothing_forgotten: Plain
    removed_all: tuple[Annotated[str, slots("count", "where")], ...]
    removed_one: Annotated[str, slots("number", "date", "urgency", "where")]
    recheck: RecheckTexts
    reminder_past: Annotated[str, slots("date")]
    # The listing's short words for a stored level and imaging (issue 20: a code is no word in Spanish).
    level: ByUrgency
    scan: ImagingLabels

    def level_word(self, value: object) -> str | None:
        """The short word for a stored urgency or imaging code; None for a value the catalogue does not know."""
        for words in (self.level, self.scan):
            if isinstance(value, str) and value in type(words).model_fields:
                return str(getattr(words, value))
        return None


class ChartTexts(Area):
    title: Plain
    no_score: Plain
    point: Annotated[str, slots("date", "score")]
    point_no_score: Annotated[str, slots("date")]
    point_urgency: Annotated[str, slots("point", "urgency")]
    point_peg: Annotated[str, slots("point", "peg")]
    peg_legend: Plain


class MeasureTexts(Area):
    """The measures (issue 22) in the summary: the score in words, and what it is for."""

    heading: Plain
    decimal: Annotated[str, slots("whole", "tenth")]
    peg_short: Annotated[str, slots("score")]
    # The clinician's page speaks to the clinician, not the patient (issue 20).
    clinic_heading: Plain
    peg_clinic: Annotated[str, slots("score", "pain", "enjoyment", "activity")]
    peg_clinic_meaning: Plain


class ReminderTexts(Area):
    title: Plain
    text: Plain


class TemplateTexts(Area):
    header: tuple[str, ...] = Field(min_length=1)  # comment lines; the first names {version}
    section: Annotated[str, slots("title")]
    allowed: Annotated[str, slots("allowed")]
    only_if: Annotated[str, slots("keys")]
    # The allowed values in the reader's language; the values themselves are the file format's.
    allowed_yes_no: Plain
    allowed_list: Annotated[str, slots("values")]
    # A value with its meaning beside it, in a translation ("lower_back (parte baja de la espalda)").
    choice: Annotated[str, slots("value", "label")]
    # `backpain questions`: its first line, and the line under a broad key of an earlier bank.
    questions_header: Annotated[str, slots("version", "questions")]  # "63 questions": units.questions
    refined_by: Annotated[str, slots("keys")]

    @model_validator(mode="after")
    def _version_first(self) -> "TemplateTexts":
        if placeholders(self.header[0]) != {"version"} or any(placeholders(line) for line in self.header[1:]):
            raise ValueError("header: the first line must use {version}, and no other line a placeholder")
        return self


class FhirTexts(Area):
    title: Plain
    description: Plain
    subject: Plain
    emergency: Annotated[str, slots("title", "action", "do_not_wait")]


class RuleTexts(Area):
    """A rule's words: its title, why it matters, and why its imaging fits (keyed by rule id)."""

    title: Plain
    explanation: Plain
    imaging_reason: Plain
    # A title that names a condition in medical words says here what it is, in plain words: shown
    # where the title stands without its explanation (the "not sure" emergency warning, issue 20).
    meaning: Plain | None = None


class TranslationTexts(Area):
    """Words about the translation itself: the unreviewed notice, the language on the clinician's page."""

    unreviewed: Plain
    answered_in: Annotated[str, slots("language")]
    # At the end of the patient's part, in the patient's language, when the clinician's is another.
    next_page: Annotated[str, slots("language")]
    # Each language's name in this catalogue's language (the clinician's page names the patient's so).
    languages: dict[str, Plain]


class Review(Area):
    """Who checked a translation, and when (ISO date); both empty until a person has (issue 20)."""

    reviewed_by: str = ""
    reviewed_on: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    translated_from: str = "en"
    back_translation: str = ""

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by.strip() and self.reviewed_on)
