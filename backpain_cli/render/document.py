"""The summary as a neutral document (render/layout.py) that every printed format shares.

Building the words once here, from the result's text catalogue, keeps text, Markdown, HTML and the
terminal summary saying the same thing in the same order. The decision's codes (rule ids, reason
codes) become words here and nowhere upstream.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backpain_cli.answers import SYMPTOM_KEYS
from backpain_cli.assessment import Result
from backpain_cli.content import Clinic
from backpain_cli.levels import Reason, Urgency
from backpain_cli.measures import MEASURE_KEYS
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region
from backpain_cli.render.history import history_sections
from backpain_cli.render.layout import AnswerRow, ClinicCopy, ClinicFinding, Item, Section, Summary
from backpain_cli.render.measures import measure_recap, measure_sections
from backpain_cli.rules.policy import REFINED
from backpain_cli.safetext import strip_control
from backpain_cli.texts import Texts
from backpain_cli.triage import Finding

# The patient's part fits one printed page and about 55 lines at 80 columns (issue 24): the first
# findings in full, then names; a few questions for the doctor and pages to read. The clinician's page
# carries everything.
MAX_EXPLAINED = 1
MAX_NAMES = 6
MAX_DOCTOR_QUESTIONS = 3
MAX_FAQ = 2


def _clean(text: str) -> str:
    return strip_control(text)


def _day(iso: str | None, texts: Texts) -> str | None:
    """A checked date of birth (year-month-day, birth_date.py) in the catalogue's one day style."""
    try:
        return texts.day(dt.date.fromisoformat(iso)) if iso else iso
    except ValueError:
        return iso


@dataclass(frozen=True)
class Identifiers:
    """Who the printout is about; each part optional (--name, --dob, --record, or asked in check)."""

    name: str | None = None
    dob: str | None = None
    record: str | None = None

    def pairs(self, texts: Texts) -> list[tuple[str, str]]:
        """(label, value) for each part given, labelled in ``texts``' language."""
        words = texts.clinic
        labelled = ((words.name, self.name), (words.dob, _day(self.dob, texts)), (words.record, self.record))
        return [(label, _clean(value).strip()[:80]) for label, value in labelled if value and value.strip()]


def build_summary(
    result: Result,
    bank: QuestionBank,
    *,
    region: Region | None = None,
    name: str | None = None,
    clinic: Clinic | None = None,
    answers: Mapping[str, Any] | None = None,
    identifiers: Identifiers | None = None,
    printed_at: dt.datetime | None = None,
    clinic_words: tuple[Texts, QuestionBank] | None = None,
) -> Summary:
    """Lay out the summary in the order patients read it (issue 4), ending with a recap (issue 11).

    ``answers`` (every key, None when unanswered) adds the clinic copy: each question with its
    answer and the findings it raised. ``identifiers`` (or ``name`` alone) names the person;
    ``printed_at`` adds the time to the date. The words come from ``result.texts``; the clinician's
    page's from ``clinic_words`` (the clinic's catalogue and bank, --clinic-lang) when given.
    """
    t = result.texts
    identifiers = identifiers or Identifiers(name=name)
    emergency = result.urgency == Urgency.EMERGENCY
    sections: list[Section] = [_findings_section(result, bank), *history_sections(result, bank)]
    sections.append(_imaging_section(result))
    # At an emergency the patient's part is the emergency, nearly alone (issue 24): questions for a
    # later visit, self-care pages and the watch-out list would only stand between them and the door.
    if not emergency:
        if result.questions_for_doctor:
            items = [Item(_clean(q)) for q in result.questions_for_doctor[:MAX_DOCTOR_QUESTIONS]]
            sections.append(Section(t.summary.doctor_heading, items=items, id="doctor"))
        sections.append(
            Section(t.summary.safety_net_heading, items=[Item(s) for s in t.common.safety_net], id="safety-net")
        )
        if result.faq:
            items = [Item(_first_sentence(_clean(p.excerpt)), lead=_clean(p.front.title)) for p in result.faq]
            sections.append(Section(t.summary.faq_heading, items=items[:MAX_FAQ], id="faq"))
    provenance = _provenance(result, t)
    footer = [t.not_a_diagnosis(region)]
    if t.notice:  # an unreviewed translation says so, once, in every summary (issue 20)
        footer.insert(0, t.notice)
    if answers is None:
        footer.append(provenance)  # no clinician's page to carry it (a terminal, or no answers)
    when = t.day(result.assessed_on)
    if printed_at is not None:
        when = t.summary.date_time.format(date=when, time=t.time(printed_at))
    header = [t.summary.date.format(date=when)]
    dynamic: list[str] = []
    pairs = identifiers.pairs(t)
    for label, value in pairs:
        dynamic.append(value)
        header.append(f"{label}: {value}")
    if clinic is not None:
        lines = [_clean(line) for line in clinic_lines(clinic, t)]
        header += lines
        dynamic += lines
    if region is not None:
        dynamic.append(_clean(region.number))
    banner = t.urgency.heading[result.urgency]
    action = t.urgency_action(result.urgency, region)
    if emergency:
        action = f"{action} {t.summary.do_not_drive}"
    recap = [
        Item(banner, lead=t.recap.how_soon),
        Item(action, lead=t.recap.what_to_do),
        Item(t.imaging_label(result.imaging, result.urgency) + ".", lead=t.recap.imaging),
        Item(t.recap_emergency(region), lead=t.recap.emergency),
    ]
    if not emergency:  # issue 22: the PEG in a line (the clinician's page gives its three answers)
        recap += measure_recap(result)
    copy = None
    if answers is not None and clinic_words is not None and clinic_words[0].language != t.language:
        copy = _clinic_copy_in(result, clinic_words, answers, identifiers)
    elif answers is not None:
        copy = _clinic_copy(result, bank, answers, pairs, provenance)
    return Summary(
        title=t.summary.title,
        urgency=result.urgency,
        banner=banner,
        action=action,
        sections=sections,
        footer=footer,
        texts=t,
        header=header,
        dynamic=tuple(d for d in dynamic if d),
        pain_chart=result.history.changes.pain if result.history else (),
        recap=recap,
        clinic=copy,
        person=" · ".join(value for _, value in pairs[:2]),
    )


