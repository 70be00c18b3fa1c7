"""``backpain history``: check-ins kept on this computer, what changed, and forgetting them (issue 12).

One function per action (``list``, ``add``, ``show``, ``export``, ``forget``, ``recheck``). Only these commands,
and ``check`` after the person says yes at its end, read or write the history; ``assess`` never
does (docs/history.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backpain_cli import out, terminal
from backpain_cli.assessment import assess, today_from_env
from backpain_cli.batch import ignored_warning
from backpain_cli.bundle import patient_bundle
from backpain_cli.errors import ExitCode, Problem, UsageError, Words
from backpain_cli.formats import ExportFormat, Format, ListFormat, pick_format
from backpain_cli.history.changes import compute_changes
from backpain_cli.history.store import CheckIn, Store, history_path, keep, open_store, past
from backpain_cli.levels import Urgency
from backpain_cli.measures import peg
from backpain_cli.problem_words import in_patient_words, note_line, reworded, warning_line
from backpain_cli.prompts import Prompter
from backpain_cli.questions import QuestionBank
from backpain_cli.readers import ReadPolicy, read_source
from backpain_cli.regions import pick_region
from backpain_cli.safetext import printable_name
from backpain_cli.texts import Texts

if TYPE_CHECKING:
    from backpain_cli.history.recheck import Recheck


@contextlib.contextmanager
def open_history(
    *, create: bool = True, write: bool = True, words: tuple[Texts, QuestionBank] | None = None
) -> Iterator[Store | None]:
    """The history (``store.open_store``), saying once on standard error what was made private (in
    the patient's ``words``, the catalogue's and the bank's, when given: history add, check)."""
    with open_store(create=create, write=write) as store:
        for note in store.notes if store is not None else ():
            if words is None:
                out.warning(note)
            else:
                out.info(note_line(note, *words), wrap=True)
        yield store


def parse_date(on: str | None) -> dt.date:
    """``--date``: a check-in's date, today by default; UsageError for a bad or future date."""
    if on is None:
        return today_from_env()
    try:
        date = dt.date.fromisoformat(on.strip())
    except ValueError:
        said = Words.of("date_format", value=repr(on[:40]))
        raise UsageError([Problem(f"--date must be a date like 2026-11-08, not {on[:40]!r}", words=said)]) from None
    if date.year < 1900 or date > today_from_env():
        said = Words.of("date_range", date=date.isoformat())
        raise UsageError([Problem(f"--date {date.isoformat()} is in the future or too far back", words=said)])
    return date


def run_history_add(
    source: str,
    *,
    fmt: Format | None = None,
    on: str | None = None,
    remind: Path | None = None,
    content: Path | None = None,
    region: str | None = None,
    lang: str | None = None,
    accept_status: tuple[str, ...] = (),
    output: Path | None = None,
    name: str | None = None,
    dob: str | None = None,
    record: str | None = None,
) -> ExitCode:
    """Record a check-in from an answer file and print its assessment, made with the history, as
    ``assess`` prints one (``output``, ``name``, ``dob`` and ``record`` as there).

    Raises UsageError (a bad date, date of birth, region or format), AnswerFileError (a bad answer
    file), HistoryError (the history file cannot be used), OutputError (the output or reminder cannot
    be written). Every option is checked before anything is kept.
    """
    from backpain_cli.batch import Source
    from backpain_cli.birth_date import checked_dob
    from backpain_cli.commands.assess import refuse_overwriting_inputs, write_one

    form = pick_format(fmt, output, batch=False, terminal=terminal.stdout_is_terminal())
    if form == Format.JSONL:
        raise UsageError("history add gives one result: use --format json, not jsonl")
    if output is not None:
        refuse_overwriting_inputs(output, [Source(source)])
    bundle = patient_bundle(content, lang)
    with in_patient_words(bundle.texts, bundle.bank):
        date = parse_date(on)
    for target in (remind, output):  # a file that cannot be written is said before anything is kept
        if target is not None:
            from backpain_cli.errors import OutputError
            from backpain_cli.output_files import check_writable

            refused = check_writable(target)
            if refused is not None:
                raise OutputError([refused])
    with in_patient_words(bundle.texts, bundle.bank):  # a bad region, --dob or file in the patient's words
        place = pick_region(bundle.regions, region)
        dob = checked_dob(dob, today_from_env(), bundle.texts)
        read = read_source(source, bundle, policy=ReadPolicy(accept_status=frozenset(accept_status)))
    where = printable_name("<stdin>" if source == "-" else source)
    shown = "<stdin>" if source == "-" else source
    for text in read.warnings:  # in the patient's words (issue 20), as check says them
        out.info(warning_line(shown, text, bundle.texts, bundle.bank))
    answers = read.answers
    with open_history(words=(bundle.texts, bundle.bank)) as store:
        assert store is not None
        earlier = [c for c in store.all() if c.taken_on <= date]
        result = assess(answers, bundle, today=date, history=past(earlier))
        for key in result.decision.ignored:
            out.info(warning_line(shown, ignored_warning(key), bundle.texts, bundle.bank))
        number = keep(store, result, answers.answered(), date)
    kept = bundle.texts.history.kept_as
    out.info(kept.format(number=number, date=bundle.texts.day(date), where=printable_name(str(history_path()))))
    if remind is not None and result.history is not None:
        _remind(remind, result.history.next_check_in, bundle.texts)
    write_one(result, answers, bundle, form, output, where=where, place=place, who=(name, dob, record), patient=True)
    return ExitCode.OK


def _remind(remind: Path, next_check_in: dt.date, texts: Texts) -> None:
    """The calendar reminder for the next check-in; none for a day already past (a back-dated
    check-in's next one may be due already): that is said instead, with what to do."""
    today = today_from_env()
    if next_check_in < today:
        out.info(texts.history.reminder_past.format(date=texts.day(next_check_in)))
        return
    from backpain_cli.history.remind import reminder_ics
    from backpain_cli.output_files import write_private

    write_private(remind, reminder_ics(next_check_in, texts).decode())
    out.wrote(remind, texts.file_problems.wrote)


def _rows(check_ins: list[CheckIn]) -> list[dict[str, Any]]:
    """Each check-in with what changed since the one before it, newest first."""
    rows = []
    for i, check_in in enumerate(check_ins):
        # Only the one before matters for what changed: comparing with all of them made this quadratic.
        changes = compute_changes(past(check_ins[max(i - 1, 0) : i]), check_in.answers, check_in.taken_on)
        rows.append(
            {
                "id": check_in.id,
                "date": check_in.taken_on.isoformat(),
                "urgency": check_in.urgency,
                "imaging": check_in.imaging,
                "pain_score": check_in.answers.get("pain_score"),
                "peg": None if (found := peg(check_in.answers)) is None else found.value,  # issue 22
                "new": list(changes.new),
                "resolved": list(changes.resolved),
            }
        )
    return rows[::-1]


def run_history_list(
    fmt: ListFormat = ListFormat.TEXT, *, content: Path | None = None, lang: str | None = None
) -> ExitCode:
    """The check-ins, newest first: number, date, urgency, imaging, pain score, what changed."""
    with open_history(create=False, write=False) as store:
        check_ins = store.all() if store else []
    rows = _rows(check_ins)
    if fmt == ListFormat.JSON:
        out.write(json.dumps(rows, indent=2) + "\n")
        return ExitCode.OK
    if fmt == ListFormat.JSONL:
        out.write("".join(json.dumps(r) + "\n" for r in rows))
        return ExitCode.OK
    bundle = patient_bundle(content, lang)
    texts = bundle.texts
    if not rows:
        out.write(noticed(texts.history.none_kept + "\n", texts))
        return ExitCode.OK
    import shutil

    # On a terminal "what changed" wraps under its own column; a pipe keeps one line per check-in.
    width = shutil.get_terminal_size().columns if terminal.stdout_is_terminal() else None
    out.write(noticed(_listing(rows, texts, bundle.bank, width), texts))
    if terminal.stdout_is_terminal() and len(check_ins) > 1:
        from backpain_cli.history.changes import PainPoint, score
        from backpain_cli.render.chart import print_pain_chart

        points = [PainPoint(c.taken_on, score(c.answers), c.known_urgency, peg(c.answers)) for c in check_ins]
        out.write("\n")
        print_pain_chart(points, texts, terminal.console())
    return ExitCode.OK


def noticed(text: str, texts: Texts) -> str:
    """``text`` with the unreviewed translation's one line under it (issue 20); as it is otherwise."""
    return f"{text}{texts.notice}\n" if texts.notice else text


def _named(key: str, bank: QuestionBank) -> str:
    """An answer key in words (the question's short name), as the summary says it; a key the bank
    does not know (a hand-edited row, an older bank) as text."""
    try:
        return bank.get(key).short
    except KeyError:
        return printable_name(key)


def _listing(rows: list[dict[str, Any]], texts: Texts, bank: QuestionBank, width: int | None = None) -> str:
    """The text listing, what changed in words ("new: Numbness or tingling in a leg", not the key
    leg_numbness); what the file holds is shown as text (a hand-edited row's escape codes escaped).
    Dates with a short month (issue 20: "7 dic 2026", not 2026-12-07); each column as wide as its
    longest word, in whatever language. ``width`` (a terminal's columns): the last column, "what
    changed", is broken between words under itself; at 80 columns its sentences ran to 300
    characters and the terminal broke words ("Fiebr|e")."""
    words = texts.history
    h = words.listing_header
    table = [(h.number, h.date, h.urgency, h.imaging, h.pain, h.peg, h.changed)]
    for r in rows:
        parts = [
            template.format(keys=", ".join(_named(key, bank) for key in r[field]))
            for template, field in ((words.listing_new, "new"), (words.listing_gone, "resolved"))
            if r[field]
        ]
        changed = "; ".join(parts) or "-"
        pain = "-" if r["pain_score"] is None else _value(r["pain_score"])
        pg = "-" if r["peg"] is None else texts.decimal(r["peg"])
        urgency, imaging = (words.level_word(r[k]) or _value(r[k]) for k in ("urgency", "imaging"))
        day = texts.short_date(dt.date.fromisoformat(r["date"]))
        table.append((str(r["id"]), day, urgency, imaging, pain, pg, changed))
    wide = [max(least, *(len(row[i]) for row in table)) for i, least in enumerate((4, 10, 9, 10, 4, 4))]
    right = (True, False, False, False, True, True)  # numbers to the right
    import textwrap

    lines = []
    for row in table:
        head = "  ".join([*(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, wide, right, strict=False)), ""])
        room = (width - 1 - len(head)) if width else 0
        if room < 20:  # no terminal, or too narrow a one: the whole sentence on the row
            lines.append(head + row[6])
            continue
        broken = textwrap.wrap(row[6], room, break_long_words=False, break_on_hyphens=False) or [row[6]]
        lines += [head + broken[0], *(" " * len(head) + part for part in broken[1:])]
    return "\n".join(lines) + "\n"


