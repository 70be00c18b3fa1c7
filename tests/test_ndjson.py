"""NDJSON answer sources (issue 21): one answer set a line, each its own result, streamed in bounded memory.

readers/ndjson.py reads the lines, streaming.py assesses them; ``assess`` writes one JSON line per
line with ``"source": "FILE:LINE"`` (or one result Bundle per line with ``--format fhir``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import sys
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.batch import Source, fold, run_batch
from backpain_cli.commands.assess import run_assess
from backpain_cli.errors import AnswerFileError, ExitCode, UsageError
from backpain_cli.fhir.response import build_response
from backpain_cli.formats import Format
from backpain_cli.levels import Urgency
from backpain_cli.readers import read_source
from backpain_cli.readers.ndjson import LINE_LIMIT, RawLine, lines, sniff_stdin
from backpain_cli.streaming import CHUNK, run_stream, stream_chunks
from tests.fhir.conftest import VIGNETTES, validate
from tests.helpers import ALL_CLEAR, bundle

DAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


def given(path: Path) -> dict[str, Any]:
    """A vignette's answers as a plain mapping (what a line of an export holds)."""
    return {k: v for k, v in read_source(path, bundle()).answers.as_dict().items() if v is not None}


def export(folder: Path, records: list[Any], name: str = "export.ndjson") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ---------------------------------------------------------------------------- reading lines


def test_lines_are_numbered_blank_ones_skipped_and_a_long_one_reported_unread() -> None:
    data = b'{"a": 1}\r\n\n   \n' + b"x" * 50 + b"\n" + b'{"b": 2}'
    found = list(lines(io.BytesIO(data), limit=20))
    assert found == [RawLine(1, b'{"a": 1}\r\n'), RawLine(4, None), RawLine(5, b'{"b": 2}')]


def test_a_line_exactly_at_the_limit_is_read() -> None:
    assert list(lines(io.BytesIO(b"x" * 20 + b"\n"), limit=20)) == [RawLine(1, b"x" * 20 + b"\n")]


@pytest.mark.parametrize(
    ("data", "ndjson"),
    [
        (b'{"age": 40}\n{"age": 41}\n', True),
        (b'\n\n{"age": 40}\n\n{"age": 41}', True),
        (b'{"age": 40}\n', False),  # one object: an answer file, as before
        (b'{"age": 40}\n\n  \n', False),
        (b'{\n  "age": 40\n}\n', False),  # pretty-printed JSON
        (b"age: 40\npain_weeks: 2\n", False),  # YAML
        (b"{age: 40}\n{pain_weeks: 2}\n", False),  # YAML flow mappings are not JSON
        (b"BP1|2027.1|age=40\n", False),
        (b"", False),
    ],
)
def test_standard_input_is_sniffed_and_given_back_whole(data: bytes, ndjson: bool) -> None:
    stream, found = sniff_stdin(io.BytesIO(data))
    assert found is ndjson and stream is not None and stream.read() == data


def test_a_closed_standard_input_is_not_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert sniff_stdin() == (None, False)


def test_single_file_readers_refuse_ndjson_and_say_who_reads_it(tmp_path: Path) -> None:
    path = export(tmp_path, [ALL_CLEAR, ALL_CLEAR])
    with pytest.raises(AnswerFileError, match="'backpain assess --answers' reads it, a line at a time"):
        read_source(path, bundle())


# ---------------------------------------------------------------------------- assess


