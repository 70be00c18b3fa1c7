"""render/json.py: a batch line put together from cached pieces is byte for byte the line json.dumps gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from backpain_cli.assessment import Result, assess
from backpain_cli.bundle import load_bundle, shipped_content_dir
from backpain_cli.render.json import render_jsonl_line, result_to_dict
from tests.helpers import FIXED_DAY, answers, bundle, read_answers, run
from tests.strategies import answer_sets

VIGNETTES = sorted((Path(__file__).parent / "vignettes" / "cases").iterdir())
SOURCES = ["a.json", "inbox/ä ö.yaml", 'quote"back\\slash.yaml', "\x1b[2Jevil.yaml", "emoji-\U0001f600.json", "-"]


def reference(result: Result, source: str) -> str:
    """The line as json.dumps writes the whole dict: what the pieces must add up to."""
    data = {**result_to_dict(result), "source": source}
    ascii_only = any("\ud800" <= c <= "\udfff" for c in source)
    return json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":")) + "\n"


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.name)
def test_every_vignette_line_is_the_json_dumps_line(path: Path) -> None:
    result = assess(read_answers(path), bundle(), today=FIXED_DAY)
    for source in [*SOURCES, str(path)]:
        assert render_jsonl_line(result, source=source) == reference(result, source)
        assert render_jsonl_line(result, source=source) == reference(result, source)  # from the cache


@given(data=answer_sets())
def test_any_result_line_is_the_json_dumps_line(data: dict[str, Any]) -> None:
    result = run(data, base=None)
    assert render_jsonl_line(result, source="x.yaml") == reference(result, "x.yaml")


def test_a_name_that_is_not_utf8_is_escaped_as_before() -> None:
    result = run({"fever": "yes", "age": 40})
    source = "bad-\udcff.yaml"
    line = render_jsonl_line(result, source=source)
    assert line == reference(result, source) and line.isascii() and "\\udcff" in line


def test_another_catalogue_gets_its_own_pieces(tmp_path: Path) -> None:
    """Words come from the result's own catalogue even when another one's pieces were made first."""
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    catalogue = folder / "texts" / "en.yaml"
    catalogue.write_text(catalogue.read_text().replace("This is not a diagnosis", "This is still not a diagnosis"))
    other = load_bundle(folder)
    case = answers({"fever": "yes", "iv_drug_use": "yes"})
    shipped_line = render_jsonl_line(assess(case, bundle(), today=FIXED_DAY), source="a.yaml")
    other_result = assess(case, other, today=FIXED_DAY)
    other_line = render_jsonl_line(other_result, source="a.yaml")
    assert other_line == reference(other_result, "a.yaml") != shipped_line
    assert "still not a diagnosis" in other_line and "still not" not in shipped_line
    assert render_jsonl_line(assess(case, bundle(), today=FIXED_DAY), source="a.yaml") == shipped_line