def clinic_lines(clinic: Clinic, texts: Texts) -> list[str]:
    """A clinic's details (content/clinic.yaml) as the lines printed at the top of a summary."""
    lines = [clinic.name, *clinic.address]
    if clinic.phone:
        lines.append(texts.summary.clinic_phone.format(phone=clinic.phone))
    if clinic.website:
        lines.append(clinic.website)
    if clinic.note:
        lines.append(clinic.note)
    return lines


def _headline(result: Result) -> list[Finding]:
    """Findings at the result's urgency: these speak; the others are listed for the clinician."""
    return [f for f in result.findings if f.urgency == result.urgency]


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _finding_item(finding: Finding, result: Result, *, explain: bool) -> Item:
    """A finding in the patient's words. One that rests on "not sure" is led as "not ruled out" (the
    questions are named once, in the section's doubt line); one that rests on what the history
    inferred says so before the words, which never claim the patient said it (issue 24)."""
    t = result.texts
    words = t.rule(finding.rule.id)
    title = _clean(words.title)
    # A "yes" among its answers makes a finding certain: then it was found, not merely "not ruled out".
    lead = t.summary.not_ruled_out_lead.format(title=title) if finding.unsure and not finding.certain else title
    text = _clean(words.explanation) if explain else ""
    if explain and set(finding.because) & _inferred(result):
        text = f"{t.summary.from_check_ins} {_inferred_words(result)} {text}"
    return Item(text, lead=lead)


def _inferred(result: Result) -> frozenset[str]:
    return frozenset(f.key for f in result.history.raised) if result.history else frozenset()


def _inferred_words(result: Result) -> str:
    """What the history inferred, in the history section's own words."""
    view, t = result.history, result.texts
    if view is None:
        return ""
    said: list[str] = []
    for fact in view.raised:
        if fact.nerve_keys and t.history.worsening not in said:
            said.append(t.history.worsening)
        elif fact.key in ("treatment_not_helping", "treatment_no_better"):
            said.append(t.history.not_settling)
    return " ".join(said)


def _names(result: Result, bank: QuestionBank, keys: list[str], *, personal: bool = False) -> str:
    """Questions by their short names, at most MAX_NAMES, then "N more". On the patient's part
    (``personal=False``) a sensitive question is counted, never named."""
    t = result.texts
    shown = [k for k in keys if personal or not bank.get(k).sensitive]
    hidden = len(keys) - len(shown)
    names = [_question_name(bank, k) for k in shown[:MAX_NAMES]]
    more = len(shown) - len(names)
    if more:
        names.append(t.plural(t.summary.more_names, more))
    if hidden:
        names.append(t.plural(t.summary.personal, hidden))
    return "; ".join(names)  # short names may hold commas of their own


