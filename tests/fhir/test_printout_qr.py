"""The printout's QR code as paper and a scanner meet it: drawn by Chromium, read by zxing-cpp.

Marked slow (starts Chromium); skipped with the reason where Chromium is not installed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli.cli import app
from tests.fhir.conftest import VIGNETTES, result_json, vignette
from tests.helpers import parse_answers
from tests.test_print import CHROMIUM, print_to_pdf
from tests.vignette_helpers import Vignettes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
]

# The vignettes with the most answers and red flags make the longest printouts and the densest codes.
LONGEST = sorted(VIGNETTES, key=lambda p: -len(vignette(p).answered()))[:3]


def printout(path: Path, folder: Path) -> str:
    target = folder / "summary.html"
    result = CliRunner().invoke(
        app, ["assess", "-a", str(path), "-o", str(target)], env={"SOURCE_DATE_EPOCH": "1795651200"}
    )
    assert result.exit_code == 0, result.output
    return target.read_text()


def screenshot(html: str, folder: Path) -> Path:
    page, png = folder / "page.html", folder / "page.png"
    page.write_text(html)
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         f"--user-data-dir={folder / 'profile'}", "--window-size=900,3000", f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return png


@pytest.mark.parametrize("path", LONGEST, ids=lambda p: p.name)
def test_the_code_chromium_draws_scans_back_to_the_same_result(
    path: Path, tmp_path: Path, vignettes: Vignettes
) -> None:
    import zxingcpp
    from PIL import Image

    png = screenshot(printout(path, tmp_path), tmp_path)
    (found,) = zxingcpp.read_barcodes(Image.open(png))
    scanned = parse_answers(found.text.encode(), source="scan", kind=None)
    assert result_json(scanned) == vignettes[path].result_json()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_printout_with_its_code_still_fits_three_pages(paper: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.helpers import texts

    # As tests/test_print.py (issue 24): the patient's part on one page, the clinic copy and the code
    # after it, three pages in all at most.
    for path in LONGEST:
        pdf = print_to_pdf(printout(path, tmp_path), tmp_path, paper)
        pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages]
        clinic = next((i for i, text in enumerate(pages) if texts().clinic.heading in text), len(pages))
        assert clinic == 1, f"{path.name}: the patient's part runs to {clinic} pages"
        assert len(pages) <= 3, f"{path.name}: the printout runs to {len(pages)} pages"
