"""The compact answer form and the QR code on the printout: scanned back, it gives the same result."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli import terminal
from backpain_cli.answers import Answers
from backpain_cli.cli import app
from backpain_cli.errors import AnswerFileError, Code
from backpain_cli.fhir.compact import answers_code, decode, encode
from backpain_cli.render.html import answers_qr_section
from tests import speed
from tests.fhir.conftest import VIGNETTES, result_json, vignette
from tests.helpers import bank, parse_answers, texts
from tests.vignette_helpers import Vignettes


def _read(text: str) -> Answers:
    return parse_answers(text.encode(), source="scan", kind=None)


def scan(code: str) -> str:
    """The QR code of ``code`` drawn as an image (segno PNG) and read back by a decoder (zxing-cpp)."""
    import segno
    import zxingcpp
    from PIL import Image

    png = io.BytesIO()
    segno.make_qr(code, error="m").save(png, kind="png", scale=3, border=4)
    png.seek(0)
    (found,) = zxingcpp.read_barcodes(Image.open(png))
    return str(found.text)


def densest(paths: list[Path], count: int) -> list[Path]:
    """The ``count`` vignettes with the longest codes: the densest QR codes, the hardest to read."""
    return sorted(paths, key=lambda p: len(answers_code(vignette(p), bank())), reverse=True)[:count]


# Drawing and reading a code takes about 45 ms (segno's encoder, then zxing-cpp), so, as property
# tests get fewer examples, the quick run scans the five densest codes and the full run every
# vignette's. Every vignette's code is read back as text in every run (the test after this one).
SCANNED = VIGNETTES if speed.FULL else densest(VIGNETTES, 5)


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.name)
def test_answers_to_qr_code_to_result_is_the_same(path: Path, vignettes: Vignettes) -> None:
    code = answers_code(vignettes[path].answers, bank())
    assert code.isascii()
    assert result_json(_read(scan(code))) == vignettes[path].result_json()


def test_every_vignettes_code_read_as_text_gives_the_same_result(vignettes: Vignettes) -> None:
    for path in VIGNETTES:
        code = answers_code(vignettes[path].answers, bank())
        assert code.isascii(), path.name
        assert result_json(_read(code)) == vignettes[path].result_json(), path.name


def test_the_form_holds_every_kind_of_answer() -> None:
    data = {"age": 42, "previous_imaging": ["xray", "mri"], "pain_area": "both", "fever": "unsure", "rash_x": None}
    code = encode(data, "v1")
    assert code == "BP1|v1|age=42;pain_area=both;previous_imaging=xray+mri;fever=u"
    assert decode(code, source=None)[0] == {
        "age": "42",
        "pain_area": "both",
        "previous_imaging": ["xray", "mri"],
        "fever": "unsure",
    }
    assert _read(code).previous_imaging == ["xray", "mri"]


def test_the_printout_carries_the_code_of_the_answers(tmp_path: Path) -> None:
    import segno

    path = VIGNETTES[0]
    target = tmp_path / "summary.html"
    result = CliRunner().invoke(app, ["assess", "-a", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text()
    code = answers_code(vignette(path), bank())
    svg = segno.make_qr(code, error="m").svg_inline(scale=3, border=4, dark="#000", light="#fff", omitsize=False)
    assert svg in html and "<script" not in html
    assert answers_qr_section(None, texts()) == []


def test_bad_codes_are_bad_input_with_a_reason() -> None:
    cases = {
        "BP1|2026.11.1|age=42;saddle_numbnes=y": (Code.UNKNOWN_KEY, "saddle_numbness"),
        "BP1|2026.11.1|age=42;age=43": (Code.DUPLICATE_KEY, "twice"),
        "BP1|2026.11.1|age=12": (Code.UNDER_AGE, "16"),
        "BP1|2026.11.1|fever=maybe": (Code.BAD_VALUE, "fever"),
        "BP1|2026.11.1|fever": (Code.SYNTAX, "key=value"),
        "BP1|only-two-parts": (Code.SYNTAX, "compact"),
    }
    for text, (code, words) in cases.items():
        with pytest.raises(AnswerFileError) as caught:
            _read(text)
        problem = caught.value.problems[0]
        assert problem.code == code and words in problem.describe(), text


def test_assess_reads_a_scanned_code_from_stdin_and_warns_on_another_version() -> None:
    runner = CliRunner()
    path = VIGNETTES[1]
    code = answers_code(vignette(path), bank())
    scanned = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input=scan(code) + "\n")
    assert scanned.exit_code == 0, scanned.output
    assert json.loads(scanned.stdout)["urgency"] == result_json(vignette(path))["urgency"]
    older = code.replace(f"|{bank().version}|", "|2025.1.0|")
    result = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input=older)
    assert result.exit_code == 0 and "2025.1.0" in result.stderr


def test_the_summary_check_saves_carries_the_code_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.interview_helpers import ROUTINE_SCRIPT

    monkeypatch.setattr(terminal, "is_interactive", lambda: True)
    monkeypatch.chdir(tmp_path)
    # the walk, then: details? save answers? file name, save a printout? name on it? (no), file name
    typed = "\n".join([*ROUTINE_SCRIPT, "d", "y", "answers.yaml", "y", "n", "s.html"]) + "\n"
    result = CliRunner().invoke(app, ["check", "--plain"], input=typed)
    assert result.exit_code == 0, result.output
    saved = parse_answers((tmp_path / "answers.yaml").read_bytes(), source="a", kind="yaml")
    assert "<svg" in (tmp_path / "s.html").read_text()
    assert answers_qr_section(answers_code(saved, bank()), texts())[0] in (tmp_path / "s.html").read_text()
