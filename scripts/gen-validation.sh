#!/usr/bin/env bash
# Regenerate docs/validation.md: the rules measured on the project's vignettes (tests/vignettes/).
# tests/test_validation.py fails when the committed file differs: run this after changing a rule or a
# vignette, and commit docs/validation.md with it.
#
#   bash scripts/gen-validation.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python.sh
. scripts/python.sh

"$python" -m tests.validation > docs/validation.md
