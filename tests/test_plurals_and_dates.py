"""Numbers with their units in the right plural form, and dates spelled the reader's way (issue 20).

A number before a unit word ("1 weeks", "1 semanas") is a sentence only plural forms can get right in
every language, so every one of them in every catalogue must be an entry given in plural forms
(``texts.PLURALS``), and the code fills a "{weeks}" slot with such an entry. Every date a person
reads goes through the catalogue's ``day`` (or ``short_date`` in a table's column); ISO dates stay
where a script reads them (JSON, FHIR, ``--date``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from backpain_cli.bundle import Bundle, load_bundle, shipped_content_dir
from backpain_cli.texts import PLURALS, Texts

SHIPPED = shipped_content_dir()
CATALOGUES = {"en": SHIPPED / "texts" / "en.yaml", "es": SHIPPED / "lang" / "es" / "texts.yaml"}
# Unit words a number can stand before, in each language (the counted things of this program).
UNITS = {
    "en": r"weeks?|days?|months?|years?|questions?|check-ins?|answers?|hours?|minutes?|times?|pages?",
    "es": r"semanas?|días?|mes|meses|años?|preguntas?|control|controles|respuestas?|horas?|minutos?|vez|veces|"
    r"páginas?",
}
# A placeholder, at most one word (an adjective: "short"), then a unit word.
_NUMBER_UNIT = "\\{{[a-z_]+(?::[^}}]*)?\\}}\\s+(?:[^\\W\\d_]+\\s+)?(?:{units})\\b"


def number_before_unit(text: str, language: str) -> list[str]:
    return re.findall(_NUMBER_UNIT.format(units=UNITS[language]), text, flags=re.IGNORECASE)


def _leaves(data: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, str(index)))
    else:
        yield path, data


def _under_plural(path: tuple[str, ...]) -> bool:
    return any(path[: len(p.split("."))] == tuple(p.split(".")) for p in PLURALS)


@pytest.fixture(scope="module", params=["en", "es"])
def texts(request: pytest.FixtureRequest) -> Texts:
    return load_bundle(language=request.param).texts


# ---------------------------------------------------------------------------- the kind: "{n} unit"


def test_the_scan_finds_a_number_before_a_unit() -> None:
    """The scan itself: the catalogue's wordings before issue 20's fix are caught, plain ones are not."""
    assert number_before_unit("the pain started {weeks} weeks ago", "en")
    assert number_before_unit("Answer them ({count} questions)", "en")
    assert number_before_unit("up to {total} short questions", "en")
    assert number_before_unit("hace {weeks} semanas", "es") and number_before_unit("{total} controles", "es")
    assert number_before_unit("hasta {total} preguntas cortas", "es")
    assert not number_before_unit("Check-in {number} on {date}", "en")
    assert not number_before_unit("{count} de {total} tendrían", "es")


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_number_before_a_unit_word_is_in_plural_forms(language: str) -> None:
    data = yaml.safe_load(CATALOGUES[language].read_text(encoding="utf-8"))
    found = [
        (".".join(path), text)
        for path, text in _leaves(data)
        if isinstance(text, str) and not _under_plural(path) and number_before_unit(text, language)
    ]
    assert found == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_plural_entry_has_the_languages_number_of_forms(language: str) -> None:
    texts = load_bundle(language=language).texts
    count = int(texts.plural_forms.split(";")[0].split("=")[1])
    for where in PLURALS:
        forms: Any = texts
        for name in where.split("."):
            forms = getattr(forms, name)
        assert isinstance(forms, tuple) and len(forms) == count, where


# ---------------------------------------------------------------------------- plural words, both languages

PLURAL_WORDS = {
    "en": {
        "weeks": ["0 weeks", "1 week", "2 weeks", "5,200 weeks"],
        "years": ["0 years", "1 year", "2 years", "5,200 years"],
        "check_ins": ["0 check-ins", "1 check-in", "2 check-ins", "5,200 check-ins"],
        "questions": ["0 questions", "1 question", "2 questions", "5,200 questions"],
    },
    "es": {
        "weeks": ["0 semanas", "1 semana", "2 semanas", "5200 semanas"],
        "years": ["0 años", "1 año", "2 años", "5200 años"],
        "check_ins": ["0 controles", "1 control", "2 controles", "5200 controles"],
        "questions": ["0 preguntas", "1 pregunta", "2 preguntas", "5200 preguntas"],
    },
}


def test_units_take_the_plural_form_of_their_number(texts: Texts) -> None:
    forms = {
        "weeks": texts.history.weeks,
        "years": texts.units.years,
        "check_ins": texts.units.check_ins,
        "questions": texts.units.questions,
    }
    for unit, expected in PLURAL_WORDS[texts.language].items():
        assert [texts.plural(forms[unit], n) for n in (0, 1, 2, 5200)] == expected, unit


@pytest.mark.parametrize(
    ("language", "weeks", "age"),
    [
        ("en", ["0 weeks", "1 week", "2 weeks", "5,200 weeks"], "40 years"),
        ("es", PLURAL_WORDS["es"]["weeks"], "40 años"),
    ],
)
def test_a_number_answer_is_shown_with_its_unit_in_the_right_form(language: str, weeks: list[str], age: str) -> None:
    """The review screen, the clinician's answers and ``history show`` say "1 week", never "1 weeks"."""
    b = load_bundle(language=language)
    question = b.bank.get("pain_weeks")
    assert [b.texts.answer_text(question, n) for n in (0, 1, 2, 5200)] == weeks
    assert b.texts.answer_text(b.bank.get("age"), 40) == age
    assert b.texts.answer_text(b.bank.get("pain_score"), 1) == "1"  # no unit, no word


