"""The compact answer form carried by the QR code on a printed summary (docs/fhir.md, "Compact form").

``BP1|<question bank version>|key=value;key=value;...``: answer keys as in answer files, yes / no /
not sure as ``y`` / ``n`` / ``u``, numbers in digits, choices by their value, several scans joined
by ``+``. Unanswered questions are left out. Plain ASCII, so any QR reader gives it back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from backpain_cli.answers import ANSWER_KEYS, SYMPTOM_KEYS, Answers, suggest_key
from backpain_cli.errors import AnswerFileError, Code, Notice, Problem, Words
from backpain_cli.fhir import COMPACT_PREFIX
from backpain_cli.questions import QuestionBank
from backpain_cli.safetext import shown

_LETTERS: Final = {"yes": "y", "no": "n", "unsure": "u"}
_WORDS: Final = {letter: word for word, letter in _LETTERS.items()}


def encode(answers: Mapping[str, Any], bank_version: str) -> str:
    """The compact form of ``answers`` (answer key -> value, None = not answered), in key order."""
    parts = []
    for key in ANSWER_KEYS:
        value = answers.get(key)
        if value is None:
            continue
        if key in SYMPTOM_KEYS:
            text = _LETTERS[value]
        elif isinstance(value, list):
            text = "+".join(value)
        else:
            text = str(value)
        parts.append(f"{key}={text}")
    return f"{COMPACT_PREFIX}{bank_version}|{';'.join(parts)}"


def answers_code(answers: Answers, bank: QuestionBank) -> str:
    """The compact form of the answers that reach the rules, and of those set aside.

    Answers to skipped questions are dropped, except those the result warns about
    (``ignored_answers``: a skipped question answered other than "no"): kept, so the scanned code
    gives the same result, warning included, as the answers it was printed from.
    """
    from backpain_cli.triage import prune

    facts, ignored, _ = prune(answers, bank.skip_gates)
    given = answers.as_dict()
    return encode({**facts, **{k: given[k] for k in ignored}}, bank.version)


def decode(text: str, *, source: str | None, bank_version: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """The answer mapping a compact form holds, and warnings (another question bank version).

    Values are checked afterwards by the answer model, like any answer file. Raises
    AnswerFileError for text that is not the compact form, an unknown key or a key given twice.
    """
    body = text.strip()
    if not body.startswith(COMPACT_PREFIX) or body.count("|") != 2:
        raise AnswerFileError(
            [
                Problem(
                    "not the compact answer form (BP1|version|key=value;...)",
                    source=source,
                    code=Code.SYNTAX,
                    words=Words("not_compact"),
                )
            ]
        )
    _, version, pairs = body.split("|")
    warnings: list[str] = []
    if bank_version and version != bank_version:
        written = f"written for version {shown(version)} of the questions, not {bank_version}: "
        words = Words.of("other_version", version=shown(version), ours=bank_version)
        warnings.append(Notice(written + "questions may have changed since, so check the answers", words))
    answers: dict[str, Any] = {}
    problems = []
    for index, pair in enumerate(filter(None, pairs.split(";")), start=1):
        key, sep, value = pair.partition("=")
        where = f"answer {index} ({shown(pair[:40])})"
        if not sep:
            problems.append(Problem(f"{where}: expected key=value", source=source, code=Code.SYNTAX, at=where))
        elif key not in ANSWER_KEYS:
            guess = suggest_key(key)
            problems.append(
                Problem(
                    f"{where}: unknown key {shown(key)}",
                    source=source,
                    hint=f"did you mean {guess!r}?" if guess else None,
                    code=Code.UNKNOWN_KEY,
                    words=Words.of("unknown_key", key=shown(key)),
                    hint_words=Words.of("did_you_mean", key=repr(guess)) if guess else None,
                    at=where,
                )
            )
        elif key in answers:
            problems.append(Problem(f"{where}: {key} is given twice", source=source, code=Code.DUPLICATE_KEY, at=where))
        elif key in SYMPTOM_KEYS:
            answers[key] = _WORDS.get(value, value)
        elif key == "previous_imaging":
            answers[key] = value.split("+")
        else:
            answers[key] = value
    if problems:
        raise AnswerFileError(problems)
    return answers, warnings
