"""The clinician's part in the clinic's language (issue 20, found by a Spanish-speaking tester):
urgency levels as the clinic language's words, each part's running header and footer in its own
language, a line telling the patient the next page is in another language, the PEG addressed to
the clinician, the history chart in the part's words, and the JSON disclaimer naming the region's
call."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backpain_cli.bundle import load_bundle
from backpain_cli.cli import app
from backpain_cli.history.changes import PainPoint
from backpain_cli.render.chart import pain_chart_svg
from backpain_cli.render.html import render_html
from backpain_cli.render.layout import Summary
from tests.test_print import LONGEST_PATIENT_PART, needs_chromium, print_to_pdf, worried_patient
from tests.vignette_helpers import CASES as CASES_DIR
from tests.vignette_helpers import Vignettes

ANSWERS = 'age: 60\npain_weeks: 1\nsaddle_numbness: "yes"\npeg_pain: 5\npeg_enjoyment: 4\npeg_activity: 6\n'
# Weakness getting worse too: a second, lower finding, listed by title on the clinician's page.
LOWER = ANSWERS + 'leg_weakness: "yes"\nweakness_worsening: "yes"\n'
FORMATS = ["text", "markdown", "html"]
CODES = ("emergency", "urgent", "soon", "routine")


def _run(tmp_path: Path, body: str, *args: str) -> str:
    case = tmp_path / "a.yaml"
    case.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", "-a", str(case), *args])
    assert result.exit_code in (0, 3, 4, 5, 6, 10, 11, 12, 13), result.output
    return result.output


def _clinician(output: str) -> str:
    """The clinician's part of a printed summary, in any format and either language."""
    marks = ('<section class="clinic"', "FOR THE CLINICIAN", "PARA EL PROFESIONAL DE SALUD")
    marks += ("## For the clinician", "## Para el profesional de salud")
    at = min((output.find(m) for m in marks if m in output), default=-1)
    assert at >= 0, output
    return output[at:].replace("\\_", "_")  # Markdown escapes the underscores of rule ids


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_clinicians_levels_are_the_clinic_languages_words(tmp_path: Path, fmt: str) -> None:
    spanish = _clinician(_run(tmp_path, LOWER, "--lang", "es", "--clinic-lang", "es", "-f", fmt))
    assert "emergencia" in spanish and "urgente" in spanish
    assert "ces_saddle_bladder_bowel" in spanish  # rule ids stay: a clinician can look them up
    # No English level code beside a rule id ("[id, emergency]", "(id, urgent)") or in the level column.
    assert not re.search(r"[\[(][a-z_0-9]+, (emergency|urgent|soon|routine)[\])]", spanish), spanish
    assert "<td>emergency</td>" not in spanish
    # A Spanish patient with an English clinic: the English words on the English page.
    english = _clinician(_run(tmp_path, LOWER, "--lang", "es", "-f", fmt))
    assert "emergency" in english and "emergencia" not in english
    # And an English patient with a Spanish clinic.
    clinic_es = _clinician(_run(tmp_path, LOWER, "--clinic-lang", "es", "-f", fmt))
    assert "emergencia" in clinic_es and not re.search(r"[\[(][a-z_0-9]+, (emergency|urgent)[\])]", clinic_es)


def _page_css(html: str) -> str:
    return html.split("</style>")[0]


