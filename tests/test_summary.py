"""The printed summaries: golden files at a fixed date, terminal widths, and text that stays text.

Regenerate the golden files after an intended change with:  UPDATE_GOLDEN=1 python -m pytest tests/test_summary.py
and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from backpain_cli.bundle import shipped_content_dir
from backpain_cli.cli import app
from backpain_cli.levels import Urgency
from backpain_cli.regions import Region
from backpain_cli.render.document import build_summary
from backpain_cli.render.html import render_html
from backpain_cli.render.markdown import render_markdown
from backpain_cli.render.rich_summary import print_rich
from backpain_cli.render.text import render_text
from backpain_cli.rules import RULES_VERSION
from tests.helpers import ALL_CLEAR, bank, run

GOLDEN = Path(__file__).parent / "golden"
UK = Region("uk", "the United Kingdom", "999 (or 112)")

CASES: dict[str, dict[str, Any]] = {
    "routine-back-strain": {"age": 34, "pain_weeks": 1, "minor_trauma": "yes"},
    "seed-sciatica-after-xray": {"age": 42, "pain_weeks": 10, "leg_pain_below_knee": "yes", "leg_numbness": "yes",
                                 "treatment_no_better": "yes", "procedure_considered": "yes",
                                 "previous_imaging": ["xray"]},
    "emergency-saddle-numbness": {"age": 51, "pain_weeks": 2, "leg_pain_below_knee": "yes", "saddle_numbness": "yes"},
    "unsure-and-unanswered": {"age": 67, "fever": "unsure", "saddle_numbness": None, "bladder_change": None},
}  # fmt: skip
RENDERERS = {"txt": render_text, "md": render_markdown, "html": render_html}


def summary_for(case: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    return build_summary(run(CASES[case]), bank(), region=UK, **kwargs)


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, suffix: str) -> None:
    from backpain_cli.render.document import Identifiers
    from tests.helpers import answers

    # The printed copy: with the clinic part (every answer), identifiers and a fixed time.
    who = Identifiers("J. S.", "1 May 1960", "A-123")
    given = answers(CASES[name]).as_dict()
    printed = dt.datetime(2026, 11, 26, 14, 5)
    text = RENDERERS[suffix](summary_for(name, answers=given, identifiers=who, printed_at=printed))
    path = GOLDEN / f"{name}.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1"
    # The content fingerprint changes with any content file (a new FAQ page, a new language): it is
    # tested on its own (test_bundle.py); here it is masked so the summary itself is compared.
    assert _masked(text) == _masked(path.read_text())


def _masked(text: str) -> str:
    import re

    return re.sub(r"\(([0-9a-f]{12})\)", "(FINGERPRINT)", text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_format_holds_the_same_sections_in_order(name: str) -> None:
    summary = summary_for(name)
    headings = [s.heading for s in summary.sections]
    assert headings[:2] == ["What your answers suggest", "X-ray or MRI?"]
    if summary.urgency == Urgency.EMERGENCY:
        # the emergency nearly alone: no questions for a later visit, no pages to read (issue 24)
        assert "Questions to ask your doctor" not in headings and "Good to know" not in headings
    else:
        assert headings.index("Questions to ask your doctor") < headings.index("Get help right away if ...")
    for render in RENDERERS.values():
        text = render(summary)
        positions = [text.find(h.replace("...", "")) for h in headings]
        assert all(p >= 0 for p in positions) and positions == sorted(positions)
        assert "This is not a diagnosis" in text and f"rules {RULES_VERSION}" in text


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", sorted(CASES))
def test_terminal_summary_fits_the_width(name: str, width: int) -> None:
    out = io.StringIO()
    print_rich(summary_for(name), Console(file=out, width=width, highlight=False, markup=False, emoji=False))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    assert any("What your answers suggest" in line for line in lines)


def test_emergency_summary_names_the_region_number() -> None:
    text = render_text(summary_for("emergency-saddle-numbness"))
    assert "EMERGENCY: get help now" in text and "call 999 (or 112)" in text


def test_text_from_content_is_never_markup_or_escape_codes(tmp_path: Path) -> None:
    """A clinic's content with Rich markup or HTML in it is shown as the characters it holds."""
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    dq = folder / "doctor_questions.yaml"
    # every question's words, so whichever the summary picks carries the markup
    markup = "'[bold red]Is it <script>alert(1)</script> *serious*?[/]'"
    dq.write_text(re.sub(r"(?m)^    text: .*$", f"    text: {markup}", dq.read_text()))
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\n")
    runner = CliRunner()
    base = ["assess", "-a", str(answers), "--content", str(folder)]
    rich_out = runner.invoke(app, [*base, "-f", "rich"], color=True).stdout
    assert "[bold red]Is it <script>" in rich_out
    html = runner.invoke(app, [*base, "-f", "html"]).stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = runner.invoke(app, [*base, "-f", "markdown"]).stdout
    assert "<script>" not in md and "\\*serious\\*" in md


