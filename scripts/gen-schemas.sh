#!/usr/bin/env bash
# Regenerate the published JSON Schemas in docs/schema/ from the models themselves, exactly as
# `backpain schema` prints them. tests/test_schema.py fails when a committed file differs from what
# this writes, so run it after changing the answer model or the result, and commit docs/schema/.
#
#   bash scripts/gen-schemas.sh
#
# Uses the Python that has backpain installed: $PYTHON, else .venv/bin/python, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python.sh
. scripts/python.sh

mkdir -p docs/schema
"$python" -m backpain_cli schema > docs/schema/answers.schema.json
"$python" -m backpain_cli schema --result > docs/schema/result.schema.json
"$python" -m backpain_cli schema --jsonl > docs/schema/jsonl.schema.json
