#!/usr/bin/env bash
# Regenerate docs/rule-review.md from the rule table, exactly as `backpain rules --format review`
# prints it. tests/test_rule_review.py fails when the committed file differs: run this after
# changing a rule, and commit docs/rule-review.md with it.
#
#   bash scripts/gen-rule-review.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python.sh
. scripts/python.sh

"$python" -m backpain_cli rules --format review > docs/rule-review.md