def test_control_characters_in_content_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    dq = folder / "doctor_questions.yaml"
    dq.write_text(
        dq.read_text().replace(
            "Do any of my symptoms point to a serious cause?", '"\\e[2JDo any of my symptoms point to a serious cause?"'
        )
    )
    result = CliRunner().invoke(app, ["content", "check", str(folder)])
    assert result.exit_code == 2 and "terminal control character" in result.stdout


def test_clinic_details_and_name_print_at_the_top(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    (folder / "clinic.yaml").write_text("name: Riverside Spine Clinic\naddress: [1 River Road]\nphone: 555 0100\n")
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml_dump(ALL_CLEAR))
    result = CliRunner().invoke(app, ["assess", "-a", str(answers), "--content", str(folder), "-f", "text",
                                      "--name", "A. B."])  # fmt: skip
    head = result.stdout.split("***")[0]
    assert "Name: A. B." in head and "Riverside Spine Clinic" in head and "Phone: 555 0100" in head


def yaml_dump(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data)


# ---------------------------------------------------------------------------- content check


def test_content_check_passes_on_the_shipped_content() -> None:
    result = CliRunner().invoke(app, ["content", "check"])
    assert result.exit_code == 0 and ": OK: 63 questions" in result.stdout


def test_content_check_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    (folder / "faq" / "ethics-of-imaging.md").unlink()
    sciatica = folder / "faq" / "sciatica.md"
    sciatica.write_text(sciatica.read_text() + "\nSee [this](nowhere.md).\n")
    dq = folder / "doctor_questions.yaml"
    dq.write_text(dq.read_text().replace("fits: {always: true}", "fits: {always: true, colour: red}", 1))
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text().replace("  - key: fever\n", "  - key: fevr\n"))
    result = CliRunner().invoke(app, ["content", "check", str(folder)])
    assert result.exit_code == 2
    out = result.stdout
    assert "required FAQ page 'ethics-of-imaging' is missing" in out
    assert f"{sciatica}:" in out and "'nowhere.md' points to a file that does not exist" in out
    assert f"{dq}:8: questions[0]: fits.colour: is not a field here" in out  # the line of the key itself
    assert "question 'fever' is missing" in out and "'fevr' is not an answer key" in out
    assert " problems in " in result.stderr


def test_outside_text_in_the_html_is_isolated_so_it_cannot_reorder_its_surroundings() -> None:
    """A right-to-left name or clinic line, or a region's number, sits in <bdi>: the bidi algorithm
    treats it as a unit, so it cannot flip the order of the words or numbers around it."""
    from backpain_cli.content import Clinic
    from backpain_cli.regions import Region
    from backpain_cli.render.document import build_summary
    from backpain_cli.render.html import render_html
    from tests.helpers import bank, run

    result = run({"saddle_numbness": "yes"})
    clinic = Clinic(name="מרפאת הגב", phone="03-555-1234")
    region = Region("il", "Israel", "101")
    html = render_html(build_summary(result, bank(), region=region, name="محمد 2", clinic=clinic))
    assert "<p>Name: <bdi>محمد 2</bdi></p>" in html
    assert "<p><bdi>מרפאת הגב</bdi></p>" in html and "<bdi>Phone: 03-555-1234</bdi>" in html
    assert "call <bdi>101</bdi>, or go to an emergency department" in html
    # Nothing else is touched; the region's number appears four times (banner, footer, and the
    # recap's action and emergency lines).
    assert html.count("<bdi>") == 7
