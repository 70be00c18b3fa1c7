"""A vignette written as a QuestionnaireResponse file, for command tests."""

from __future__ import annotations

import json
from pathlib import Path

from backpain_cli.fhir.response import build_response
from tests.helpers import bank, read_answers


def response_file(path: Path, folder: Path) -> Path:
    target = folder / f"{path.stem}.qr.json"
    target.write_text(json.dumps(build_response(read_answers(path).as_dict(), bank())))
    return target
