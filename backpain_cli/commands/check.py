"""``backpain check``: the questionnaire in the terminal, the summary, and what to save.

A patient never loses what they typed: Ctrl-C, Ctrl-D (end of input) or a bug mid-way offers to
save the answers so far (owner-only) for ``--resume``, and repeats any warning already shown.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backpain_cli import out, terminal
from backpain_cli.answers import Answers
from backpain_cli.assessment import assess, today_from_env
from backpain_cli.bundle import Bundle, clinic_words, patient_bundle
from backpain_cli.errors import Code, ExitCode, Problem, UsageError, Words
from backpain_cli.fhir.compact import answers_code
from backpain_cli.history.store import keep, past
from backpain_cli.interview import Interrupted, Interview, welcome
from backpain_cli.levels import Urgency
from backpain_cli.problem_words import in_patient_words, warning_line
from backpain_cli.prompts import Prompter
from backpain_cli.readers import ReadPolicy, read_source
from backpain_cli.regions import Region, pick_region
from backpain_cli.render import render_for_terminal
from backpain_cli.render.document import Identifiers, build_summary, printed_at
from backpain_cli.render.layout import Summary
from backpain_cli.safetext import printable_name
from backpain_cli.saving import save_answers, save_summary
from backpain_cli.texts import Texts


def run_check(
    *,
    answers: Path | None = None,
    resume: Path | None = None,
    region: str | None = None,
    lang: str | None = None,
    clinic_lang: str | None = None,
    name: str | None = None,
    dob: str | None = None,
    record: str | None = None,
    plain: bool = False,
    content: Path | None = None,
    prompter: Prompter | None = None,
    accept_status: tuple[str, ...] = (),
) -> ExitCode:
    """Ask the questions, print the summary, and offer to save; the patient's answers stay local.

    ``answers`` pre-fills (only missing questions are asked); ``resume`` does the same and lets
    the save at the end replace that file. ``prompter`` replaces the terminal's (tests). Returns OK,
    INTERRUPTED (Ctrl-C, or Ctrl-D: the input ended) or INTERNAL (a bug, answers offered for saving).
    Raises UsageError when there is no terminal, and BackpainError for bad files or content.
    ``name``, ``dob`` and ``record`` go on a printable summary; they are asked for (pre-filled)
    when one is saved. ``accept_status``: FHIR response statuses refused by default to read anyway.
    """
    from backpain_cli.birth_date import checked_dob

    bundle = patient_bundle(content, lang)
    t = bundle.texts
    # What goes wrong with the patient's options or file is said in their language (issue 20).
    with in_patient_words(t, bundle.bank):
        if answers is not None and resume is not None and answers != resume:
            both = Problem("give --answers or --resume, not both", code=Code.USAGE, words=Words("answers_and_resume"))
            raise UsageError([both])
        dob = checked_dob(dob, today_from_env(), t)  # before a single question is asked
    if prompter is None and not terminal.is_interactive():
        raise UsageError(t.walk.needs_a_terminal)
    with in_patient_words(t, bundle.bank):
        place = pick_region(bundle.regions, region)
        prefill = answers or resume
        prefilled = {}
        if prefill is not None:
            read = read_source(prefill, bundle, policy=ReadPolicy(accept_status=frozenset(accept_status)))
            for warning in read.warnings:
                out.info(warning_line(str(prefill), warning, t, bundle.bank))
            prefilled = read.answers.answered()

    mode = terminal.display(plain)
    prompter = prompter or terminal.prompter(mode, t.prompts)
    interview = Interview(bundle.bank, prompter, place, t, prefilled)
    welcome(prompter, place, bundle.bank, t)
    try:
        outcome = interview.run()
    except Interrupted as stop:
        return _after_interrupt(stop, prompter, bundle, resume, place)
    except Exception as exc:
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        # A bug must not cost the patient what they typed: offer the answers so far, like Ctrl-C.
        out.message("")
        out.info(t.common.internal_error.format(kind=type(exc).__name__), wrap=True)
        _after_interrupt(interview.interrupted(crashed=True), prompter, bundle, resume, place)
        return ExitCode.INTERNAL

    result = assess(outcome.answers, bundle, today=today_from_env())

    def summary(who: Identifiers) -> Summary:
        built = build_summary(
            result,
            bundle.bank,
            region=place,
            clinic=bundle.clinic,
            answers=outcome.answers.as_dict(),
            identifiers=who,
            printed_at=printed_at(),
            clinic_words=clinic_words(bundle, clinic_lang),
        )
        built.answers_code = answers_code(outcome.answers, bundle.bank)  # the saved HTML's QR code
        return built

    out.write(render_for_terminal(summary(Identifiers(name, dob, record)), mode))
    try:
        _offer_saves(prompter, outcome.answers.answered(), bundle, summary, Identifiers(name, dob, record), resume)
        _offer_history(prompter, outcome.answers, bundle, result.urgency, place, mode)
    except (KeyboardInterrupt, EOFError):
        out.message("")
        out.info(t.saving.nothing_more_saved, wrap=True)
        # The summary has scrolled away: a stop at the save prompts still repeats what to do.
        if result.urgency in (Urgency.EMERGENCY, Urgency.URGENT):
            out.info(f"{t.urgency.heading[result.urgency]}. {t.urgency_action(result.urgency, place)}", wrap=True)
    return ExitCode.OK


def _offer_saves(
    prompter: Prompter,
    answered: dict[str, Any],
    bundle: Bundle,
    summary: Callable[[Identifiers], Summary],
    who: Identifiers,
    resume: Path | None,
) -> None:
    t = bundle.texts
    words = t.saving
    if prompter.confirm(words.save_answers, default=False):
        note = words.answers_note_end
        path = save_answers(prompter, t, answered, bundle.bank, message=words.save_answers_as, note=note, resume=resume)
        prompter.say(words.saved_answers.format(path=printable_name(str(path))))
    if prompter.confirm(words.save_summary, default=False):
        path = save_summary(prompter, summary(ask_identifiers(prompter, who, t)))
        prompter.say(words.saved_summary.format(path=printable_name(str(path.resolve()))))


def ask_identifiers(prompter: Prompter, who: Identifiers, texts: Texts) -> Identifiers:
    """Name, date of birth and record number for the printout, each optional (Enter leaves it out);
    what was given on the command line is offered as the default."""

    from backpain_cli.birth_date import read_dob

    words = texts.clinic

    def fine(text: str) -> str | None:
        return None

    def a_date(text: str) -> str | None:  # a date of birth is checked as --dob is (Enter leaves it out)
        try:
            if text.strip():
                read_dob(text, today_from_env(), texts)
        except ValueError:
            return words.dob_format
        return None

    def ask(message: str, given: str | None, check: Callable[[str], str | None] = fine) -> str | None:
        hint = texts.walk.enter_for.format(default=given) if given else ""
        # A refused date starts afresh, as a refused number does: kept, "25/03/1979" and the date
        # typed next made "25/03/19791979-03-25".
        typed = prompter.type_text(message, check, hint=hint, fresh=check is a_date).strip()
        return typed[:80] or given

    if not prompter.confirm(words.ask_identifiers, default=bool(who.name or who.dob or who.record)):
        return who
    name = ask(words.ask_name, who.name)
    typed = ask(words.ask_dob, who.dob, a_date)
    dob = read_dob(typed, today_from_env(), texts).isoformat() if typed else None
    return Identifiers(name, dob, ask(words.ask_record, who.record))


def _offer_history(
    prompter: Prompter, answers: Answers, bundle: Bundle, urgency: Urgency, place: Region, mode: terminal.Display
) -> None:
    """Keep this check-in only if the person says yes (default no); then say what changed since last time.

    With earlier check-ins the assessment is made again with them: if that is more urgent (a new
    nerve sign, pain not settling), the whole summary is shown again.
    """
    from backpain_cli.commands.history import open_history
    from backpain_cli.history.store import history_path
    from backpain_cli.render.history import history_lines, next_line

    words = bundle.texts.history
    if not prompter.confirm(words.keep_question, default=False):
        return
    today = today_from_env()
    with open_history(words=(bundle.texts, bundle.bank)) as store:
        assert store is not None
        earlier = [c for c in store.all() if c.taken_on <= today]
        result = assess(answers, bundle, today=today, history=past(earlier))
        number = keep(store, result, answers.answered(), today)
    prompter.say(words.kept.format(number=number, where=printable_name(str(history_path()))))
    if result.history is None or not earlier:
        return
    if result.urgency.rank > urgency.rank:
        prompter.say(words.more_urgent)
        out.write(render_for_terminal(build_summary(result, bundle.bank, region=place, clinic=bundle.clinic), mode))
        return
    paragraphs, items = history_lines(result.history, bundle.bank, bundle.texts)
    prompter.say(words.heading)
    for line in [*paragraphs, *(f"- {lead}: {text}" for lead, text in items)]:
        prompter.say(line)
    prompter.say(next_line(result.history, result, bundle.texts))


def _after_interrupt(
    stop: Interrupted, prompter: Prompter, bundle: Bundle, resume: Path | None, region: Region
) -> ExitCode:
    """A calm stop, whatever stopped the questions, with any warning repeated and the save offer.

    End of input is a person pressing Ctrl-D, not a script (check refuses to start without a
    terminal), so it is treated like Ctrl-C. A save prompt that meets the end of input saves nothing.
    """
    t = bundle.texts
    words = t.saving
    if not stop.crashed:
        out.message("")
        out.info(words.stopped_nothing_saved, wrap=True)
    # Advice already given must not be lost in the stop: an emergency stays an emergency.
    if stop.warned == Urgency.EMERGENCY:
        reminder = words.emergency_doubt_reminder if stop.doubt else words.emergency_reminder
        out.info(f"{reminder} {t.emergency_action(region)}", wrap=True)
    elif stop.warned is not None:
        out.info(words.check_today_reminder.format(call=t.call(region)), wrap=True)
    if stop.answers and terminal.is_interactive():
        try:
            if prompter.confirm(words.save_so_far, default=True):
                path = save_answers(
                    prompter,
                    t,
                    stop.answers,
                    bundle.bank,
                    message=words.save_so_far_as,
                    resume=resume,
                    note=words.answers_note_unfinished,
                )
                quoted = shlex.quote(printable_name(str(path.resolve())))
                out.info(words.saved_resume)
                # On a line of its own, to copy whole: after the sentence a long path was broken by the terminal.
                out.message(f"  {started_as()} --resume {quoted}")
        except (KeyboardInterrupt, EOFError):
            out.message("")
            out.info(words.not_saved, wrap=True)
    return ExitCode.INTERRUPTED


def started_as(argv0: str | None = None, executable: str | None = None) -> str:
    """The ``check`` command as this run was started, so the resume hint works when pasted.

    ``backpain`` when that is what the PATH finds; otherwise the program's absolute path (a README
    user runs ``.venv/bin/backpain`` and has no ``backpain`` on the PATH), or ``python -m``.
    """
    argv0 = argv0 if argv0 is not None else sys.argv[0]
    executable = executable or sys.executable
    program = Path(argv0)
    if program.name in ("__main__.py", "-m", "-c", "") or program.suffix == ".py":
        return f"{shlex.quote(executable)} -m backpain_cli check"
    found = shutil.which(program.name)
    if found and program.parent == Path() and Path(found).name == program.name:
        return f"{program.name} check"
    if found and Path(found).resolve() == program.resolve():
        return f"{program.name} check"
    return f"{shlex.quote(str(program.resolve()))} check"
