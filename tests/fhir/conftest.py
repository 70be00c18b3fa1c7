"""Shared for the FHIR tests: the vignettes, FHIR validation with fhir.resources, a result's JSON.

A test that checks every vignette takes each one's answers and result from the session fixture
``vignettes`` (tests/vignette_helpers.py), which reads and assesses each once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backpain_cli.answers import Answers
from backpain_cli.assessment import assess
from backpain_cli.render.json import render_json
from tests.helpers import FIXED_DAY, bundle, read_answers
from tests.vignette_helpers import PATHS

VIGNETTES = PATHS


def vignette(path: Path) -> Answers:
    return read_answers(path)


def result_json(answers: Answers) -> dict[str, Any]:
    """The JSON result for ``answers`` on the fixed test day."""
    return dict(json.loads(render_json(assess(answers, bundle(), today=FIXED_DAY))))


def validate(resource: dict[str, Any], release: str) -> None:
    """Validate a FHIR resource with fhir.resources: "R4B" (for R4 output) or "R5". Raises on any error."""
    import importlib

    package = "fhir.resources.R4B" if release == "R4B" else "fhir.resources"
    module = importlib.import_module(f"{package}.{resource['resourceType'].lower()}")
    model = getattr(module, resource["resourceType"])
    model.model_validate(resource)
