"""FHIR stays off the fast paths: fhir.resources never loads at run time, segno only for a QR code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.fhir.conftest import VIGNETTES
from tests.fhir.response_helpers import response_file

PROBE = """
import sys
from backpain_cli.cli import main
sys.argv = ["backpain", *{args!r}]
try:
    main()
except SystemExit:
    pass
sys.stderr.write("LOADED=" + ",".join(sorted(m for m in ("fhir", "segno", "zxingcpp") if m in sys.modules)) + "\\n")
"""


def loaded(args: list[str]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60, check=False
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED="))
    return [m for m in line.removeprefix("LOADED=").split(",") if m]


def test_reading_a_response_and_writing_fhir_loads_no_fhir_library(tmp_path: Path) -> None:
    qr = response_file(VIGNETTES[0], tmp_path)
    assert loaded(["assess", "-a", str(qr), "-f", "json"]) == []
    assert loaded(["assess", "-a", str(qr), "-f", "fhir"]) == []
    assert loaded(["fhir", "questionnaire"]) == []


def test_segno_loads_only_for_the_printout(tmp_path: Path) -> None:
    assert loaded(["assess", "-a", str(VIGNETTES[0]), "-f", "text"]) == []
    assert loaded(["assess", "-a", str(VIGNETTES[0]), "-f", "html"]) == ["segno"]
