#!/usr/bin/env bash
# The source distribution is complete: build it, unpack it in a temporary folder, install it with
# its test extra into a fresh virtual environment, and run its own test suite there. Exits non-zero
# when the build, the install or any test fails; removes everything it made.
#
#   bash scripts/check-sdist.sh [PYTEST ARGS...]     (CI runs the quick form; --full for everything)
#
# Builds with the Python in $PYTHON, else .venv/bin/python, else python3 (the `build` package is
# installed into it when missing); the fresh environment uses python3 from PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# shellcheck source=scripts/python.sh
. scripts/python.sh

work=$(mktemp -d)
# mktemp makes the folder 0700, but some tests run a child as another user (nobody: issue 19's
# shared-folder tests) that must read the program and its content from here.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

if ! "$python" -c "import build" >/dev/null 2>&1; then
  echo "check-sdist: installing build"
  "$python" -m pip install --quiet build
fi

echo "check-sdist: building the sdist"
"$python" -m build --sdist --outdir "$work/dist" "$root"
sdists=("$work"/dist/*.tar.gz)
if [ "${#sdists[@]}" -ne 1 ] || [ ! -f "${sdists[0]}" ]; then
  echo "check-sdist: expected exactly one sdist, found: ${sdists[*]}" >&2
  exit 1
fi

mkdir "$work/unpacked"
tar -xzf "${sdists[0]}" -C "$work/unpacked"
src=("$work"/unpacked/*/)
if [ "${#src[@]}" -ne 1 ] || [ ! -f "${src[0]}pyproject.toml" ]; then
  echo "check-sdist: the sdist did not unpack to one project folder" >&2
  exit 1
fi
src=${src[0]%/}
echo "check-sdist: unpacked $(basename "${sdists[0]}")"

python3 -m venv "$work/venv"
(cd "$src" && "$work/venv/bin/pip" install --quiet '.[test]')

echo "check-sdist: running the sdist's tests"
# No cache in the unpacked tree, and pytest's own temporary folders inside $work so they go too.
(cd "$src" && "$work/venv/bin/python" -m pytest -q -p no:cacheprovider --basetemp="$work/pytest" "$@")
echo "check-sdist: the sdist's own test suite passed"
