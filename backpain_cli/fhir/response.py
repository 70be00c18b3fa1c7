"""QuestionnaireResponse: answers written as one (for the result bundle) and read from one (R4 or R5).

Items are matched by linkId, which is the answer key, wherever they sit (in section groups, or
flat). Every problem names the item's path in the response, e.g. ``item[3].item[0].answer[0]``.
Spec: FHIR R4 / R5 QuestionnaireResponse.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, INTEGER_KEYS, SYMPTOM_KEYS, suggest_key
from backpain_cli.errors import AnswerFileError, Code, Notice, Problem, Words
from backpain_cli.fhir import codes
from backpain_cli.fhir.questionnaire import (
    EMERGENCY_PREFIX,
    HELP_SUFFIX,
    QUESTIONNAIRE_URL,
    SECTION_PREFIX,
    choice_system,
)
from backpain_cli.fhir.status import StatusRefused, check_status
from backpain_cli.questions import QuestionBank
from backpain_cli.safetext import shown

_INTEGERS: Final = INTEGER_KEYS
_CHOICES: Final = frozenset(ANSWER_KEYS) - SYMPTOM_KEYS - _INTEGERS
_MANY: Final = frozenset({"previous_imaging"})


def build_response(
    answers: Mapping[str, Any], bank: QuestionBank, *, canonical: str = QUESTIONNAIRE_URL
) -> dict[str, Any]:
    """A completed QuestionnaireResponse holding ``answers`` (answer key -> value; None = not answered),
    to the questionnaire ``canonical`` (a content folder's own: ``questionnaire.identity``).

    Grouped by section like the Questionnaire; unanswered questions are left out.
    """
    groups = []
    for section in bank.sections:
        items = []
        for q in bank.questions:
            value = answers.get(q.key)
            if q.section != section.id or value is None:
                continue
            labels = {c.value: c.label for c in q.choices}
            items.append({"linkId": q.key, "text": q.text, "answer": _answer_values(q.key, value, labels)})
        if items:
            groups.append({"linkId": SECTION_PREFIX + section.id, "text": section.title, "item": items})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical}|{bank.version}",
        "status": "completed",
        "item": groups,
    }


def _answer_values(key: str, value: Any, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    if key in _INTEGERS:
        return [{"valueInteger": int(value)}]
    if key in SYMPTOM_KEYS:
        code, display = codes.YES_NO_UNSURE[value]
        return [{"valueCoding": {"system": codes.LOINC, "code": code, "display": display}}]
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": {"system": choice_system(key), "code": v, "display": labels.get(v, v)}} for v in values]


def is_response(data: object) -> bool:
    """Whether parsed JSON is a FHIR QuestionnaireResponse (recognised by ``resourceType``)."""
    return isinstance(data, Mapping) and data.get("resourceType") == "QuestionnaireResponse"


@dataclass(frozen=True)
class Displays:
    """Every display backpain knows for each answer, normalised (``known``): LOINC's own, the answer
    words of the text catalogue, and the question bank's choice labels. A display that is one of
    these must name the answer its code names; any other display (another language's, a portal's
    own wording) cannot be checked, so the code is read and one warning says so."""

    yes_no: Mapping[str, frozenset[str]]  # yes / no / unsure -> displays
    choices: Mapping[str, Mapping[str, frozenset[str]]]  # answer key -> value -> displays

    @classmethod
    def known(cls, bank: QuestionBank | None = None, answer_words: Mapping[str, str] | None = None) -> Displays:
        words = answer_words or {}
        yes_no = {
            answer: frozenset(_normal(w) for w in (answer, display, words.get(answer, "")) if w)
            for answer, (_, display) in codes.YES_NO_UNSURE.items()
        }
        choices: dict[str, dict[str, frozenset[str]]] = {}
        for q in bank.questions if bank is not None else ():
            if q.choices and q.key in _CHOICES:
                choices[q.key] = {c.value: frozenset({_normal(c.value), _normal(c.label)}) for c in q.choices}
        return cls(yes_no, choices)

    @classmethod
    def in_languages(cls, languages: Iterable[tuple[QuestionBank, Mapping[str, str]]]) -> Displays:
        """Every display known in any of a content folder's ``languages`` (each its bank and its
        catalogue's answer words), so a response answered in a Spanish rendering ("Sí" on LA33-6) is
        checked, not warned about, whichever language reads it (issue 20). A display that two
        languages give to different answers is dropped from both: it cannot be checked, so its
        code is read with a warning, never refused on a guess."""
        found = [cls.known(bank, words) for bank, words in languages]
        yes_no = _unambiguous([d.yes_no for d in found])
        keys = {key for d in found for key in d.choices}
        choices = {key: _unambiguous([d.choices.get(key, {}) for d in found]) for key in keys}
        return cls(yes_no, choices)


def _unambiguous(each: list[Mapping[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """The displays of each answer in any of ``each``, less those known for two answers."""
    joined: dict[str, frozenset[str]] = {}
    for known in each:
        for answer, words in known.items():
            joined[answer] = joined.get(answer, frozenset()) | words
    shared = {w for a in joined for b in joined if a != b for w in joined[a] & joined[b]}
    return {answer: words - shared for answer, words in joined.items()}


def _normal(display: str) -> str:
    """A display as compared: case and spacing ignored, a typographic apostrophe read as a plain one."""
    return " ".join(display.replace("\u2019", "'").casefold().split())


def read_response(
    data: Mapping[str, Any],
    *,
    source: str | None,
    bank_version: str | None = None,
    displays: Displays | None = None,
    accept: Collection[str] = (),
    canonical: str = QUESTIONNAIRE_URL,
) -> tuple[dict[str, Any], list[str]]:
    """The answers a QuestionnaireResponse holds, as an answer mapping, and warnings to show.

    Raises AnswerFileError when its status is not assessed (fhir/status.py; ``accept`` names the
    refused statuses to assess anyway), when it answers another questionnaire than ``canonical``
    (the content folder's own) or the shipped one (whose answer keys every folder shares), or holds an unknown
    linkId, an answer of the wrong type, an unknown code, a code its display contradicts
    (``displays``), or the same question twice: each problem names its item path. A response to
    another version of our questionnaire, or in progress, is read with a warning.
    """
    problems: list[Problem] = []
    warnings: list[str] = []

    def fail(
        path: str,
        message: str,
        code: Code = Code.BAD_VALUE,
        key: str | None = None,
        words: Words | None = None,
        hint_words: Words | None = None,
    ) -> None:
        # ``at``: the item path stays in front of a patient's words too (problem_words.py).
        said = Problem(f"{path}: {message}", source=source, key=key, code=code, words=words, hint_words=hint_words)
        problems.append(replace(said, at=path))

    try:
        said = check_status(data.get("status"), accept)
    except StatusRefused as refused:
        problem = Problem(f"status: {refused}", source=source, code=Code.STATUS, words=refused.words)
        raise AnswerFileError([problem]) from None
    if said:
        warnings.append(said)
    named = data.get("questionnaire")
    if named is not None:
        another = Words("other_questionnaire")
        if not isinstance(named, str):
            fail("questionnaire", "must be the questionnaire's canonical URL (text)", Code.NOT_A_MAPPING, words=another)
        else:
            url, _, version = named.partition("|")
            if url not in (canonical, QUESTIONNAIRE_URL):
                fail("questionnaire", _another_questionnaire(url, canonical), Code.NOT_A_MAPPING, words=another)
            elif bank_version and version and version != bank_version:
                older = f"answers version {shown(version)} of the questionnaire, not {bank_version}: "
                words = Words.of("other_version", version=shown(version), ours=bank_version)
                warnings.append(Notice(older + "questions may have changed since, so check the answers", words))
    items = data.get("item", [])
    if not isinstance(items, list):
        fail("item", "must be a list of items", Code.NOT_A_MAPPING)
        items = []
    reader = _Reader(fail, displays or Displays.known())
    reader.walk(items, "item")
    if problems:
        raise AnswerFileError(problems)
    if reader.unchecked:
        where, display = reader.unchecked[0]
        more = len(reader.unchecked) - 1
        others = f" and {more} more" if more else ""
        unknown = f"{where}{others}: a display backpain does not know ({shown(display)}: another language or "
        words = Words.of("display_unchecked", where=where, display=shown(display))
        warnings.append(Notice(unknown + "wording?) was not checked against its code; the code was read", words))
    return reader.answers, warnings


def _another_questionnaire(url: str, canonical: str) -> str:
    """Why a response to ``url`` is not read with a content folder whose questionnaire is ``canonical``."""
    ours = f"this content folder's ({canonical})" if canonical != QUESTIONNAIRE_URL else f"backpain's ({canonical})"
    return (
        f"answers another questionnaire ({shown(url)}), not {ours}; a clinic's own questionnaire is read "
        "with its content folder (--content DIR, whose content.yaml names it as fhir_canonical)"
    )


_Fail = Callable[..., None]


class _Reader:
    """One walk over a response's items: the answers found, and displays that could not be checked."""

    def __init__(self, fail: _Fail, displays: Displays) -> None:
        self.fail = fail
        self.displays = displays
        self.answers: dict[str, Any] = {}
        self.seen: set[str] = set()
        self.unchecked: list[tuple[str, str]] = []  # (item path, display)

    def walk(self, items: list[Any], path: str) -> None:
        fail = self.fail
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if not isinstance(item, Mapping) or not isinstance(item.get("linkId"), str):
                fail(where, "an item must be an object with a linkId", Code.NOT_A_MAPPING)
                continue
            link = item["linkId"]
            children = item.get("item", [])
            answer = item.get("answer")
            if link in ANSWER_KEYS:
                if link in self.seen:
                    fail(where, f"{link} appears twice; give each question once", Code.DUPLICATE_KEY, key=link)
                elif answer is not None:
                    value = self._answers(link, answer, f"{where}.answer")
                    if value is not None:
                        self.answers[link] = value
                self.seen.add(link)
            elif not _ours(link):
                guess = suggest_key(link)
                hint = f" (did you mean {guess!r}?)" if guess else ""
                unknown = Words.of("unknown_key", key=shown(link))
                maybe = Words.of("did_you_mean", key=repr(guess)) if guess else None
                fail(where, f"unknown linkId {shown(link)}{hint}", Code.UNKNOWN_KEY, words=unknown, hint_words=maybe)
            elif answer:
                fail(f"{where}.answer", f"{shown(link)} is not a question and takes no answer", Code.BAD_VALUE)
            if isinstance(children, list):
                self.walk(children, f"{where}.item")
            # Items nested under an answer (answer[].item) are allowed by FHIR; ours has none.

    def _answers(self, key: str, answer: object, where: str) -> Any:
        if not isinstance(answer, list):
            self.fail(where, "must be a list of answers", Code.NOT_A_MAPPING, key=key)
            return None
        if len(answer) > 1 and key not in _MANY:
            self.fail(where, f"{key} takes one answer, not {len(answer)}", key=key)
            return None
        values = []
        for index, entry in enumerate(answer):
            value = self._one(key, entry, f"{where}[{index}]")
            if value is None:
                return None
            values.append(value)
        if not values:
            return None
        return values if key in _MANY else values[0]

    def _one(self, key: str, entry: object, where: str) -> Any:
        value_keys = (
            [k for k in entry if isinstance(k, str) and k.startswith("value")] if isinstance(entry, Mapping) else []
        )
        if not isinstance(entry, Mapping) or len(value_keys) != 1:
            found = ", ".join(value_keys) if value_keys else f"no value[x] ({_holds(entry)}: {shown(entry)})"
            self.fail(where, f"an answer must hold exactly one value[x], not {found}", Code.BAD_VALUE, key=key)
            return None
        kind = value_keys[0]
        value = entry[kind]
        if key in _INTEGERS:
            if kind == "valueInteger" and isinstance(value, int) and not isinstance(value, bool):
                return value
            self.fail(where, _wrong_type(key, "valueInteger (a whole number)", kind, value), key=key)
            return None
        if key in SYMPTOM_KEYS and kind == "valueBoolean" and isinstance(value, bool):
            return "yes" if value else "no"
        if kind != "valueCoding" or not isinstance(value, Mapping):
            expected = "valueCoding (or valueBoolean: true or false)" if key in SYMPTOM_KEYS else "valueCoding"
            self.fail(where, _wrong_type(key, expected, kind, value), key=key)
            return None
        system, code, display = value.get("system"), value.get("code"), value.get("display")
        if display is not None and not isinstance(display, str):
            self.fail(where, f"a coding's display must be text, not {_holds(display)}: {shown(display)}", key=key)
            return None
        if key in SYMPTOM_KEYS:
            if system in (None, codes.LOINC) and isinstance(code, str) and code in codes.ANSWER_BY_CODE:
                return self._agrees(key, codes.ANSWER_BY_CODE[code], display, self.displays.yes_no, where)
            allowed = ", ".join(f"{c} ({d})" for c, d in codes.YES_NO_UNSURE.values())
            self.fail(where, f"{shown(code)} is not an answer to {key}: expected LOINC {allowed}", key=key)
            return None
        if system in (None, choice_system(key)) and isinstance(code, str):
            known = self.displays.choices.get(key, {})
            if code not in known:
                return code  # the answer model checks the value itself, and names what is allowed
            return self._agrees(key, code, display, known, where)
        self.fail(where, f"{key} takes codes from {choice_system(key)}, not {shown(system)}", key=key)
        return None

    def _agrees(
        self, key: str, answer: str, display: str | None, known: Mapping[str, frozenset[str]], where: str
    ) -> str | None:
        """``answer`` when the coding's display agrees with it (or cannot be checked); None, with the
        problem said, when the display is what backpain knows as another answer: never guessed."""
        if display is None or not display.strip():
            return answer
        said = _normal(display)
        if said in known[answer]:
            return answer
        other = next((a for a, words in known.items() if said in words), None)
        if other is None:
            self.unchecked.append((where, display))
            return answer
        self.fail(
            where,
            f"the code says {_named(answer)} but the display says {shown(display)}, the display of "
            f"{_named(other)}; backpain does not guess which is meant: correct the code or the display",
            Code.INCONSISTENT,
            key=key,
            words=Words("code_and_display_differ"),
        )
        return None


def _named(answer: str) -> str:
    """An answer as a message names it: its LOINC code and display, or a choice's value."""
    if answer in codes.YES_NO_UNSURE:
        code, display = codes.YES_NO_UNSURE[answer]
        return f"LOINC {code} ({display})"
    return repr(answer)


def _holds(value: object) -> str:
    """What kind of JSON value this is, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _wrong_type(key: str, expected: str, kind: str, value: object) -> str:
    """``age takes valueInteger (a whole number), but this valueInteger holds text: '42'``."""
    if kind in expected.replace("(", " ").replace(":", " ").split():
        return f"{key} takes {expected}, but this {kind} holds {_holds(value)}: {shown(value)}"
    return f"{key} takes {expected}, not {shown(kind)} ({_holds(value)}: {shown(value)})"


def _ours(link: str) -> bool:
    return link.startswith((SECTION_PREFIX, EMERGENCY_PREFIX)) or (
        link.endswith(HELP_SUFFIX) and link.removesuffix(HELP_SUFFIX) in ANSWER_KEYS
    )
