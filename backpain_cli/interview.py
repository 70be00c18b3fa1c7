"""The patient's walk-through: questions in order, help, going back, a review, and the emergency stop.

Answers typed here go through the same model as answer files (answers.validate_answers). Ctrl-C
and end of input are not handled here: they propagate, carrying the answers so far (see
``Interrupted``), to the one place in commands/check.py that decides what to do with them. Every
sentence shown, and every letter a patient may type, comes from the text catalogue (texts.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from backpain_cli.answers import Answers, validate_answers
from backpain_cli.errors import AnswerFileError, Code, Problem
from backpain_cli.levels import Urgency
from backpain_cli.prompts import Option, Prompter
from backpain_cli.questions import Measure, Question, QuestionBank
from backpain_cli.regions import Region
from backpain_cli.rules.policy import implied
from backpain_cli.texts import Texts
from backpain_cli.triage import Finding, evaluate

HELP: Final = "__help__"
BACK: Final = "__back__"
DONE: Final = "__done__"
STOP: Final = "__stop__"
FINISH: Final = "__finish__"
ANSWER: Final = "__answer__"
SKIP: Final = "__skip__"
AGE_AND_WEEKS: Final = frozenset({"age", "pain_weeks"})


class Menus:
    """The walk's menu entries in one language, with the letters a patient may type for each."""

    def __init__(self, texts: Texts) -> None:
        walk, keys = texts.walk, texts.walk.keys
        self.help = Option(walk.help_option, HELP, keys.help)
        self.back = Option(walk.back_option, BACK, keys.back)
        self.back_long = Option(walk.back_option_long, BACK, keys.back)
        self.yes_no = (
            self.help,
            Option(texts.answer_word("yes"), "yes", keys.yes),
            Option(texts.answer_word("no"), "no", keys.no),
            Option(texts.answer_word("unsure"), "unsure", keys.unsure),
            self.back,
        )
        self.done = Option(walk.review_done, DONE, keys.done)
        self.emergency = (Option(walk.stop_option, STOP, keys.stop), Option(walk.finish_option, FINISH, keys.finish))
        self.measure_skip = Option(walk.measure_skip, SKIP, keys.skip)
        self.answer_keys = keys.answer
        self.keywords = {**dict.fromkeys(keys.help, HELP), **dict.fromkeys(keys.back, BACK)}

    def keyword(self, typed: str) -> str | None:
        """HELP or BACK when a typed reply asks for help or to go back, else None."""
        return self.keywords.get(typed.strip().lower())


class Interrupted(Exception):
    """Ctrl-C, end of input (Ctrl-D) or a bug mid-way; carries every answer given so far, so none is
    lost, and the most serious warning already shown (``warned``), so the stop can repeat its advice,
    saying whether the emergency rests only on "not sure" answers (``doubt``)."""

    def __init__(
        self,
        answers: Mapping[str, Any],
        *,
        end_of_input: bool,
        crashed: bool = False,
        warned: Urgency | None = None,
        doubt: bool = False,
    ) -> None:
        super().__init__("interrupted")
        self.answers = dict(answers)
        self.end_of_input = end_of_input
        self.crashed = crashed
        self.warned = warned
        self.doubt = doubt  # the emergency rests only on answers given as "not sure"


@dataclass(frozen=True)
class Outcome:
    answers: Answers
    stopped_early: bool  # the patient chose to stop at an emergency warning


def welcome(prompter: Prompter, region: Region, bank: QuestionBank, texts: Texts) -> None:
    """The opening screen: how many questions (``bank.shortest_walk`` to all of ``bank.core``; the
    optional measures are offered on their own), that this is no diagnosis, and how to get help."""
    walk = texts.walk
    prompter.say(walk.welcome_title, emphasis=True)
    first, second, *rest = walk.welcome
    # issue 20: the upper number carries the unit in its plural form ("about 36 to 55 short questions")
    total = texts.plural(texts.units.short_questions, len(bank.core))
    count = first.format(fewest=bank.shortest_walk, total=total)
    for paragraph in (count, second.format(call=texts.call(region)), *rest):
        prompter.say(paragraph)
    if texts.notice:
        prompter.say(texts.notice)
    prompter.say()


