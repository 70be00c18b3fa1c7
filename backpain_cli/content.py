"""The content library: FAQ pages and "questions to ask your doctor", and which answers they fit.

Content is data, not code: a clinic can point ``--content`` (or BACKPAIN_CONTENT) at its own
folder. Everything here is checked when it loads, and every problem names its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from backpain_cli.answers import SYMPTOM_KEYS, ImagingKind
from backpain_cli.content_index import Criteria, Selector
from backpain_cli.errors import Code, ContentError, Problem, validation_problems
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.safetext import has_control

if TYPE_CHECKING:
    from backpain_cli.yamlload import Document

# The topics every content folder must cover (issue 4); a clinic's own folder is checked for them too.
REQUIRED_PAGES: Final = (
    "mri-or-xray",
    "xray-cannot-show-discs-or-nerves",
    "what-an-xray-shows",
    "what-an-mri-shows",
    "imaging-first-six-weeks",
    "incidental-findings",
    "cauda-equina-syndrome",
    "spine-infection",
    "cancer-and-back-pain",
    "spine-fractures",
    "inflammatory-back-pain",
    "normal-xray-still-in-pain",
    "advanced-mri-methods",
    "nerve-tests-emg",
    "cost-and-insurance-questions",
    "ethics-of-imaging",
    "ai-and-spine-scans",
    "staying-active",
    "choosing-a-spine-specialist",
    "imaging-and-treatment-decisions",
)

MANIFEST_FILE: Final = "content.yaml"
DOCTOR_QUESTIONS_FILE: Final = "doctor_questions.yaml"
FAQ_DIR: Final = "faq"
CLINIC_FILE: Final = "clinic.yaml"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
# Bounded, so a page of ``[a](`` repeated, or of unclosed emphasis, costs linear time, not quadratic
# (100 KB of ``[a](`` made every run take 34 s when these were unbounded).
_LINK = re.compile(r"\[([^\]\[\n]{1,300})\]\(([^()\s\[\]]{1,2000})\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)([^\n]{1,300}?)(?<=\S)\1")


class Fits(BaseModel):
    """When an entry fits a result: it fits if any one of these matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    always: bool = False
    # "any": one matching criterion is enough. "all": every criterion given must match (for
    # entries such as "my X-ray was normal but my leg hurts" that need two things at once).
    match: Literal["any", "all"] = "any"
    no_red_flags: bool = False
    categories: tuple[Category, ...] = ()
    rules: tuple[str, ...] = ()
    answers: tuple[str, ...] = Field((), description="yes/no questions answered yes or not sure")
    imaging: tuple[Imaging, ...] = ()
    urgency: tuple[Urgency, ...] = ()
    previous_imaging: tuple[ImagingKind, ...] = ()
    # Self-care or wait-and-see advice: never shown beside an urgent or emergency result (issue 11).
    self_care: bool = False

    def criteria(self) -> Criteria:
        """The same criteria as plain sets, for fast matching."""
        return Criteria(
            always=self.always,
            match_all=self.match == "all",
            no_red_flags=self.no_red_flags,
            categories=frozenset(c.value for c in self.categories),
            rules=frozenset(self.rules),
            answers=frozenset(self.answers),
            imaging=frozenset(i.value for i in self.imaging),
            urgency=frozenset(u.value for u in self.urgency),
            previous_imaging=frozenset(self.previous_imaging),
            self_care=self.self_care,
        )


class Clinic(BaseModel):
    """Optional clinic details printed at the top of summaries (content/clinic.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1, max_length=120)
    # One line, or a list of lines.
    address: Annotated[tuple[str, ...], BeforeValidator(lambda v: (v,) if isinstance(v, str) else v)] = ()
    phone: str | None = None
    website: str | None = None
    note: str | None = None
    # The language of the clinician's page of a printout (--clinic-lang overrides it; default English).
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")

    def values(self) -> list[str]:
        """Every piece of text given, as written (render/document.py prints them, labelled)."""
        return [v for v in (self.name, *self.address, self.phone, self.website, self.note) if v]


class DoctorQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    text: str = Field(min_length=1)
    fits: Fits


class FaqFront(BaseModel):
    """The YAML front matter of an FAQ page."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str = Field(min_length=1)
    fits: Fits
    sources: tuple[str, ...] = Field(min_length=1)
    last_reviewed: dt.date
    priority: int = 50  # higher first among pages that fit equally well


@dataclass(frozen=True)  # not slotted: cached_property keeps the excerpt in __dict__
class FaqPage:
    front: FaqFront
    body: str
    path: Path
    body_line: int = 1  # the file line where the body starts, for locating links

    @property
    def id(self) -> str:
        return self.front.id

    @cached_property
    def excerpt(self) -> str:
        return plain_excerpt(self.body)


