"""What a patient reads when ``check`` cannot use their answer file or an option (issue 20): the text
catalogue's words, in their language, at the same place (file, line, key); ``assess`` keeps its English
for scripts, byte for byte."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backpain_cli import terminal
from backpain_cli.bundle import load_bundle
from backpain_cli.cli import app
from backpain_cli.errors import Code, Problem, Words
from backpain_cli.language import languages
from backpain_cli.problem_areas import FileProblemTexts, SlipHints
from backpain_cli.problem_words import for_patient
from tests.test_languages import SHIPPED, _english_phrases, spanish_measure  # noqa: F401 (a fixture)

_QR = {"resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/other"}
_WITHDRAWN = {"resourceType": "QuestionnaireResponse", "status": "entered-in-error", "item": []}
_YES_SAID_NO = {
    "resourceType": "QuestionnaireResponse",
    "status": "completed",
    "item": [
        {
            "linkId": "fever",
            "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA33-6", "display": "No"}}],
        }
    ],
}


@dataclass(frozen=True)
class Case:
    """A file (or option) a patient got wrong, what ``check --lang es`` must say, and where."""

    id: str
    args: tuple[str, ...]
    spanish: tuple[str, ...]
    files: dict[str, str | bytes | None] = field(default_factory=dict)  # None: a folder
    english: str | None = None  # what ``assess`` says (as before issue 20's Spanish errors); None: not an assess case


CASES = [
    Case(
        "missing", ("--answers", "nada.yaml"), ("nada.yaml: este archivo no existe",), english="nada.yaml: no such file"
    ),
    Case("resume-missing", ("--resume", "nada.yaml"), ("nada.yaml: este archivo no existe",)),
    Case(
        "folder",
        ("--answers", "carpeta"),
        ("carpeta: es una carpeta, no un archivo de respuestas",),
        {"carpeta": None},  # assess reads a folder as a batch
    ),
    Case(
        "not-utf8",
        ("--answers", "latin.yaml"),
        ("latin.yaml: no es texto UTF-8",),
        {"latin.yaml": "age: 45\nleg_pain_below_knee: sí\n".encode("latin-1")},
        "latin.yaml: is not UTF-8 text (bad byte at position 30)",
    ),
    Case(
        "too-big",
        ("--answers", "big.yaml"),
        ("big.yaml: el archivo pasa de 1 MB",),
        {"big.yaml": "#" * 1_000_001},
        "big.yaml: file is 1,000,001 bytes, over the 1 MB limit; an answer file is never that big",
    ),
    Case(
        "empty",
        ("--answers", "vacio.yaml"),
        ("vacio.yaml: el archivo está vacío",),
        {"vacio.yaml": "\n"},
        "vacio.yaml: file is empty; expected a mapping of question keys to answers",
    ),
    Case(
        "yaml-tab",
        ("--answers", "tab.yaml"),
        ("tab.yaml:2: no se puede leer como YAML (use espacios para la sangría, no la tecla Tab",),
        {"tab.yaml": "age: 45\n\tpain_weeks: 3\n"},
        "tab.yaml:2: not valid YAML: indent with spaces, not tabs (or start each answer at the left edge) "
        "(the parser says: found a tab character that violates indentation)",
    ),
    Case(
        "yaml-quote",
        ("--answers", "q.yaml"),
        ("q.yaml:2: no se puede leer como YAML (unas comillas no se cierran",),
        {"q.yaml": "age: 45\npain_area: 'lower_back\npain_weeks: 3\n"},
        "q.yaml:2: not valid YAML: a quote is not closed: end the value with the same quote it starts with "
        "(the parser says: found unexpected end of stream)",
    ),
    Case(
        "yaml-colon",
        ("--answers", "c.yaml"),
        ("c.yaml:1: no se puede leer como YAML (a la línea de arriba le faltan los dos puntos",),
        {"c.yaml": "age 45\npain_weeks: 3\n"},
        "c.yaml:1: not valid YAML: the line above has no colon: write each answer as key: value, like age: 45 "
        "(the parser says: mapping values are not allowed in this context)",
    ),
    Case(
        "json-comma",
        ("--answers", "a.json"),
        ("a.json:1: no se puede leer como JSON (hay una coma después de la última respuesta; bórrela)",),
        {"a.json": '{"age": 45,\n}\n'},
        "a.json:1: not valid JSON: there is a comma after the last answer: remove it "
        "(the parser says: Expecting property name enclosed in double quotes (column 1))",
    ),
    Case(
        "json-comment",
        ("--answers", "a.json"),
        ("a.json:2: no se puede leer como JSON (JSON no admite comentarios",),
        {"a.json": '{\n// edad\n"age": 45}\n'},
        "a.json:2: not valid JSON: JSON cannot hold comments: remove them, or write the file in YAML, where # starts "
        "a comment (the parser says: Expecting property name enclosed in double quotes (column 1))",
    ),
    Case(
        "json-single-quotes",
        ("--answers", "a.json"),
        ("a.json:1: no se puede leer como JSON (JSON usa comillas dobles",),
        {"a.json": "{'age': 45}\n"},
        "a.json:1: not valid JSON: JSON needs double quotes: write \"age\", not 'age' "
        "(the parser says: Expecting property name enclosed in double quotes (column 2))",
    ),
    Case(
        "json-other",
        ("--answers", "a.json"),
        ("a.json:1: no se puede leer como JSON (columna 8)",),
        {"a.json": '{"age" 45}\n'},
        "a.json:1: not valid JSON: Expecting ':' delimiter (column 8)",
    ),
    Case(
        "duplicate",
        ("--answers", "d.yaml"),
        ("d.yaml:2: 'age': esta clave aparece dos veces",),
        {"d.yaml": "age: 45\nage: 46\n"},
        "d.yaml:2: 'age': key appears twice; give each one once",
    ),
    Case(
        "a-list",
        ("--answers", "l.yaml"),
        ("l.yaml: se esperaba una respuesta por línea",),
        {"l.yaml": "- age\n- 45\n"},
        "l.yaml: expected a mapping of question keys to answers, got a list",
    ),
    Case(
        "no-space",
        ("--answers", "s.yaml"),
        ("s.yaml: se esperaba una respuesta por línea, con su clave, como age: 45 (ponga un espacio",),
        {"s.yaml": "age:45\n"},
        "s.yaml: expected a mapping of question keys to answers, got str 'age:45'; put a space after each colon: "
        "age: 45",
    ),
    Case(
        "only-comments",
        ("--answers", "n.yaml"),
        ("n.yaml: no tiene respuestas",),
        {"n.yaml": "# edad: 45\n"},
        "n.yaml: holds no answers (only comments or blank lines)",
    ),
    Case(
        "unknown-key",
        ("--answers", "k.yaml"),
        ("k.yaml:1: no conocemos la clave 'dolor_en_pierna' (las claves van en inglés",),
        {"k.yaml": "dolor_en_pierna: si\n"},
        "k.yaml:1: unknown key 'dolor_en_pierna' (run 'backpain questions' to list the keys)",
    ),
    Case(  # a question's name in the patient's own words
        "key-in-spanish",
        ("--answers", "k.yaml"),
        ("k.yaml:1: no conocemos la clave 'Edad' (¿quiso decir 'age'?)",),
        {"k.yaml": "Edad: 45\n"},
        "k.yaml:1: unknown key 'Edad' (run 'backpain questions' to list the keys)",
    ),
    Case(
        "did-you-mean",
        ("--answers", "k.yaml"),
        ("k.yaml:1: no conocemos la clave 'agee' (¿quiso decir 'age'?)",),
        {"k.yaml": "agee: 45\n"},
        "k.yaml:1: unknown key 'agee' (did you mean 'age'?)",
    ),
    Case(
        "yes-no",
        ("--answers", "v.yaml"),
        ("v.yaml:2: leg_pain_below_knee: 'si' no vale aquí; escriba yes (sí), no o unsure",),
        {"v.yaml": "age: 45\nleg_pain_below_knee: si\n"},
        "v.yaml:2: leg_pain_below_knee: 'si' is not allowed: expected yes, no or unsure (true/false are read as "
        "yes/no)",
    ),
    Case(
        "number-range",
        ("--answers", "v.yaml"),
        ("v.yaml:1: pain_score: 11 no vale aquí; escriba un número entero de 0 a 10",),
        {"v.yaml": "pain_score: 11\n"},
        "v.yaml:1: pain_score: 11 is not allowed: expected a whole number from 0 to 10",
    ),
    Case(
        "choice",
        ("--answers", "v.yaml"),
        (
            "v.yaml:1: pain_area: 'espalda' no vale aquí; escriba lower_back (parte baja de la espalda), "
            "mid_back (mitad de la espalda) o both (las dos)",
        ),
        {"v.yaml": "pain_area: espalda\n"},
        "v.yaml:1: pain_area: 'espalda' is not allowed: expected lower_back, mid_back or both",
    ),
    Case(
        "list",
        ("--answers", "v.yaml"),
        (
            "v.yaml:1: previous_imaging: ['rayos'] no vale aquí; escriba una lista con none (ninguna), "
            "xray (radiografía), mri (resonancia magnética), ct (tomografía)",
        ),
        {"v.yaml": "previous_imaging: [rayos]\n"},
        "v.yaml:1: previous_imaging: ['rayos'] is not allowed: expected a list from none, xray, mri, ct (or one of "
        "them)",
    ),
    Case(
        "none-and-a-scan",
        ("--answers", "v.yaml"),
        ("v.yaml:1: previous_imaging: ['none', 'mri'] no vale aquí; 'none' no puede ir junto con una prueba",),
        {"v.yaml": "previous_imaging: [none, mri]\n"},
        "v.yaml:1: previous_imaging: ['none', 'mri'] is not allowed: 'none' cannot be combined with a scan",
    ),
    Case(
        "under-age",
        ("--answers", "v.yaml"),
        ("v.yaml:1: age: la edad 12 es menor de 16. Esta herramienta es para personas de 16 años o más",),
        {"v.yaml": "age: 12\n"},
        "v.yaml:1: age: age 12 is under 16: this tool is for people aged 16 and over. A child or teenager with back "
        "pain should see a doctor",
    ),
    Case(
        "weeks-longer-than-life",
        ("--answers", "v.yaml"),
        ("v.yaml: pain_weeks (5000) es más tiempo del que la persona ha vivido (edad 20)",),
        {"v.yaml": "age: 20\npain_weeks: 5000\n"},
        "v.yaml: pain_weeks (5000) is longer than the person has been alive (age 20)",
    ),
    Case(
        "fhir-withdrawn",
        ("--answers", "qr.json"),
        ("qr.json: el estado es 'entered-in-error': las respuestas se retiraron",),
        {"qr.json": json.dumps(_WITHDRAWN)},
        "qr.json: status: 'entered-in-error': the response was withdrawn as made in error (perhaps about someone "
        "else); not assessed (pass --accept-status entered-in-error to assess it anyway)",
    ),
    Case(
        "fhir-code-and-display",
        ("--answers", "qr.json"),
        ("qr.json: fever: item[0].answer[0]: el código y el texto de la respuesta dicen dos respuestas distintas",),
        {"qr.json": json.dumps(_YES_SAID_NO)},
        "qr.json: fever: item[0].answer[0]: the code says LOINC LA33-6 (Yes) but the display says 'No', the display "
        "of LOINC LA32-8 (No); backpain does not guess which is meant: correct the code or the display",
    ),
    Case(
        "fhir-other-questionnaire",
        ("--answers", "qr.json"),
        ("qr.json: questionnaire: responde a otro cuestionario, no a este",),
        {"qr.json": json.dumps(_QR)},
    ),
    Case(
        "qr-text",
        ("--answers", "qr.txt"),
        ("qr.txt: answer 1 ('agee=45'): no conocemos la clave 'agee' (¿quiso decir 'age'?)",),
        {"qr.txt": "BP1|2027.1|agee=45\n"},
        "qr.txt: answer 1 ('agee=45'): unknown key 'agee' (did you mean 'age'?)",
    ),
    Case(
        "ndjson",
        ("--answers", "muchos.ndjson"),
        ("muchos.ndjson: tiene muchos grupos de respuestas",),
        {"muchos.ndjson": '{"age": 45}\n'},
    ),
    Case("dob-not-real", ("--dob", "1996-13-45"), ("--dob debe ser una fecha real", "no '1996-13-45'")),
    Case(
        "dob-spelling",
        ("--dob", "03/04/1996"),
        ("--dob se escribe año-mes-día, como 1996-03-25 (o 25 de marzo de 1996)",),
    ),
    Case("dob-future", ("--dob", "2999-01-01"), ("--dob debe ser una fecha entre 1900 y hoy",)),
    Case(
        "answers-and-resume",
        ("--answers", "a.yaml", "--resume", "b.yaml"),
        ("use --answers o --resume, no los dos",),
        {"a.yaml": "age: 40\n", "b.yaml": "age: 41\n"},
    ),
    Case("region", ("--region", "marte"), ("no conocemos la región 'marte'; elija una de estas: au, ca",)),
]

# English words that are never Spanish (tests/test_languages.py), and the English sentences of the catalogue
_NEVER_SPANISH = frozenset(["the", "your", "you", "and", "with", "this", "that", "is", "are", "of", "what", "should"])
_WORD = re.compile(r"[^\W\d_]+")


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(terminal, "is_interactive", lambda: True)  # a patient at a terminal
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    monkeypatch.delenv("BACKPAIN_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(folder: Path, case: Case) -> None:
    for name, body in case.files.items():
        if body is None:
            (folder / name).mkdir()
        elif isinstance(body, bytes):
            (folder / name).write_bytes(body)
        else:
            (folder / name).write_text(body, encoding="utf-8")


@pytest.fixture(scope="module")
def english_phrases() -> set[str]:
    return _english_phrases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_check_says_what_is_wrong_in_spanish_at_the_same_place(
    case: Case, here: Path, english_phrases: set[str]
) -> None:
    _write(here, case)
    result = CliRunner().invoke(app, ["check", "--plain", "--lang", "es", *case.args], input="")
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    for words in case.spanish:
        assert words in said, said
    assert "Traceback" not in result.output and "¿Qué edad tiene?" not in result.stdout  # before any question
    words = " ".join(_WORD.findall(said.lower()))
    assert [p for p in english_phrases if f" {p} " in f" {words} "] == []
    assert not (_NEVER_SPANISH & set(words.split())), said


@pytest.mark.parametrize("case", [c for c in CASES if c.english is not None], ids=lambda c: c.id)
def test_assess_keeps_its_english_for_scripts_byte_for_byte(case: Case, here: Path) -> None:
    _write(here, case)
    result = CliRunner().invoke(app, ["assess", "--lang", "es", *case.args])
    assert result.exit_code == 2
    assert result.stderr == f"backpain: error: {case.english}\n"


def test_the_locale_alone_makes_the_errors_spanish(here: Path) -> None:
    (here / "mio.yaml").write_text("edad: 45\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--plain", "--answers", "mio.yaml"], env={"LANG": "es_ES.UTF-8"})
    assert result.exit_code == 2
    assert "mio.yaml:1: no conocemos la clave 'edad'" in result.stderr


def test_in_english_check_says_it_as_before(here: Path) -> None:
    (here / "v.yaml").write_text("agee: 45\nleg_pain_below_knee: si\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--plain", "--lang", "en", "--answers", "v.yaml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "backpain: error: v.yaml:1: unknown key 'agee' (did you mean 'age'?)\n"
        "backpain: error: v.yaml:2: leg_pain_below_knee: 'si' is not allowed: expected yes, no or unsure "
        "(true/false are read as yes/no)\n"
    )


def test_a_value_from_the_file_stays_safe_for_the_terminal(here: Path) -> None:
    (here / "v.yaml").write_text('pain_area: "\\e[2Jespalda"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--plain", "--lang", "es", "--answers", "v.yaml"])
    assert result.exit_code == 2 and "\x1b" not in result.stderr
    assert "'\\x1b[2Jespalda' no vale aquí" in result.stderr


@pytest.mark.parametrize("language", languages(SHIPPED))
@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_a_sentence_in_every_language(language: str, code: Code) -> None:
    texts = load_bundle(language=language).texts
    bank = load_bundle(language=language).bank
    (said,) = for_patient([Problem("English for scripts", source="f.yaml", line=3, code=code)], texts, bank)
    assert said.message == texts.file_problems.by_code[code] and said.code == code
    assert said.describe().startswith("f.yaml:3: ")


def test_every_entry_the_code_names_is_in_the_catalogue_and_each_entry_is_used() -> None:
    import backpain_cli

    code = "\n".join(p.read_text() for p in Path(backpain_cli.__file__).parent.rglob("*.py"))
    named = set(re.findall(r'Words(?:\.of)?\(\s*"([a-z0-9_]+)"', code))
    quoted = set(re.findall(r'"([a-z0-9_]+)"', code)) | set(re.findall(r"\b(?:area|file_problems)\.([a-z_]+)", code))
    assert {"unknown_key", "did_you_mean", "tab", "json_syntax", "under_age"} <= named
    entries = (set(FileProblemTexts.model_fields) | set(SlipHints.model_fields)) - {"by_code", "hints"}
    assert named <= entries
    assert entries <= quoted  # no entry is left that nothing says


def test_an_entry_the_catalogue_lacks_falls_back_to_the_sentence_for_the_code() -> None:
    b = load_bundle(language="es")
    problem = Problem("x", source="f.yaml", code=Code.BAD_VALUE, words=Words("no_such_entry"))
    (said,) = for_patient([problem], b.texts, b.bank)
    assert said.message == b.texts.file_problems.by_code.bad_value


@pytest.mark.usefixtures("spanish_measure")
def test_the_spanish_words_for_problems_are_plain() -> None:
    """Fernández-Huerta 60 or over (about grade 8), like every Spanish text (tests/test_languages.py)."""
    from tests.test_languages import MIN_EACH, ease
    from tests.test_texts import walk

    sentences = [text for _, text in walk(load_bundle(language="es").texts.file_problems)]
    for text in sentences:
        if len(text.split()) >= 8:
            assert ease(text) >= MIN_EACH, text
    assert ease(" ".join(sentences)) >= MIN_EACH


_IN_PROGRESS = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "https://backpain.invalid/fhir/Questionnaire/backpain|2026.1",
    "status": "in-progress",
    "item": [{"linkId": "fever", "answer": [{"valueCoding": {"code": "LA32-8", "display": "Nein"}}]}],
}
WARNED = [
    (
        "qr.json",
        json.dumps(_IN_PROGRESS),
        (
            "backpain: aviso: qr.json: el estado es 'in-progress': pueden faltar respuestas",
            "backpain: aviso: qr.json: responde a la versión '2026.1' de las preguntas, no a la 2027.1",
            "backpain: aviso: qr.json: item[0].answer[0]: backpain no conoce el texto de una respuesta ('Nein')",
        ),
    ),
    ("qr.txt", "BP1|2026.1|age=45\n", ("backpain: aviso: qr.txt: responde a la versión '2026.1' de las preguntas",)),
]


@pytest.mark.parametrize(("name", "body", "spanish"), WARNED, ids=["fhir", "qr-text"])
def test_a_file_read_anyway_is_warned_about_in_spanish_and_assess_keeps_its_english(
    name: str, body: str, spanish: tuple[str, ...], here: Path, english_phrases: set[str]
) -> None:
    (here / name).write_text(body, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--plain", "--lang", "es", "--answers", name], input="")
    warned = " ".join(line for line in result.stderr.splitlines() if "aviso" in line)
    for words in spanish:
        assert words in " ".join(result.stderr.split()), result.stderr
    said = " ".join(_WORD.findall(warned.lower()))
    assert [p for p in english_phrases if f" {p} " in f" {said} "] == []
    assert not (_NEVER_SPANISH & set(said.split())), warned
    scripts = CliRunner().invoke(app, ["assess", "--lang", "es", "--answers", name, "-f", "json"])
    assert "backpain: warning: " in scripts.stderr and "aviso" not in scripts.stderr


_ENTRIES = sorted((set(FileProblemTexts.model_fields) | set(SlipHints.model_fields)) - {"by_code", "hints"})
_SPANISH = load_bundle(language="es")


@given(
    code=st.sampled_from(list(Code)),
    entry=st.sampled_from([*_ENTRIES, "not_an_entry"]),
    hint=st.sampled_from([*SlipHints.model_fields, None]),
    values=st.dictionaries(st.sampled_from(["key", "value", "typed", "kind", "status", "column", "x"]), st.text()),
    line=st.none() | st.integers(1, 10_000),
)
@settings(max_examples=300, deadline=None)
def test_any_problem_reaches_a_patient_in_words_at_its_place_and_safe(
    code: Code, entry: str, hint: str | None, values: dict[str, str], line: int | None
) -> None:
    """Whatever an entry and its values (text from a file), the patient gets a sentence and never a
    traceback; the place and the code stay; nothing can act on the terminal."""
    words = Words(entry, tuple(values.items()))
    hint_words = Words(hint, tuple(values.items())) if hint else None
    problem = Problem("English", source="mío.yaml", key="age", line=line, code=code, words=words, hint_words=hint_words)
    (said,) = for_patient([problem], _SPANISH.texts, _SPANISH.bank)
    assert (said.source, said.key, said.line, said.code) == (problem.source, problem.key, problem.line, problem.code)
    assert said.message and said.message != "English"
    shown = said.describe()
    assert shown.startswith(f"mío.yaml:{line}: age: " if line else "mío.yaml: age: ")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)
