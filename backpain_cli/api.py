"""The library interface: answers or a FHIR QuestionnaireResponse in, the JSON result or the result Bundle out.

For a service that runs backpain inside its own Python process: a FHIR server's subscription
handler, a CDS Hooks service, a Dask or Spark job (docs/api.md, docs/scale.md). ``assess`` returns
exactly what ``backpain assess --format json`` prints, as a dict; ``assess_to_fhir`` what
``--format fhir`` prints. Nothing here prints, writes a file or reads a terminal. The only state is
the content cache: each content folder is loaded once per process (``bundle.load_bundle``), under
a lock, so the first call costs the loading and later ones only the assessment. Safe to call from
many threads at once, and from many processes (each loads the folder once; a forked one inherits
it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.errors import AnswerFileError, BackpainError, Code, ContentError, Problem

if TYPE_CHECKING:
    from backpain_cli.answers import Answers
    from backpain_cli.assessment import Result
    from backpain_cli.bundle import Bundle
    from backpain_cli.readers import Read, ReadPolicy

__all__ = ["InvalidAnswers", "InvalidContent", "assess", "assess_to_fhir"]

# What ``assess`` takes: a mapping of answers or a FHIR resource (as parsed JSON), or the text (or
# bytes) of an answer file: JSON, YAML, a QuestionnaireResponse, or a printed QR code's text.
AnswerSource = Mapping[str, Any] | str | bytes
Warn = Callable[[str], None]

MAX_TEXT_BYTES: Final = 1_000_000  # the limit of an answer file (CONTRACT.md)

_loading: Final = threading.Lock()


class InvalidAnswers(ValueError):
    """Answers that cannot be assessed (bad JSON, an unknown key, a value out of range, a withdrawn
    FHIR response...). ``str()`` is the message ``backpain assess`` prints; ``problems`` holds each
    problem located (``.key``, ``.line``, ``.code``: errors.Code)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.describe() for p in problems))