def run_history_show(
    number: int, fmt: ListFormat = ListFormat.TEXT, *, content: Path | None = None, lang: str | None = None
) -> ExitCode:
    """One check-in: its date, urgency, imaging, rules version and answers (stored text shown as text)."""
    with open_history(create=False, write=False) as store:
        check_in = store.get(number) if store else None
    if check_in is None:
        missing = Problem(
            f"there is no check-in {number}", source=str(history_path()), words=Words.of("no_check_in", number=number)
        )
        bundle = patient_bundle(content, lang)
        raise reworded(UsageError([missing]), bundle.texts, bundle.bank)
    if fmt != ListFormat.TEXT:
        out.write(json.dumps(check_in.as_dict(), indent=2 if fmt == ListFormat.JSON else None) + "\n")
        return ExitCode.OK
    bundle = patient_bundle(content, lang)
    texts, words = bundle.texts, bundle.texts.history
    lines = [
        words.show_title.format(number=check_in.id, date=texts.day(check_in.taken_on)),
        words.show_urgency.format(urgency=words.level_word(check_in.urgency) or _value(check_in.urgency)),
        words.show_imaging.format(imaging=words.level_word(check_in.imaging) or _value(check_in.imaging)),
        words.show_rules.format(version=_value(check_in.rules_version) or words.show_rules_unknown),
        words.show_answers,
        *(
            f"  {_answer(key, value, texts, bank=bundle.bank)}"
            for key, value in _in_bank_order(check_in.answers, bundle.bank)
        ),
    ]
    out.write(noticed("\n".join(lines) + "\n", texts))
    return ExitCode.OK