def test_each_part_has_its_running_header_and_footer_in_its_own_language(tmp_path: Path) -> None:
    html = _run(tmp_path, ANSWERS, "--lang", "es", "-f", "html", "--name", "Marta G.")
    css = _page_css(html)
    es, en = load_bundle(language="es").texts, load_bundle().texts
    # The patient's pages: Spanish header and "Página N de M"; the clinician's: English, on named pages.
    assert "P\\e1 gina" in css or "Página" in css
    assert re.search(r"@page clinic\s*\{", css) and "page: clinic;" in css
    clinic_rule = css[css.index("@page clinic") :]
    assert '"Page "' in clinic_rule and "P\\e1 gina" not in clinic_rule
    assert en.summary.title.split()[0] in clinic_rule and es.summary.title.split()[0] not in clinic_rule
    # The same language in both parts: no second set of pages.
    same = _page_css(_run(tmp_path, ANSWERS, "--lang", "es", "--clinic-lang", "es", "-f", "html"))
    assert "@page clinic" not in same


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_patient_is_told_in_their_language_that_the_next_page_is_in_another(tmp_path: Path, fmt: str) -> None:
    es = load_bundle(language="es").texts
    line = es.translation.next_page.format(language=es.language_name("en", "English"))
    assert line == "La página siguiente es para su médico y está en inglés."
    output = _run(tmp_path, ANSWERS, "--lang", "es", "-f", fmt)
    patient = output[: output.find(_clinician(output))]
    assert line in patient and line not in _clinician(output)
    # Only when the languages differ, and only on the printed copy.
    assert line not in _run(tmp_path, ANSWERS, "--lang", "es", "--clinic-lang", "es", "-f", fmt)
    en = load_bundle().texts
    assert en.translation.next_page.format(language="Spanish") in _run(
        tmp_path, ANSWERS, "--clinic-lang", "es", "-f", fmt
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("lang", "clinic"), [("en", "en"), ("es", "en"), ("es", "es"), ("en", "es")])
def test_the_peg_on_the_clinicians_page_speaks_to_the_clinician(
    tmp_path: Path, fmt: str, lang: str, clinic: str
) -> None:
    no_emergency = ANSWERS.replace('saddle_numbness: "yes"', 'saddle_numbness: "no"')  # the recap names the PEG
    output = " ".join(_run(tmp_path, no_emergency, "--lang", lang, "--clinic-lang", clinic, "-f", fmt).split())
    page = _clinician(output)
    words = load_bundle(language=clinic).texts.measures
    assert "5.0" in page or "5,0" in page
    assert (
        words.peg_clinic.format(score=load_bundle(language=clinic).texts.decimal(5.0), pain=5, enjoyment=4, activity=6)
        in page
    )
    for patient_voice in ("Your PEG", "Su puntuación", "your pain", "su dolor afecta"):
        assert patient_voice not in page, page
    patient = output[: output.find(page)]
    assert load_bundle(language=lang).texts.measures.heading in patient  # the patient's part keeps its voice


def _spanish_chart() -> str:
    points = (
        PainPoint(dt.date(2026, 11, 10), 5, "routine"),
        PainPoint(dt.date(2026, 11, 24), 8, "emergency"),
    )
    return pain_chart_svg(points, load_bundle(language="es").texts)


def test_the_spanish_chart_has_spanish_levels_and_dates_everywhere() -> None:
    svg = _spanish_chart()
    assert "emergency" not in svg and "routine" not in svg and "2026-11-24" not in svg
    assert "emergencia" in svg and "no urgente" in svg and "24 nov" in svg


def test_the_printout_with_history_draws_the_chart_in_the_patients_words(tmp_path: Path) -> None:
    from backpain_cli.assessment import assess
    from backpain_cli.render.document import build_summary
    from tests.helpers import FIXED_DAY, answers

    b = load_bundle(language="es")
    given = answers({"age": 60, "pain_weeks": 1})
    result = assess(given, b, today=FIXED_DAY)
    summary: Summary = build_summary(result, b.bank, answers=given.as_dict())
    summary.pain_chart = (
        PainPoint(dt.date(2026, 11, 10), 5, "routine"),
        PainPoint(dt.date(2026, 11, 24), 8, "emergency"),
    )
    summary.sections[0].id = "history"  # where the chart is drawn
    html = render_html(summary)
    assert "<svg" in html and "emergencia" in html and ">emergency<" not in html and "2026-11-24" not in html


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_json_disclaimer_names_the_regions_call(tmp_path: Path, lang: str) -> None:
    b = load_bundle(language=lang)
    for region in ("us", "uk", "eu"):
        data = json.loads(_run(tmp_path, ANSWERS, "--lang", lang, "--region", region, "-f", "json"))
        assert data["disclaimer"] == b.texts.not_a_diagnosis(b.regions[region])
        assert b.regions[region].number in data["disclaimer"]
        line = json.loads(_run(tmp_path, ANSWERS, "--lang", lang, "--region", region, "-f", "jsonl"))
        assert line["disclaimer"] == data["disclaimer"]
    keys = set(json.loads(_run(tmp_path, ANSWERS, "--lang", lang, "-f", "json")))
    assert keys == set(data)  # keys unchanged


