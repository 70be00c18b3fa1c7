"""backpain_cli.api (issue 21): the CLI's result for every vignette and every response, no printing,
safe from many threads and processes, the content loaded once per folder."""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import api
from backpain_cli.bundle import _load, shipped_content_dir
from backpain_cli.errors import Code
from backpain_cli.fhir.response import build_response
from backpain_cli.yamlload import safe_load
from tests.fhir.conftest import VIGNETTES
from tests.helpers import ALL_CLEAR, FIXED_DAY, bank

EPOCH = "1795651200"  # FIXED_DAY, 2026-11-26


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in its own process, on the fixed day."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("BACKPAIN_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-m", "backpain_cli", "assess", *args], capture_output=True, text=True, env=env, check=False
    )


def mapping(path: Path) -> Any:
    """A vignette's answers as a service would hold them: parsed JSON, or YAML read the YAML 1.2 way."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else safe_load(text)


def without_source(line: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in line.items() if k != "source"}


@pytest.fixture(scope="module")
def responses(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A QuestionnaireResponse file for every vignette, as a portal would send it."""
    from backpain_cli.bundle import load_bundle
    from backpain_cli.readers import read_source

    folder = tmp_path_factory.mktemp("responses")
    paths = []
    for path in VIGNETTES:
        answers = read_source(path, load_bundle()).answers.as_dict()
        target = folder / f"{path.stem}.json"
        target.write_text(json.dumps(build_response(answers, bank())), encoding="utf-8")
        paths.append(target)
    return paths


def test_every_vignette_gives_the_clis_result() -> None:
    done = cli(*[a for p in VIGNETTES for a in ("-a", str(p))], "-f", "jsonl")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == len(VIGNETTES)
    for path, line in zip(VIGNETTES, lines, strict=True):
        assert line["source"] == str(path)
        expected = without_source(line)
        assert api.assess(mapping(path), today=FIXED_DAY) == expected, path.name
        assert api.assess(path.read_text(encoding="utf-8"), today=FIXED_DAY) == expected, path.name


def test_a_batch_line_is_the_single_files_json() -> None:
    """What the batch test above compares with is exactly ``assess -f json`` for one file."""
    for path in (VIGNETTES[0], VIGNETTES[-1]):
        done = cli("-a", str(path), "-f", "json")
        assert json.loads(done.stdout) == api.assess(mapping(path), today=FIXED_DAY)


def test_every_response_gives_the_clis_result_and_bundle(responses: list[Path]) -> None:
    done = cli(*[a for p in responses for a in ("-a", str(p))], "-f", "jsonl")
    bundles = cli(*[a for p in responses for a in ("-a", str(p))], "-f", "fhir")
    assert done.returncode == bundles.returncode == 0, done.stderr + bundles.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    fhir = [json.loads(line) for line in bundles.stdout.splitlines()]
    assert len(results) == len(fhir) == len(responses)
    for path, result, bundle in zip(responses, results, fhir, strict=True):
        resource = json.loads(path.read_text(encoding="utf-8"))
        assert api.assess(resource, today=FIXED_DAY) == without_source(result), path.name
        assert api.assess_to_fhir(resource, today=FIXED_DAY) == bundle, path.name
    single = cli("-a", str(responses[0]), "-f", "fhir")
    assert json.loads(single.stdout) == api.assess_to_fhir(json.loads(responses[0].read_text()), today=FIXED_DAY)


def test_the_date_comes_from_source_date_epoch_as_in_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert api.assess(ALL_CLEAR)["assessed_on"] == "2026-11-26"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        api.assess(ALL_CLEAR)


def test_bad_answers_raise_with_the_clis_message(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"age": 12, "fevr": "yes"}), encoding="utf-8")
    with pytest.raises(api.InvalidAnswers) as caught:
        api.assess({"age": 12, "fevr": "yes"}, source=str(path))
    assert isinstance(caught.value, ValueError)
    assert {p.code for p in caught.value.problems} == {Code.UNDER_AGE, Code.UNKNOWN_KEY}
    with pytest.raises(api.InvalidAnswers) as from_text:  # the file's text: located as the CLI locates it
        api.assess(path.read_text(encoding="utf-8"), source=str(path))
    said = cli("-a", str(path), "-f", "json").stderr
    assert said == "".join(f"backpain: error: {line}\n" for line in str(from_text.value).splitlines())
    with pytest.raises(api.InvalidAnswers, match="not valid JSON"):
        api.assess("{age: 40,")  # text is read as a file is: by its content
    with pytest.raises(api.InvalidAnswers, match="over 1 MB"):
        api.assess("#" * 1_000_001)
    with pytest.raises(TypeError, match="not list"):
        api.assess([ALL_CLEAR])  # type: ignore[arg-type]


