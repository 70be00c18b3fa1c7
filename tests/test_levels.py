"""levels.py: the ordered scales a result is expressed in."""

from __future__ import annotations

from backpain_cli.levels import Category, Imaging, Urgency


def test_urgency_is_ordered_lowest_first() -> None:
    assert [u.rank for u in (Urgency.ROUTINE, Urgency.SOON, Urgency.URGENT, Urgency.EMERGENCY)] == [0, 1, 2, 3]


def test_step_down_never_reaches_self_care() -> None:
    assert Urgency.EMERGENCY.step_down() == Urgency.URGENT
    assert Urgency.URGENT.step_down() == Urgency.SOON
    assert Urgency.SOON.step_down() == Urgency.SOON
    assert Urgency.ROUTINE.step_down() == Urgency.ROUTINE


def test_imaging_that_shows_more_ranks_higher() -> None:
    assert Imaging.NONE.rank < Imaging.XRAY.rank < Imaging.MRI.rank < Imaging.CT_URGENT.rank < Imaging.MRI_URGENT.rank


def test_the_contract_values() -> None:
    assert [u.value for u in Urgency] == ["routine", "soon", "urgent", "emergency"]
    assert {i.value for i in Imaging} == {"none", "xray", "mri", "mri_urgent", "ct_urgent"}
    assert {c.value for c in Category} == {
        "cauda_equina", "progressive_deficit", "cancer", "infection", "fracture", "inflammatory", "non_spinal"
    }  # fmt: skip