# ---------------------------------------------------------------------------- in Chromium (--full)


# On Letter paper the longest Spanish patient's parts ran to a second page (by 3 lines, with a name,
# a date of birth and a record number): the printout now puts those on one line, as the clinician's
# page does, and its footer closer.
PRINT_CASES = [
    *(pytest.param(name, "a4", id=f"{name}-a4") for name in LONGEST_PATIENT_PART),
    *(pytest.param(name, "letter", id=f"{name}-letter") for name in LONGEST_PATIENT_PART),
    pytest.param(None, "a4", id="worried-a4"),
    pytest.param(None, "letter", id="worried-letter"),
]


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize(("case", "paper"), PRINT_CASES)
def test_a_spanish_printout_with_an_english_clinicians_page_in_chromium(
    tmp_path: Path, case: str | None, paper: str, vignettes: Vignettes
) -> None:
    """The Spanish patient's part still on one page, ending with the line about the next page; each
    page's running header and page number in its part's language."""
    from pypdf import PdfReader

    from backpain_cli.assessment import assess
    from backpain_cli.bundle import clinic_words
    from backpain_cli.fhir.compact import answers_code
    from backpain_cli.render.document import Identifiers, build_summary
    from tests.helpers import FIXED_DAY

    b = load_bundle(language="es")
    given = worried_patient() if case is None else vignettes[CASES_DIR / case].answers
    result = assess(given, b, today=FIXED_DAY)
    who = Identifiers("Marta G.", "1960-05-01", "A-123456")
    summary = build_summary(
        result, b.bank, region=b.regions["us"], answers=given.as_dict(), identifiers=who,
        clinic_words=clinic_words(b, "en"),
    )  # fmt: skip
    summary.answers_code = answers_code(given, b.bank)
    reader = PdfReader(str(print_to_pdf(render_html(summary), tmp_path, paper)))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    assert len(pages) <= 3 and "For the clinician" in pages[1], pages  # the patient's part on one page
    assert "La página siguiente es para su médico y está en inglés." in pages[0]
    assert "Página 1 de" in pages[0] and "Resumen de su dolor de espalda · Marta G. · 1 de mayo de 1960" in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert f"Page {number} of {len(pages)}" in text and "Your back pain summary · Marta G. · 1 May 1960" in text
        assert "Página" not in text and "Resumen de su dolor" not in text


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_batchs_json_lines_name_the_regions_call_too(
    tmp_path: Path, workers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backpain_cli import batch

    monkeypatch.setattr(batch, "PARALLEL_FROM", 2 if workers == "2" else 10_000)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(ANSWERS, encoding="utf-8")
    files = [str(tmp_path / f"{name}.yaml") for name in ("a", "b", "c")]
    given = [arg for path in files for arg in ("-a", path)]
    result = CliRunner().invoke(app, ["assess", *given, "--lang", "es", "--region", "mx", "-f", "jsonl"])
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    b = load_bundle(language="es")
    assert len(lines) == 3 and {line["disclaimer"] for line in lines} == {b.texts.not_a_diagnosis(b.regions["mx"])}
