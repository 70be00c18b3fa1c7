"""``backpain assess``: answer files in, assessments out, no questions asked (scripts and clinics)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from backpain_cli import out, terminal
from backpain_cli.assessment import assess, today_from_env
from backpain_cli.batch import Source, expand_sources, ignored_warning, run_chunks
from backpain_cli.birth_date import checked_dob
from backpain_cli.bundle import Bundle, clinic_words, patient_bundle
from backpain_cli.errors import ExitCode, Problem, UsageError
from backpain_cli.formats import Format, pick_format
from backpain_cli.levels import Urgency
from backpain_cli.readers import ReadPolicy, read_source
from backpain_cli.regions import pick_region
from backpain_cli.render import render_result
from backpain_cli.safetext import printable_name
from backpain_cli.streaming import stream_chunks, streams

if TYPE_CHECKING:  # the printable summary loads only for the formats that print one
    from backpain_cli.answers import Answers
    from backpain_cli.assessment import Result
    from backpain_cli.regions import Region
    from backpain_cli.render.layout import Summary


def run_assess(
    answers: Sequence[str],
    *,
    fmt: Format | None = None,
    output: Path | None = None,
    fail_on: Urgency | None = None,
    content: Path | None = None,
    name: str | None = None,
    region: str | None = None,
    lang: str | None = None,
    clinic_lang: str | None = None,
    dob: str | None = None,
    record: str | None = None,
    accept_status: Sequence[str] = (),
) -> ExitCode:
    """Assess one answer file (or ``-``), or a batch of files and folders, and write the result.

    One source gives one result in ``fmt`` (default: the Rich summary on a terminal, else text, or
    the format of ``output``'s extension). Several give JSON lines (CONTRACT.md, batch). Returns
    URGENCY when ``fail_on`` was reached (even when other files in the batch were bad), else
    BAD_INPUT when any file in a batch was bad, else OK.
    ``name``, ``dob`` and ``record`` print on a summary (each optional); a printed summary also
    holds every answer for the clinician. ``accept_status`` names FHIR response statuses refused by
    default (entered-in-error, stopped) to assess anyway.
    Raises BackpainError (a bad single file, bad options, broken content, an unwritable output).
    """
    sources, batch = expand_sources(answers)
    stdin, stdin_ndjson = _standard_input(sources)
    batch = batch or streams(sources, stdin_ndjson)  # an NDJSON source is a batch of its lines
    fmt = pick_format(fmt, output, batch=batch, terminal=terminal.stdout_is_terminal())
    if output is not None:
        refuse_overwriting_inputs(output, sources)
    bundle = patient_bundle(content, lang, for_scripts=True)  # its errors are for scripts: English
    dob = checked_dob(dob, today_from_env(), bundle.texts)
    place = pick_region(bundle.regions, region)  # checked in every format; the summary's and the JSON's call
    policy = ReadPolicy(accept_status=frozenset(accept_status))
    if batch:
        return _assess_batch(sources, bundle, output, fail_on, policy, fmt, stdin if stdin_ndjson else None, place)

    source = sources[0].path
    read = read_source(source, bundle, policy=policy)
    where = printable_name("<stdin>" if source == "-" else source)
    for text in read.warnings:
        out.warning(f"{where}: {text}")
    given = read.answers
    result = assess(given, bundle, today=today_from_env())
    for key in result.decision.ignored:
        out.warning(f"{where}: {ignored_warning(key)}")
    who = (name, dob, record)
    write_one(result, given, bundle, fmt, output, where=where, place=place, who=who, clinic_lang=clinic_lang)
    return exit_code(result.urgency, fail_on)


def write_one(
    result: Result,
    given: Answers,
    bundle: Bundle,
    fmt: Format,
    output: Path | None,
    *,
    where: str,
    place: Region,
    who: tuple[str | None, str | None, str | None] = (None, None, None),
    clinic_lang: str | None = None,
    patient: bool = False,
) -> None:
    """One assessment in ``fmt`` to standard output or ``output``: what ``assess`` and ``history add``
    print, the same way (a printed summary with the clinician's page, the identifiers, FHIR); the note
    on a written file in the catalogue's words for a ``patient`` (history add), English for scripts."""
    region = place  # the summary's emergency number, and the JSON disclaimer's (issue 20)

    def summary() -> Summary:  # built only for the formats that print one
        from backpain_cli.fhir.compact import answers_code
        from backpain_cli.render.document import Identifiers, build_summary, printed_at

        built = build_summary(
            result,
            bundle.bank,
            region=region,
            clinic=bundle.clinic,
            answers=given.as_dict(),
            identifiers=Identifiers(*who),
            printed_at=printed_at(),
            clinic_words=clinic_words(bundle, clinic_lang),
        )
        built.answers_code = answers_code(given, bundle.bank)  # for the printout's QR code
        return built

    def fhir() -> dict[str, object]:
        from backpain_cli.fhir.questionnaire import identity
        from backpain_cli.fhir.result import build_result_bundle

        return build_result_bundle(result, given, bundle.bank, canonical=identity(bundle.library).canonical)

    said = bundle.texts.file_problems.wrote if patient else out.WROTE
    out.emit(render_result(result, fmt, summary=summary, source=where, fhir=fhir, region=place), output, said=said)


def _standard_input(sources: list[Source]) -> tuple[BinaryIO | None, bool]:
    """Standard input, when it is a source, ready to read from its start; and whether it holds NDJSON.

    Looking reads its first lines; when it is not NDJSON, ``sys.stdin`` is put back as a stream that
    gives them again, so every reader of ``-`` reads it whole, as before.
    """
    if not any(s.path == "-" for s in sources):
        return None, False
    from backpain_cli.readers.ndjson import sniff_stdin

    try:
        stream, ndjson = sniff_stdin()
    except OSError:
        return None, False  # read_source says what is wrong with it, as before
    if stream is not None and not ndjson:
        import io

        sys.stdin = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape")
    return stream, ndjson


def _assess_batch(
    sources: list[Source],
    bundle: Bundle,
    output: Path | None,
    fail_on: Urgency | None,
    policy: ReadPolicy,
    fmt: Format = Format.JSONL,
    ndjson_stdin: BinaryIO | None = None,
    place: Region | None = None,
) -> ExitCode:
    """One line per source (per line of an NDJSON source), JSON or a FHIR Bundle, streamed to standard
    output or to ``output`` as results come."""
    bad = internal = False
    worst: Urgency | None = None

    def write_lines(sink: TextIO | None) -> None:
        nonlocal bad, internal, worst
        today = today_from_env()
        if streams(sources, ndjson_stdin is not None):
            chunks = stream_chunks(
                sources, bundle=bundle, today=today, policy=policy, fmt=fmt, stdin=ndjson_stdin, region=place
            )
        else:
            chunks = run_chunks(sources, bundle=bundle, today=today, policy=policy, fmt=fmt, region=place)
        # closing(): if anything stops the loop, the pool is stopped at once, not when collected.
        with contextlib.closing(chunks):
            for chunk in chunks:
                for is_error, text in chunk.messages:
                    (out.error if is_error else out.warning)(text)
                bad, internal = bad or chunk.bad, internal or chunk.internal
                if chunk.worst is not None and (worst is None or chunk.worst.rank > worst.rank):
                    worst = chunk.worst
                if sink is None:
                    out.write(chunk.text)
                else:
                    sink.write(chunk.text)

    if output is None:
        write_lines(None)
    else:
        from backpain_cli.output_files import private_writer

        with private_writer(output) as sink:
            write_lines(sink)
        out.wrote(output)
    # An assessment at the --fail-on level wins over bad files (CONTRACT "Exit status with --fail-on"):
    # a script that pages a clinician on 3 must not miss an emergency because another file was broken.
    # The bad files have had their error lines all the same.
    if exit_code(worst, fail_on) == ExitCode.URGENCY:
        return ExitCode.URGENCY
    if internal:
        return ExitCode.INTERNAL
    return ExitCode.BAD_INPUT if bad else ExitCode.OK


def exit_code(urgency: Urgency | None, fail_on: Urgency | None) -> ExitCode:
    """URGENCY when ``--fail-on`` is given and the result is at least that urgent, else OK."""
    if fail_on is not None and urgency is not None and urgency.rank >= fail_on.rank:
        return ExitCode.URGENCY
    return ExitCode.OK


def refuse_overwriting_inputs(output: Path, sources: list[Source]) -> None:
    """An output never replaces an answer file, including one read through standard input (``-``)."""
    try:
        target = output.stat()
    except OSError:
        return  # nothing there yet (or nothing we could replace)
    if not stat.S_ISREG(target.st_mode):
        return  # a device or pipe is written into, never replaced
    for source in (s.path for s in sources):
        try:
            info = os.fstat(sys.stdin.fileno()) if source == "-" else Path(source).stat()
        except (OSError, ValueError, AttributeError):
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            what = "is also the answers read from standard input" if source == "-" else "is also an answer file"
            raise UsageError([Problem(f"{what}; refusing to overwrite it", source=str(output))])