def _in_bank_order(answers: dict[str, Any], bank: QuestionBank) -> list[tuple[str, Any]]:
    """The answers in the order the questions are asked; keys the bank does not know last, sorted."""
    order = {q.key: i for i, q in enumerate(bank.questions)}
    return sorted(answers.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _answer(key: str, value: object, texts: Texts, *, bank: QuestionBank) -> str:
    """One stored answer in words ("Numbness or tingling in a leg: Yes"), as the review shows it."""
    try:
        question = bank.get(key)
    except KeyError:
        return f"{printable_name(key)}: {_value(value)}"
    return f"{question.short}: {_value(texts.answer_text(question, value))}"


def _value(value: object) -> str:
    """A stored value as one line of text: control and format characters escaped, never sent to a terminal."""
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return printable_name(text)


def run_history_export(
    fmt: ExportFormat | ListFormat = ExportFormat.JSONL,
    *,
    output: Path | None = None,
    content: Path | None = None,
    lang: str | None = None,
) -> ExitCode:
    """Every check-in with its answers, oldest first: JSON lines (or one JSON list, or FHIR resources
    as NDJSON), on standard output or to ``output`` (owner-only, replaced in one step, never where
    another user chose: output_files). JSON holds codes and ISO dates in every language; FHIR's
    words for people follow ``lang``, its codes and their code systems' displays never do."""
    if fmt == ListFormat.TEXT:
        raise UsageError("history export writes json, jsonl or fhir, not text")
    with open_history(create=False, write=False) as store:
        check_ins = store.all() if store else []
    if fmt == ExportFormat.FHIR:
        out.emit(_fhir_export(check_ins, content, lang), output)
        return ExitCode.OK
    # JSON escapes every control character (ensure_ascii), so a hand-edited row cannot reach a terminal.
    if fmt == ListFormat.JSON:
        text = json.dumps([c.as_dict() for c in check_ins], indent=2) + "\n"
    else:
        text = "".join(json.dumps(c.as_dict()) + "\n" for c in check_ins)
    out.emit(text, output)
    return ExitCode.OK


def run_history_forget(
    number: int | None,
    *,
    everything: bool = False,
    yes: bool = False,
    content: Path | None = None,
    prompter: Prompter | None = None,
    lang: str | None = None,
) -> ExitCode:
    """Delete one check-in (``number``), or all of them (``everything``), and clean the file; says what
    was removed. UsageError when neither or both are given, or for a check-in that does not exist.

    Every check-in at once cannot be undone: it is asked first in a terminal (default no), and
    without one it needs ``yes`` (``--yes``). ``prompter`` replaces the terminal's (tests).
    """
    if (number is None) == (not everything):
        raise UsageError("say which check-in to forget (backpain history forget ID), or --all for every one")
    bundle = patient_bundle(content, lang)
    texts = bundle.texts
    words = texts.history
    if everything and not yes and not _confirmed_forget_all(texts, prompter):
        out.write(words.nothing_forgotten + "\n")
        return ExitCode.OK
    with open_history(create=False, words=(texts, bundle.bank)) as store:
        gone = store.forget(number) if store else []
    where = printable_name(str(history_path()))
    if not gone:
        if number is None:
            out.write(words.nothing_removed + "\n")
            return ExitCode.OK
        said = Words.of("no_check_in_kept", number=number)
        missing = Problem(f"there is no check-in {number}; nothing was removed", source=str(history_path()), words=said)
        raise reworded(UsageError([missing]), texts, bundle.bank)
    if number is None:
        out.write(texts.plural(words.removed_all, len(gone), where=where) + "\n")
    else:
        c = gone[0]
        out.write(
            words.removed_one.format(
                number=c.id,
                date=texts.day(c.taken_on),
                urgency=words.level_word(c.urgency) or _value(c.urgency),
                where=where,
            )
            + "\n"
        )
    return ExitCode.OK


def run_history_recheck(
    fmt: ListFormat = ListFormat.TEXT,
    *,
    fail_on: Urgency | None = None,
    content: Path | None = None,
    lang: str | None = None,
) -> ExitCode:
    """Every kept check-in assessed again with today's rules and content (history/recheck.py): which
    would now get a different urgency, imaging or red flags, with the rules versions then and now.
    Reads only; URGENCY when ``fail_on`` is given and a different result today reaches it."""
    from backpain_cli.history.recheck import recheck

    bundle = patient_bundle(content, lang)  # the rules and codes are the same in every language
    with open_history(create=False, write=False, words=(bundle.texts, bundle.bank)) as store:
        check_ins = store.all() if store else []
    found = recheck(check_ins, bundle)
    if fmt == ListFormat.TEXT:
        out.write(noticed(_recheck_text(found, bundle.texts), bundle.texts))
    else:
        rows = [_recheck_row(r) for r in found]
        text = (
            json.dumps(rows, indent=2) + "\n" if fmt == ListFormat.JSON else "".join(json.dumps(r) + "\n" for r in rows)
        )
        out.write(text)
    if fail_on is not None and any(r.reaches(fail_on) for r in found):
        return ExitCode.URGENCY
    return ExitCode.OK


def _recheck_row(r: Recheck) -> dict[str, Any]:
    c = r.check_in
    return {
        "id": c.id,
        "date": c.taken_on.isoformat(),
        "changed": r.changed,
        "rules": {"then": c.rules_version or None, "now": r.rules_now or None},
        "urgency": {"then": c.urgency, "now": r.urgency.value if r.urgency else None, "changed": r.urgency_changed},
        "imaging": {"then": c.imaging, "now": r.imaging, "changed": r.imaging_changed},
        "red_flags": {
            "then": None if c.red_flags is None else list(c.red_flags),
            "now": list(r.red_flags),
            "changed": r.red_flags_changed,
        },
        "error": r.error,
    }


def _recheck_text(found: list[Recheck], texts: Texts) -> str:
    words = texts.history.recheck
    if not found:
        return words.none_kept + "\n"

    def level(value: object) -> str:  # a stored urgency or imaging code in the catalogue's words
        return texts.history.level_word(value) or _value(value)

    from backpain_cli.rules import RULES_VERSION

    lines = [words.heading.format(version=RULES_VERSION), ""]
    for r in found:
        c = r.check_in
        number, date = c.id, texts.day(c.taken_on)
        if r.error is not None:
            lines.append(words.cannot.format(number=number, date=date, error=r.error))
        elif not r.changed:
            lines.append(
                words.same.format(number=number, date=date, urgency=level(c.urgency), imaging=level(c.imaging))
            )
        else:
            lines.append(words.changed.format(number=number, date=date))
            then_rules = _value(c.rules_version) or words.not_recorded
            lines.append("  " + words.rules.format(then=then_rules, now=r.rules_now))
            if r.urgency_changed and r.urgency is not None:
                lines.append("  " + words.urgency.format(then=level(c.urgency), now=level(r.urgency.value)))
            if r.imaging_changed:
                lines.append("  " + words.imaging.format(then=level(c.imaging), now=level(r.imaging)))
            if r.red_flags_changed:
                then = _flag_names(c.red_flags or (), texts) or words.no_flags
                lines.append(
                    "  " + words.red_flags.format(then=then, now=_flag_names(r.red_flags, texts) or words.no_flags)
                )
    changed = sum(r.changed for r in found)
    lines += ["", texts.plural(words.summary, changed, total=texts.plural(texts.units.check_ins, len(found)))]
    if any(r.changed and r.more_urgent for r in found):
        lines.append(words.more_urgent)
    return "\n".join(lines) + "\n"


def _flag_names(ids: tuple[str, ...], texts: Texts) -> str:
    """Red flags by name (a rule that no longer exists by its id, as text)."""
    from backpain_cli.rules import RULES_BY_ID

    return ", ".join(texts.rule(i).title if i in RULES_BY_ID else _value(i) for i in ids)


def _fhir_export(check_ins: list[CheckIn], content: Path | None, lang: str | None) -> str:
    """The check-ins as FHIR NDJSON (fhir/export.py); one whose answers no longer read is said and left out."""
    from backpain_cli.answers import validate_answers
    from backpain_cli.errors import AnswerFileError
    from backpain_cli.fhir.export import check_in_resources, ndjson
    from backpain_cli.fhir.questionnaire import identity

    bundle = patient_bundle(content, lang)  # the answers' words and the narrative in the reader's language
    canonical = identity(bundle.library).canonical
    resources = []
    for check_in in check_ins:
        try:
            answers = validate_answers(check_in.answers, source=f"check-in {check_in.id}")
        except AnswerFileError as exc:
            out.warning(f"check-in {check_in.id} left out of the FHIR export: {exc.describe()}")
            continue
        resources += check_in_resources(check_in, answers, bundle.bank, bundle.texts, canonical=canonical)
    return ndjson(resources)


def _confirmed_forget_all(texts: Texts, prompter: Prompter | None) -> bool:
    """Whether every check-in may go: asked in a terminal (default no); True when none is kept (there
    is nothing to lose, and the usual "nothing was removed" follows). UsageError without a terminal."""
    with open_history(create=False, write=False) as store:
        count = len(store.all()) if store else 0
    if not count:
        return True
    if prompter is None:
        if not terminal.is_interactive():
            raise UsageError(texts.history.forget_all_needs_terminal)
        prompter = terminal.prompter(terminal.display(), texts.prompts)
    return prompter.confirm(texts.plural(texts.history.forget_all_question, count), default=False)
