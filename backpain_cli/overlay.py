"""A language's overlay (``lang/<code>/``): the words of one content folder in another language, by id.

Only words live here: the question bank's types, bounds, choices' values and skip logic, the FAQ
pages' ``fits`` and sources, the regions' codes exist once, in the folder's own files. The overlay
gives, by id:

- ``questions.yaml``: ``sections`` (id: title), ``questions`` (key: text, help, why, short, unit,
  low and high for a rating scale, choices by value) and ``measures`` (id: offer, intro, help; the
  name and the source stay the folder's own);
- ``doctor_questions.yaml``: ``questions`` (id: text);
- ``regions.yaml``: ``default`` and ``regions`` (code: name, and the number's words where they
  hold words, such as "999 (or 112)");
- ``faq/<id>.md``: each page's ``title`` (front matter) and body.

Every missing or extra key is a problem named with its file and line (``content check``).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from backpain_cli.content import FAQ_DIR, FaqPage, Library
from backpain_cli.errors import Code, Problem
from backpain_cli.language import language_dir
from backpain_cli.questions import QUESTIONS_FILE, QuestionBank
from backpain_cli.regions import REGIONS_FILE, Region
from backpain_cli.safetext import has_control

if TYPE_CHECKING:
    from backpain_cli.yamlload import Document

DOCTOR_FILE: Final = "doctor_questions.yaml"
_QUESTION_WORDS: Final = ("short", "text", "help", "why")
_MEASURE_WORDS: Final = ("offer", "intro", "help")


class _Checker:
    """Reads one overlay file's mappings, adding a located problem for each missing or extra key."""

    def __init__(self, path: Path, document: Document, problems: list[Problem]) -> None:
        self.path, self.document, self.problems = path, document, problems

    def problem(self, message: str, *where: str) -> None:
        line = self.document.line(*where) if where else None
        self.problems.append(Problem(message, source=str(self.path), line=line, code=Code.CONTENT))

    def mapping(self, value: Any, *where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(f"{'.'.join(where) or 'the file'} must be a mapping", *where)
            return {}
        return value

    def words(self, data: dict[str, Any], key: str, *where: str) -> str | None:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{'.'.join((*where, key))} must be text, and is missing or empty", *where)
            return None
        if has_control(value):
            self.problem("holds a terminal control character", *where, key)
            return None
        return value

    def same_keys(self, given: dict[str, Any], expected: list[str], *where: str) -> None:
        place = ".".join(where)
        for key in expected:
            if key not in given:
                self.problem(f"{place}: missing {key!r}", *where)
        for key in given:
            if key not in expected:
                self.problem(f"{place}: {key!r} is not in the English content", *where, key)


def _read(path: Path, problems: list[Problem]) -> _Checker | None:
    from backpain_cli.yamlload import read_yaml_file

    document = read_yaml_file(path, problems, missing="this language has no such file")
    return None if document is None else _Checker(path, document, problems)


def translate_bank(folder: Path, language: str, bank: QuestionBank, problems: list[Problem]) -> QuestionBank:
    """The bank with every section title and question's words in ``language``."""
    check = _read(language_dir(folder, language) / QUESTIONS_FILE, problems)
    if check is None:
        return bank
    root = check.mapping(check.document.data)
    sections = check.mapping(root.get("sections"), "sections")
    questions = check.mapping(root.get("questions"), "questions")
    check.same_keys(root, ["sections", "questions", *(["measures"] if bank.measures else [])])
    check.same_keys(sections, [s.id for s in bank.sections], "sections")
    check.same_keys(questions, [q.key for q in bank.questions], "questions")
    data = bank.model_dump()
    for section in data["sections"]:
        title = sections.get(section["id"])
        if isinstance(title, str) and title.strip():
            section["title"] = title
    for question in data["questions"]:
        words = questions.get(question["key"])
        if words is None:
            continue
        words = check.mapping(words, "questions", question["key"])
        where = ("questions", question["key"])
        fields = [
            *_QUESTION_WORDS,
            *(["unit"] if question["unit"] else []),
            *(["low", "high"] if question["low"] is not None else []),
        ]
        check.same_keys(words, [*fields, *(["choices"] if question["choices"] else [])], *where)
        for field in fields:
            value = check.words(words, field, *where)
            if value is not None:
                question[field] = value
        if question["choices"]:
            labels = check.mapping(words.get("choices"), *where, "choices")
            check.same_keys(labels, [c["value"] for c in question["choices"]], *where, "choices")
            for choice in question["choices"]:
                label = check.words(labels, choice["value"], *where, "choices") if choice["value"] in labels else None
                if label is not None:
                    choice["label"] = label
    _translate_measures(check, root, data)
    return QuestionBank.model_validate(data)


def _translate_measures(check: _Checker, root: dict[str, Any], data: dict[str, Any]) -> None:
    """Each measure's offer, intro and help in the overlay's language (``data``: the bank, dumped)."""
    if not data["measures"]:
        return
    measures = check.mapping(root.get("measures"), "measures")
    check.same_keys(measures, [m["id"] for m in data["measures"]], "measures")
    for measure in data["measures"]:
        if measure["id"] not in measures:
            continue
        where = ("measures", measure["id"])
        words = check.mapping(measures[measure["id"]], *where)
        check.same_keys(words, list(_MEASURE_WORDS), *where)
        for field in _MEASURE_WORDS:
            value = check.words(words, field, *where)
            if value is not None:
                measure[field] = value


def translate_library(folder: Path, language: str, library: Library, problems: list[Problem]) -> Library:
    """The library with every doctor question and FAQ page (title and body) in ``language``."""
    here = language_dir(folder, language)
    questions = library.doctor_questions
    check = _read(here / DOCTOR_FILE, problems)
    if check is not None:
        root = check.mapping(check.document.data)
        check.same_keys(root, ["questions"])
        texts = check.mapping(root.get("questions"), "questions")
        check.same_keys(texts, [q.id for q in library.doctor_questions], "questions")
        translated = []
        for q in library.doctor_questions:
            text = check.words(texts, q.id, "questions") if q.id in texts else None
            translated.append(q.model_copy(update={"text": text}) if text else q)
        questions = tuple(translated)
    pages = []
    found = {p.stem: p for p in sorted((here / FAQ_DIR).glob("*.md"))} if (here / FAQ_DIR).is_dir() else {}
    for page in library.faq:
        path = found.pop(page.path.stem, None)
        if path is None:
            problems.append(Problem(f"no translation of FAQ page {page.id!r}", source=str(here / FAQ_DIR)))
            pages.append(page)
            continue
        own = _overlay_page(path, page, problems)
        pages.append(own or page)
    for stem, path in found.items():
        problems.append(Problem(f"FAQ page {stem!r} is not in the English content", source=str(path)))
    return dataclasses.replace(library, doctor_questions=questions, faq=tuple(pages))


def _overlay_page(path: Path, page: FaqPage, problems: list[Problem]) -> FaqPage | None:
    """A translated page: its front matter holds ``id`` and ``title`` only; fits and sources stay English."""
    from backpain_cli.content import _FRONT_MATTER, plain_excerpt
    from backpain_cli.input_files import read_text
    from backpain_cli.yamlload import PARSE_ERRORS, safe_load

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(Problem(f"cannot read: {exc}", source=str(path), code=Code.UNREADABLE))
        return None
    match = _FRONT_MATTER.match(text)
    data: Any = None
    if match:
        try:
            data = safe_load(match.group(1))
        except PARSE_ERRORS:
            data = None
    if not isinstance(data, dict) or set(data) != {"id", "title"} or data.get("id") != page.id:
        problems.append(
            Problem(f"the front matter must hold id: {page.id} and title, nothing else", source=str(path), line=1)
        )
        return None
    title, body = data["title"], text[match.end() :] if match else ""
    if not isinstance(title, str) or not title.strip() or not plain_excerpt(body) or has_control(title + body):
        problems.append(Problem("needs a title and text, without control characters", source=str(path), line=1))
        return None
    body_line = text.count("\n", 0, match.end() if match else 0) + 1
    english, own = page_outline(page.body), page_outline(body)
    if [kind for kind, _ in own] != [kind for kind, _ in english]:
        # A dropped emergency sign or section must not pass unseen: the page keeps the English shape.
        at = next((i for i, (a, b) in enumerate(zip(own, english, strict=False)) if a[0] != b[0]), None)
        i = min(len(own), len(english)) if at is None else at
        theirs = english[i][0] if i < len(english) else "nothing more"
        ours = own[i][0] if i < len(own) else "nothing more"
        line = body_line + own[i][1] if i < len(own) else body_line + body.count("\n")
        problems.append(
            Problem(
                f"block {i + 1} is {ours} where the English page has {theirs}: a translated page keeps the "
                "English page's headings, paragraphs and list items, in the same order",
                source=str(path),
                line=line,
            )
        )
        return None
    front = page.front.model_copy(update={"title": title})
    return FaqPage(front, body, path, body_line=body_line)


def page_outline(body: str) -> list[tuple[str, int]]:
    """A FAQ page body's blocks in order, each as ``("heading ##" | "a paragraph" | "a list of N items",
    its 0-based line in the body)``: what a translation must keep so no section or sign is lost."""
    outline: list[tuple[str, int]] = []
    line = 0
    for index, block in enumerate(re.split(r"(\n\s*\n)", body)):  # odd indices: the blank lines between
        lines = [text for text in block.splitlines() if text.strip() and not text.startswith("<!--")]
        if lines and index % 2 == 0:
            first = block[: len(block) - len(block.lstrip())].count("\n")
            if lines[0].startswith("#"):
                outline.append((f"heading {lines[0].split()[0]}", line + first))
            elif lines[0].lstrip().startswith(("- ", "* ")):
                items = sum(1 for text in lines if text.lstrip().startswith(("- ", "* ")))
                outline.append((f"a list of {items} items", line + first))
            else:
                outline.append(("a paragraph", line + first))
        line += block.count("\n")
    return outline


def translate_regions(
    folder: Path, language: str, regions: dict[str | None, Region], problems: list[Problem]
) -> dict[str | None, Region]:
    """The regions with their names (and any words in their numbers) in ``language``; codes stay."""
    check = _read(language_dir(folder, language) / REGIONS_FILE, problems)
    if check is None:
        return regions
    root = check.mapping(check.document.data)
    check.same_keys(root, ["default", "regions"])
    named = check.mapping(root.get("regions"), "regions")
    check.same_keys(named, [c for c in regions if c is not None], "regions")
    translated: dict[str | None, Region] = {}
    for code, region in regions.items():
        where = ("default",) if code is None else ("regions", code)
        entry = root.get("default") if code is None else named.get(code)
        if entry is None:
            translated[code] = region
            continue
        entry = check.mapping(entry, *where)
        check.same_keys(entry, ["name", "number"] if "number" in entry or code is None else ["name"], *where)
        name = check.words(entry, "name", *where) or region.name
        number = check.words(entry, "number", *where) if "number" in entry else None
        if number is not None and not any(c.isdigit() for c in number):
            check.problem(f"{'.'.join(where)}.number must hold the phone number", *where)
            number = None
        elif number is not None and re.findall(r"\d+", number) != re.findall(r"\d+", region.number):
            # The emergency number is safety: a translation may change the words around it, never the digits.
            check.problem(
                f"{'.'.join(where)}.number must give the same numbers as the English ({region.number})", *where
            )
            number = None
        translated[code] = dataclasses.replace(region, name=name, number=number or region.number)
    return translated