class InvalidContent(ValueError):
    """A content folder that cannot be used (missing, broken, without the language asked for)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.describe() for p in problems))


def assess(
    answers_or_resource: AnswerSource,
    *,
    content: str | os.PathLike[str] | None = None,
    region: str | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    accept_status: Collection[str] = (),
    source: str = "<answers>",
    line: int | None = None,
    on_warning: Warn | None = None,
) -> dict[str, Any]:
    """The JSON result for one person's answers: the same dict ``backpain assess --format json`` prints.

    ``answers_or_resource``: a mapping of answer keys (``{"age": 42, "saddle_numbness": "no"}``), a
    FHIR QuestionnaireResponse (R4 or R5) as a dict, or the text of an answer file.
    ``content``: a content folder (default: BACKPAIN_CONTENT, else the shipped one, as the CLI).
    ``region``: checked (an unknown code is an error); the JSON result's disclaimer names its
    emergency call, as ``assess --region`` does. ``lang``: a language the content folder has (``"en"``, ``"es"``,
    or a tag such as ``"es-MX"``): the result's prose fields are in it, its keys and codes are the
    same in every language; None is English (the environment's BACKPAIN_LANG and locale, which the
    command reads, are not read here). ``today``: the date of the result (default: today, or SOURCE_DATE_EPOCH).
    ``accept_status``: FHIR statuses refused by default to assess anyway (``entered-in-error``,
    ``stopped``). ``source``: how messages name the answers; ``line``: the line of ``source`` they
    come from, for text read from an NDJSON export (messages then say ``FILE:LINE``, exactly as
    ``backpain assess`` says them for that line). ``on_warning``: called with each
    warning the CLI prints on standard error (a response to another version of the questions, an
    answer dropped because its question did not apply); never printed here.

    Raises InvalidAnswers (a ValueError) for answers that cannot be assessed, InvalidContent (a
    ValueError) for a content folder that cannot be used, ValueError for an unknown region or
    language, TypeError for an argument of the wrong kind.
    """
    from backpain_cli.regions import find_region
    from backpain_cli.render.json import result_to_dict

    result, _, bundle = _assess(
        answers_or_resource, content, region, lang, today, accept_status, source, line, on_warning
    )
    return result_to_dict(result, find_region(bundle.regions, region) if region else None)


def assess_to_fhir(
    answers_or_resource: AnswerSource,
    *,
    content: str | os.PathLike[str] | None = None,
    region: str | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    accept_status: Collection[str] = (),
    source: str = "<answers>",
    line: int | None = None,
    on_warning: Warn | None = None,
) -> dict[str, Any]:
    """The result Bundle (a FHIR collection: the QuestionnaireResponse and a RiskAssessment), the same
    dict ``backpain assess --format fhir`` prints; its response names the content folder's
    questionnaire. Arguments and errors as ``assess``."""
    from backpain_cli.fhir.questionnaire import identity
    from backpain_cli.fhir.result import build_result_bundle

    result, answers, bundle = _assess(
        answers_or_resource, content, region, lang, today, accept_status, source, line, on_warning
    )
    return build_result_bundle(result, answers, bundle.bank, canonical=identity(bundle.library).canonical)


def _assess(
    given: AnswerSource,
    content: str | os.PathLike[str] | None,
    region: str | None,
    lang: str | None,
    today: dt.date | None,
    accept_status: Collection[str],
    source: str,
    line: int | None,
    on_warning: Warn | None,
) -> tuple[Result, Answers, Bundle]:
    from backpain_cli import assessment
    from backpain_cli.batch import ignored_warning
    from backpain_cli.readers import ReadPolicy

    bundle = _bundle(content, lang)
    _check_region(bundle, region)
    if isinstance(accept_status, str):
        raise TypeError("accept_status takes a collection of statuses, not one string")
    policy = ReadPolicy(accept_status=frozenset(accept_status))
    try:
        read = _read(given, bundle, policy, source, line)
    except AnswerFileError as exc:
        if line is None:
            raise InvalidAnswers(exc.problems) from None
        raise InvalidAnswers([dataclasses.replace(p, source=source, line=line) for p in exc.problems]) from None
    try:
        day = today or assessment.today_from_env()
    except BackpainError as exc:  # SOURCE_DATE_EPOCH set to something that is no date
        raise ValueError(str(exc)) from None
    result = assessment.assess(read.answers, bundle, today=day)
    if on_warning is not None:
        where = source if line is None else f"{source}:{line}"
        for text in read.warnings:
            on_warning(f"{where}: {text}")
        for key in result.decision.ignored:
            on_warning(f"{where}: {ignored_warning(key)}")
    return result, read.answers, bundle


def _bundle(content: str | os.PathLike[str] | None, lang: str | None) -> Bundle:
    """The content folder in ``lang``, loaded once per process and language (bundle.load_bundle caches
    it by its real path and language)."""
    from backpain_cli.bundle import load_bundle, resolve_content_dir

    folder = resolve_content_dir(os.fspath(content) if content is not None else None)
    language = _language(folder, lang)
    with _loading:  # two threads asking first load it once, not twice
        try:
            return load_bundle(folder, language)
        except ContentError as exc:
            raise InvalidContent(exc.problems) from None


def _read(given: AnswerSource, bundle: Bundle, policy: ReadPolicy, source: str, line: int | None) -> Read:
    """The answers ``given`` holds, read as the CLI reads a file of them (readers/), or a line of one."""
    from backpain_cli.answers import validate_answers
    from backpain_cli.readers import Read, read_bytes

    if isinstance(given, str | bytes):
        raw = given.encode("utf-8", "surrogatepass") if isinstance(given, str) else given
        if line is not None:  # a line of an NDJSON export: read and located as `assess` reads it
            from backpain_cli.readers.ndjson import LINE_LIMIT, read_line

            data = raw if len(raw) <= LINE_LIMIT else None
            return read_line(data, source=source, line=line, bundle=bundle, policy=policy)
        if len(raw) > MAX_TEXT_BYTES:
            problem = Problem("is over 1 MB; an answer file is never that big", source=source, code=Code.UNREADABLE)
            raise AnswerFileError([problem])
        return read_bytes(raw, source=source, kind=None, bundle=bundle, policy=policy)
    if not isinstance(given, Mapping):
        kind = type(given).__name__
        raise TypeError(f"assess takes a mapping of answers, a FHIR resource or an answer file's text, not {kind}")
    if "resourceType" in given:  # FHIR, R4 or R5: the JSON reader's own test
        from backpain_cli.readers.fhir_answers import read_resource

        return read_resource(given, source, bundle, policy)
    return Read(validate_answers(given, source=source))


def _language(folder: Path, lang: str | None) -> str:
    """``lang`` as a language code the content folder has (English for None); InvalidContent naming
    the ones it has otherwise."""
    from backpain_cli.language import SOURCE_LANGUAGE, language_code, languages

    if lang is None:
        return SOURCE_LANGUAGE
    if not isinstance(lang, str):
        raise TypeError(f"lang takes a language code such as 'en' or 'es', not {type(lang).__name__}")
    have = languages(folder)
    code = language_code(lang)
    if code is None or code not in have:
        why = f"the content folder has no texts in it (it has: {', '.join(have)})"
        raise InvalidContent([Problem(f"language {lang!r}: {why}", source=str(folder), code=Code.CONTENT)])
    return code


def _check_region(bundle: Bundle, region: str | None) -> None:
    if region is None:
        return
    from backpain_cli.regions import find_region

    if not isinstance(region, str):
        raise TypeError(f"region takes a region or country code such as 'uk', not {type(region).__name__}")
    if find_region(bundle.regions, region) is None:
        known = ", ".join(sorted(c for c in bundle.regions if c))
        raise ValueError(f"unknown region {region!r}; choose one of: {known} (or a country code such as gb)")
