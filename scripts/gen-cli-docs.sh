#!/usr/bin/env bash
# Regenerate docs/cli.md, the command-line reference, from the typer app itself (typer's own docs
# generator). tests/test_cli_docs.py fails when the committed file differs from what this writes,
# so run it after changing any command, option or help text, and commit docs/cli.md.
#
#   bash scripts/gen-cli-docs.sh
#
# Uses the Python that has backpain installed: $PYTHON, else .venv/bin/python, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python.sh
. scripts/python.sh

"$python" -m typer backpain_cli.cli utils docs --name backpain --output docs/cli.md
