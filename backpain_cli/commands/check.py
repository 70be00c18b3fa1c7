"""``backpain check``: the questionnaire in the terminal, the summary, and what to save.

A patient never loses what they typed: Ctrl-C, Ctrl-D (end of input) or a bug mid-way offers to
save the answers so far (owner-only) for ``--resume``, and repeats any warning already shown.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from backpain_cli import out
from backpain_cli import wording as w
from backpain_cli.answers import Answers, read_answer_source
from backpain_cli.assessment import assess, today_from_env
from backpain_cli.bundle import Bundle, load_bundle
from backpain_cli.commands.history import keep, past
from backpain_cli.commands.saving import save_answers, save_summary
from backpain_cli.errors import ExitCode, UsageError
from backpain_cli.fhir.compact import answers_code
from backpain_cli.interview import Interrupted, Interview, welcome
from backpain_cli.levels import Urgency
from backpain_cli.prompts import Prompter
from backpain_cli.questions import QuestionBank
from backpain_cli.regions import Region, pick_region
from backpain_cli.render.document import Summary, build_summary
from backpain_cli.safetext import printable_name


def run_check(
    *,
    answers: Path | None = None,
    resume: Path | None = None,
    region: str | None = None,
    name: str | None = None,
    plain: bool = False,
    content: Path | None = None,
    prompter: Prompter | None = None,
) -> ExitCode:
    """Ask the questions, print the summary, and offer to save; the patient's answers stay local.

    ``answers`` pre-fills (only missing questions are asked); ``resume`` does the same and lets
    the save at the end replace that file. ``prompter`` replaces the terminal's (tests). Returns OK,
    INTERRUPTED (Ctrl-C, or Ctrl-D: the input ended) or INTERNAL (a bug, answers offered for saving).
    Raises UsageError when there is no terminal, and BackpainError for bad files or content.
    """
    if answers is not None and resume is not None and answers != resume:
        raise UsageError("give --answers or --resume, not both")
    if prompter is None and not out.is_interactive():
        raise UsageError(w.NEEDS_A_TERMINAL)
    bundle = load_bundle(content)
    place = pick_region(bundle.regions, region)
    prefill = answers or resume
    prefilled = read_answer_source(prefill).answered() if prefill is not None else {}

    mode = out.display(plain)
    prompter = prompter or out.prompter(mode)
    interview = Interview(bundle.bank, prompter, place, prefilled)
    welcome(prompter, place, len(bundle.bank.questions))
    try:
        outcome = interview.run()
    except Interrupted as stop:
        return _after_interrupt(stop, prompter, bundle.bank, resume, place)
    except Exception as exc:
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        # A bug must not cost the patient what they typed: offer the answers so far, like Ctrl-C.
        out.message("")
        out.info(w.internal_error(type(exc).__name__))
        _after_interrupt(interview.interrupted(crashed=True), prompter, bundle.bank, resume, place)
        return ExitCode.INTERNAL

    result = assess(outcome.answers, bundle, today=today_from_env())
    summary = build_summary(result, bundle.bank, region=place, name=name, clinic=bundle.clinic)
    summary.answers_code = answers_code(outcome.answers, bundle.bank)  # the saved HTML's QR code
    out.summary(summary, mode)
    try:
        _offer_saves(prompter, outcome.answers.answered(), bundle.bank, summary, resume)
        _offer_history(prompter, outcome.answers, bundle, result.urgency, place, mode)
    except (KeyboardInterrupt, EOFError):
        out.message("")
        out.info(w.NOTHING_MORE_SAVED)
    return ExitCode.OK


def _offer_saves(
    prompter: Prompter, answered: dict[str, Any], bank: QuestionBank, summary: Summary, resume: Path | None
) -> None:
    if prompter.confirm(w.SAVE_ANSWERS, default=False):
        path = save_answers(prompter, answered, bank, message=w.SAVE_ANSWERS_AS, note=w.ANSWERS_NOTE_END, resume=resume)
        prompter.say(w.saved_answers(printable_name(str(path))))
    if prompter.confirm(w.SAVE_SUMMARY, default=False):
        path = save_summary(prompter, summary)
        prompter.say(w.saved_summary(printable_name(str(path))))


def _offer_history(
    prompter: Prompter, answers: Answers, bundle: Bundle, urgency: Urgency, place: Region, mode: out.Display
) -> None:
    """Keep this check-in only if the person says yes (default no); then say what changed since last time.

    With earlier check-ins the assessment is made again with them: if that is more urgent (a new
    nerve sign, pain not settling), the whole summary is shown again.
    """
    from backpain_cli.history import report
    from backpain_cli.history.store import history_path, open_store

    if not prompter.confirm(report.KEEP_QUESTION, default=False):
        return
    today = today_from_env()
    with open_store() as store:
        assert store is not None
        earlier = [c for c in store.all() if c.taken_on <= today]
        result = assess(answers, bundle, today=today, history=past(earlier))
        number = keep(store, result, answers.answered(), today)
    prompter.say(report.kept(number, printable_name(str(history_path()))))
    if result.history is None or not earlier:
        return
    if result.urgency.rank > urgency.rank:
        prompter.say(report.MORE_URGENT)
        out.summary(build_summary(result, bundle.bank, region=place, clinic=bundle.clinic), mode)
        return
    paragraphs, items = report.history_lines(result.history, bundle.bank)
    prompter.say(report.HEADING)
    for line in [*paragraphs, *(f"- {lead}: {text}" for lead, text in items)]:
        prompter.say(line)
    prompter.say(report.next_line(result.history, result.urgency.value))


def _after_interrupt(
    stop: Interrupted, prompter: Prompter, bank: QuestionBank, resume: Path | None, region: Region
) -> ExitCode:
    """A calm stop, whatever stopped the questions, with any warning repeated and the save offer.

    End of input is a person pressing Ctrl-D, not a script (check refuses to start without a
    terminal), so it is treated like Ctrl-C. A save prompt that meets the end of input saves nothing.
    """
    if not stop.crashed:
        out.message("")
        out.info(w.STOPPED_NOTHING_SAVED)
    # Advice already given must not be lost in the stop: an emergency stays an emergency.
    if stop.warned == Urgency.EMERGENCY:
        out.info(f"{w.EMERGENCY_REMINDER} {w.emergency_action(region)}")
    elif stop.warned is not None:
        out.info(w.check_today_reminder(region.call))
    if stop.answers and out.is_interactive():
        try:
            if prompter.confirm(w.SAVE_SO_FAR, default=True):
                path = save_answers(
                    prompter,
                    stop.answers,
                    bank,
                    message=w.SAVE_SO_FAR_AS,
                    resume=resume,
                    note=w.ANSWERS_NOTE_UNFINISHED,
                )
                out.info(w.saved_resume(printable_name(str(path))))
        except (KeyboardInterrupt, EOFError):
            out.message("")
            out.info(w.NOT_SAVED)
    return ExitCode.INTERRUPTED