def _findings_section(result: Result, bank: QuestionBank) -> Section:
    """What the answers suggest: the findings that set the level (the first few in full), each doubt
    said once, the questions whose missing answer kept a sign open, and the rest by name."""
    t, decision = result.texts, result.decision
    flags = Section(t.summary.findings_heading, id="findings")
    # What the reader must know about the answers themselves (a missing age: not for children).
    flags.paragraphs += [_clean(note) for note in t.notes(decision.notes)]
    headline = _headline(result)
    flags.items = [_finding_item(f, result, explain=True) for f in headline[:MAX_EXPLAINED]]
    if len(headline) > MAX_EXPLAINED:
        titles = [_clean(t.rule(f.rule.id).title) for f in headline[MAX_EXPLAINED:]]
        flags.after.append(t.summary.also_at_this_level.format(names="; ".join(titles)))
    if Reason.UNANSWERED in decision.urgency_reasons and not headline:
        # Only unanswered warning-sign questions raised the level: say so where a finding would be.
        flags.paragraphs.append(t.reasons.unanswered)
    elif not result.findings:
        flags.paragraphs.append(t.reasons.no_flags)
    unanswered = set(result.unanswered)
    doubts = [k for f in result.findings for k in f.unsure if k in SYMPTOM_KEYS and k not in unanswered]
    doubts = list(dict.fromkeys(doubts))
    if doubts:
        names = _names(result, bank, doubts)
        flags.after.append(t.plural(t.summary.unsure_list, len(doubts), names=names))
    open_keys = [k for f in result.findings for k in f.unsure if k in unanswered]
    missing = list(dict.fromkeys([*decision.not_ruled_out, *open_keys]))
    if missing:
        names = _names(result, bank, missing)
        flags.after.append(t.plural(t.summary.unanswered_list, len(missing), names=names))
    lower = [f for f in result.findings if f.urgency != result.urgency]
    if lower and result.urgency != Urgency.EMERGENCY:  # at an emergency, the rest is for the clinician's page
        titles = list(dict.fromkeys(_clean(t.rule(f.rule.id).title) for f in lower))
        shown = titles[:MAX_NAMES]
        if len(titles) > len(shown):
            shown.append(t.plural(t.summary.more_names, len(titles) - len(shown)))
        flags.after.append(t.summary.also_found.format(names="; ".join(shown)))
    return flags


def _imaging_section(result: Result) -> Section:
    """One imaging answer for the story: the headline and the reasons of the rules that set it. The
    other findings' own tests and the general notes are on the clinician's page."""
    t = result.texts
    section = Section(t.summary.imaging_heading, id="imaging")
    section.paragraphs.append(t.imaging_label(result.imaging, result.urgency) + ".")
    section.paragraphs.extend(_clean(r) for r in t.imaging_reasons(result.decision.imaging_reasons))
    return section


def _imaging_detail(result: Result) -> Section:
    """The imaging as the clinician reads it: the answer, every reason, each finding's own test, and
    what a scan shows and what would change it."""
    t = result.texts
    section = Section(t.clinic.imaging_heading, id="imaging-detail")
    reasons = t.imaging_reasons(result.decision.imaging_reasons)
    section.paragraphs.append(t.imaging_label(result.imaging, result.urgency) + ".")
    section.paragraphs.extend(_clean(r) for r in reasons)
    for finding in _headline(result):
        words = t.rule(finding.rule.id)
        if finding.imaging != result.imaging and words.imaging_reason not in reasons:
            title, reason = _lower_first(_clean(words.title)), _clean(words.imaging_reason)
            section.paragraphs.append(t.summary.imaging_for_finding.format(title=title, reason=reason))
    change = t.summary.what_would_change
    if result.imaging.value in type(change).model_fields:
        section.paragraphs += [t.summary.xray_and_mri, getattr(change, result.imaging.value)]
    return section


def _unanswered_detail(result: Result, bank: QuestionBank) -> Section:
    """Every question not answered, by name (personal ones too: this is the clinician's page)."""
    t = result.texts
    section = Section(t.clinic.unanswered_heading, id="unanswered")
    keys = list(result.unanswered)
    if keys:
        section.paragraphs.append("; ".join(_question_name(bank, k) for k in keys) + ".")
    else:
        section.paragraphs.append(t.clinic.unanswered_none)
    return section


def _first_sentence(text: str, most: int = 110) -> str:
    """An excerpt cut to whole sentences, at least one and at most ``most`` characters when it can:
    the page's point, short enough for the patient's page (the whole page is in the FAQ)."""
    sentences = text.replace(". ", ".\n").split("\n")
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > most:
            break
        kept = f"{kept} {sentence}"
    return kept


