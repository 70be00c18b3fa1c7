"""The printable HTML summary, printed to PDF by a real browser (Debian's headless Chromium).

The printing tests are skipped, with the reason, only where Chromium is not installed; .ci/run
installs it. Chromium prints the vignettes with the longest patient's part and the longest clinic
copy (by the length of their HTML); a browser-free test holds every other vignette within them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from backpain_cli.render.document import Identifiers, Summary, build_summary
from backpain_cli.render.html import render_html
from tests.helpers import bank, run
from tests.test_summary import CASES, UK
from tests.vignette_helpers import CASES as CASES_DIR
from tests.vignette_helpers import PATHS, Vignette, Vignettes

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
def test_summary_prints_on_one_or_two_pages(tmp_path: Path, case: str, paper: str) -> None:
    from pypdf import PdfReader

    result = run(CASES[case])
    html = render_html(build_summary(result, bank(), region=UK, name="J. S."))
    pdf = print_to_pdf(html, tmp_path, paper)
    assert pdf.exists() and pdf.stat().st_size > 1000
    reader = PdfReader(str(pdf))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert result.urgency.value.upper() in text
    assert "This is not a diagnosis" in text
    assert "J. S." in text and "26 November 2026" in text
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    expected = {"a4": (595, 842), "letter": (612, 792)}[paper]
    assert abs(width - expected[0]) < 3 and abs(height - expected[1]) < 3


# Chromium prints only the vignettes that come closest to the page limits. The limits are about the
# patient's part (two pages) and the clinic copy (one page), so each part is measured on its own, by
# the length of its HTML; the two longest of each are printed, on both papers. Printed in Chromium,
# every vignette showed that this measure finds the fullest pages: the longest patient's part ends
# 178 pt above the foot of its second Letter page (the fullest of all), the two longest clinic copies
# 59 pt above the foot of their page (the fullest of all). The browser-free test below holds every
# vignette within the longest printed, so a longer new one fails there until it is named here.
LONGEST_PATIENT_PART = ["cancer-weight-loss-age-missing.yaml", "cancer-suspected-weight-loss-age-60.yaml"]
LONGEST_CLINIC_COPY = ["cancer-known-leg-weakness.json", "leg-weakness-progressive-both-legs.yaml"]
PRINTED = [CASES_DIR / name for name in LONGEST_PATIENT_PART + LONGEST_CLINIC_COPY]
CLINIC_START = '<section class="clinic">'


def vignette_printout(vignette: Vignette) -> tuple[Summary, str]:
    """A vignette's summary with every answer and the clinic copy, and its HTML."""
    who = Identifiers("Jane Q. Example", "1 May 1960", "A-123456")
    summary = build_summary(vignette.result, bank(), region=UK, answers=vignette.answers.as_dict(), identifiers=who)
    return summary, render_html(summary)


def part_lengths(html: str) -> tuple[int, int]:
    """The length of the patient's part (everything before the clinic copy) and of the clinic copy."""
    start = html.index(CLINIC_START)
    return start, len(html) - start


def test_no_vignette_is_longer_than_the_longest_printed(vignettes: Vignettes) -> None:
    """Browser-free, in every run: no vignette's patient's part or clinic copy is longer than the
    longest that Chromium prints in the test below."""
    printed = [part_lengths(vignette_printout(vignettes[path])[1]) for path in PRINTED]
    longest_patient, longest_clinic = max(p for p, _ in printed), max(c for _, c in printed)
    for path in PATHS:
        patient, clinic = part_lengths(vignette_printout(vignettes[path])[1])
        assert patient <= longest_patient, f"{path.name}: the longest patient's part; add it to LONGEST_PATIENT_PART"
        assert clinic <= longest_clinic, f"{path.name}: the longest clinic copy; add it to LONGEST_CLINIC_COPY"


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("case", PRINTED, ids=[c.stem for c in PRINTED])
def test_the_longest_vignettes_print_the_patients_part_on_two_pages_and_the_answers_on_one_more(
    tmp_path: Path, case: Path, paper: str, vignettes: Vignettes
) -> None:
    """Issue 11: the patient's part within 2 pages, the clinic copy (every answer) on one more;
    the name and the page number on every page."""
    from pypdf import PdfReader

    from backpain_cli.wording import CLINIC_HEADING

    summary, html = vignette_printout(vignettes[case])
    reader = PdfReader(str(print_to_pdf(html, tmp_path, paper)))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    clinic = next(i for i, text in enumerate(pages) if CLINIC_HEADING in text)
    assert 1 <= clinic <= 2, f"the patient's part runs to {clinic} pages"
    assert len(pages) == clinic + 1, f"the clinic copy runs to {len(pages) - clinic} pages"
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text and "Jane Q. Example" in text
    clinic_text = " ".join(pages[clinic:])
    assert summary.clinic is not None
    for row in summary.clinic.answers:
        assert row.question.split()[0] in clinic_text
