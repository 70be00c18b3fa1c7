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
