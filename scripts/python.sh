# Sourced by the scripts here: the Python that has backpain installed, in $python.
# $PYTHON if set, else the project's .venv, else python3 from PATH. Run from the repository root.
if [ -n "${PYTHON:-}" ]; then
  python=$PYTHON
elif [ -x .venv/bin/python ]; then
  python=.venv/bin/python
else
  python=python3
fi
