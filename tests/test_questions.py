"""The question bank: complete, ordered, and checked when it loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from backpain_cli.answers import ANSWER_KEYS
from backpain_cli.bundle import shipped_content_dir
from backpain_cli.errors import ContentError
from backpain_cli.questions import load_question_bank
from backpain_cli.rules.policy import ALWAYS_ASKED
from tests.helpers import bank

SECTIONS = [
    "about_you",
    "your_pain",
    "legs",
    "bladder_bowel",
    "health_history",
    "injuries_bones",
    "pain_pattern",
    "treatment_tests",
    "how_pain_affects_you",
]


def test_every_contract_key_has_one_question_with_help() -> None:
    b = bank()
    assert sorted(q.key for q in b.questions) == sorted(ANSWER_KEYS)
    for q in b.questions:
        assert q.text.strip() and q.help.strip() and q.short.strip()


def test_sections_in_the_issue_order() -> None:
    assert [s.id for s in bank().sections] == SECTIONS


def test_cauda_equina_questions_are_always_asked() -> None:
    for key in ALWAYS_ASKED:
        assert bank().get(key).ask_if == ()


def broken_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    data = yaml.safe_load((folder / "questions.yaml").read_text())
    edit(data)
    (folder / "questions.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["questions"].pop(0), "'age' is missing"),
        (lambda d: d["questions"].append(dict(d["questions"][0])), "appears more than once"),
        (lambda d: d["questions"].append({**d["questions"][0], "key": "extra"}), "not an answer key"),
        (lambda d: d["questions"][0].update(section="nowhere"), "unknown section"),
        (lambda d: d["questions"][5].update(type="integer"), "must have type yes_no_unsure"),
        (
            lambda d: next(q for q in d["questions"] if q["key"] == "saddle_numbness").update(ask_if=["leg_weakness"]),
            "must always be asked",
        ),
        (lambda d: d["questions"][1].update(ask_if=["fever"]), "not asked before it"),
        (lambda d: d["questions"][2].update(choices=[{"value": "neck", "label": "Neck"}]), "must offer exactly"),
        (lambda d: d["questions"].reverse(), "out of section order"),
        (lambda d: d["questions"][0].update(colour="red"), "question 'age': colour: is not a field here"),
    ],
)
def test_broken_banks_are_refused_with_a_reason(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = broken_copy(tmp_path, edit)
    with pytest.raises(ContentError) as exc:
        load_question_bank(folder)
    assert message in exc.value.describe()
    assert "questions.yaml" in exc.value.describe()


def test_bank_yaml_errors_name_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "questions.yaml").write_text("version: 1\nsections: [\n")
    with pytest.raises(ContentError) as exc:
        load_question_bank(folder)
    assert exc.value.problems[0].line is not None
    (folder / "questions.yaml").write_text("version: 1\nversion: 2\n")
    with pytest.raises(ContentError, match="appears twice"):
        load_question_bank(folder)


@pytest.mark.parametrize(
    ("key", "gates", "message"),
    [
        ("fever", ["leg_weakness"], "may not have ask_if"),
        ("cancer_history", ["weight_loss"], "may not have ask_if"),
        ("saddle_numbness", ["leg_weakness"], "cauda equina question"),
    ],
)
def test_a_content_folder_cannot_make_a_red_flag_question_skippable(
    tmp_path: Path, key: str, gates: list[str], message: str
) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        questions = data["questions"]
        target = next(q for q in questions if q["key"] == key)
        target["ask_if"] = gates
        # keep the gate before the question so only the rule under test can fail
        for gate in gates:
            gate_q = next(q for q in questions if q["key"] == gate)
            if questions.index(gate_q) > questions.index(target):
                questions.remove(gate_q)
                questions.insert(questions.index(target), {**gate_q, "section": target["section"]})

    folder = broken_copy(tmp_path, edit)
    with pytest.raises(ContentError) as exc:
        load_question_bank(folder)
    assert message in exc.value.describe()


def test_a_content_folder_s_ask_if_only_adds_reasons_to_ask(tmp_path: Path) -> None:
    """A bank may ask a follow-up more often, never less: with ask_if [leg_weakness] alone, both_legs is still
    asked after leg pain (the rules' own condition); with ask_if [fever] it is also asked after a fever."""
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    path = folder / "questions.yaml"
    original = path.read_text()
    legs = "ask_if: [leg_pain_below_knee, leg_numbness, leg_weakness]"
    no_legs = {"leg_pain_below_knee": "no", "leg_numbness": "no", "leg_weakness": "no"}
    path.write_text(original.replace(legs, "ask_if: [leg_weakness]"))
    bank = load_question_bank(folder)
    assert "both_legs" not in bank.skipped({**no_legs, "leg_pain_below_knee": "yes"})
    assert "both_legs" in bank.skipped(no_legs)
    path.write_text(original.replace(legs, "ask_if: [fever]").replace("  - key: fever\n", "  - key: fever\n", 1))
    # fever comes after both_legs in the shipped order, so the bank refuses the gate: a gate must come first
    with pytest.raises(ContentError, match="not asked before it"):
        load_question_bank(folder)
