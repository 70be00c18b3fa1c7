"""Issue 20: ``questions``, ``template`` and the patient's notes in Spanish, the unreviewed notice
once in every Spanish patient output, and an unknown ``--lang`` said in the locale's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli.bundle import load_bundle
from backpain_cli.cli import app

NOTICE = load_bundle(language="es").texts.translation.unreviewed


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------- questions


def test_questions_in_spanish_has_no_english_words_around_the_values() -> None:
    code, text, _ = run("questions", "--lang", "es")
    assert code == 0
    assert text.startswith("preguntas de backpain (versión 2027.1): 63 preguntas\n")
    assert "older key" not in text and "check asks" not in text and "instead" not in text
    assert "(clave antigua" in text
    assert "lower_back (parte baja de la espalda), mid_back (mitad de la espalda) o both (las dos)" in text
    assert text.count(NOTICE) == 1


def test_questions_in_english_stay_as_they_were() -> None:
    code, text, _ = run("questions", "--lang", "en")
    assert code == 0
    assert text.startswith("backpain questions (bank 2027.1): 63 questions\n")
    assert "(older key, still read; check asks weakness_getting_worse, numbness_spreading instead)" in text
    assert "[lower_back, mid_back or both]" in text
    assert NOTICE not in text


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_questions_json_keys_and_values_do_not_change_with_the_language(fmt: str) -> None:
    def shape(text: str) -> list[object]:
        rows = [json.loads(text)] if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        questions = rows[0]["questions"] if fmt == "json" else rows
        return [(q["key"], q["type"], q["allowed"], q["choices"], q["refined_by"]) for q in questions]

    english, spanish = run("questions", "-f", fmt, "--lang", "en")[1], run("questions", "-f", fmt, "--lang", "es")[1]
    assert shape(english) == shape(spanish)


# ---------------------------------------------------------------------------- template


def test_the_spanish_template_gives_each_value_its_spanish_meaning() -> None:
    code, text, _ = run("template", "--lang", "es")
    assert code == 0
    prose = " ".join(line.removeprefix("# ") for line in text.splitlines())
    assert "Valores posibles: lower_back (parte baja de la espalda), mid_back (mitad de la espalda) o both" in prose
    assert "yes (sí), no o unsure (no estoy seguro/a)" in text
    assert "\npain_area:\n" in text and "\nsaddle_numbness:\n" in text  # the keys are the contract
    assert text.count(NOTICE) == 1
    for english in ("Allowed", "a list from", " or ", "Only needed", "answer file"):
        assert english not in text


def test_the_english_template_keeps_its_values_bare() -> None:
    text = run("template", "--lang", "en")[1]
    assert "# Allowed: lower_back, mid_back or both." in text


# ---------------------------------------------------------------------------- notes on standard error


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("BACKPAIN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_history_add_notes_are_in_the_patients_language(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\nsaddle_numbness: no\nbladder_change: yes\n")
    code, _, err = run("history", "add", "a.yaml", "--lang", "es", "--remind", "r.ics", "-f", "html", "-o", "h.html")
    assert code == 0, err
    assert "wrote" not in err and "warning" not in err
    assert "backpain: archivo guardado: r.ics" in err and "backpain: archivo guardado: h.html" in err


def test_history_add_warnings_are_in_the_patients_language(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\nleg_weakness: no\nweakness_getting_worse: yes\n")
    code, _, err = run("history", "add", "a.yaml", "--lang", "es", "-f", "text")
    assert code == 0, err
    assert "backpain: aviso: a.yaml: no se tuvo en cuenta weakness_getting_worse" in err
    assert "was ignored" not in err and "warning:" not in err


def test_assess_notes_stay_english_for_scripts(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\nleg_weakness: no\nweakness_getting_worse: yes\n")
    code, _, err = run("assess", "-a", "a.yaml", "--lang", "es", "-f", "json", "-o", "r.json")
    assert code == 0
    assert err == (
        "backpain: warning: a.yaml: weakness_getting_worse was ignored: "
        "the questions it depends on were answered 'no'\n"
        "backpain: wrote r.json\n"
    )


# ---------------------------------------------------------------------------- the unreviewed notice


def test_every_spanish_patient_output_says_once_it_is_unreviewed(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\npain_score: 6\n")
    (home / "b.yaml").write_text("age: 40\npain_weeks: 4\npain_score: 3\n")
    outputs: dict[str, str] = {}
    for fmt in ("text", "markdown", "html"):
        outputs[f"assess {fmt}"] = run("assess", "-a", "a.yaml", "--lang", "es", "-f", fmt)[1]
    add = ("history", "--lang", "es", "add")
    outputs["history add"] = run(*add, "a.yaml", "--date", "2026-11-01", "-f", "text")[1]
    run(*add, "b.yaml", "--date", "2026-11-25", "--remind", "r.ics", "-f", "text")
    outputs["reminder"] = (home / "r.ics").read_bytes().decode().replace("\r\n ", "")  # unfolded
    outputs["history list"] = run("history", "--lang", "es", "list")[1]
    outputs["history show"] = run("history", "--lang", "es", "show", "1")[1]
    outputs["history recheck"] = run("history", "--lang", "es", "recheck")[1]
    outputs["questions"] = run("questions", "--lang", "es")[1]
    outputs["template"] = run("template", "--lang", "es")[1]
    counts = {name: text.count(NOTICE) for name, text in outputs.items()}
    assert counts == dict.fromkeys(outputs, 1)
    english = run("history", "--lang", "en", "show", "1")[1] + run("history", "--lang", "en", "recheck")[1]
    assert load_bundle().texts.translation.unreviewed not in english


# ---------------------------------------------------------------------------- an unknown language


def test_an_unknown_language_is_said_in_the_locales_language() -> None:
    code, _, err = run("questions", "--lang", "español", env={"LANG": "es_MX.UTF-8", "LC_ALL": ""})
    assert code == 2
    assert "no conocemos el idioma 'español'" in err
    assert "en (inglés), es (español)" in err
    assert "unknown" not in err


def test_an_unknown_language_is_said_in_english_when_the_locale_is_not_ours() -> None:
    code, _, err = run("template", "--lang", "español", env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    assert code == 2
    assert "unknown language 'español'; choose one of: en (English), es (Spanish)" in err


def test_assess_keeps_its_unknown_language_error_for_scripts() -> None:
    code, _, err = run("assess", "-a", "-", "--lang", "xx", env={"LANG": "es_ES.UTF-8", "LC_ALL": ""})
    assert code == 2
    assert "unknown language 'xx'; choose one of: en, es" in err


def test_history_add_says_a_bad_answer_file_in_the_patients_language(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\nedad: 41\n")
    code, _, err = run("history", "add", "a.yaml", "--lang", "es", "-f", "text")
    assert code == 2
    assert "a.yaml:2: no conocemos la clave 'edad' (¿quiso decir 'age'?)" in err and "unknown key" not in err
    assert not (home / "home" / "history.sqlite3").exists()  # nothing kept


def test_history_add_says_what_it_made_private_in_the_patients_language(home: Path) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\n")
    assert run("history", "add", "a.yaml", "--lang", "es", "-f", "json")[0] == 0
    history = home / "home" / "history.sqlite3"
    history.chmod(0o644)
    code, _, err = run("history", "add", "a.yaml", "--lang", "es", "-f", "json")
    assert code == 0
    assert "otras personas podían leer el historial; ahora es privado otra vez (0600)" in err
    assert "other users" not in err and (history.stat().st_mode & 0o077) == 0
    history.chmod(0o644)
    assert "ahora es privado otra vez" in run("history", "--lang", "es", "recheck")[2]
    history.chmod(0o644)
    english = run("history", "list")[2]  # a listing's note stays as the program says it
    assert "other users could read the history; it is private again (0600)" in english


@pytest.mark.parametrize(
    ("args", "spanish", "english"),
    [
        (("show", "9"), ": no hay ningún control 9", ": there is no check-in 9"),
        (
            ("forget", "9"),
            ": no hay ningún control 9; no se borró nada",
            ": there is no check-in 9; nothing was removed",
        ),
        (("add", "a.yaml", "--date", "2099-01-01"), "--date 2099-01-01 está en el futuro", "--date 2099-01-01 is in"),
        (("add", "a.yaml", "--date", "ayer"), "--date debe ser una fecha como 2026-11-08, no 'ayer'", "not 'ayer'"),
    ],
)
def test_history_errors_a_patient_meets_are_in_their_language(
    home: Path, args: tuple[str, ...], spanish: str, english: str
) -> None:
    (home / "a.yaml").write_text("age: 40\npain_weeks: 2\n")
    assert run("history", "add", "a.yaml", "-f", "json")[0] == 0
    code, _, err = run("history", "--lang", "es", *args)
    assert code == 2 and spanish in err
    code, _, err = run("history", "--lang", "en", *args)
    assert code == 2 and english in err
