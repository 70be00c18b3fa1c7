"""How thorough a test run is: quick by default, everything with ``pytest --full``.

The quick run (``pytest``) keeps every test but skips the end-to-end ones (marked ``slow``: they start
real processes, a terminal or a browser, or type a whole interview key by key) and gives property
tests a sixth of their examples. The full run
(``pytest --full``, what CI and the README's test command use) runs everything in full.
"""

from __future__ import annotations

FULL = False  # set by conftest.py before any test module is imported


def examples(full: int) -> int:
    """Hypothesis examples for a property test: ``full`` in the full run, a sixth (at least 25) otherwise."""
    return full if FULL else max(25, full // 6)
