"""Test-wide settings: deterministic property tests on CI, no stray content folder from the environment."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# On CI every run explores the same examples, so a red build is always reproducible.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _no_content_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKPAIN_CONTENT", raising=False)
