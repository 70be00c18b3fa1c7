"""docs/cli.md never goes stale: it is exactly what typer's docs generator writes for the app today."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "docs" / "cli.md"
REGENERATE = "docs/cli.md is out of date: run `bash scripts/gen-cli-docs.sh` and commit docs/cli.md"
# The typer release whose docs generator wrote the committed file. Older releases (still allowed
# for running backpain, see scripts/check-lowest.sh) word the same options slightly differently.
GENERATED_WITH = (0, 29)


def _typer_version() -> tuple[int, ...]:
    import typer

    return tuple(int(part) for part in typer.__version__.split(".")[:2] if part.isdigit())


def test_cli_reference_matches_the_app(tmp_path: Path) -> None:
    if _typer_version() < GENERATED_WITH:
        pytest.skip(f"docs/cli.md was generated with typer {'.'.join(map(str, GENERATED_WITH))} or newer")
    fresh = tmp_path / "cli.md"
    command = [sys.executable, "-m", "typer", "backpain_cli.cli", "utils", "docs", "--name", "backpain"]
    proc = subprocess.run(
        [*command, "--output", str(fresh)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"typer's docs generator failed:\n{proc.stderr}"
    assert COMMITTED.exists(), "docs/cli.md is missing: run `bash scripts/gen-cli-docs.sh` and commit it"

    expected = fresh.read_text(encoding="utf-8")
    committed = COMMITTED.read_text(encoding="utf-8")
    if committed != expected:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                fromfile="docs/cli.md (committed)",
                tofile="docs/cli.md (generated now)",
            )
        )
        pytest.fail(f"{REGENERATE}\n\n{diff}", pytrace=False)