@dataclass(frozen=True)
class Library:
    """The loaded content folder."""

    folder: Path
    version: str
    name: str
    doctor_questions: tuple[DoctorQuestion, ...]
    faq: tuple[FaqPage, ...]
    clinic: Clinic | None = None
    # content.yaml's fhir_canonical and fhir_publisher: the FHIR Questionnaire's url and publisher
    # (None: the shipped canonical, and the folder's name). docs/fhir.md, "A clinic's own questionnaire".
    fhir_canonical: str | None = None
    fhir_publisher: str | None = None
    question_selector: Selector[str] = field(init=False, repr=False, compare=False)
    page_selector: Selector[FaqPage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        questions = [(q.fits.criteria(), q.text) for q in self.doctor_questions]
        # Equal scores show in this order: higher priority first, then by id.
        pages = sorted(self.faq, key=lambda p: (-p.front.priority, p.id))
        # Indexes (content_index.py) for selection.py, built once per loaded folder rather than once per answer file.
        object.__setattr__(self, "question_selector", Selector(questions))
        object.__setattr__(self, "page_selector", Selector([(p.front.fits.criteria(), p) for p in pages]))


def plain_excerpt(body: str) -> str:
    """The first paragraph of a Markdown body as plain text (links keep their address)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    first = next((p for p in paragraphs if not p.startswith("#")), "")
    text = " ".join(line.strip() for line in first.splitlines())
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _EMPHASIS.sub(lambda m: m.group(2), text)


# ---------------------------------------------------------------------------- loading


def load_library(folder: Path) -> Library:
    """Load the library part of a content folder; raise ContentError naming every problem found."""
    problems: list[Problem] = []
    library = load_library_into(folder, problems)
    if problems or library is None:
        raise ContentError(problems or [Problem("content folder could not be read", source=str(folder))])
    return library


def load_library_into(folder: Path, problems: list[Problem]) -> Library | None:
    """Load FAQ pages, doctor questions, manifest and clinic details, adding each problem found.

    Returns None when the folder cannot be read at all. bundle.load_bundle is the way in for
    commands; this is its library part.
    """
    from backpain_cli.rules import RULES_BY_ID
    from backpain_cli.yamlload import read_yaml_file

    if not folder.is_dir():
        problems.append(Problem("content folder does not exist", source=str(folder)))
        return None
    manifest_path = folder / MANIFEST_FILE
    manifest = read_yaml_file(manifest_path, problems)
    version, name = "unknown", "backpain"
    canonical = publisher = None
    if manifest is not None and isinstance(manifest.data, dict):
        version = _text_field(manifest, ("version",), "unknown", manifest_path, problems)
        name = _text_field(manifest, ("name",), name, manifest_path, problems)
        canonical = _text_field(manifest, ("fhir_canonical",), "", manifest_path, problems) or None
        publisher = _text_field(manifest, ("fhir_publisher",), "", manifest_path, problems).strip() or None
        if canonical is not None and (why := canonical_problem(canonical)):
            line = manifest.line("fhir_canonical")
            problems.append(Problem(f"fhir_canonical {why}", source=str(manifest_path), line=line, code=Code.CONTENT))
    elif manifest is not None and manifest.data is not None:
        problems.append(Problem("expected a mapping with version and name", source=str(manifest_path), line=1))

    questions: list[DoctorQuestion] = []
    dq_path = folder / DOCTOR_QUESTIONS_FILE
    document = read_yaml_file(dq_path, problems)
    if document is not None:
        data = document.data
        items = data.get("questions") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(
                Problem("expected a 'questions' list", source=str(dq_path), line=document.line("questions"))
            )
        else:
            for index, item in enumerate(items):
                try:
                    questions.append(DoctorQuestion.model_validate(item))
                except ValidationError as exc:
                    problems += validation_problems(
                        exc,
                        source=str(dq_path),
                        where=f"questions[{index}]",
                        locate=document.locator("questions", index),
                        code=Code.CONTENT,
                    )
    _check_ids([(q.id, dq_path, None) for q in questions], "doctor question", problems)

    pages: list[FaqPage] = []
    faq_dir = folder / FAQ_DIR
    if not faq_dir.is_dir():
        problems.append(Problem("FAQ folder is missing", source=str(faq_dir)))
    else:
        for path in sorted(faq_dir.glob("*.md")):  # a FIFO or device named *.md is reported, never read
            page = _faq_page(path, problems)
            if page is not None:
                pages.append(page)
    _check_ids([(p.id, p.path, 2) for p in pages], "FAQ page", problems)
    if faq_dir.is_dir():
        # A page that exists but does not load is reported above; only absent files count here.
        for missing in sorted(set(REQUIRED_PAGES) - {p.stem for p in faq_dir.glob("*.md")}):
            problems.append(Problem(f"required FAQ page {missing!r} is missing", source=str(faq_dir)))
    for page in pages:
        problems += _link_problems(page)

    for source, fits in [(str(dq_path), q.fits) for q in questions] + [(str(p.path), p.front.fits) for p in pages]:
        for rule in fits.rules:
            if rule not in RULES_BY_ID:
                problems.append(Problem(f"fits names unknown rule {rule!r}", source=source))
        for key in fits.answers:
            if key not in SYMPTOM_KEYS:
                problems.append(Problem(f"fits names {key!r}, which is not a yes/no question", source=source))
    clinic = None
    clinic_path = folder / CLINIC_FILE
    if clinic_path.exists() or clinic_path.is_symlink():
        clinic_doc = read_yaml_file(clinic_path, problems)
        if clinic_doc is not None:
            try:
                clinic = Clinic.model_validate(clinic_doc.data)
                if any(has_control(line) for line in clinic.values()):
                    problems.append(Problem("holds a terminal control character", source=str(clinic_path)))
            except ValidationError as exc:
                problems += validation_problems(
                    exc,
                    source=str(clinic_path),
                    where="clinic",
                    locate=clinic_doc.locator(),
                    code=Code.CONTENT,
                )
    for source, text in [(str(dq_path), q.text) for q in questions] + [
        (str(p.path), p.body + p.front.title) for p in pages
    ]:
        if has_control(text):
            problems.append(Problem("holds a terminal control character", source=source))
    return Library(folder, version, name, tuple(questions), tuple(pages), clinic, canonical, publisher)


def canonical_problem(url: str) -> str | None:
    """What is wrong with a FHIR canonical URL for a questionnaire, or None.

    An absolute ``http``/``https`` URL with a host (or a ``urn:``), with no space, no ``|`` (which
    separates the version in ``url|version``) and no ``#`` (a fragment names a contained resource).
    """
    from urllib.parse import urlparse

    if any(c.isspace() for c in url) or "|" in url or "#" in url:
        return "must be one URL without spaces, '|' or '#' (the version is added after a '|')"
    parsed = urlparse(url)
    if parsed.scheme == "urn" and parsed.path.count(":") >= 1:
        return None
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return (
            "must be an absolute http(s) URL with a host (for example "
            "https://clinic.example/fhir/Questionnaire/back-pain)"
        )
    return None


def _faq_page(path: Path, problems: list[Problem]) -> FaqPage | None:
    from backpain_cli.input_files import read_text
    from backpain_cli.yamlload import PARSE_ERRORS, safe_load, yaml_problem

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        problems.append(Problem(f"cannot read: {reason}", source=str(path), code=Code.UNREADABLE))
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem("no front matter: the page must start with a '---' block", source=str(path), line=1))
        return None
    try:
        data = safe_load(match.group(1))
    except PARSE_ERRORS as exc:
        # The front matter starts on line 2, after the opening '---'.
        problems.append(yaml_problem(exc, source=str(path), first_line=2, what="YAML in the front matter"))
        return None
    try:
        front = FaqFront.model_validate(data)
    except ValidationError as exc:
        problems += validation_problems(
            exc, source=str(path), where="front matter", lines=_front_lines(match.group(1)), code=Code.CONTENT
        )
        return None
    body = text[match.end() :]
    if not plain_excerpt(body):
        problems.append(Problem("the page has no text after its front matter", source=str(path)))
    return FaqPage(front, body, path, body_line=text.count("\n", 0, match.end()) + 1)


def _link_problems(page: FaqPage) -> list[Problem]:
    """Links that cannot work: another page that is not there, or an address with no host."""
    from urllib.parse import urlparse

    found = []
    for match in _LINK.finditer(page.body):
        target = match.group(2)
        line = page.body_line + page.body.count("\n", 0, match.start())
        parsed = urlparse(target)
        if parsed.scheme in ("http", "https"):
            if not parsed.netloc:
                found.append(Problem(f"link {target!r} has no host", source=str(page.path), line=line))
        elif parsed.scheme == "mailto" or target.startswith("#"):
            continue
        elif parsed.scheme:
            found.append(Problem(f"link {target!r} uses an unsupported scheme", source=str(page.path), line=line))
        elif not (page.path.parent / parsed.path).exists():
            found.append(
                Problem(f"link {target!r} points to a file that does not exist", source=str(page.path), line=line)
            )
    return found


def _front_lines(front: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(front.splitlines(), start=2):  # line 1 is the opening ---
        key = line.split(":", 1)[0].strip()
        if key and not line.startswith((" ", "\t", "-")):
            lines.setdefault(key, number)
    return lines


def _check_ids(items: Sequence[tuple[str, Path, int | None]], what: str, problems: list[Problem]) -> None:
    seen: dict[str, Path] = {}
    for ident, path, line in items:
        if ident in seen:
            problems.append(
                Problem(f"{what} id {ident!r} is used twice (also in {seen[ident]})", source=str(path), line=line)
            )
        seen.setdefault(ident, path)


def _text_field(document: Document, path: tuple[str, ...], default: str, source: Path, problems: list[Problem]) -> str:
    """A value that must be text (a version, a name): YAML typing it as a number is refused, with its line."""
    data: object = document.data
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    if data is None:
        return default
    if not isinstance(data, str):
        where = ".".join(path)
        problems.append(
            Problem(
                f"{where} must be text, but YAML read {_yaml_kind(data)}; put it in quotes",
                source=str(source),
                line=document.line(*path),
                code=Code.CONTENT,
            )
        )
        return default
    if has_control(data):
        problems.append(Problem("holds a terminal control character", source=str(source), line=document.line(*path)))
    return data


def _yaml_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"
