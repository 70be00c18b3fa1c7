"""The walk-through, driven by typed lines in plain mode: full runs, help, back, review, emergency, Ctrl-C."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from backpain_cli.answers import validate_answers
from backpain_cli.errors import AnswerFileError
from backpain_cli.interview import Interrupted, Menus
from backpain_cli.levels import Urgency
from backpain_cli.rules.policy import ALWAYS_ASKED, REFINED
from tests.helpers import FIXED_DAY, bank, bundle, texts
from tests.interview_helpers import (
    BELLY,
    CTRL_C,
    LEG_DOUBT,
    LEGS,
    ROUTINE_SCRIPT,
    SADDLE,
    UK,
    ask_one,
    interview,
    number_spellings,
    script_for,
)

NUMBER_RANGES = {"age": (16, 120), "pain_weeks": (0, 5200), "pain_score": (0, 10)}


def test_full_routine_run() -> None:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    outcome = walk.run()
    assert not outcome.stopped_early
    answers = outcome.answers.answered()
    assert answers["age"] == 45 and answers["pain_area"] == "lower_back" and answers["previous_imaging"] == ["none"]
    assert "weakness_worsening" not in answers and "both_legs" not in answers  # skipped: legs all "no"
    skipped = bank().skipped(answers)
    assert set(answers) | (skipped - set(REFINED)) == {q.key for q in bank().core}  # the PEG was skipped
    # the first question bank asked 32; rule set 2027.1 asks everyone four more (night sweats apart from
    # fever, a birth apart from pregnancy, a spinal procedure apart from an infection, feeling very unwell)
    assert len(answers) == 36
    from backpain_cli.assessment import assess

    assert assess(outcome.answers, bundle(), today=FIXED_DAY).urgency == Urgency.ROUTINE
    text = out.getvalue()
    assert "Section 1 of 9: About you · last question in this section" in text
    assert "Section 8 of 9: Treatment and tests so far · last question in this section" in text
    assert "Check your answers" in text and "Everything is right: show my summary" in text


def test_the_welcome_counts_what_the_walk_asks() -> None:
    # "up to 55" told the patient who answers "no" throughout (36 questions) a walk half again as long:
    # the welcome gives the range, and its low end is what such a patient is really asked.
    walk, out = interview([*script_for(age="16", pain_weeks="0", pain_score="0"), "d"])
    answered = walk.run().answers.answered()
    assert len(answered) == bank().shortest_walk == 36
    assert bank().shortest_walk < len(bank().core) == 55
    from backpain_cli.interview import welcome

    welcome(walk.prompter, UK, bank(), texts())
    assert "You will answer about 36 to 55 short questions" in out.getvalue()


def test_no_skip_can_hide_a_cauda_equina_question() -> None:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    walk.run()
    for key in ALWAYS_ASKED:
        assert bank().get(key).text in out.getvalue()


def test_leg_symptoms_open_the_follow_up_questions() -> None:
    # leg pain yes; then both legs and pain on walking are asked, worsening and foot drop are not
    script = [*script_for(age="45", pain_weeks="3", pain_score="5", leg_pain_below_knee="y"), "d"]
    outcome = interview(script)[0].run()
    assert outcome.answers.both_legs == "no"
    assert outcome.answers.weakness_worsening is None  # asked only after numbness or weakness


def test_help_shows_the_help_text_and_asks_again() -> None:
    walk, out = interview(["?", *ROUTINE_SCRIPT, "d"])
    walk.run()
    assert bank().get("age").help in out.getvalue()


def test_numbers_are_checked_as_typed() -> None:
    walk, out = interview(["", "forty", "12", "130", *ROUTINE_SCRIPT, "d"])
    assert walk.run().answers.age == 45
    text = out.getvalue()
    assert "This tool is for people aged 16 and over" in text
    assert text.count("Please type a whole number from 16 to 120") == 3


@pytest.mark.parametrize("key", sorted(NUMBER_RANGES))
@given(data=st.data())
def test_every_number_the_model_accepts_is_accepted_at_the_prompt(key: str, data: st.DataObject) -> None:
    typed, number = data.draw(number_spellings(*NUMBER_RANGES[key]))
    assert getattr(validate_answers({key: typed}), key) == number  # the strategy spells what the model takes
    value, screen = ask_one(key, [typed])
    assert value == number and type(value) is int
    assert "Please type" not in screen


@pytest.mark.parametrize("key", sorted(NUMBER_RANGES))
@given(typed=st.text(st.characters(exclude_characters="\r\n"), max_size=12))
def test_the_prompt_accepts_exactly_what_the_model_accepts(key: str, typed: str) -> None:
    """Whatever is typed, the prompt and the answer model agree: same verdict, same value."""
    assume(Menus(texts()).keyword(typed) is None)
    fallback = NUMBER_RANGES[key][0]
    try:
        expected = getattr(validate_answers({key: typed}), key)
    except AnswerFileError:
        expected = None
    value, screen = ask_one(key, [typed, str(fallback)])
    if expected is None:
        assert value == fallback
        assert "Please type" in screen or "aged 16 and over" in screen
    else:
        assert value == expected and screen.count("> ") == 1


def test_42_point_0_is_the_age_42() -> None:
    walk, out = interview(["42.0", *ROUTINE_SCRIPT[1:], "d"])
    assert walk.run().answers.age == 42
    assert "Please type" not in out.getvalue()


WEEKS_CONFLICT = (
    "You said you are 20 years old and that the pain started 1,100 weeks ago. That is more than 21 years, so one "
    "of the two must be wrong. Please check the number of weeks, or type b to go back and change your age."
)
AGE_CONFLICT = (
    "You said the pain started 1,100 weeks ago and that you are 20 years old. That is more than 21 years, so one "
    "of the two must be wrong. Please check your age."
)


def test_weeks_longer_than_the_age_name_both_answers() -> None:
    walk, out = interview(["20", "1100", "b", "25", *ROUTINE_SCRIPT[1:], "d"])  # fix it by going back to the age
    walk.run()
    text = out.getvalue()
    assert WEEKS_CONFLICT in text and "Please type" not in text
    assert walk.answers["age"] == 25 and walk.answers["pain_weeks"] == 3


def test_a_new_age_on_the_review_screen_that_clashes_with_the_weeks_names_both() -> None:
    # Age 45 with 1,100 weeks is fine; changing the age to 20 on the review screen is not.
    script = [*script_for(age="45", pain_weeks="1100", pain_score="5"), "1", "20", "b", "d"]
    walk, out = interview(script)
    assert walk.run().answers.age == 45  # "b" went back to the list and kept the age
    text = out.getvalue()
    assert (
        AGE_CONFLICT
        + " If the weeks are wrong, type b to go back to the list of your answers, and change the weeks there."
        in text
    )
    assert "Please type a whole number from 16 to 120" not in text


def test_new_weeks_on_the_review_screen_that_clash_with_the_age_name_both() -> None:
    # 4 weeks opens the question about treatment, asked after the review (answered "n")
    walk, out = interview(["20", "3", *ROUTINE_SCRIPT[2:], "2", "1100", "4", "n", "d"])
    assert walk.run().answers.pain_weeks == 4
    assert WEEKS_CONFLICT in out.getvalue()


def test_an_age_that_clashes_with_prefilled_weeks_names_both() -> None:
    tail = script_for({"age": 30, "pain_weeks": 1100}, pain_score="5")
    walk, out = interview(["20", "30", *tail, "d"], {"pain_weeks": 1100})
    assert walk.run().answers.age == 30
    text = out.getvalue()
    assert AGE_CONFLICT in text and "change the weeks there" not in text


def test_blank_never_becomes_no() -> None:
    script = [*ROUTINE_SCRIPT[:4], "", "n", *ROUTINE_SCRIPT[5:], "d"]
    walk, out = interview(script)
    assert walk.run().answers.abdominal_or_chest_pain == "no"
    assert "Please type one of" in out.getvalue()


def test_going_back_changes_the_previous_answer() -> None:
    walk, _ = interview(["45", "3", "b", *script_for(age="45", pain_weeks="8", pain_score="5")[1:], "d"])
    assert walk.run().answers.pain_weeks == 8


def test_back_on_the_first_question_says_so() -> None:
    walk, out = interview(["b", *ROUTINE_SCRIPT, "d"])
    walk.run()
    assert "This is the first question." in out.getvalue()


def test_review_screen_changes_an_answer() -> None:
    # On the review list each answer has a number; 1 is the first question, age.
    # at 50, pain on walking and height loss apply: asked after the review (answered "n")
    walk, out = interview([*ROUTINE_SCRIPT, "1", "50", "n", "n", "d"])
    outcome = walk.run()
    assert outcome.answers.age == 50
    assert "Age: 45" in out.getvalue()


def test_review_change_that_opens_new_questions_asks_them() -> None:
    # Change "leg weakness" (11th applicable) to yes: the follow-ups now apply and are asked (since when,
    # worse, both legs, foot drop, pain on walking, clumsy hands).
    walk, _out = interview([*ROUTINE_SCRIPT, "11", "y", "5", "n", "n", "n", "n", "n", "d"])
    outcome = walk.run()
    answers = outcome.answers
    assert (answers.leg_weakness, answers.leg_symptoms_weeks, answers.weakness_getting_worse, answers.both_legs) == (
        "yes",
        5,
        "no",
        "no",
    )


def test_emergency_answer_interrupts_at_once_and_can_stop() -> None:
    script = [*ROUTINE_SCRIPT[:SADDLE], "y", "s"]  # saddle numbness: yes, then stop
    walk, out = interview(script)
    outcome = walk.run()
    assert outcome.stopped_early
    text = out.getvalue()
    assert "Emergency warning:" in text
    assert "call 999 (or 112)" in text
    assert "Bladder, bowel" in text and "Cancer" not in text.split("Emergency warning:")[1]
    from backpain_cli.assessment import assess

    result = assess(outcome.answers, bundle(), today=FIXED_DAY)
    assert result.urgency == Urgency.EMERGENCY


def test_emergency_answer_can_finish_the_questions() -> None:
    script = [*ROUTINE_SCRIPT[:SADDLE], "y", "f", *ROUTINE_SCRIPT[SADDLE + 1 :], "d"]
    outcome = interview(script)[0].run()
    assert not outcome.stopped_early
    assert outcome.answers.saddle_numbness == "yes" and outcome.answers.back_surgery_before == "no"


def test_stopping_at_a_warning_from_the_review_screen_is_a_stop() -> None:
    walk, _ = interview([*ROUTINE_SCRIPT, "13", "y", "s"])  # 13: numbness around the bottom; yes; stop now
    assert walk.run().stopped_early


def test_emergency_warning_shows_once_per_rule() -> None:
    script = [*ROUTINE_SCRIPT[:SADDLE], "y", "f", "y", *ROUTINE_SCRIPT[SADDLE + 2 :], "d"]  # bladder change yes too
    walk, out = interview(script)
    walk.run()
    assert out.getvalue().count("Emergency warning:") == 1


def test_ctrl_c_keeps_every_answer_so_far() -> None:
    walk, _ = interview(["45", "3", "1", CTRL_C])
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.answers == {"age": 45, "pain_weeks": 3, "pain_area": "lower_back"}
    assert not stop.value.end_of_input


def test_ctrl_c_while_changing_an_answer_on_the_review_screen_keeps_it() -> None:
    walk, _ = interview([*ROUTINE_SCRIPT, "1", CTRL_C])  # 1: change the age; then Ctrl-C at the age question
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.answers["age"] == 45
    complete = interview([*ROUTINE_SCRIPT, "d"])[0].run().answers.answered()
    assert stop.value.answers == complete


def test_ctrl_c_after_going_back_keeps_the_answer_being_changed() -> None:
    walk, _ = interview(["45", "3", "1", "b", "b", CTRL_C])  # back to the weeks, then stop
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.answers == {"age": 45, "pain_weeks": 3, "pain_area": "lower_back"}


def test_an_answer_being_changed_is_saved_only_while_it_fits_the_newer_ones() -> None:
    # Back to the age with 1,100 weeks of pain on record, a new age of 20 is given; the weeks,
    # asked again next, no longer fit it, so a stop saves what --resume can read.
    walk, _ = interview(["45", "1100", "1", "b", "b", "b", "20", CTRL_C])
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.answers == {"age": 20, "pain_area": "lower_back"}
    validate_answers(stop.value.answers)


def test_going_back_from_the_review_screen_keeps_the_answer() -> None:
    walk, _ = interview([*ROUTINE_SCRIPT, "1", "b", "d"])
    assert walk.run().answers.age == 45


def test_a_stop_carries_the_most_serious_warning_shown() -> None:
    for script, warned in (
        (["45", CTRL_C], None),
        ([*ROUTINE_SCRIPT[:LEGS], *LEG_DOUBT, CTRL_C], Urgency.URGENT),
        ([*ROUTINE_SCRIPT[:BELLY], "u", CTRL_C], Urgency.EMERGENCY),  # doubt about chest pain stays an emergency
        ([*ROUTINE_SCRIPT[:SADDLE], "u", "f", CTRL_C], Urgency.EMERGENCY),
        ([*ROUTINE_SCRIPT[:SADDLE], "y", "f", "n"], Urgency.EMERGENCY),  # then the input ends
    ):
        with pytest.raises(Interrupted) as stop:
            interview(script)[0].run()
        assert stop.value.warned == warned, script


def test_end_of_input_is_reported_with_the_answers() -> None:
    walk, _ = interview(["45"])
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.end_of_input and stop.value.answers == {"age": 45}


def test_prefilled_answers_are_not_asked_again() -> None:
    prefilled = {"age": 45, "pain_weeks": 3, "pain_area": "lower_back", "pain_score": 5}
    walk, out = interview([*ROUTINE_SCRIPT[4:], "d"], prefilled)
    assert walk.run().answers.age == 45
    assert "How old are you?" not in out.getvalue()


def test_back_reaches_a_prefilled_answer() -> None:
    prefilled = {"age": 45, "pain_weeks": 3, "pain_area": "lower_back", "pain_score": 5}
    walk, _out = interview(["b", "6", *ROUTINE_SCRIPT[4:], "d"], prefilled)
    assert walk.run().answers.pain_score == 6


def test_a_prefilled_emergency_answer_is_announced_before_the_first_question() -> None:
    walk, out = interview(["s"], {"saddle_numbness": "yes"})  # s: stop now and show the summary
    outcome = walk.run()
    assert outcome.stopped_early and outcome.answers.saddle_numbness == "yes"
    text = out.getvalue()
    assert "Emergency warning:" in text and "Get emergency care now: call 999 (or 112)" in text
    assert "Stop now and show my summary" in text
    assert bank().get("age").text not in text  # nothing was asked before the warning


def test_a_prefilled_emergency_answer_can_finish_the_questions() -> None:
    prefilled = {"age": 45, "saddle_numbness": "yes"}
    walk, out = interview(["f", *ROUTINE_SCRIPT[1:SADDLE], *ROUTINE_SCRIPT[SADDLE + 1 :], "d"], prefilled)
    outcome = walk.run()
    assert not outcome.stopped_early and outcome.answers.back_surgery_before == "no"
    text = out.getvalue()
    assert text.index("Emergency warning:") < text.index(bank().get("pain_weeks").text)
    assert text.count("Emergency warning:") == 1  # not again for the same rule


def test_a_prefilled_lone_unsure_gets_the_check_today_warning_first() -> None:
    legs = {"leg_pain_below_knee": "yes", "leg_weakness": "unsure", "leg_symptoms_weeks": 1, "both_legs": "yes"}
    doubt = {"pain_area": "lower_back", **legs}
    walk, out = interview([*script_for(doubt, age="45", pain_weeks="3", pain_score="5"), "d"], doubt)
    walk.run()
    text = out.getvalue()
    assert text.index("Important: get checked today:") < text.index(bank().get("age").text)
    assert "Emergency warning:" not in text


def test_a_prefilled_unsure_cauda_equina_sign_gets_the_emergency_warning() -> None:
    walk, out = interview(["s"], {"saddle_numbness": "unsure"})
    assert walk.run().stopped_early
    assert "Emergency warning:" in out.getvalue()


def test_with_every_answer_prefilled_the_warning_comes_before_the_review() -> None:
    from tests.helpers import ALL_CLEAR

    walk, out = interview(["f", "k", "d"], {**ALL_CLEAR, "bladder_change": "yes"})  # k: skip the PEG
    assert not walk.run().stopped_early
    text = out.getvalue()
    assert text.index("Emergency warning:") < text.index("Check your answers")


def test_a_lone_unsure_on_an_emergency_sign_warns_at_the_urgency_the_summary_shows() -> None:
    """Pain in both legs, not sure about weakness: the GIRFT deficit is in doubt, so a 'get checked today'
    warning, not the emergency stop (doubt policy), and the summary says the same."""
    typed = dict(leg_pain_below_knee="y", leg_weakness="u", leg_symptoms_weeks="1", weakness_getting_worse="u")
    script = script_for(age="45", pain_weeks="3", pain_score="5", both_legs="y", **typed)
    walk, out = interview([*script, "d"])
    outcome = walk.run()
    text = out.getvalue()
    assert "Important: get checked today:" in text and "Emergency warning:" not in text
    assert "You were not sure about: Leg weakness getting worse, Weakness in a leg or foot." in text
    from backpain_cli.assessment import assess

    assert assess(outcome.answers, bundle(), today=FIXED_DAY).urgency == Urgency.URGENT


def test_an_unsure_cauda_equina_sign_gives_the_emergency_warning() -> None:
    """GIRFT: a doubt about a cauda equina sign is still an emergency assessment, to rule it out."""
    walk, out = interview([*ROUTINE_SCRIPT[:SADDLE], "u", "s"])
    assert walk.run().stopped_early
    assert "Emergency warning:" in out.getvalue()


def test_an_unrelated_unsure_never_turns_the_warning_into_an_emergency() -> None:
    """Issue 10's kind: a doubt about one sign, then an unrelated doubt: the warning stays 'get checked today'."""
    typed = dict(leg_pain_below_knee="y", leg_weakness="u", leg_symptoms_weeks="1", both_legs="y", weight_loss="u")
    script = script_for(age="45", pain_weeks="3", pain_score="5", night_pain="u", **typed)
    walk, out = interview([*script, "d"])
    outcome = walk.run()
    assert not outcome.stopped_early and "Emergency warning:" not in out.getvalue()


