"""The printable HTML summary, printed to PDF by a real browser (Debian's headless Chromium).

The printing tests are skipped, with the reason, only where Chromium is not installed; .ci/run
installs it. Chromium prints the vignettes with the longest patient's part and the longest clinic
copy (by the length of their HTML), and a worried patient who answers "not sure" to everything; a
browser-free test holds every other vignette within them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.answers import Answers, validate_answers
from backpain_cli.assessment import Result, assess
from backpain_cli.fhir.compact import answers_code
from backpain_cli.render.document import Identifiers, Summary, build_summary
from backpain_cli.render.html import render_html
from tests.helpers import FIXED_DAY, bank, bundle, run, texts
from tests.test_summary import CASES, UK
from tests.vignette_helpers import CASES as CASES_DIR
from tests.vignette_helpers import PATHS, Vignettes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
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


@pytest.mark.slow
@needs_chromium
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


# Chromium prints only the vignettes that come closest to the page limits (issue 24: the patient's
# part on one page, three pages in all). Each part is measured on its own, by the length of its HTML;
# the two longest of each are printed, on both papers, with the worried patient. Printed in Chromium
# on 2026-12-07, every vignette and the worried patient kept the patient's part on one page and the
# whole within three (issue 24's closing note). The browser-free test below holds every vignette
# within the longest printed, so a longer new one fails there until it is named here.
LONGEST_PATIENT_PART = ["cancer-weight-loss-age-missing.yaml", "infection-immunosuppressed-leg-numbness.yaml"]
LONGEST_CLINIC_COPY = ["both-legs-pain-stable-30-weeks-never-scanned.yaml", "major-trauma-26-weeks-ago.yaml"]
PRINTED = [CASES_DIR / name for name in LONGEST_PATIENT_PART + LONGEST_CLINIC_COPY]
CLINIC_START = '<section class="clinic">'
WORRIED = "worried-all-unsure"


def worried_patient() -> Answers:
    """Every yes/no question answered "not sure": the longest summary there can be."""
    from backpain_cli.answers import SYMPTOM_KEYS

    answers: dict[str, Any] = dict.fromkeys(SYMPTOM_KEYS, "unsure")
    base = {"age": 50, "pain_weeks": 3, "pain_area": "both", "pain_score": 8, "previous_imaging": ["none"]}
    return validate_answers({**answers, **base})


def printout(answers: Answers, result: Result) -> tuple[Summary, str]:
    """The summary with every answer, the clinic copy and the answers' QR code, and its HTML."""
    who = Identifiers("Jane Q. Example", "1 May 1960", "A-123456")
    summary = build_summary(result, bank(), region=UK, answers=answers.as_dict(), identifiers=who)
    summary.answers_code = answers_code(answers, bank())
    return summary, render_html(summary)


def part_lengths(html: str) -> tuple[int, int]:
    """The length of the patient's part (everything before the clinic copy) and of the clinic copy."""
    start = html.index(CLINIC_START)
    return start, len(html) - start


def test_no_vignette_is_longer_than_the_longest_printed(vignettes: Vignettes) -> None:
    """Browser-free, in every run: no vignette's patient's part or clinic copy is longer than the
    longest that Chromium prints in the test below."""
    printed = [part_lengths(printout(vignettes[p].answers, vignettes[p].result)[1]) for p in PRINTED]
    longest_patient, longest_clinic = max(p for p, _ in printed), max(c for _, c in printed)
    for path in PATHS:
        patient, clinic = part_lengths(printout(vignettes[path].answers, vignettes[path].result)[1])
        assert patient <= longest_patient, f"{path.name}: the longest patient's part; add it to LONGEST_PATIENT_PART"
        assert clinic <= longest_clinic, f"{path.name}: the longest clinic copy; add it to LONGEST_CLINIC_COPY"


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("case", [*PRINTED, None], ids=[*(c.stem for c in PRINTED), WORRIED])
def test_the_longest_print_the_patients_part_on_one_page_and_at_most_three_in_all(
    tmp_path: Path, case: Path | None, paper: str, vignettes: Vignettes
) -> None:
    """Issue 24: the patient's part on one page; the clinician's part (every finding, every answer, the
    QR code of the answers) after it, three pages at most for any answers, "not sure" to everything too;
    the name and the page number on every page."""
    from pypdf import PdfReader

    if case is None:
        answers = worried_patient()
        result = assess(answers, bundle(), today=FIXED_DAY)
    else:
        answers, result = vignettes[case].answers, vignettes[case].result
    summary, html = printout(answers, result)
    reader = PdfReader(str(print_to_pdf(html, tmp_path, paper)))
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


# Spanish runs longer than English (issue 20). Printed in Chromium on 2026-12-08, every vignette and
# the worried patient kept the Spanish patient's part on one Letter page after the wording was
# tightened; these are the three that came closest.
LONGEST_SPANISH = [
    "unsure-weakness-several-no-yes",
    "claudication-both-legs-assessed",
    "cancer-weight-loss-age-missing",
]


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("name", LONGEST_SPANISH)
def test_the_spanish_patients_part_prints_on_one_page_and_the_whole_on_three(
    tmp_path: Path, name: str, paper: str, vignettes: Vignettes
) -> None:
    from pypdf import PdfReader

    from backpain_cli.bundle import load_bundle

    spanish = load_bundle(language="es")
    given = vignettes[CASES_DIR / f"{name}.yaml"].answers
    result = assess(given, spanish, today=FIXED_DAY)
    region = spanish.regions["uk"]
    alone = print_to_pdf(render_html(build_summary(result, spanish.bank, region=region)), tmp_path, paper)
    assert len(PdfReader(str(alone)).pages) == 1
    whole = build_summary(
        result, spanish.bank, region=region, answers=given.as_dict(), identifiers=Identifiers("M. G.")
    )
    (tmp_path / "whole").mkdir()
    pdf = print_to_pdf(render_html(whole), tmp_path / "whole", paper)
    assert len(PdfReader(str(pdf)).pages) <= 3
