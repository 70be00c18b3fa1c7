"""The text catalogue: every sentence a patient reads that is not a question or an FAQ page.

One YAML file per language in the content folder (``texts/en.yaml``, ...), loaded and checked with
the rest of the content (bundle.py) and counted in its fingerprint. This module holds the root of
that file's schema (its areas are in text_areas.py) and the few rules for putting words together: filling
``{placeholders}``, choosing a plural form (gettext's ``Plural-Forms`` expression, compiled by the
standard library), spelling a date, joining a list. The clinical decision never imports this
module: it carries codes (rule ids, ``Reason``), and the renderers turn them into words here.

A new language is a new file with the same keys: ``content check`` reports every missing or extra
key, every placeholder that differs from the one the code fills in, and every rule without words.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

from pydantic import Field, ValidationError, model_validator

from backpain_cli.errors import Code, Problem, validation_problems
from backpain_cli.language import language_dir
from backpain_cli.levels import Imaging, Reason, Urgency
from backpain_cli.problem_areas import FileProblemTexts
from backpain_cli.safetext import strip_control
from backpain_cli.text_areas import (
    Area,
    ChartTexts,
    ClinicTexts,
    Common,
    Dates,
    FhirTexts,
    HistoryTexts,
    ImagingTexts,
    MeasureTexts,
    Plain,
    PrintoutTexts,
    PromptTexts,
    Reasons,
    RecapTexts,
    ReminderTexts,
    Review,
    RuleTexts,
    SavingTexts,
    SummaryTexts,
    TemplateTexts,
    TranslationTexts,
    Units,
    UrgencyTexts,
    WalkTexts,
    slots,
)

if TYPE_CHECKING:
    from backpain_cli.questions import Question
    from backpain_cli.regions import Region

TEXTS_DIR: Final = "texts"
_REASONS: Final = frozenset(r.value for r in Reason)
DEFAULT_LANGUAGE: Final = "en"
_NUMBER: Final = re.compile(r"\{n[^}]*\}")  # "{n}" or "{n:,}" in a plural form
# Every entry given in plural forms (gettext's), by its place in the catalogue: each must have as many
# forms as plural_forms says, and a number before a unit word belongs in one of them (tests/test_plurals.py).
PLURALS: Final = (
    "units.years",
    "units.check_ins",
    "units.questions",
    "units.short_questions",
    "history.weeks",
    "history.forget_all_question",
    "history.removed_all",
    "history.recheck.summary",
    "summary.also_unanswered",
    "summary.unsure_list",
    "summary.unanswered_list",
    "summary.more_names",
    "summary.personal",
    "walk.left_in_section",
)


class Texts(Area):
    """One language's catalogue (``texts/<language>.yaml``): everything but questions and FAQ pages."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    name: Plain
    # gettext's plural rule for this language, e.g. "nplurals=2; plural=(n != 1);".
    plural_forms: str
    list_and: Annotated[str, slots("head", "last")]
    list_or: Annotated[str, slots("head", "last")]
    dates: Dates
    units: Units
    common: Common
    urgency: UrgencyTexts
    imaging: ImagingTexts
    reasons: Reasons
    summary: SummaryTexts
    recap: RecapTexts
    clinic: ClinicTexts
    printout: PrintoutTexts
    walk: WalkTexts
    prompts: PromptTexts
    saving: SavingTexts
    history: HistoryTexts
    chart: ChartTexts
    measures: MeasureTexts
    reminder: ReminderTexts
    template: TemplateTexts
    file_problems: FileProblemTexts
    fhir: FhirTexts
    rules: dict[str, RuleTexts]
    translation: TranslationTexts
    # Who checked this translation, and when (empty until a person has): not in the source language.
    review: Review | None = None

    @property
    def notice(self) -> str | None:
        """The one line every patient output carries while this translation is unreviewed."""
        if self.review is None or self.review.reviewed:
            return None
        return self.translation.unreviewed

    @model_validator(mode="after")
    def _plurals(self) -> Texts:
        count = _plural_count(self.plural_forms)
        for where in PLURALS:
            forms: object = self
            for name in where.split("."):
                forms = getattr(forms, name)
            assert isinstance(forms, tuple)
            if len(forms) != count:
                raise ValueError(f"{where} needs {count} plural forms (plural_forms says nplurals={count})")
        return self

    @property
    def weeks(self) -> tuple[str, ...]:
        return self.history.weeks

    # ------------------------------------------------------------------ putting words together

    @cached_property
    def _plural(self) -> Callable[[int], int]:
        return _plural_rule(self.plural_forms)

    def plural(self, forms: Sequence[str], n: int, **values: object) -> str:
        """The form of ``forms`` this language uses for ``n`` (gettext's rule), filled in with n."""
        return forms[self._plural(n)].format(n=n, count=n, **values) if forms else ""

    def day(self, date: dt.date) -> str:
        """A date as people read it in this language (English: 8 November 2026)."""
        return self.dates.day.format(day=date.day, month=self.dates.months[date.month - 1], year=date.year)

    def short_day(self, date: dt.date) -> str:
        """A day and a short month (English: 8 Nov), for charts and lists."""
        return self.dates.short_day.format(day=date.day, mon=self.dates.months_short[date.month - 1])

    def short_date(self, date: dt.date) -> str:
        """A day, a short month and the year (English: 8 Nov 2026), for a table's date column."""
        return self.dates.short_date.format(day=date.day, mon=self.dates.months_short[date.month - 1], year=date.year)

    def unit_forms(self, unit: str) -> tuple[str, ...] | None:
        """The plural forms of a question's unit (the bank's word, "weeks" or "semanas"); None for a
        unit the catalogue has no forms for (content check reports it)."""
        for name, forms in (("weeks", self.history.weeks), ("years", self.units.years)):
            if unit.strip().casefold() in {name, *(_NUMBER.sub("", f).strip().casefold() for f in forms)}:
                return forms
        return None

    def language_name(self, code: str, own_name: str) -> str:
        """A language named in this catalogue's language ("Spanish"); ``own_name`` (the language's
        own catalogue's name for itself) when this catalogue does not name it."""
        return self.translation.languages.get(code, own_name)

    def decimal(self, value: float) -> str:
        """A score with one decimal as this language writes it (English: 4.3)."""
        tenths = round(value * 10)
        return self.measures.decimal.format(whole=tenths // 10, tenth=tenths % 10)

    def time(self, moment: dt.datetime) -> str:
        return self.dates.time.format(hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")

    def join(self, items: Sequence[str], *, word: str = "and") -> str:
        """``a, b and c`` in this language (``word``: "and" or "or")."""
        if len(items) < 2:
            return "".join(items)
        template = self.list_or if word == "or" else self.list_and
        return template.format(head=", ".join(items[:-1]), last=items[-1])

    def call(self, region: Region) -> str:
        """'call 999 (or 112)': how to reach the region's emergency number."""
        return self.common.call.format(number=region.number)

    def rule(self, rule_id: str) -> RuleTexts:
        """A rule's words; KeyError for a rule the catalogue does not know (content check prevents it)."""
        return self.rules[rule_id]

    def urgency_reasons(self, codes: Sequence[str]) -> list[str]:
        """The words for a decision's urgency reasons: a rule's title, or a reason's sentence."""
        return [self.reasons[Reason(c)] if c in _REASONS else self.rules[c].title for c in codes]

    def imaging_reasons(self, codes: Sequence[str]) -> list[str]:
        """The words for a decision's imaging reasons (a rule's imaging reason, or a reason's
        sentence), each said once: two rules may give the same reason."""
        words = (self.reasons[Reason(c)] if c in _REASONS else self.rules[c].imaging_reason for c in codes)
        return list(dict.fromkeys(words))

    def notes(self, codes: Sequence[Reason]) -> list[str]:
        return [self.reasons[c] for c in codes]

    def answer_word(self, value: object) -> str:
        """Yes / No / Not sure for an answer value; other values as they are."""
        return self.common.answers.get(str(value), str(value))

    def answer_text(self, question: Question, value: object) -> str:
        """An answer as words: choice labels, Yes / No / Not sure, numbers with their unit (10 weeks),
        "(not answered)". Outside text (a stored value) is shown with its control characters removed."""
        if value is None or value == [] or value == "":
            return self.common.not_answered
        labels = {c.value: c.label for c in question.choices}
        if isinstance(value, list | tuple | set | frozenset):
            return ", ".join(strip_control(labels.get(str(v), str(v))) for v in value)
        if question.type == "choice":
            return strip_control(labels.get(str(value), str(value)))
        if question.type == "yes_no_unsure":
            return self.answer_word(value)
        if not question.unit:
            return strip_control(str(value))
        forms = self.unit_forms(question.unit)
        if forms is None or not isinstance(value, int):
            return strip_control(f"{value} {question.unit}")
        return strip_control(self.plural(forms, value))

    def imaging_label(self, imaging: Imaging, urgency: Urgency) -> str:
        """The imaging headline, in the voice of the urgency headline.

        A same-day MRI belongs to emergency care; when a lone "not sure" made the result urgent
        instead, the label must not speak of emergency care beside "be seen today".
        """
        if imaging == Imaging.MRI_URGENT and urgency != Urgency.EMERGENCY:
            return self.imaging.mri_urgent_if_needed
        if imaging == Imaging.NONE and urgency in (Urgency.EMERGENCY, Urgency.URGENT):
            # "No scan needed yet" beside "get help now" reads as "no tests": the clinicians choose them.
            return self.imaging.none_seen_now
        return self.imaging.label[imaging]

    def emergency_action(self, region: Region | None) -> str:
        """What to do in an emergency, with the region's number when the region is known."""
        if region is None:
            return self.urgency.action[Urgency.EMERGENCY]
        return self.urgency.emergency_call.format(call=self.call(region))

    def urgency_action(self, urgency: Urgency, region: Region | None) -> str:
        """The action line under the urgency banner."""
        return self.emergency_action(region) if urgency == Urgency.EMERGENCY else self.urgency.action[urgency]

    def recap_emergency(self, region: Region | None) -> str:
        """The recap's emergency line: the chosen region's number only, or the usual list."""
        if region is None or region.code is None:
            return self.common.call_local
        call = self.call(region)
        return f"{call[:1].upper()}{call[1:]}."

    def not_a_diagnosis(self, region: Region | None) -> str:
        """The footer, naming only the chosen region's number when there is one."""
        if region is None or region.code is None:
            return self.common.not_a_diagnosis
        return self.common.not_a_diagnosis_call.format(call=self.call(region))


def _plural_count(expression: str) -> int:
    """nplurals from a gettext Plural-Forms header; ValueError when it is not one."""
    head, _, rest = expression.partition(";")
    name, _, value = head.partition("=")
    if name.strip() != "nplurals" or not value.strip().isdigit() or "plural=" not in rest:
        raise ValueError('plural_forms must read like "nplurals=2; plural=(n != 1);" (gettext Plural-Forms)')
    _plural_rule(expression)  # the expression itself must compile
    return int(value)


def _plural_rule(expression: str) -> Callable[[int], int]:
    """gettext's Plural-Forms expression (a C expression in n), compiled by the standard library."""
    formula = expression.partition("plural=")[2].strip().rstrip(";")
    try:
        return gettext.c2py(formula)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"plural_forms: {exc}") from None


# ---------------------------------------------------------------------------- loading


def texts_file(folder: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Where a content folder keeps one language's catalogue: ``texts/en.yaml`` for the source
    language, ``lang/<code>/texts.yaml`` beside the rest of a translation."""
    if language == DEFAULT_LANGUAGE:
        return folder / TEXTS_DIR / f"{language}.yaml"
    return language_dir(folder, language) / "texts.yaml"


def load_texts(folder: Path, problems: list[Problem], language: str = DEFAULT_LANGUAGE) -> Texts | None:
    """One language's catalogue from a content folder, checked; each problem found is added, located
    by file and line (None when the file cannot be used)."""
    from backpain_cli.yamlload import read_yaml_file

    path = texts_file(folder, language)
    document = read_yaml_file(path, problems, missing=f"the text catalogue for {language!r} is missing")
    if document is None:
        return None
    try:
        texts = Texts.model_validate(document.data)
    except ValidationError as exc:
        problems += validation_problems(exc, source=str(path), locate=document.locator(), code=Code.CONTENT)
        return None
    if texts.language != language:
        problems.append(
            Problem(
                f"language is {texts.language!r}, but the file is named for {language!r}",
                source=str(path),
                line=document.line("language"),
                code=Code.CONTENT,
            )
        )
        return None
    return texts


def check_texts(
    texts: Texts, *, rule_ids: Iterable[str], integer_keys: Iterable[str], source: str, units: Iterable[str] = ()
) -> list[Problem]:
    """What a catalogue must hold for this program and question bank: words for every rule (and no
    rule that does not exist), the allowed values of every number question, and the plural forms of
    every unit the bank's questions use."""
    found = []
    known = set(rule_ids)
    for rule_id in sorted(known - set(texts.rules)):
        found.append(Problem(f"rules: no words for rule {rule_id!r}", source=source, code=Code.CONTENT))
    for rule_id in sorted(set(texts.rules) - known):
        found.append(Problem(f"rules: {rule_id!r} is not a rule backpain has", source=source, code=Code.CONTENT))
    for key in integer_keys:
        if key not in texts.walk.allowed:
            found.append(Problem(f"walk.allowed: no words for {key!r}", source=source, code=Code.CONTENT))
    for unit in sorted(set(units)):
        if texts.unit_forms(unit) is None:
            found.append(Problem(f"units: no plural forms for the unit {unit!r}", source=source, code=Code.CONTENT))
    return found