def test_every_unit_of_the_bank_has_plural_forms_or_content_check_says_so() -> None:
    from backpain_cli.texts import check_texts

    for language in CATALOGUES:
        b = load_bundle(language=language)
        units = {q.unit for q in b.bank.questions if q.unit}
        assert units and all(b.texts.unit_forms(u) is not None for u in units)
        found = check_texts(b.texts, rule_ids=b.texts.rules, integer_keys=(), source="x", units=["fortnights"])
        assert [p.message for p in found] == ["units: no plural forms for the unit 'fortnights'"]


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("en", "Removed the 1 check-in from H.", "Removed all 3 check-ins from H."),
        ("es", "Se borró 1 control de H.", "Se borraron los 3 controles de H."),
    ],
)
def test_forgetting_every_check_in_counts_them_in_the_right_form(language: str, one: str, many: str) -> None:
    t = load_bundle(language=language).texts
    assert t.plural(t.history.removed_all, 1, where="H").startswith(one)
    assert t.plural(t.history.removed_all, 3, where="H").startswith(many)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ["0 of 1 check-in would", "1 of 1 check-in would", "1 of 2 check-ins would", "2 of 5,200 check-ins would"],
        ),
        (
            "es",
            ["0 de 1 control tendrían", "1 de 1 control tendría", "1 de 2 controles tendría", "2 de 5200 controles"],
        ),
    ],
)
def test_the_recheck_summary_counts_check_ins_in_the_right_form(language: str, expected: list[str]) -> None:
    t = load_bundle(language=language).texts
    for (changed, total), start in zip([(0, 1), (1, 1), (1, 2), (2, 5200)], expected, strict=True):
        said = t.plural(t.history.recheck.summary, changed, total=t.plural(t.units.check_ins, total))
        assert said.startswith(start), said


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("language", "day", "short"),
    [("en", "7 December 2026", "7 Dec 2026"), ("es", "7 de diciembre de 2026", "7 dic 2026")],
)
def test_a_date_is_spelled_the_readers_way(language: str, day: str, short: str) -> None:
    t = load_bundle(language=language).texts
    assert t.day(dt.date(2026, 12, 7)) == day
    assert t.short_date(dt.date(2026, 12, 7)) == short
    assert max(len(t.short_date(dt.date(2026, m, 28))) for m in range(1, 13)) <= 11  # a table's column


