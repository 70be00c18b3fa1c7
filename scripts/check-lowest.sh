#!/usr/bin/env bash
# The declared dependency floors are true: install the project with every direct dependency (the
# runtime ones and the test extra) at the LOWEST version pyproject.toml allows, then run the test
# suite against them. A floor that is too low (for example typer 0.12, whose --version callback
# fires on every call under today's click, so `backpain assess -f json` printed the version and
# exited 0) shows up here as a failing test instead of on a user's machine.
#
#   bash scripts/check-lowest.sh [PYTEST ARGS...]     (for example --full)
#
# Uses uv's `--resolution lowest-direct`: direct dependencies at their floors, indirect ones at the
# newest they allow, as a fresh install would get them. uv is installed with pip into a throwaway
# environment; the tests run in a second fresh one. Builds with python3 from PATH, or $PYTHON.
# Exits non-zero when the install or any test fails; removes everything it made.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
work=$(mktemp -d)
# mktemp makes the folder 0700, but some tests run a child as another user (nobody: issue 19's
# shared-folder tests) that must read the program and its content from here.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

echo "check-lowest: installing uv"
"$python" -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check uv
uv=$work/tools/bin/uv

echo "check-lowest: installing '.[test]' with --resolution lowest-direct"
"$uv" venv --quiet --python "$python" "$work/venv"
"$uv" pip install --quiet --python "$work/venv/bin/python" --resolution lowest-direct -e '.[test]'

echo "check-lowest: runtime dependencies at their floors:"
"$work/venv/bin/python" - <<'PY'
import importlib.metadata as md
import re
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
for requirement in project["dependencies"]:
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
    print(f"  {md.metadata(name)['Name']}=={md.version(name)}    (declared: {requirement})")
PY

echo "check-lowest: running the tests"
# pytest's temporary folders go inside $work so the trap removes them too.
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider --basetemp="$work/pytest" "$@"
echo "check-lowest: the test suite passed with every direct dependency at its floor"
