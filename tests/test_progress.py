"""The progress line never jumps (issue 24): "Section 3 of 8" and the most questions left in that section.

Was "Question 1 of 38 -> 2 of 36 -> 3 of 32": a total that changed on almost every answer. Now the
section number only moves one step forward, and the count in the section is the most that can
still be asked there, so it goes down by at least one with every answer (a "no" that skips a
follow-up takes it down by more), and never goes up in a walk forward.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.measures import PEG_KEYS
from tests.helpers import bank
from tests.interview_helpers import ROUTINE_SCRIPT, interview

PROGRESS = re.compile(r"Section (\d+) of (\d+): (.+?) · (?:up to (\d+) more|(last) question) in this section")


def progress_lines(text: str) -> list[tuple[int, int]]:
    """(section, questions left) for each progress line shown, in order."""
    found = PROGRESS.findall(" ".join(text.split()))
    assert found, text[:500]
    assert {int(total) for _, total, *_ in found} == {len(bank().sections)}
    return [(int(section), int(left or 1)) for section, _, _, left, _last in found]


def assert_never_jumps(shown: list[tuple[int, int]]) -> None:
    for (section, left), (next_section, next_left) in itertools.pairwise(shown):
        assert next_section in (section, section + 1), shown
        if next_section == section:
            assert next_left < left, shown  # one answered, so at least one fewer
        # A new section may begin while "up to 2" were left: the answer skipped the follow-up.


def test_a_routine_walk_counts_down_section_by_section() -> None:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    walk.run()
    shown = progress_lines(out.getvalue())
    assert shown[0] == (1, 1)  # about you: the age alone
    assert [s for s, _ in shown] == sorted(s for s, _ in shown) and {s for s, _ in shown} == set(range(1, 9))
    assert_never_jumps(shown)
    text = out.getvalue()
    assert "Section 1 of 9: About you · last question in this section" in text
    assert "Section 2 of 9: Your pain · up to 8 more in this section" in text


def test_a_no_that_skips_follow_ups_takes_the_count_down_at_once() -> None:
    walk, out = interview([*ROUTINE_SCRIPT, "d"])
    walk.run()
    legs = [left for section, left in progress_lines(out.getvalue()) if section == 3]
    # Leg pain, numbness and weakness all "no": their follow-ups go, and the count drops by more than one.
    assert legs[0] == sum(q.section == "legs" for q in bank().asked)
    assert any(a - b > 1 for a, b in itertools.pairwise(legs))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(["yes", "no", "unsure"]), min_size=60, max_size=60),
    st.integers(16, 95),
    st.integers(0, 60),
)
def test_any_walk_forward_never_jumps(replies: list[str], age: int, weeks: int) -> None:
    """Any answers, given in order as the walk asks them: the line never jumps."""
    walk, _ = interview([])
    typed = iter(replies)
    numbers = {"age": age, "pain_weeks": weeks, "pain_score": 5, "leg_symptoms_weeks": min(weeks, 3)}
    numbers |= dict.fromkeys(PEG_KEYS, 5)  # issue 22: the PEG, answered (section 9)
    shown = []
    for question in bank().asked:
        if not walk.applies(question):
            continue
        shown.append(progress_lines(walk.progress(question))[0])
        if question.type == "yes_no_unsure":
            walk.answers[question.key] = next(typed)
        elif question.type == "integer":
            walk.answers[question.key] = numbers[question.key]
        else:
            walk.answers[question.key] = question.choices[0].value if question.type == "choice" else ["none"]
    assert_never_jumps(shown)