def spanish() -> Bundle:
    return load_bundle(language="es")


def test_the_spanish_chart_names_dates_and_levels_in_spanish() -> None:
    from backpain_cli.history.changes import PainPoint
    from backpain_cli.render.chart import pain_chart_svg, print_pain_chart
    from backpain_cli.render.rich_summary import make_console

    points = [
        PainPoint(dt.date(2026, 11, 5), 6, "routine", None),
        PainPoint(dt.date(2026, 11, 19), 8, "soon", None),
    ]
    t = spanish().texts
    console = make_console(width=80)
    with console.capture() as captured:
        print_pain_chart(points, t, console)
    shown = captured.get()
    svg = pain_chart_svg(points, t)
    for text in (shown, svg):
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
        assert "no urgente" in text and "pronto" in text and "routine" not in text and "soon" not in text
    assert "5 nov 2026" in shown and "19 nov 2026" in shown
    assert "5 de noviembre de 2026: dolor 6, no urgente" in svg


def test_the_listing_keeps_its_columns_with_longer_words() -> None:
    """Spanish level words are longer than English ones ("no urgente", "resonancia hoy"): each column is
    as wide as its longest word, so the next column still starts at the same place on every line."""
    from backpain_cli.commands.history import _listing

    rows = [
        {"id": 12, "date": "2026-11-19", "urgency": "routine", "imaging": "mri_urgent", "pain_score": 6, "peg": None}
        | {"new": [], "resolved": []},
        {"id": 3, "date": "2026-11-05", "urgency": "soon", "imaging": "none", "pain_score": None, "peg": 6.7}
        | {"new": [], "resolved": []},
    ]
    b = spanish()
    lines = _listing(rows, b.texts, b.bank).splitlines()
    assert "19 nov 2026" in lines[1] and "resonancia hoy" in lines[1] and "5 nov 2026" in lines[2]
    for words in (("urgencia", "no urgente", "pronto"), ("imagen", "resonancia hoy", "ninguna")):
        assert len({line.index(word) for line, word in zip(lines, words, strict=True)}) == 1, lines


# ---------------------------------------------------------------------------- the clinic names the language


@pytest.mark.parametrize(("fmt", "clinic", "said"), [
    ("text", "en", "The patient answered in Spanish."),
    ("markdown", "en", "The patient answered in Spanish."),
    ("html", "en", "The patient answered in Spanish."),
])  # fmt: skip
def test_the_clinician_page_names_the_patients_language_in_the_clinics(
    tmp_path: Path, fmt: str, clinic: str, said: str
) -> None:
    from typer.testing import CliRunner

    from backpain_cli.cli import app

    case = tmp_path / "a.yaml"
    case.write_text("age: 51\npain_weeks: 1\n")
    result = CliRunner().invoke(app, ["assess", "-a", str(case), "-f", fmt, "--lang", "es", "--clinic-lang", clinic])
    assert result.exit_code == 0 and said in result.stdout and "Español" not in result.stdout
    assert "1 week" in result.stdout and "1 weeks" not in result.stdout  # the clinician's list of answers
    data = CliRunner().invoke(app, ["assess", "-a", str(case), "-f", "json", "--lang", "es", "--clinic-lang", clinic])
    assert "Spanish" not in data.stdout and "patient answered" not in data.stdout  # the JSON result: no such field


def test_a_language_the_clinics_catalogue_does_not_name_is_given_by_its_own_name() -> None:
    t = load_bundle().texts
    assert t.language_name("es", "Español") == "Spanish" and t.language_name("fr", "Français") == "Français"
    assert load_bundle(language="es").texts.language_name("en", "English") == "inglés"
