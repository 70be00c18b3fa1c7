"""Clinical vignettes: real answer files in, expected urgency, imaging and red-flag categories out.

The cases in tests/vignettes/ were written from the clinical reference by a separate author,
independently of the rule code; a mismatch is a question for the rules, not for the vignette.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from backpain_cli.assessment import assess
from backpain_cli.cli import app
from backpain_cli.levels import Imaging
from tests.helpers import FIXED_DAY, bundle, read_answers
from tests.vignette_helpers import CASES, Vignettes

HERE = CASES.parent
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((HERE / "expected.yaml").read_text())


def test_every_case_file_has_an_expectation_and_back() -> None:
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


def test_vignettes_cover_what_they_must() -> None:
    categories = set().union(*(set(e["categories"]) for e in EXPECTED.values()))
    assert categories == {
        "cauda_equina",
        "progressive_deficit",
        "cancer",
        "infection",
        "fracture",
        "inflammatory",
        "non_spinal",
    }
    texts = {name: (CASES / name).read_text() for name in EXPECTED}
    assert sum("unsure" in t for t in texts.values()) >= 3
    assert sum(name.endswith(".json") and "true" in t for name, t in texts.items()) >= 2
    assert sum(name.endswith(".yaml") and ("true" in t or "false" in t) for name, t in texts.items()) >= 2
    assert sum(e["urgency"] == "routine" and not e["categories"] for e in EXPECTED.values()) >= 4


# Old-style files of rule set 2027.1's vignettes name, on their first line, the new-style file of the
# same patient: "Old-style file for the patient of <name>".
PARTNERS: dict[str, str] = {
    path.name: f"{match.group(1)}.yaml"
    for path in sorted(CASES.glob("old-*.yaml"))
    if (match := re.search(r"for the patient of ([a-z0-9-]+)", path.read_text().splitlines()[0]))
}


def test_old_style_files_are_never_less_cautious_than_the_same_patient_in_new_keys() -> None:
    """Issue 23: never repurpose a key. A broad answer of an earlier question bank triages the same
    patient as cautiously as the finer answers do, or more: the same urgency or higher, and an
    imaging answer at least as urgent."""
    assert len(PARTNERS) >= 7
    for old, new in PARTNERS.items():
        then = assess(read_answers(CASES / old), bundle(), today=FIXED_DAY)
        now = assess(read_answers(CASES / new), bundle(), today=FIXED_DAY)
        assert then.urgency.rank >= now.urgency.rank, (old, new)
        urgent_imaging = {Imaging.MRI_URGENT, Imaging.CT_URGENT}
        assert now.imaging not in urgent_imaging or then.imaging in urgent_imaging, (old, new)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vignette(name: str, vignettes: Vignettes) -> None:
    expected = EXPECTED[name]
    result = vignettes[CASES / name].result
    got = {
        "urgency": result.urgency.value,
        "imaging": result.imaging.value,
        "categories": sorted({f.rule.category.value for f in result.red_flags if f.rule.category}),
    }
    want = {k: (sorted(expected[k]) if k == "categories" else expected[k]) for k in got}
    assert got == want, f"{name}: {expected['why']}"


def test_vignette_folder_through_the_command_line() -> None:
    """The same cases as a script would run them: one folder, --format jsonl."""
    result = CliRunner().invoke(app, ["assess", "--answers", str(CASES), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(EXPECTED)
    for line in lines:
        expected = EXPECTED[Path(line["source"]).name]
        assert (line["urgency"], line["imaging"]) == (expected["urgency"], expected["imaging"])