class Interview:
    """Asks every question that applies, in bank order, skipping those already answered."""

    def __init__(
        self,
        bank: QuestionBank,
        prompter: Prompter,
        region: Region,
        texts: Texts,
        prefilled: Mapping[str, Any] | None = None,
    ) -> None:
        self.bank = bank
        self.prompter = prompter
        self.region = region
        self.texts = texts
        self.menus = Menus(texts)
        # A broad answer from an older file answers the finer questions it settles (a "no" to fever,
        # chills or night sweats is a "no" to each): those are not asked again.
        given = implied(prefilled or {})
        self.answers: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        # Answers taken back to be asked again (Go back, or a change on the review screen). They no
        # longer count, but a stop still saves them: an answer is kept until a new one is given.
        self.changing: dict[str, Any] = {}
        self.warned: set[tuple[str, Urgency]] = set()
        self.alerted: Urgency | None = None  # the most serious warning shown: EMERGENCY, or URGENT
        self.reviewing = False  # asking again from the review screen, where "b" returns to the list
        # A measure (the PEG) is offered as a group at the end: True to answer it, False to skip it.
        self.measures_chosen: dict[str, bool] = {}

    # -------------------------------------------------------------- the walk

    def run(self) -> Outcome:
        try:
            # An emergency answer from a file (--answers, --resume) is announced before the first
            # question, or before the review when every question was answered: as if just typed.
            stopped = self._emergency_check() == STOP or self._walk() or self._review()
            return Outcome(validate_answers(self.answers), stopped)
        except KeyboardInterrupt:
            raise self.interrupted() from None
        except EOFError:
            raise self.interrupted(end_of_input=True) from None

    def interrupted(self, *, end_of_input: bool = False, crashed: bool = False) -> Interrupted:
        """The stop to raise: the answers so far, and the warning a stop must repeat."""
        doubt = False
        if self.alerted == Urgency.EMERGENCY:
            emergencies = [f for f in self._emergencies() if f.urgency == Urgency.EMERGENCY]
            doubt = bool(emergencies) and all(self._doubted(f) for f in emergencies)
        return Interrupted(self.kept(), end_of_input=end_of_input, crashed=crashed, warned=self.alerted, doubt=doubt)

    def kept(self) -> dict[str, Any]:
        """Every answer given so far, as a stop saves it: with those being changed, where they still fit."""
        kept = dict(self.answers)
        for key, value in self.changing.items():
            if key in kept or not self.applies(self.bank.get(key)):
                continue
            # An answer being changed may no longer fit a newer one (an age against the weeks of
            # pain); a saved file that --resume refuses would lose more than this one answer.
            try:
                validate_answers({**kept, key: value})
            except AnswerFileError:
                continue
            kept[key] = value
        return kept

    def _reopen(self, key: str) -> None:
        """Take an answer back to ask it again; it is saved on a stop until a new one is given."""
        if key in self.answers:
            self.changing[key] = self.answers.pop(key)

    def _give(self, key: str, value: Any) -> None:
        self.answers[key] = value
        self.changing.pop(key, None)

    def applies(self, question: Question) -> bool:
        """Whether a question is asked given the answers so far (skip logic from the bank), and not an
        item of a measure the patient chose to skip."""
        measure = self.bank.measure_of(question.key)
        if measure is not None and self.measures_chosen.get(measure.id) is False:
            return False
        return question.key not in self.bank.skipped(self.answers)

    def _walk(self) -> bool:
        """Ask what is missing; True when the patient chose to stop at an emergency warning."""
        questions = self.bank.asked
        index = 0
        while index < len(questions):
            question = questions[index]
            if question.key in self.answers or not self.applies(question):
                index += 1
                continue
            measure = self.bank.measure_of(question.key)
            if measure is not None and measure.id not in self.measures_chosen:
                # A measure is offered once, as a group; one partly answered already (--resume) was chosen.
                chosen = any(k in self.answers for k in measure.items) or self._offer(measure)
                if chosen == BACK:
                    index = self._back(questions, index)
                else:
                    self.measures_chosen[measure.id] = chosen in (True, ANSWER)
                continue
            reply = self.ask(question)
            if reply == BACK:
                if measure is not None and not any(k in self.answers for k in measure.items):
                    del self.measures_chosen[measure.id]  # back from its first question: the offer again
                else:
                    index = self._back(questions, index)
                continue
            self._give(question.key, reply)
            if self._emergency_check() == STOP:
                return True
            index += 1
        # A stale answer to a question that no longer applies must not be kept (STYLE habit 12).
        # Every question that applies now has an answer, so anything still being changed is stale too.
        for question in self.bank.questions:
            if not self.applies(question):
                self.answers.pop(question.key, None)
        self.changing.clear()
        return False

    def _back(self, questions: tuple[Question, ...], index: int) -> int:
        """Where Back leads: the previous question that applies, even one answered in an earlier
        session (--resume) or pre-filled from a file: its answer is asked again."""
        earlier = [i for i in range(index) if self.applies(questions[i])]
        if not earlier:
            self.prompter.say(self.texts.walk.first_question)
            return index
        self._reopen(questions[earlier[-1]].key)
        return earlier[-1]

    def _offer(self, measure: Measure) -> str:
        """Offer a measure's questions as a group: ANSWER, SKIP or BACK (help is shown here)."""
        menus, walk = self.menus, self.texts.walk
        answer = Option(
            walk.measure_answer.format(count=self.texts.plural(self.texts.units.questions, len(measure.items))),
            ANSWER,
            menus.answer_keys,
        )
        options = (menus.help, answer, menus.measure_skip, menus.back)
        self.prompter.say()
        self.prompter.say(self.bank.section_title(self.bank.get(measure.items[0]).section), emphasis=True)
        self.prompter.say(measure.intro)
        while True:
            reply = self.prompter.choose(measure.offer, options, pointer=HELP)
            if reply != HELP:
                return reply
            self.prompter.say(measure.help)

    def progress(self, question: Question) -> str:
        """ "Section 3 of 8: Your legs and walking · up to 4 questions left in this section" (issue 24).

        The count is the most that can still be asked in this section, this question included:
        questions not yet answered count as "not sure", which skips nothing, so an answer can only
        take the count down (by one, or by more when a "no" skips follow-ups), never up. A total
        over the whole walk changed on almost every answer ("1 of 38, 2 of 36, 3 of 32").
        """
        sections = [s.id for s in self.bank.sections]
        here = [q for q in self.bank.asked if q.section == question.section]
        skip = self.bank.skipped(self.answers)
        later = here[here.index(question) :] if question in here else [question]
        left = sum(1 for q in later if q.key == question.key or (q.key not in self.answers and q.key not in skip))
        words = self.texts.walk
        return words.progress.format(
            section=sections.index(question.section) + 1,
            sections=len(sections),
            title=self.bank.section_title(question.section),
            left=words.last_in_section if left == 1 else self.texts.plural(words.left_in_section, left),
        )

    def ask(self, question: Question) -> Any:
        """One question until it has a valid answer (the model's value), or the patient goes back (BACK)."""
        self.prompter.say()
        self.prompter.say(self.progress(question))
        if self.changing.get(question.key) is not None:
            # Going back (or changing from the review) shows the answer given, and starts on it.
            shown = self.texts.answer_text(question, self.changing[question.key])
            self.prompter.say(self.texts.walk.your_answer_was.format(answer=shown))
        if question.low is not None and question.high is not None:  # a rating scale: what its ends mean
            scale = self.texts.walk.scale
            self.prompter.say(
                scale.format(low=question.min, low_label=question.low, high=question.max, high_label=question.high)
            )
        while True:
            reply = self._prompt(question)
            if reply == HELP:
                self._help(question)
                continue
            if reply == BACK:
                return BACK
            value, problem = self._answer(question, reply)
            if problem is None:
                return value
            self.prompter.say(problem)

    def _help(self, question: Question) -> None:
        """What a question means, and why we ask it."""
        self.prompter.say(question.help)
        self.prompter.say(self.texts.common.why_we_ask.format(why=question.why))

    def _prompt(self, question: Question) -> Any:
        """The patient's reply as given: HELP, BACK, a choice, a list of choices, or the text as typed."""
        previous = self.changing.get(question.key)
        # A new question starts on the help entry (Enter by accident answers nothing); one being
        # changed starts on the answer given.
        pointer = str(previous) if isinstance(previous, str) else HELP
        menus = self.menus
        if question.type == "yes_no_unsure":
            return self.prompter.choose(question.text, menus.yes_no, pointer=pointer)
        if question.type == "choice":
            options = [menus.help]
            options += [Option(c.label, c.value, (str(i), c.value)) for i, c in enumerate(question.choices, 1)]
            options.append(menus.back)
            return self.prompter.choose(question.text, options, pointer=pointer)
        if question.type == "multi_choice":
            self._help(question)
            options = [Option(c.label, c.value, (str(i), c.value)) for i, c in enumerate(question.choices, 1)]
            options.append(menus.back_long)
            ticked = [str(v) for v in previous] if isinstance(previous, list) else []
            picked = self.prompter.choose_many(question.text, options, selected=ticked)
            return BACK if BACK in picked else picked

        # An answer being changed is kept by Enter alone; the field starts empty, so typing a
        # new number never runs into the old one ("5" then "9" is 9, not 59).
        keep = str(previous) if previous is not None else ""

        def check(typed: str) -> str | None:
            if keep and not typed.strip():
                return None
            return None if menus.keyword(typed) else self._answer(question, typed)[1]

        # The typed text goes to the answer model as it is: the model alone decides what a number
        # is (a second parser here once refused "42.0", which the model accepts).
        walk = self.texts.walk
        hint = walk.number_hint_keep.format(keep=keep) if keep else walk.number_hint
        typed = self.prompter.type_text(question.text, check, hint=hint, fresh=True)
        if keep and not typed.strip():
            typed = keep
        return menus.keyword(typed) or typed

    def _answer(self, question: Question, reply: Any) -> tuple[Any, str | None]:
        """The answer model's value for a reply, or a friendly message when the model refuses it."""
        try:
            answers = validate_answers({**self.answers, question.key: reply})
        except AnswerFileError as exc:
            return None, self._problem(question, reply, exc.problems)
        return getattr(answers, question.key), None

    def _problem(self, question: Question, reply: Any, problems: list[Problem]) -> str:
        """What to tell the patient about a refused answer, decided by the problems' codes."""
        walk = self.texts.walk
        codes = {p.code for p in problems if p.key in (question.key, None)}
        if Code.UNDER_AGE in codes:
            return walk.under_age
        if Code.INCONSISTENT in codes:
            return self._conflict(question, reply)
        if question.type == "multi_choice":
            return walk.none_alone
        return walk.please_type.format(allowed=walk.allowed[question.key])

    def _conflict(self, question: Question, reply: Any) -> str:
        """Two answers that cannot both be true, named with what the patient said (only the age and
        the weeks of pain can clash today)."""
        both = {**self.answers, question.key: reply}
        walk = self.texts.walk
        if question.key not in AGE_AND_WEEKS or not both.keys() >= AGE_AND_WEEKS:
            return walk.answers_do_not_fit
        # Each answer is fine on its own, so the model reads each one alone.
        age = validate_answers({"age": both["age"]}).age
        weeks = validate_answers({"pain_weeks": both["pain_weeks"]}).pain_weeks
        assert age is not None and weeks is not None
        t = self.texts  # each number with its unit in the right plural form (issue 20: never "1 weeks")
        said = {
            "age": t.plural(t.units.years, age),
            "weeks": t.plural(t.weeks, weeks),
            "years": t.plural(t.units.years, age + 1),
        }
        if question.key == "pain_weeks":
            return walk.weeks_longer_than_life.format(**said)
        text = walk.age_below_weeks.format(**said)
        # On the review screen "b" leads back to the list, where the weeks can be changed first.
        return f"{text} {walk.change_the_weeks}" if self.reviewing else text

    # -------------------------------------------------------------- the emergency stop

    def _emergencies(self) -> list[Finding]:
        """The emergency rules the answers so far fire (at their own level, or stepped down by a doubt)."""
        facts = {key: self.answers.get(key) for key in Answers.model_fields}
        return [f for f in evaluate(facts) if f.rule.urgency == Urgency.EMERGENCY]

    def _doubts(self, finding: Finding) -> list[str]:
        """The questions a finding rests on that the patient answered "not sure" (never one not yet asked)."""
        return [k for k in finding.because if self.answers.get(k) == "unsure"]

    def _doubted(self, finding: Finding) -> bool:
        """Whether a finding rests on a "not sure": no "yes" makes it certain."""
        return not finding.certain and bool(self._doubts(finding))

    def _emergency_check(self) -> str | None:
        """Warn the moment an answer points to an emergency, at the level the summary will show.

        A warning that rests on a "not sure" says so, and never states the sign as fact (issue 24).
        """
        findings = self._emergencies()
        new = [f for f in findings if (f.rule.id, f.urgency) not in self.warned]
        if not new:
            return None
        self.warned.update((f.rule.id, f.urgency) for f in new)
        if all(f.urgency != Urgency.EMERGENCY for f in new):
            self._unsure_warning(new)
            return None
        new = [f for f in new if f.urgency == Urgency.EMERGENCY]
        t = self.texts
        lines = []
        for finding in new:
            words = t.rule(finding.rule.id)
            if self._doubted(finding):
                said, why = t.walk.emergency_doubt
                names = t.join([self.bank.get(k).short for k in self._doubts(finding)])
                plain = [words.meaning] if words.meaning else []  # what a medical title means
                lines += [words.title + ".", *plain, said.format(names=names), why, ""]
            else:
                lines += [words.title + ".", words.explanation, ""]
        lines += [t.emergency_action(self.region), t.walk.do_not_wait]
        self.prompter.alert(t.walk.emergency_title, lines)
        self.alerted = Urgency.EMERGENCY
        choice = self.prompter.choose(t.walk.what_now, self.menus.emergency, pointer=STOP)
        return STOP if choice == STOP else FINISH

    def _unsure_warning(self, findings: list[Finding]) -> None:
        """A lone "not sure" on an emergency sign: the summary says urgent, so the warning does too."""
        names = ", ".join(sorted({self.bank.get(k).short for f in findings for k in self._doubts(f)}))
        walk = self.texts.walk
        first, second, third = walk.check_today
        lines = (first.format(names=names), second.format(call=self.texts.call(self.region)), third)
        self.prompter.alert(walk.check_today_title, lines)
        self.alerted = self.alerted or Urgency.URGENT

    # -------------------------------------------------------------- the review

    def describe(self, question: Question) -> str:
        return f"{question.short}: {self.texts.answer_text(question, self.answers.get(question.key))}"

    def _review(self) -> bool:
        """Every answer on one screen; the patient may change any before the summary.

        True when a changed answer led to an emergency warning and the patient chose to stop.
        """
        while True:
            options = [self.menus.done]
            options += [
                Option(self.describe(q), q.key, (str(i),))
                for i, q in enumerate((q for q in self.bank.asked if self.applies(q)), 1)
            ]
            self.prompter.say()
            self.prompter.say(self.texts.walk.review_title, emphasis=True)
            choice = self.prompter.choose(self.texts.walk.review_prompt, options, pointer=DONE, long_list=True)
            if choice == DONE:
                return False
            question = self.bank.get(choice)
            self._reopen(question.key)
            self.reviewing = True
            try:
                reply = self.ask(question)
            finally:
                self.reviewing = False
            if reply == BACK:
                if question.key in self.changing:
                    self._give(question.key, self.changing[question.key])
                continue
            self._give(question.key, reply)
            # A changed answer can open questions that were skipped before (or close them).
            if self._emergency_check() == STOP or self._walk():
                return True