def test_every_vignette_a_line_gives_the_files_results_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lines that are answer mappings and lines that are QuestionnaireResponses, against each vignette
    assessed as its own file (the batch of files gives `assess -f json`'s result per file)."""
    records: list[Any] = []
    for path in VIGNETTES:
        records += [given(path), build_response(given(path), bundle().bank)]
    source = export(tmp_path, records)
    assert run_assess([str(source)]) == ExitCode.OK
    from_lines = jsonl(capsys.readouterr().out)
    assert run_assess([str(p) for p in VIGNETTES]) == ExitCode.OK
    from_files = jsonl(capsys.readouterr().out)
    assert len(from_lines) == 2 * len(from_files) == 2 * len(VIGNETTES)
    for number, line in enumerate(from_lines, start=1):
        assert line.pop("source") == f"{source}:{number}"
        expected = dict(from_files[(number - 1) // 2])
        del expected["source"]
        assert line == expected


def test_a_bad_line_is_its_own_error_line_and_the_others_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.ndjson"
    big = json.dumps({**ALL_CLEAR, "note": "x" * LINE_LIMIT})
    good = json.dumps(ALL_CLEAR)
    path.write_bytes(
        "\n".join(
            [
                good,
                '{"age": 12}',
                "{not json",
                '{"resourceType": "Patient"}',
                big,
                '{"age": 40, "age": 41}',
                "[1, 2]",
                good,
            ]
        ).encode()
        + b"\n\xff\xfe\n"
    )
    assert run_assess([str(path)]) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    found = jsonl(captured.out)
    assert [line["source"] for line in found] == [f"{path}:{n}" for n in range(1, 10)]
    assert [("error" in line) for line in found] == [False, *[True] * 6, False, True]
    errors = {int(line["source"].rsplit(":", 1)[1]): line["error"] for line in found if "error" in line}
    assert "under 16" in errors[2] and "not valid JSON" in errors[3] and "FHIR 'Patient'" in errors[4]
    assert "over 1 MB" in errors[5] and "appears twice" in errors[6] and "not UTF-8" in errors[9]
    assert all(error.startswith(f"{path}:{n}: ") for n, error in errors.items())
    assert f"error: {path}:3: not valid JSON" in captured.err


@pytest.mark.parametrize("fmt", [Format.JSONL, Format.FHIR])
def test_fail_on_an_emergency_line_wins_over_a_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: Format
) -> None:
    """Issue 24's rule for batches holds for the lines of an export: exit 3 when a line reaches
    --fail-on, even with a bad line before it; the bad line is still said (and is a line in JSONL)."""
    path = export(tmp_path, [{"age": 40, "fevr": "yes"}, {**ALL_CLEAR, "saddle_numbness": "yes"}, ALL_CLEAR])
    assert run_assess([str(path)], fmt=fmt, fail_on=Urgency.EMERGENCY) == ExitCode.URGENCY
    captured = capsys.readouterr()
    assert f"error: {path}:1: unknown key 'fevr'" in captured.err
    if fmt == Format.JSONL:
        found = jsonl(captured.out)
        assert ["error" in line for line in found] == [True, False, False]
        assert [line.get("urgency") for line in found] == [None, "emergency", "routine"]
    else:
        assert len(captured.out.splitlines()) == 2  # a Bundle file holds only Bundles
    calm = export(tmp_path, [{"age": 40, "fevr": "yes"}, ALL_CLEAR], "calm.ndjson")
    assert run_assess([str(calm)], fmt=fmt, fail_on=Urgency.EMERGENCY) == ExitCode.BAD_INPUT


def test_fhir_format_gives_one_result_bundle_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [given(p) for p in VIGNETTES[:12]]
    source = export(tmp_path, [*records[:6], {"age": 12}, *records[6:]])
    assert run_assess([str(source)], fmt=Format.FHIR) == ExitCode.BAD_INPUT  # the bad line: exit 2
    captured = capsys.readouterr()
    bundles = jsonl(captured.out)
    assert len(bundles) == 12 and all(b["resourceType"] == "Bundle" for b in bundles)
    assert f"{source}:7: age" in captured.err  # said on standard error, no line among the Bundles
    for item in bundles[:3]:
        validate(item, "R4B")
    assert run_assess([str(p) for p in VIGNETTES[:2]], fmt=Format.FHIR) == ExitCode.OK  # several files too
    assert [b["resourceType"] for b in jsonl(capsys.readouterr().out)] == ["Bundle", "Bundle"]


def test_other_formats_are_refused_for_several_answer_sets(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="use --format jsonl"):
        run_assess([str(export(tmp_path, [ALL_CLEAR]))], fmt=Format.JSON)


def test_ndjson_on_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin_of(monkeypatch, (json.dumps(ALL_CLEAR) + "\n" + json.dumps({**ALL_CLEAR, "fever": "yes"}) + "\n").encode())
    assert run_assess(["-"], fail_on=Urgency.URGENT) == ExitCode.URGENCY
    found = jsonl(capsys.readouterr().out)
    assert [line["source"] for line in found] == ["<stdin>:1", "<stdin>:2"]


def test_one_json_object_on_standard_input_is_still_one_answer_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_of(monkeypatch, json.dumps(ALL_CLEAR).encode() + b"\n")
    assert run_assess(["-"], fmt=Format.JSON) == ExitCode.OK
    assert json.loads(capsys.readouterr().out)["urgency"] == "routine"


def test_plain_standard_input_in_a_batch_is_read_whole_after_the_sniff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_of(monkeypatch, b"age: 40\npain_weeks: 2\nsaddle_numbness: yes\n")
    other = export(tmp_path, [ALL_CLEAR], name="one.json")
    assert run_assess(["-", str(other)]) == ExitCode.OK
    found = jsonl(capsys.readouterr().out)
    assert found[0]["source"] == "<stdin>" and found[0]["urgency"] == "emergency"


def test_a_folder_holds_ndjson_exports_too_in_name_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export(tmp_path, [ALL_CLEAR, {**ALL_CLEAR, "fever": "yes"}], name="b.ndjson")
    export(tmp_path, [ALL_CLEAR], name="a.json")
    (tmp_path / "c.ndjson").mkdir()  # a folder with the name: reported in its place
    assert run_assess([str(tmp_path)]) == ExitCode.BAD_INPUT
    found = jsonl(capsys.readouterr().out)
    assert [Path(line["source"]).name for line in found] == ["a.json", "b.ndjson:1", "b.ndjson:2", "c.ndjson"]
    assert "is a folder" in found[-1]["error"]


def test_a_missing_export_is_an_error_line_and_the_others_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = export(tmp_path, [ALL_CLEAR])
    assert run_assess([str(tmp_path / "gone.ndjson"), str(good)]) == ExitCode.BAD_INPUT
    found = jsonl(capsys.readouterr().out)
    assert found[0] == {"source": str(tmp_path / "gone.ndjson"), "error": f"{tmp_path / 'gone.ndjson'}: no such file"}
    assert found[1]["source"] == f"{good}:1" and found[1]["urgency"] == "routine"


def test_an_output_file_never_replaces_the_export(tmp_path: Path) -> None:
    source = export(tmp_path, [ALL_CLEAR])
    with pytest.raises(UsageError, match="is also an answer file"):
        run_assess([str(source)], output=source)


def test_an_output_named_ndjson_picks_its_format(tmp_path: Path) -> None:
    source = export(tmp_path, [ALL_CLEAR, ALL_CLEAR])
    run_assess([str(source)], output=tmp_path / "results.ndjson")
    run_assess([str(source)], output=tmp_path / "results.fhir.ndjson")
    assert [json.loads(line)["source"] for line in (tmp_path / "results.ndjson").read_text().splitlines()] == [
        f"{source}:1",
        f"{source}:2",
    ]
    bundles = (tmp_path / "results.fhir.ndjson").read_text().splitlines()
    assert [json.loads(line)["resourceType"] for line in bundles] == ["Bundle", "Bundle"]


# ---------------------------------------------------------------------------- workers and memory


@pytest.mark.parametrize("method", [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()])
def test_worker_processes_give_the_one_process_lines(tmp_path: Path, method: str) -> None:
    records = [{**ALL_CLEAR, "age": 20 + i % 80, "fever": "yes" if i % 7 == 0 else "no"} for i in range(300)]
    records[150] = {"age": 12}
    sources = [Source(str(export(tmp_path, records))), Source(str(export(tmp_path, [ALL_CLEAR], "x.json")))]
    alone = list(run_stream(sources, bundle=bundle(), today=DAY, workers=1))
    pooled = list(run_stream(sources, bundle=bundle(), today=DAY, workers=2, start_method=method))
    assert pooled == alone and len(alone) == 301 and alone[150].urgency is None
    assert alone[-1:] == list(run_batch(sources[1:], bundle=bundle(), today=DAY))  # a file is a file


@pytest.mark.parametrize("workers", [1, 2])
def test_assess_gets_the_lines_folded_a_chunk_at_a_time(tmp_path: Path, workers: int) -> None:
    """stream_chunks (what ``assess`` writes) is run_stream's lines, CHUNK items a message, in order."""
    records: list[Any] = [{**ALL_CLEAR, "age": 20 + i % 80, "fever": "yes" if i % 9 == 0 else "no"} for i in range(250)]
    records[100] = {"age": 12}
    sources = [Source(str(export(tmp_path, records)))]
    lines = list(run_stream(sources, bundle=bundle(), today=DAY, workers=1))
    chunks = list(stream_chunks(sources, bundle=bundle(), today=DAY, workers=workers))
    expected = [fold(lines[start : start + CHUNK]) for start in range(0, len(lines), CHUNK)]
    assert chunks == expected and len(chunks) == 4
    assert [c.bad for c in chunks] == [False, True, False, False] and chunks[0].worst == Urgency.URGENT


_MEASURE = """
import datetime as dt, gc, resource, sys
from backpain_cli.batch import Source
from backpain_cli.bundle import load_bundle
from backpain_cli.streaming import stream_chunks
gc.disable()  # as `assess` runs (launch.py): a leak the collector would hide shows here
day, workers = dt.date(2026, 11, 26), int(sys.argv[2])
stream = stream_chunks([Source(sys.argv[1])], bundle=load_bundle(), today=day, workers=workers)
count = sum(c.text.count("\\n") for c in stream)
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_kb(path: Path, workers: int) -> int:
    """The peak resident memory (KB) of a process that streams ``path``'s results and keeps none."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path), str(workers)], capture_output=True, check=True)
    count, peak = map(int, done.stdout.split())
    assert count == len(path.read_bytes().splitlines())
    return peak


@pytest.mark.parametrize("workers", [1, 2])
def test_memory_does_not_grow_with_the_file(tmp_path: Path, workers: int) -> None:
    """Streaming proved: five times the lines, the same peak within 4 MB. Keeping the results of the
    2,400 more lines (``list(run_stream(...))``) adds 9 MB, measured on this machine."""
    record = json.dumps({**ALL_CLEAR, "leg_pain_below_knee": "yes"}) + "\n"
    small, large = tmp_path / "small.ndjson", tmp_path / "large.ndjson"
    small.write_text(record * 600, encoding="utf-8")  # past PARALLEL_FROM and every chunk in flight
    large.write_text(record * 3000, encoding="utf-8")
    low, high = _peak_kb(small, workers), _peak_kb(large, workers)
    assert high - low < 4 * 1024, (low, high)


def test_a_chunk_holds_at_most_its_count_or_about_its_bytes() -> None:
    """Lines of up to 1 MB each must not make the chunks in flight hold hundreds of megabytes."""
    from backpain_cli.streaming import take

    def items(size: int) -> Any:
        return iter([Source("e.ndjson", line=n, data=b"x" * size) for n in range(1, 1000)])

    assert len(take(items(10), 64, size=1_000_000)) == 64
    big = take(items(300_000), 64, size=1_000_000)
    assert len(big) == 4 and sum(len(i.data or b"") for i in big) == 1_200_000
