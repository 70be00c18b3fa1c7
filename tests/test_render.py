"""render/__init__.py: the one place a format is chosen, and the one dispatch over every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backpain_cli.errors import UsageError
from backpain_cli.fhir.result import build_result_bundle
from backpain_cli.formats import SUFFIX_FORMATS, Format, pick_format
from backpain_cli.render import render_result, render_summary
from backpain_cli.render.document import build_summary
from tests.helpers import answers, bank, run


@pytest.mark.parametrize(
    ("fmt", "output", "batch", "terminal", "expected"),
    [
        (None, None, False, True, Format.RICH),
        (None, None, False, False, Format.TEXT),
        (None, None, True, True, Format.JSONL),
        (Format.JSONL, None, True, False, Format.JSONL),
        (None, Path("a.HTML"), False, True, Format.HTML),
        (None, Path("a.md"), False, False, Format.MARKDOWN),
        (Format.TEXT, Path("a.html"), False, False, Format.TEXT),  # --format wins over the extension
    ],
)
def test_pick_format(fmt: Format | None, output: Path | None, batch: bool, terminal: bool, expected: Format) -> None:
    assert pick_format(fmt, output, batch=batch, terminal=terminal) == expected


@pytest.mark.parametrize(
    ("fmt", "output", "batch", "message"),
    [
        (None, Path("a.pdf"), False, "cannot tell the format"),
        (Format.JSON, None, True, "use --format jsonl"),
        (Format.RICH, Path("a.txt"), False, "cannot be written to a file"),
    ],
)
def test_pick_format_refuses_what_cannot_work(
    fmt: Format | None, output: Path | None, batch: bool, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        pick_format(fmt, output, batch=batch, terminal=False)


def test_every_suffix_names_a_real_format() -> None:
    assert set(SUFFIX_FORMATS.values()) == set(Format) - {Format.RICH}


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_and_each_differs(fmt: Format) -> None:
    result = run({"saddle_numbness": "yes"})
    text = render_result(
        result,
        fmt,
        summary=lambda: build_summary(result, bank()),
        fhir=lambda: build_result_bundle(result, answers({"saddle_numbness": "yes"}), bank()),
    )
    marker = {
        Format.FHIR: '"resourceType": "Bundle"',
        Format.JSON: '"urgency": "emergency"',
        Format.JSONL: '"urgency":"emergency"',
        Format.TEXT: "*** EMERGENCY: get help now ***",
        Format.MARKDOWN: "## ",
        Format.HTML: "<!DOCTYPE html>",
        Format.RICH: "EMERGENCY: get help now",
    }[fmt]
    assert marker in text
    if fmt in (Format.JSON, Format.JSONL):
        assert json.loads(text)["urgency"] == "emergency"


def test_json_is_never_made_from_the_summary() -> None:
    result = run()
    with pytest.raises(ValueError, match="made from the result"):
        render_summary(build_summary(result, bank()), Format.JSON)


def test_the_summary_is_built_only_when_a_format_needs_it() -> None:
    def must_not_be_called():  # type: ignore[no-untyped-def]
        raise AssertionError("JSON needs no summary")

    assert render_result(run(), Format.JSON, summary=must_not_be_called)


def test_a_missing_age_is_said_in_every_printed_summary() -> None:
    """Issue 10: the under-16 refusal cannot be bypassed silently; an answer file without an age says so."""
    from backpain_cli.render import Format, render_result
    from backpain_cli.render.document import build_summary
    from tests.helpers import bank, run

    result = run({"age": None})
    for fmt in (Format.TEXT, Format.MARKDOWN, Format.HTML):
        text = render_result(result, fmt, summary=lambda: build_summary(result, bank()), source="x")
        assert "only for people aged 16 and over" in text, fmt
