"""The PEG (issue 22): its answers, its score, its meaningful change, and that it never triages."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.answers import ANSWER_KEYS, INTEGER_KEYS, SYMPTOM_KEYS, Answers, validate_answers
from backpain_cli.assessment import assess
from backpain_cli.bundle import check_bundle, load_bundle, shipped_content_dir
from backpain_cli.errors import AnswerFileError
from backpain_cli.measures import MEASURE_KEYS, PEG_KEYS, Score, change, one_decimal, peg
from backpain_cli.render.json import result_to_dict
from backpain_cli.result_model import JsonResult
from backpain_cli.rules import RULES
from backpain_cli.template import render_template
from backpain_cli.triage import decide
from tests.helpers import ALL_CLEAR, FIXED_DAY, bank, bundle, texts
from tests.speed import examples
from tests.strategies import answer_sets

ITEM = st.integers(0, 10)
PEG_ANSWERS = st.fixed_dictionaries({key: ITEM for key in PEG_KEYS})


def peg_of(p: int, e: int, g: int) -> Score:
    score = peg({"peg_pain": p, "peg_enjoyment": e, "peg_activity": g})
    assert score is not None
    return score


# ---------------------------------------------------------------------------- the answers


def test_the_peg_keys_are_whole_numbers_and_no_yes_no_question() -> None:
    assert set(PEG_KEYS) == MEASURE_KEYS
    assert set(ANSWER_KEYS) >= MEASURE_KEYS and MEASURE_KEYS <= INTEGER_KEYS
    assert not MEASURE_KEYS & SYMPTOM_KEYS


@given(key=st.sampled_from(PEG_KEYS), n=ITEM, spelling=st.sampled_from(["{}", " {} ", "+{}", "{}.0", "0{}"]))
@settings(max_examples=examples(200), deadline=None)
def test_every_whole_number_0_to_10_is_read_however_it_is_spelled(key: str, n: int, spelling: str) -> None:
    assert getattr(validate_answers({key: spelling.format(n)}), key) == n
    assert getattr(validate_answers({key: float(n)}), key) == n


@given(
    key=st.sampled_from(PEG_KEYS),
    value=st.one_of(
        st.integers(max_value=-1),
        st.integers(min_value=11),
        st.floats(allow_nan=True).filter(lambda f: not f.is_integer() or not 0 <= f <= 10),
        st.sampled_from(["yes", "four", "4.5", "1e1", "½", True, False, [3]]),
    ),
)
@settings(max_examples=examples(200), deadline=None)
def test_anything_else_is_refused_with_the_allowed_values(key: str, value: Any) -> None:
    with pytest.raises(AnswerFileError) as exc:
        validate_answers({key: value})
    assert key in exc.value.describe()


def test_an_answer_file_with_the_peg_reads_and_round_trips() -> None:
    answers = validate_answers({**ALL_CLEAR, "peg_pain": "6", "peg_enjoyment": 5, "peg_activity": 4.0})
    assert (answers.peg_pain, answers.peg_enjoyment, answers.peg_activity) == (6, 5, 4)
    assert validate_answers(answers.answered()) == answers


# ---------------------------------------------------------------------------- the score


@given(items=PEG_ANSWERS)
def test_the_score_is_the_mean_to_one_decimal(items: dict[str, int]) -> None:
    score = peg(items)
    assert score is not None
    total = sum(items.values())
    assert score.mean == Fraction(total, 3)
    assert 0 <= score.value <= 10
    assert abs(score.value - total / 3) <= 0.05 + 1e-9
    assert score.value == float(f"{score.value:.1f}")


@pytest.mark.parametrize(
    ("items", "value"), [((5, 4, 4), 4.3), ((5, 5, 4), 4.7), ((0, 0, 0), 0.0), ((10, 10, 10), 10.0)]
)
def test_scores_by_hand(items: tuple[int, int, int], value: float) -> None:
    assert peg_of(*items).value == value


def test_halves_round_up_as_people_round() -> None:
    assert one_decimal(Fraction(425, 100)) == 4.3
    assert one_decimal(Fraction(415, 100)) == 4.2


@given(items=PEG_ANSWERS, missing=st.sets(st.sampled_from(PEG_KEYS), min_size=1))
def test_no_score_unless_every_item_is_answered(items: dict[str, int], missing: set[str]) -> None:
    assert peg({k: v for k, v in items.items() if k not in missing}) is None
    assert peg({**items, **dict.fromkeys(missing)}) is None


@pytest.mark.parametrize("odd", [True, "5", 11, -1, 4.5, None, [5]])
def test_a_hand_edited_value_gives_no_score(odd: object) -> None:
    assert peg({"peg_pain": odd, "peg_enjoyment": 5, "peg_activity": 5}) is None


# ---------------------------------------------------------------------------- meaningful change


@given(first=PEG_ANSWERS, now=PEG_ANSWERS)
def test_an_important_change_is_30_percent_and_a_point(first: dict[str, int], now: dict[str, int]) -> None:
    a, b = peg(first), peg(now)
    assert a is not None and b is not None
    needed = max(Fraction(3, 10) * a.mean, Fraction(1))
    said = change(a, b)
    assert (said == "improved") == (a.mean - b.mean >= needed)
    assert (said == "worsened") == (b.mean - a.mean >= needed)
    assert change(a, a) is None
    # The same difference can never be an improvement one way and not a worsening the other way round
    # from a lower start: the threshold grows with the first score.
    if said == "improved":
        assert change(b, a) == "worsened"


@pytest.mark.parametrize(
    ("first", "now", "expected"),
    [
        ((7, 7, 7), (5, 5, 4), "improved"),  # 7.0 -> 4.7: 33% and 2.3 points
        ((7, 7, 7), (5, 5, 6), None),  # 7.0 -> 5.3: 24%
        ((2, 1, 0), (0, 0, 0), "improved"),  # 1.0 -> 0: 100% and one point
        ((1, 1, 0), (0, 0, 0), None),  # 0.7 -> 0: 100%, but under a point (Reed 2024)
        ((3, 3, 3), (4, 4, 4), "worsened"),  # 3 -> 4: 33% and one point
        ((0, 0, 0), (1, 1, 0), None),  # 0 -> 0.7: under a point
        ((6, 6, 6), (7, 7, 7), None),  # 6 -> 7: one point but 17%
    ],
)
def test_meaningful_change_by_hand(first: tuple[int, ...], now: tuple[int, ...], expected: str | None) -> None:
    assert change(peg_of(*first), peg_of(*now)) == expected


# ---------------------------------------------------------------------------- it never triages


def test_no_rule_reads_a_measure() -> None:
    for rule in RULES:
        assert not rule.when.keys() & MEASURE_KEYS, rule.id


@given(data=answer_sets(), items=PEG_ANSWERS)
@settings(max_examples=examples(300), deadline=None)
def test_the_peg_never_changes_the_decision(data: dict[str, Any], items: dict[str, int]) -> None:
    without = decide(Answers.model_validate(data), gates=bank().skip_gates)
    with_peg = decide(Answers.model_validate({**data, **items}), gates=bank().skip_gates)
    assert with_peg == without


@given(items=st.fixed_dictionaries({key: st.one_of(st.none(), ITEM) for key in PEG_KEYS}))
def test_a_blank_item_is_never_unanswered(items: dict[str, int | None]) -> None:
    decision = decide(Answers.model_validate({**ALL_CLEAR, **items}))
    assert not MEASURE_KEYS & (set(decision.unanswered) | set(decision.would_change) | set(decision.not_asked))


# ---------------------------------------------------------------------------- the result


def result_of(case: dict[str, Any], content: Path | None = None) -> dict[str, Any]:
    b = load_bundle(content) if content else bundle()
    return result_to_dict(assess(validate_answers({**ALL_CLEAR, **case}), b, today=FIXED_DAY))


def test_the_result_carries_the_peg_when_all_three_are_answered() -> None:
    data = result_of({"peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 4})
    assert data["measures"] == {"peg": {"score": 4.3, "items": {"peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 4}}}
    assert JsonResult.model_validate(data).model_dump(mode="json") == json.loads(json.dumps(data))
    same = result_of({})
    assert {k: v for k, v in data.items() if k != "measures"} == {k: v for k, v in same.items() if k != "measures"}


@pytest.mark.parametrize("case", [{}, {"peg_pain": 5}, {"peg_pain": 5, "peg_activity": 0}])
def test_no_peg_without_all_three(case: dict[str, int]) -> None:
    data = result_of(case)
    assert data["measures"] == {}
    assert JsonResult.model_validate(data).model_dump(mode="json")["measures"] == {}


def test_the_result_schema_describes_the_measures() -> None:
    schema = JsonResult.model_json_schema()
    assert "measures" in schema["properties"]
    peg_schema = schema["$defs"]["PegMeasure"]
    assert peg_schema["properties"]["score"]["maximum"] == 10


# ---------------------------------------------------------------------------- the content folder


def edited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    data = yaml.safe_load((folder / "questions.yaml").read_text())
    edit(data)
    (folder / "questions.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def switched_off(data: dict[str, Any]) -> None:
    data["measures"] = []


def test_a_clinic_can_switch_the_peg_off(tmp_path: Path) -> None:
    folder = edited(tmp_path, switched_off)
    off = load_bundle(folder)
    assert off.bank.measure_ids == () and not MEASURE_KEYS & {q.key for q in off.bank.asked}
    assert "peg_pain" not in render_template(off.bank, off.texts)
    assert result_of({"peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 4}, folder)["measures"] == {}
    # the shipped bank asks it last, and offers it in the template
    assert [q.key for q in bank().asked][-3:] == list(PEG_KEYS)
    assert "peg_activity:" in render_template(bank(), texts())


def _peg_item(data: dict[str, Any], key: str = "peg_pain") -> dict[str, Any]:
    return next(q for q in data["questions"] if q["key"] == key)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["measures"][0].update(id="oswestry"), "not one backpain scores"),
        (lambda d: d["measures"][0].update(items=["peg_enjoyment", "peg_pain", "peg_activity"]), "in order"),
        (lambda d: d["measures"].append(d["measures"][0]), "more than once"),
        (lambda d: _peg_item(d).update(max=5), "must rate 0 to 10"),
        (lambda d: _peg_item(d).pop("low"), "both or neither"),
        (lambda d: _peg_item(d).pop("low") and _peg_item(d).pop("high"), "published anchors"),
        (lambda d: d["questions"].insert(0, d["questions"].pop()), "after every other question"),
        (lambda d: d["questions"][0].update(low="young", high="old", type="choice"), "both or neither"),
        (lambda d: d["measures"][0].update(offer="\x1b[31mRate"), "control character"),
        (lambda d: d["measures"][0].pop("source"), "source"),
    ],
)
def test_content_check_refuses_a_broken_measure(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    bundle_found, problems = check_bundle(edited(tmp_path, edit))
    assert bundle_found is None
    assert message in " ".join(p.describe() for p in problems)