def test_nothing_is_printed_and_warnings_go_to_the_callback(capsys: pytest.CaptureFixture[str]) -> None:
    response = build_response({**ALL_CLEAR, "saddle_numbness": "yes"}, bank())
    response["status"] = "in-progress"
    response["questionnaire"] = response["questionnaire"].split("|")[0] + "|2025.1.0"
    heard: list[str] = []
    result = api.assess(response, source="portal/42", on_warning=heard.append)
    assert result["urgency"] == "emergency"
    assert capsys.readouterr() == ("", "")
    assert len(heard) == 2 and all(w.startswith("portal/42: ") for w in heard)
    assert any("in-progress" in w for w in heard) and any("2025.1.0" in w for w in heard)
    api.assess({**ALL_CLEAR, "leg_pain_below_knee": "no", "numbness_spreading": "yes"}, on_warning=heard.append)
    assert "numbness_spreading was ignored" in heard[-1]


def test_a_withdrawn_response_is_refused_unless_accepted() -> None:
    response = build_response(ALL_CLEAR, bank()) | {"status": "entered-in-error"}
    with pytest.raises(api.InvalidAnswers) as caught:
        api.assess(response)
    assert caught.value.problems[0].code == Code.STATUS
    assert api.assess(response, accept_status={"entered-in-error"})["urgency"] == "routine"
    with pytest.raises(TypeError):
        api.assess(response, accept_status="entered-in-error")


def test_region_and_language_are_checked(tmp_path: Path) -> None:
    uk, plain = api.assess(ALL_CLEAR, region="uk", lang="en"), api.assess(ALL_CLEAR)
    # issue 20: the disclaimer names the region's call, as the summary does; nothing else changes
    assert "999" in uk["disclaimer"] and "000" not in uk["disclaimer"] and "000" in plain["disclaimer"]
    assert {**uk, "disclaimer": ""} == {**plain, "disclaimer": ""}
    with pytest.raises(ValueError, match="unknown region 'mars'"):
        api.assess(ALL_CLEAR, region="mars")
    with pytest.raises(api.InvalidContent, match=r"'fr': the content folder has no texts in it \(it has: en, es\)"):
        api.assess(ALL_CLEAR, lang="fr")
    with pytest.raises(TypeError):
        api.assess(ALL_CLEAR, lang=1)  # type: ignore[arg-type]
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    shutil.rmtree(folder / "lang")
    with pytest.raises(api.InvalidContent, match=r"'es': the content folder has no texts in it \(it has: en\)"):
        api.assess(ALL_CLEAR, lang="es", content=folder)


def _codes(value: Any) -> Any:
    """The result's keys and its values that are codes (ids, levels, keys, numbers), not its prose."""
    if isinstance(value, dict):
        return {k: _codes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_codes(v) for v in value]
    return value if not isinstance(value, str) or re.fullmatch(r"[a-z0-9_.\-]+", value) else "prose"


@pytest.mark.parametrize("path", VIGNETTES[::7], ids=lambda p: p.name)
def test_spanish_results_are_the_command_s_and_keep_the_contract(path: Path) -> None:
    """lang="es" (or a tag, "es-MX") gives what assess --lang es -f json prints: prose in Spanish, the
    same keys and codes as in English."""
    spanish = api.assess(mapping(path), lang="es", source=str(path), today=FIXED_DAY)
    assert spanish == json.loads(cli("-a", str(path), "-f", "json", "--lang", "es").stdout)
    assert api.assess(mapping(path), lang="es-MX", source=str(path), today=FIXED_DAY) == spanish
    english = api.assess(mapping(path), source=str(path), today=FIXED_DAY)
    assert _codes(spanish) == _codes(english) and spanish["disclaimer"] != english["disclaimer"]
    assert spanish["urgency"] == english["urgency"] and spanish["imaging"] == english["imaging"]
    fhir = api.assess_to_fhir(mapping(path), lang="es")
    assert fhir["resourceType"] == "Bundle"


def test_a_broken_content_folder_is_invalid_content(tmp_path: Path) -> None:
    with pytest.raises(api.InvalidContent, match="content folder does not exist"):
        api.assess(ALL_CLEAR, content=tmp_path / "nowhere")


def test_the_content_is_loaded_once_per_folder(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    api.assess(ALL_CLEAR, content=folder)
    loaded = _load.cache_info().misses
    for _ in range(20):
        api.assess(ALL_CLEAR, content=folder)
        api.assess(ALL_CLEAR, content=str(folder))
    assert _load.cache_info().misses == loaded


def test_many_threads_at_once_give_the_same_results() -> None:
    cases = [mapping(p) for p in VIGNETTES]
    alone = [api.assess(c, today=FIXED_DAY) for c in cases]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda c: api.assess(c, today=FIXED_DAY), cases * 3))
    assert together == alone * 3


def _in_a_process(case: Any) -> dict[str, Any]:
    return api.assess(case, today=FIXED_DAY)


@pytest.mark.parametrize("method", [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()])
def test_many_processes_give_the_same_results(method: str) -> None:
    cases = [mapping(p) for p in VIGNETTES[:24]]
    context = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        assert list(pool.map(_in_a_process, cases)) == [_in_a_process(c) for c in cases]
