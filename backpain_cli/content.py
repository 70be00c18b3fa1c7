"""The content library: FAQ pages and "questions to ask your doctor", and which answers they fit.

Content is data, not code: a clinic can point ``--content`` (or BACKPAIN_CONTENT) at its own
folder. Everything here is checked when it loads, and every problem names its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backpain_cli.answers import SYMPTOM_KEYS, ImagingKind
from backpain_cli.errors import ContentError, Problem
from backpain_cli.levels import Category, Imaging, Urgency
from backpain_cli.safetext import has_control

MANIFEST_FILE: Final = "content.yaml"
DOCTOR_QUESTIONS_FILE: Final = "doctor_questions.yaml"
FAQ_DIR: Final = "faq"
MAX_DOCTOR_QUESTIONS: Final = 8
MAX_FAQ: Final = 4

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


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

    def score(self, situation: Situation) -> int:
        """How many ways this entry fits (0: it does not)."""
        groups = [
            (bool(self.categories), len(situation.categories.intersection(self.categories))),
            (bool(self.rules), len(situation.rules.intersection(self.rules))),
            (bool(self.answers), len(situation.positive.intersection(self.answers))),
            (bool(self.imaging), int(situation.imaging in self.imaging)),
            (bool(self.urgency), int(situation.urgency in self.urgency)),
            (bool(self.previous_imaging), len(situation.previous_imaging.intersection(self.previous_imaging))),
            (self.no_red_flags, int(not situation.categories)),
        ]
        if self.match == "all" and any(given and not hits for given, hits in groups):
            return 0
        return sum(hits for given, hits in groups if given)


@dataclass(frozen=True)
class Situation:
    """What content selection looks at: a digest of the answers and the triage outcome."""

    urgency: Urgency
    imaging: Imaging
    categories: frozenset[str]
    rules: frozenset[str]
    positive: frozenset[str]
    previous_imaging: frozenset[str]


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


@dataclass(frozen=True)
class FaqPage:
    front: FaqFront
    body: str
    path: Path

    @property
    def id(self) -> str:
        return self.front.id

    @property
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

    def questions_for(self, situation: Situation) -> list[str]:
        """Questions to ask the doctor: the ones tied to this situation first, then the general ones."""
        specific = [q for q in self.doctor_questions if not q.fits.always and q.fits.score(situation)]
        general = [q for q in self.doctor_questions if q.fits.always]
        return [q.text for q in (specific + general)[:MAX_DOCTOR_QUESTIONS]]

    def faq_for(self, situation: Situation) -> list[FaqPage]:
        """The FAQ pages that fit best, most specific first."""
        scored = [(p.front.fits.score(situation), p) for p in self.faq]
        fitting = [(s, p) for s, p in scored if s or p.front.fits.always]
        fitting.sort(key=lambda sp: (-sp[0], -sp[1].front.priority, sp[1].id))
        return [p for _, p in fitting[:MAX_FAQ]]


def plain_excerpt(body: str) -> str:
    """The first paragraph of a Markdown body as plain text (links keep their address)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    first = next((p for p in paragraphs if not p.startswith("#")), "")
    text = " ".join(line.strip() for line in first.splitlines())
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _EMPHASIS.sub(lambda m: m.group(2), text)


# ---------------------------------------------------------------------------- loading


@cache
def load_library(folder: Path) -> Library:
    """Load a content folder; raise ContentError naming every problem found."""
    problems: list[Problem] = []
    library = _load(folder, problems)
    if problems or library is None:
        raise ContentError(problems or [Problem("content folder could not be read", source=str(folder))])
    return library


def check_library(folder: Path) -> list[Problem]:
    """Every problem in a content folder (empty when it is sound)."""
    problems: list[Problem] = []
    _load(folder, problems)
    return problems


