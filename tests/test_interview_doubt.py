"""A mid-walk warning that rests on a "not sure" says so (issue 24): the sign is never stated as fact.

The direct cauda equina signs (saddle numbness, bladder, bowel) and sudden belly, chest or tearing
pain stay emergencies on a doubt (rules.policy.DOUBT_POLICY); their warning must say the patient was
not sure, in plain lines and in the arrow-key panel alike.
"""

from __future__ import annotations

import io

import pytest

from backpain_cli.commands.check import run_check
from backpain_cli.errors import ExitCode
from backpain_cli.interview import Interrupted
from backpain_cli.prompts import PlainPrompter
from backpain_cli.rules import RULES
from tests.helpers import bank, texts
from tests.interview_helpers import BELLY, CTRL_C, ROUTINE_SCRIPT, SADDLE, ScriptedStdin, interview

SAID = "You said you are not sure about: "
EXPLANATION = texts().rule("ces_saddle_bladder_bowel").explanation

# Where each sign comes in the routine walk, and its short name.
DOUBTS = {
    "saddle_numbness": SADDLE,
    "bladder_change": SADDLE + 1,
    "bowel_control_loss": SADDLE + 2,
    "abdominal_or_chest_pain": BELLY,
}


def warning_of(text: str) -> str:
    """The emergency warning's own lines: from its title to the question of what to do now."""
    start = text.index("Emergency warning:")
    return text[start : text.index(texts().walk.what_now, start)]


@pytest.mark.parametrize("key", sorted(DOUBTS))
def test_a_doubt_that_stays_an_emergency_says_it_was_a_doubt(key: str) -> None:
    at = DOUBTS[key]
    walk, out = interview([*ROUTINE_SCRIPT[:at], "u", "s"])
    assert walk.run().stopped_early
    shown = " ".join(warning_of(out.getvalue()).split())
    assert f"{SAID}{bank().get(key).short}." in shown
    assert "must be ruled out" in shown
    assert "call 999 (or 112)" in shown  # what to do is still said in full
    for rule in RULES:  # no rule's explanation, which states its signs as fact
        assert " ".join(texts().rule(rule.id).explanation.split()) not in shown


def test_a_yes_states_the_sign_as_before() -> None:
    walk, out = interview([*ROUTINE_SCRIPT[:SADDLE], "y", "s"])
    walk.run()
    shown = " ".join(warning_of(out.getvalue()).split())
    assert " ".join(EXPLANATION.split()) in shown and "not sure" not in shown


def test_a_yes_beside_a_doubt_in_the_same_rule_is_certain() -> None:
    # Not sure about the bladder, then yes to the bowel: the rule now rests on a yes. The warning came
    # once, at the doubt; the summary's level is the same, so it is not shown again.
    walk, out = interview([*ROUTINE_SCRIPT[:SADDLE], "n", "u", "f", "y", *ROUTINE_SCRIPT[SADDLE + 3 :], "d"])
    walk.run()
    text = out.getvalue()
    assert text.count("Emergency warning:") == 1 and f"{SAID}New bladder problems." in " ".join(text.split())


def test_only_the_answers_given_as_not_sure_are_named() -> None:
    # Nothing that has not been asked yet is named as a doubt: only bladder, answered "not sure".
    walk, out = interview([*ROUTINE_SCRIPT[:SADDLE], "n", "u", "s"])
    walk.run()
    shown = " ".join(warning_of(out.getvalue()).split())
    assert f"{SAID}New bladder problems." in shown
    assert "bowel" not in shown.split(SAID)[1].split(".")[0]


def test_the_arrow_key_panel_says_it_too() -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from backpain_cli.interview import Interview
    from backpain_cli.prompts import QuestionaryPrompter
    from tests.interview_helpers import UK
    from tests.test_keystrokes import ENTER, UNSURE, routine_keys

    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join([*routine_keys()[: SADDLE + 1], UNSURE, ENTER]))  # bladder: not sure; stop
        console = Console(file=out, width=100, highlight=False, markup=False)
        walk = Interview(bank(), QuestionaryPrompter(texts().prompts, console=console), UK, texts())
        assert walk.run().stopped_early
    shown = " ".join(out.getvalue().replace("│", " ").split())
    assert f"{SAID}New bladder problems." in shown and "must be ruled out" in shown
    assert " ".join(EXPLANATION.split()) not in shown


def test_a_stop_after_a_doubt_warning_says_it_rests_on_the_doubt(capsys: pytest.CaptureFixture[str]) -> None:
    screen = io.StringIO()
    ask = PlainPrompter(
        texts().prompts, stdin=ScriptedStdin([*ROUTINE_SCRIPT[:SADDLE], "n", "u", CTRL_C]), stdout=screen
    )
    assert run_check(plain=True, region="uk", prompter=ask) == ExitCode.INTERRUPTED
    err = " ".join(capsys.readouterr().err.split())
    assert texts().saving.emergency_doubt_reminder in err and "call 999 (or 112)" in err
    assert texts().saving.emergency_reminder not in err


def test_the_stop_carries_whether_the_warning_rested_on_a_doubt() -> None:
    walk, _ = interview([*ROUTINE_SCRIPT[:SADDLE], "u", "f", CTRL_C])
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert stop.value.doubt
    walk, _ = interview([*ROUTINE_SCRIPT[:SADDLE], "u", "f", "y", "f", CTRL_C])  # then yes to the bladder
    with pytest.raises(Interrupted) as stop:
        walk.run()
    assert not stop.value.doubt  # the warning came on the doubt, but the answers now rest on a yes
