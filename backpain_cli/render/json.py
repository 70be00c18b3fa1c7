"""The JSON result: the contract's keys first, in the contract's order, then the added fields.

Prose fields (titles, explanations, reasons, notes, the disclaimer, which names the region's
emergency call when one is known) are words from the result's text catalogue; the codes they come
from are added beside them, so a script never has to read prose (``urgency_reason_codes``,
``imaging_reason_codes``, ``note_codes``).
"""

from __future__ import annotations

import json
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.assessment import Result, Versions
from backpain_cli.measures import scores_to_dict
from backpain_cli.texts import Texts
from backpain_cli.triage import Finding

if TYPE_CHECKING:
    from backpain_cli.content import FaqPage
    from backpain_cli.history.changes import HistoryView, RaisedFact
    from backpain_cli.regions import Region

# The version of the result's layout, written in every result right after the contract's keys.
# Bump it when a field changes meaning or goes away (never for an added field), and say so in
# CHANGELOG.md and docs/interface.md; result_model.py's JsonResult.format_version must follow.
FORMAT_VERSION: Final = "1"


def _flag(finding: Finding, texts: Texts, inferred: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A finding as data. ``inferred``: keys a history raised (issue 24: never listed as answers given)."""
    rule = finding.rule
    words = texts.rule(rule.id)
    return {
        "id": rule.id,
        "category": rule.category.value if rule.category else None,
        "urgency": finding.urgency.value,
        "because": [k for k in finding.because if k not in inferred],
        "certain": finding.certain,
        "unsure": list(finding.unsure),
        "title": words.title,
        "imaging": finding.imaging.value,
        "explanation": words.explanation,
        "source": rule.source,
        "inferred": [k for k in finding.because if k in inferred],
    }


def inferred_keys(result: Result) -> frozenset[str]:
    """The answers a history raised (inferred from check-ins, never answered), empty without one."""
    return frozenset(f.key for f in result.history.raised) if result.history else frozenset()


def result_to_dict(result: Result, region: Region | None = None) -> dict[str, Any]:
    """The result as plain data. Keys listed in CONTRACT.md keep their names and meanings.

    ``region``: the disclaimer names its emergency call, as the printed summary does (issue 20);
    without one (or the fallback region) it lists the common numbers.

    Built directly, not through result_model.JsonResult, because batches render thousands a
    second; tests/test_schema.py proves every result validates against that model. A batch line
    is put together from encoded pieces instead (``_line_from_pieces``): a field added here goes
    there too (tests/test_render.py fails until it does).
    """
    texts, decision = result.texts, result.decision
    inferred = inferred_keys(result)
    others = [_flag(f, texts, inferred) for f in result.other_findings]
    for item in others:
        del item["category"]
    data = {
        "urgency": result.urgency.value,
        "imaging": result.imaging.value,
        "red_flags": [_flag(f, texts, inferred) for f in result.red_flags],
        "questions_for_doctor": list(result.questions_for_doctor),
        "faq": [{"id": p.id, "title": p.front.title, "excerpt": p.excerpt} for p in result.faq],
        "unanswered": list(result.unanswered),
        # Added fields (CONTRACT.md: add freely). Each is described in result_model.py.
        "format_version": FORMAT_VERSION,
        "urgency_reasons": texts.urgency_reasons(decision.urgency_reasons),
        "imaging_reasons": texts.imaging_reasons(decision.imaging_reasons),
        "other_findings": others,
        "not_ruled_out": list(decision.not_ruled_out),
        "ignored_answers": list(decision.ignored),
        "not_asked": list(decision.not_asked),
        "would_change": list(decision.would_change),
        "notes": texts.notes(decision.notes),
        "disclaimer": texts.not_a_diagnosis(region),
        "assessed_on": result.assessed_on.isoformat(),
        "versions": {
            "program": result.versions.program,
            "question_bank": result.versions.question_bank,
            "rules": result.versions.rules,
            "content": result.versions.content,
            "content_fingerprint": result.versions.content_fingerprint,
        },
        "urgency_reason_codes": [str(code) for code in decision.urgency_reasons],
        "imaging_reason_codes": [str(code) for code in decision.imaging_reasons],
        "note_codes": [code.value for code in decision.notes],
        "measures": scores_to_dict(result.measures),  # issue 22: the PEG, when all three items are answered
    }
    if result.history is not None:  # issue 12: only for an assessment made with a history
        data["history"] = history_to_dict(result.history, texts)
    return data


def history_to_dict(view: HistoryView, texts: Texts) -> dict[str, Any]:
    """The ``history`` object of the JSON result (result_model.HistorySummary describes each field)."""
    from backpain_cli.history.changes import peg_change

    c = view.changes
    return {
        "previous_check_in": c.previous_on.isoformat() if c.previous_on else None,
        "first_check_in": c.first_on.isoformat(),
        "check_ins_before": c.check_ins,
        "weeks_since_first": c.weeks_since_first,
        "new": list(c.new),
        "resolved": list(c.resolved),
        "pain_scores": [
            {
                "date": p.taken_on.isoformat(),
                "score": p.score,
                "urgency": p.urgency,
                "peg": None if p.peg is None else p.peg.value,
            }
            for p in c.pain
        ],
        "not_settling": c.not_settling,
        "raised": [
            {"key": r.key, "value": r.value, "was": r.was, "note": raised_note(r, view, texts)} for r in view.raised
        ],
        "pain_weeks_kept": view.weeks_kept,
        "next_check_in": view.next_check_in.isoformat(),
        "peg_change": None if (found := peg_change(c.pain)) is None else (found[2] or "not_important"),
    }


def raised_note(fact: RaisedFact, view: HistoryView, texts: Texts) -> str:
    """Why the history raised an answer, for the result's ``history.raised[].note`` (ISO dates: for records)."""
    c, words = view.changes, texts.history
    if fact.nerve_keys:
        since = (c.previous_on or c.today).isoformat()
        return words.raised_worsening.format(keys=", ".join(fact.nerve_keys), date=since)
    if fact.key in ("treatment_not_helping", "treatment_no_better"):
        first = c.pain[0]
        return words.raised_not_settling.format(
            first=first.score, date=first.taken_on.isoformat(), last=c.pain[-1].score
        )
    return words.raised_weeks.format(date=c.first_on.isoformat())


def render_json(result: Result, region: Region | None = None) -> str:
    """One JSON object, pretty-printed for people and parseable by scripts."""
    return json.dumps(result_to_dict(result, region), ensure_ascii=False, indent=2) + "\n"


def render_jsonl_line(
    result: Result | None, *, source: str, error: str | None = None, region: Region | None = None
) -> str:
    """One line of batch output: the result with its ``source``, or ``source`` and ``error``."""
    # A file name that is not UTF-8 holds lone surrogates: written as \\udcXX escapes, the line
    # stays valid UTF-8 and the name can be turned back into its bytes (os.fsencode).
    ascii_only = not source.isascii() and any("\ud800" <= c <= "\udfff" for c in source)
    if result is None:
        data: dict[str, Any] = {"source": source, "error": error}
    elif ascii_only or result.history is not None:
        data = result_to_dict(result, region)
        data["source"] = source
    else:
        return _line_from_pieces(result, source, region)
    return json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------------------- batch lines from pieces

# A batch writes thousands of lines a second, most of them made of the same parts: a rule's finding
# with its words, the same FAQ pages and doctor questions, the versions and the disclaimer. Those
# parts are encoded once and the line is put together from them, byte for byte the line
# json.dumps(result_to_dict(result) + source) gives (tests/test_render.py compares the two).

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_MAX_PIECES: Final = 4096  # per kind; a long-running process starts afresh past it


class _Pieces:
    """Encoded parts of results written with one text catalogue, each kept by what it depends on."""

    def __init__(self, texts: Texts, region: Region | None = None) -> None:
        self.texts, self.region = texts, region
        self.disclaimer = _encode(texts.not_a_diagnosis(region))
        self.flags: dict[tuple[object, ...], tuple[object, str]] = {}
        self.pages: dict[int, tuple[FaqPage, str]] = {}
        self.parts: dict[tuple[object, ...], str] = {}

    def flag(self, finding: Finding, *, category: bool) -> str:
        rule = finding.rule
        # Every field of a Finding (its imaging follows from its rule and urgency); no history here.
        key = (id(rule), finding.urgency, finding.because, finding.unsure, finding.certain, category)
        found = self.flags.get(key)
        if found is None or found[0] is not rule:  # the same id for another (collected) rule
            data = _flag(finding, self.texts)
            if not category:
                del data["category"]
            found = (rule, _encode(data))
            self._keep(self.flags, key, found)
        return found[1]

    def page(self, page: FaqPage) -> str:
        found = self.pages.get(id(page))
        if found is None or found[0] is not page:
            found = (page, _encode({"id": page.id, "title": page.front.title, "excerpt": page.excerpt}))
            self._keep(self.pages, id(page), found)
        return found[1]

    def part(self, kind: str, key: Any) -> str:
        """The JSON of a part that depends only on ``key`` (and the catalogue): lists, reasons, versions."""
        found = self.parts.get((kind, key))
        if found is None:
            found = _encode(self._make(kind, key))
            self._keep(self.parts, (kind, key), found)
        return found

    def _make(self, kind: str, key: Any) -> object:
        if kind == "urgency_reasons":
            return self.texts.urgency_reasons(key)
        if kind == "imaging_reasons":
            return self.texts.imaging_reasons(key)
        if kind == "notes":
            return self.texts.notes(key)
        if kind == "versions":
            v: Versions = key
            return {
                "program": v.program,
                "question_bank": v.question_bank,
                "rules": v.rules,
                "content": v.content,
                "content_fingerprint": v.content_fingerprint,
            }
        if kind == "value":
            return key.value if isinstance(key, Enum) else key
        if kind == "values":
            return [value.value if isinstance(value, Enum) else str(value) for value in key]
        return list(key)

    @staticmethod
    def _keep(store: dict[Any, Any], key: object, value: object) -> None:
        if len(store) >= _MAX_PIECES:
            store.clear()
        store[key] = value


_pieces: list[_Pieces] = []  # the pieces of the catalogue in use (a batch uses one)


def _pieces_for(texts: Texts, region: Region | None) -> _Pieces:
    if not _pieces or _pieces[0].texts is not texts or _pieces[0].region is not region:
        _pieces[:] = [_Pieces(texts, region)]
    return _pieces[0]


def _line_from_pieces(result: Result, source: str, region: Region | None = None) -> str:
    """The JSON line of a result (no history) with its source, from encoded parts."""
    p, d = _pieces_for(result.texts, region), result.decision
    return "".join(
        (
            '{"urgency":',
            p.part("value", result.urgency),
            ',"imaging":',
            p.part("value", result.imaging),
            ',"red_flags":[',
            ",".join([p.flag(f, category=True) for f in result.red_flags]),
            '],"questions_for_doctor":',
            p.part("list", result.questions_for_doctor),
            ',"faq":[',
            ",".join([p.page(page) for page in result.faq]),
            '],"unanswered":',
            p.part("list", result.unanswered),
            ',"format_version":',
            p.part("value", FORMAT_VERSION),
            ',"urgency_reasons":',
            p.part("urgency_reasons", d.urgency_reasons),
            ',"imaging_reasons":',
            p.part("imaging_reasons", d.imaging_reasons),
            ',"other_findings":[',
            ",".join([p.flag(f, category=False) for f in result.other_findings]),
            '],"not_ruled_out":',
            p.part("list", d.not_ruled_out),
            ',"ignored_answers":',
            p.part("list", d.ignored),
            ',"not_asked":',
            p.part("list", d.not_asked),
            ',"would_change":',
            p.part("list", d.would_change),
            ',"notes":',
            p.part("notes", d.notes),
            ',"disclaimer":',
            p.disclaimer,
            ',"assessed_on":',
            p.part("value", result.assessed_on.isoformat()),
            ',"versions":',
            p.part("versions", result.versions),
            ',"urgency_reason_codes":',
            p.part("values", d.urgency_reasons),
            ',"imaging_reason_codes":',
            p.part("values", d.imaging_reasons),
            ',"note_codes":',
            p.part("values", d.notes),
            ',"measures":',
            _encode(scores_to_dict(result.measures)),
            ',"source":',
            _encode(source),
            "}\n",
        )
    )