def _clinic_copy(
    result: Result, bank: QuestionBank, answers: Mapping[str, Any], pairs: list[tuple[str, str]], provenance: str
) -> ClinicCopy:
    t = result.texts
    findings = []
    raised: dict[str, list[int]] = {}
    inferred = _inferred(result)
    for number, finding in enumerate(result.findings, 1):
        given = [k for k in finding.because if k not in inferred]
        for key in given:
            raised.setdefault(key, []).append(number)
        headline = finding.urgency == result.urgency
        # The answers behind a lower finding are marked with its number in the answers below: saying
        # them twice would push the page past three (issue 24).
        because = "; ".join(_because(bank, t, k, answers.get(k)) for k in given) if headline else ""
        from_history = [_question_name(bank, k) for k in finding.because if k in inferred]
        findings.append(
            ClinicFinding(
                number,
                _clean(t.rule(finding.rule.id).title),
                finding.rule.id,
                # The level in the page's language (issue 20); the rule id stays, for looking it up.
                getattr(t.history.level, finding.urgency.value),
                because,
                _clean(finding.rule.source),
                # in full for the findings that set the level; the others by title (issue 24: 3 pages at most)
                _clean(t.rule(finding.rule.id).explanation) if headline else "",
                t.clinic.inferred_line.format(keys="; ".join(from_history)) if from_history else "",
            )
        )
    # An unanswered question "raised the level" only when unanswered questions set it (issue 24).
    level_from_unanswered = Reason.UNANSWERED in result.decision.urgency_reasons
    rows = []
    for question in bank.questions:
        value = answers.get(question.key)
        if question.key in REFINED and value is None:
            continue  # a broad key of an earlier bank, not given: its finer questions are listed
        if question.key in MEASURE_KEYS and value is None:
            continue  # a measure not answered (the PEG, issue 22): optional, and no warning sign
        if question.key in result.decision.ignored:
            value = None  # an answer to a question that did not apply was dropped before the rules
        if value is None or value == [] or value == "":
            status = "unanswered" if question.key in result.unanswered else "not_asked"
        else:
            status = "unsure" if value == "unsure" else "given"
        shown = t.clinic.not_asked if status == "not_asked" else t.answer_text(question, value)
        numbers = tuple(raised.get(question.key, ()))
        open_sign = question.key in result.decision.not_ruled_out
        floor = open_sign and level_from_unanswered
        mark = _mark(t, numbers, open_sign, floor)
        rows.append(AnswerRow(_clean(question.short), shown, status, numbers, floor, mark))
    details = [_imaging_detail(result), _unanswered_detail(result, bank), *measure_sections(result)]
    return ClinicCopy(
        identifiers=pairs,
        findings=findings,
        answers=rows,
        details=details,
        provenance=t.clinic.versions.format(provenance=provenance),
    )


def _provenance(result: Result, texts: Texts) -> str:
    """What made this summary (program, question bank, rules, content and its fingerprint, the day),
    in ``texts``' words: the patient's footer and the clinician's page say it each in their language."""
    v = result.versions
    return texts.summary.provenance.format(
        program=v.program,
        questions=v.question_bank,
        rules=v.rules,
        content=v.content,
        fingerprint=v.content_fingerprint,
        date=texts.day(result.assessed_on),
    )


def _clinic_copy_in(
    result: Result, words: tuple[Texts, QuestionBank], answers: Mapping[str, Any], who: Identifiers
) -> ClinicCopy:
    """The clinician's page in the clinic's language, saying which language the patient answered in."""
    import dataclasses

    texts, bank = words
    provenance = _provenance(result, texts)
    copy = _clinic_copy(dataclasses.replace(result, texts=texts), bank, answers, who.pairs(texts), provenance)
    copy.texts = texts
    # Named in the clinic's language ("Spanish", not "Español"): the clinic reads this page (issue 20).
    patient = texts.language_name(result.texts.language, result.texts.name)
    copy.answered_in = texts.translation.answered_in.format(language=patient)
    # ...and the patient is told, in their language, that the next page is in the clinic's (issue 20).
    own = result.texts
    copy.handover = own.translation.next_page.format(language=own.language_name(texts.language, texts.name))
    return copy


def _mark(texts: Texts, raised: tuple[int, ...], open_sign: bool, floor: bool) -> str:
    """The mark after an answer in the clinic copy: the findings it raised; for a warning sign left
    unanswered, "not ruled out", and "raised the level" only when it did."""
    marks = [", ".join(f"F{n}" for n in raised)] if raised else []
    if floor:
        marks.append(texts.clinic.raised_level_mark)
    elif open_sign:
        marks.append(texts.clinic.not_ruled_out_mark)
    return f"{texts.clinic.raised_mark} {'; '.join(marks)}" if marks else ""


def _because(bank: QuestionBank, texts: Texts, key: str, value: Any) -> str:
    """One answer behind a finding, short: a "yes" goes without saying; anything else is shown."""
    name = _question_name(bank, key)
    return name if value == "yes" else f"{name}: {texts.answer_text(bank.get(key), value)}"


def _question_name(bank: QuestionBank, key: str) -> str:
    return bank.get(key).short


def printed_at() -> dt.datetime:
    """The time to print beside the date: local time, or SOURCE_DATE_EPOCH's (in UTC) when it is
    set, so a reproducible file does not change with the clock (assessment.today_from_env has
    already refused a bad value)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now().astimezone()
