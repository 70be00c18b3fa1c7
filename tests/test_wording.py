"""wording.py: every patient-facing sentence that is not content, measured as a whole.

The test walks the module itself, so a sentence added there is measured without anyone
remembering to list it here.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
import textstat

from backpain_cli import wording
from backpain_cli.levels import Imaging, Urgency
from backpain_cli.regions import Region

MAX_GRADE = 8.0
UK = Region("uk", "the United Kingdom", "999 (or 112)")

# Short labels and menu entries: no sentences to measure, but they must still be plain.
LABELS = {"SUMMARY_TITLE", "WELCOME_TITLE", "EMERGENCY_TITLE", "CHECK_TODAY_TITLE", "REVIEW_TITLE"}


def texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)


def every_sentence() -> Iterator[tuple[str, str]]:
    """(name, text) for every string constant and for every function's output with sample arguments."""
    samples: dict[str, tuple[object, ...]] = {
        "emergency_action": (UK,),
        "urgency_action": (Urgency.EMERGENCY, UK),
        "welcome": (32, UK),
        "progress": (3, 8, "Your legs", 7, 30),
        "check_today": ("Numbness around the bottom", UK),
        "internal_error": ("RuntimeError",),
        "use_suffix": ((".yaml", ".yml"),),
        "imaging_for_finding": ("Possible broken bone in the spine", "An X-ray is the usual first test."),
        "imaging_starts_from": ("Possible broken bone in the spine",),
        "you_were_not_sure": ('"Is the weakness in your leg getting worse?"',),
        "you_did_not_answer": ('"How old are you?"',),
        "recap_emergency": (UK,),
        "imaging_label": (Imaging.MRI_URGENT, Urgency.URGENT),
        "not_a_diagnosis": (UK,),
        "saved_resume": ("notes.yaml", "backpain check"),
    }
    for name, value in vars(wording).items():
        if name.startswith("_") or inspect.ismodule(value) or inspect.isclass(value):
            continue
        if inspect.isfunction(value) and value.__module__ == wording.__name__:
            args = samples.get(name, ("notes.yaml",))
            for text in texts(value(*args)):
                yield name, text
        elif not callable(value):
            for text in texts(value):
                yield name, text


SENTENCES = list(every_sentence())

# One-sentence grades are noisy (one long word moves them a lot), so each sentence may reach grade 9.
# These few go higher today; issue 11 rewrites the summary's wording. Until then they may not get
# any harder (a ratchet), and the module as a whole stays at grade 8 or below.
HARDER_TODAY = {
    "Emergency scans after a major injury, usually CT, decided by the emergency team": 15.0,
    "What would change this: any of the warning signs below, or leg pain that is no better after 6 weeks "
    "of treatment when surgery or an injection is being considered.": 13.1,
    "Get emergency care now: go to an emergency department or call your emergency number.": 11.8,
    "If you do have this, it can be an emergency: call 999 (or 112), or go to the nearest emergency department.": 9.5,
    "What would change this: if the X-ray is normal but the pain does not settle, or a warning sign appears, "
    "an MRI may be the next step.": 9.4,
}


def test_the_walk_finds_the_module_s_sentences() -> None:
    names = {name for name, _ in SENTENCES}
    assert {"NOT_A_DIAGNOSIS", "URGENCY_ACTION", "IMAGING_LABEL", "welcome", "check_today", "SAVE_SO_FAR"} <= names
    assert len(SENTENCES) > 60


@pytest.mark.parametrize(("name", "text"), SENTENCES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(SENTENCES)])
def test_each_sentence_is_plain(name: str, text: str) -> None:
    words = text.split()
    if len(words) < 8:  # too short for a grade: keep words short instead
        assert all(len(w.strip(".,:;?()'\"")) <= 13 for w in words), text
        return
    assert float(textstat.flesch_kincaid_grade(text)) <= HARDER_TODAY.get(text, MAX_GRADE + 1), text


def test_all_of_it_together_is_grade_8_or_below() -> None:
    together = " ".join(t if t.rstrip().endswith((".", "?", "!", ":")) else t + "." for _, t in SENTENCES)
    assert float(textstat.flesch_kincaid_grade(together)) <= MAX_GRADE


def test_one_emergency_action_for_every_place() -> None:
    assert (
        wording.emergency_action(UK) == "Get emergency care now: call 999 (or 112), or go to an emergency department."
    )
    assert wording.urgency_action(Urgency.EMERGENCY, UK) == wording.emergency_action(UK)
    assert wording.emergency_action(None) == wording.URGENCY_ACTION[Urgency.EMERGENCY]
    assert wording.urgency_action(Urgency.SOON, UK) == wording.URGENCY_ACTION[Urgency.SOON]