def _load(folder: Path, problems: list[Problem]) -> Library | None:
    from backpain_cli.redflags import RULES_BY_ID

    if not folder.is_dir():
        problems.append(Problem("content folder does not exist", source=str(folder)))
        return None
    manifest = _yaml_file(folder / MANIFEST_FILE, problems)
    version, name = "unknown", "backpain"
    if isinstance(manifest, dict):
        version = str(manifest.get("version", "unknown"))
        name = str(manifest.get("name", name))
    elif manifest is not None:
        problems.append(Problem("expected a mapping with version and name", source=str(folder / MANIFEST_FILE)))

    questions: list[DoctorQuestion] = []
    dq_path = folder / DOCTOR_QUESTIONS_FILE
    data = _yaml_file(dq_path, problems)
    if data is not None:
        items = data.get("questions") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem("expected a 'questions' list", source=str(dq_path)))
        else:
            for index, item in enumerate(items):
                try:
                    questions.append(DoctorQuestion.model_validate(item))
                except ValidationError as exc:
                    problems += _validation_problems(exc, dq_path, f"questions[{index}]")
    _check_ids([(q.id, dq_path, None) for q in questions], "doctor question", problems)

    pages: list[FaqPage] = []
    faq_dir = folder / FAQ_DIR
    if not faq_dir.is_dir():
        problems.append(Problem("FAQ folder is missing", source=str(faq_dir)))
    else:
        for path in sorted(faq_dir.glob("*.md")):
            page = _faq_page(path, problems)
            if page is not None:
                pages.append(page)
    _check_ids([(p.id, p.path, 2) for p in pages], "FAQ page", problems)

    for source, fits in [(str(dq_path), q.fits) for q in questions] + [(str(p.path), p.front.fits) for p in pages]:
        for rule in fits.rules:
            if rule not in RULES_BY_ID:
                problems.append(Problem(f"fits names unknown rule {rule!r}", source=source))
        for key in fits.answers:
            if key not in SYMPTOM_KEYS:
                problems.append(Problem(f"fits names {key!r}, which is not a yes/no question", source=source))
    for source, text in [(str(dq_path), q.text) for q in questions] + [
        (str(p.path), p.body + p.front.title) for p in pages
    ]:
        if has_control(text):
            problems.append(Problem("holds a terminal control character", source=source))
    return Library(folder, version, name, tuple(questions), tuple(pages))


def _yaml_file(path: Path, problems: list[Problem]) -> object:
    from backpain_cli.yamlload import DuplicateKeyError, YAMLError, safe_load

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem("file is missing", source=str(path)))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(f"cannot read: {exc}", source=str(path)))
        return None
    try:
        return safe_load(text)
    except DuplicateKeyError as dup:
        problems.append(Problem(f"key {dup.key!r} appears twice", source=str(path), line=dup.line))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            Problem(f"not valid YAML: {getattr(exc, 'problem', exc)}", source=str(path),
                    line=mark.line + 1 if mark else None)  # fmt: skip
        )
    return None


def _faq_page(path: Path, problems: list[Problem]) -> FaqPage | None:
    from backpain_cli.yamlload import DuplicateKeyError, YAMLError, safe_load

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(f"cannot read: {exc}", source=str(path)))
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem("no front matter: the page must start with a '---' block", source=str(path), line=1))
        return None
    try:
        data = safe_load(match.group(1))
    except DuplicateKeyError as dup:
        problems.append(Problem(f"key {dup.key!r} appears twice", source=str(path), line=dup.line + 1))
        return None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            Problem(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", source=str(path),
                    line=mark.line + 2 if mark else None)  # fmt: skip
        )
        return None
    try:
        front = FaqFront.model_validate(data)
    except ValidationError as exc:
        problems += _validation_problems(exc, path, "front matter", lines=_front_lines(match.group(1)))
        return None
    body = text[match.end() :]
    if not plain_excerpt(body):
        problems.append(Problem("the page has no text after its front matter", source=str(path)))
    return FaqPage(front, body, path)


def _front_lines(front: str) -> dict[str, int]:
    lines = {}
    for number, line in enumerate(front.splitlines(), start=2):  # line 1 is the opening ---
        key = line.split(":", 1)[0].strip()
        if key and not line.startswith((" ", "\t", "-")):
            lines.setdefault(key, number)
    return lines


def _validation_problems(
    exc: ValidationError, path: Path, where: str, lines: dict[str, int] | None = None
) -> Iterable[Problem]:
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"]]
        field = ".".join(loc)
        line = (lines or {}).get(loc[0]) if loc else None
        msg = str(err["msg"]).removeprefix("Value error, ")
        yield Problem(f"{where}: {field}: {msg}" if field else f"{where}: {msg}", source=str(path), line=line)


def _check_ids(items: Sequence[tuple[str, Path, int | None]], what: str, problems: list[Problem]) -> None:
    seen: dict[str, Path] = {}
    for ident, path, line in items:
        if ident in seen:
            problems.append(
                Problem(f"{what} id {ident!r} is used twice (also in {seen[ident]})", source=str(path), line=line)
            )
        seen.setdefault(ident, path)
