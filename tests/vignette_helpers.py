"""The clinical vignettes (tests/vignettes/cases), each read and assessed at most once a test session.

Nine test files check every vignette (urgency and imaging, schemas, summaries, FHIR forms, QR
codes, print): they share one reading and one assessment of each, through the session fixture
``vignettes`` (tests/conftest.py). A fixture, not a module-level cache, so that each pytest session
assesses afresh: scripts/mutation.sh forks test sessions from a process that has imported the
tests, and a result cached there would hide a mutant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final

from backpain_cli.answers import Answers
from backpain_cli.assessment import Result, assess
from backpain_cli.render.json import render_json
from tests.helpers import FIXED_DAY, bundle, read_answers

CASES: Final = Path(__file__).parent / "vignettes" / "cases"
PATHS: Final = sorted(CASES.iterdir())


@dataclass(frozen=True)
class Vignette:
    """One vignette: its answers as backpain reads the file, and its result on the fixed test day."""

    path: Path
    answers: Answers
    result: Result

    @cached_property
    def _json(self) -> str:
        return render_json(self.result)

    def result_json(self) -> dict[str, Any]:
        """The JSON result, a fresh dict each call (a test may change its copy)."""
        return dict(json.loads(self._json))


class Vignettes:
    """Each vignette read and assessed on first use, then kept: ``vignettes[path]``."""

    def __init__(self) -> None:
        self._seen: dict[Path, Vignette] = {}

    def __getitem__(self, path: Path) -> Vignette:
        if path not in self._seen:
            answers = read_answers(path)
            result = assess(answers, bundle(), today=FIXED_DAY)
            self._seen[path] = Vignette(path, answers, result)
        return self._seen[path]