def test_the_review_shows_numbers_with_their_units() -> None:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    walk.run()
    text = out.getvalue()
    assert "How long the pain has lasted: 3 weeks" in text and "Age: 45 years" in text


def test_going_back_shows_the_answer_given_and_enter_keeps_it() -> None:
    # Back from the belly question to the pain score (5): Enter alone keeps 5.
    walk, out = interview([*ROUTINE_SCRIPT[:4], "b", "", *ROUTINE_SCRIPT[4:], "d"])
    outcome = walk.run()
    assert outcome.answers.pain_score == 5
    text = out.getvalue()
    assert "Your answer was: 5." in text and "Enter keeps 5" in text


def test_going_back_to_a_menu_starts_on_the_answer_given() -> None:
    from backpain_cli.prompts import Option

    pointers: list[str | None] = []
    walk, _ = interview([*ROUTINE_SCRIPT[:5], "b", "n", *ROUTINE_SCRIPT[5:], "d"])
    original = walk.prompter.choose

    def spy(message: str, options: list[Option], *, pointer: str | None = None, long_list: bool = False) -> str:
        pointers.append(pointer)
        return original(message, options, pointer=pointer, long_list=long_list)

    walk.prompter.choose = spy  # type: ignore[method-assign]
    walk.run()
    # Pain area, belly pain, tearing pain ("b" typed there) start on the help entry; the belly
    # question asked again starts on the "no" given.
    assert pointers[:4] == ["__help__", "__help__", "__help__", "no"]
