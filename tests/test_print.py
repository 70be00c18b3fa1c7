"""The printable HTML summary, printed to PDF by a real browser (Debian's headless Chromium).

Skipped, with the reason, only where Chromium is not installed; .ci/run installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from backpain_cli.render.document import build_summary
from backpain_cli.render.html import render_html
from tests.helpers import bank, run
from tests.test_summary import CASES, UK

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
]
PAPER = {"a4": "210mm 297mm", "letter": "8.5in 11in"}


def print_to_pdf(html: str, folder: Path, paper: str) -> Path:
    page = folder / f"summary-{paper}.html"
    # Chromium prints on its default paper; the test pins each size the clinic may use.
    page.write_text(html.replace("</head>", f"<style>@page {{ size: {PAPER[paper]}; }}</style></head>"))
    pdf = folder / f"summary-{paper}.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdf


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("case", ["routine-back-strain", "seed-sciatica-after-xray", "emergency-saddle-numbness"])
def test_summary_prints_on_one_page(tmp_path: Path, case: str, paper: str) -> None:
    from pypdf import PdfReader

    result = run(CASES[case])
    html = render_html(build_summary(result, bank(), region=UK, name="J. S."))
    pdf = print_to_pdf(html, tmp_path, paper)
    assert pdf.exists() and pdf.stat().st_size > 1000
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1  # without answers there is no clinician's page: the patient's part alone
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert result.urgency.value.upper() in text
    assert "This is not a diagnosis" in text
    assert "J. S." in text and "26 November 2026" in text
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    expected = {"a4": (595, 842), "letter": (612, 792)}[paper]
    assert abs(width - expected[0]) < 3 and abs(height - expected[1]) < 3


VIGNETTES = sorted((Path(__file__).parent / "vignettes" / "cases").iterdir())


def _worried() -> dict[str, object]:
    from backpain_cli.answers import SYMPTOM_KEYS

    answers: dict[str, object] = dict.fromkeys(SYMPTOM_KEYS, "unsure")
    return {**answers, "age": 50, "pain_weeks": 3, "pain_area": "both", "pain_score": 8, "previous_imaging": ["none"]}


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("case", [*VIGNETTES, None], ids=[*(c.stem for c in VIGNETTES), "worried-all-unsure"])
def test_every_vignette_prints_the_patients_part_on_one_page_and_at_most_three_in_all(
    tmp_path: Path, case: Path | None, paper: str
) -> None:
    """Issue 24: the patient's part on one page; the clinician's part (every finding, every answer, the
    QR code of the answers) after it, three pages at most for any answers, "not sure" to everything too;
    the name and the page number on every page."""
    from pypdf import PdfReader

    from backpain_cli.answers import validate_answers
    from backpain_cli.assessment import assess
    from backpain_cli.fhir.compact import answers_code
    from backpain_cli.render.document import Identifiers
    from tests.helpers import FIXED_DAY, bundle, read_answers, texts

    answers = read_answers(str(case)) if case is not None else validate_answers(_worried())
    result = assess(answers, bundle(), today=FIXED_DAY)
    who = Identifiers("Jane Q. Example", "1 May 1960", "A-123456")
    summary = build_summary(result, bank(), region=UK, answers=answers.as_dict(), identifiers=who)
    summary.answers_code = answers_code(answers, bank())
    reader = PdfReader(str(print_to_pdf(render_html(summary), tmp_path, paper)))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    clinic = next(i for i, text in enumerate(pages) if texts().clinic.heading in text)
    assert clinic == 1, f"the patient's part runs to {clinic} pages"
    assert len(pages) <= 3, f"the printout runs to {len(pages)} pages"
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text and "Jane Q. Example" in text
    clinic_text = " ".join(pages[clinic:])
    assert texts().printout.qr_heading in clinic_text and texts().printout.qr_heading not in pages[0]
    assert summary.clinic is not None
    for row in summary.clinic.answers:
        assert row.question.split()[0] in clinic_text
