"""The content bundle: the question bank, FAQ library, doctor questions, regions and clinic details.

Everything the program reads from a content folder is loaded here, once, by ``load_bundle``. The
folder is the shipped one, or a clinic's own (``--content`` / ``BACKPAIN_CONTENT``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from backpain_cli.content import CLINIC_FILE, DOCTOR_QUESTIONS_FILE, FAQ_DIR, MANIFEST_FILE, Clinic, Library
from backpain_cli.content_folder import ENV_VAR, PACKAGED_DIR, resolve_content_dir, shipped_content_dir
from backpain_cli.errors import Code, ContentError, Problem
from backpain_cli.questions import QUESTIONS_FILE, QuestionBank
from backpain_cli.regions import REGIONS_FILE, Region
from backpain_cli.texts import TEXTS_DIR, Texts

__all__ = [
    "ENV_VAR",
    "PACKAGED_DIR",
    "Bundle",
    "check_bundle",
    "content_files",
    "fingerprint",
    "load_bundle",
    "resolve_content_dir",
    "shipped_content_dir",
]


@dataclass(frozen=True)
class Bundle:
    """One content folder, loaded and checked: everything a command needs besides the answers."""

    folder: Path
    bank: QuestionBank
    library: Library
    regions: dict[str | None, Region]
    texts: Texts  # the text catalogue: every sentence that is not a question or an FAQ page
    fingerprint: str  # of the files the loader reads: tells an edited copy from the shipped one

    @property
    def clinic(self) -> Clinic | None:
        return self.library.clinic

    @property
    def version(self) -> str:
        return self.library.version


def content_files(folder: Path) -> list[Path]:
    """The files the loader reads from a folder, in a fixed order (those that exist)."""
    names = [MANIFEST_FILE, QUESTIONS_FILE, DOCTOR_QUESTIONS_FILE, REGIONS_FILE, CLINIC_FILE]
    files = [folder / name for name in names]
    for sub, pattern in ((FAQ_DIR, "*.md"), (TEXTS_DIR, "*.yaml")):
        if (folder / sub).is_dir():
            files += (folder / sub).glob(pattern)
    return sorted(p for p in files if p.is_file())


def fingerprint(folder: Path) -> str:
    """A short SHA-256 of the files the loader reads (names and bytes, in name order).

    Printed with the content version, so a summary shows whether it came from the shipped content
    or from an edited copy that kept the same version number. Files the program never reads (a
    ``.git`` folder, notes, backups) do not change it.
    """
    from backpain_cli.input_files import CONTENT_LIMIT, read_bytes

    digest = hashlib.sha256()
    for path in content_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(read_bytes(path, limit=CONTENT_LIMIT) + b"\0")
    return digest.hexdigest()[:12]


def check_bundle(folder: Path) -> tuple[Bundle | None, list[Problem]]:
    """Load a folder and collect every problem in it; the bundle is None unless there are none."""
    from backpain_cli.content import load_library_into
    from backpain_cli.questions import load_question_bank
    from backpain_cli.regions import load_regions
    from backpain_cli.rules import RULES_BY_ID
    from backpain_cli.texts import check_texts, load_texts, texts_file

    if not folder.is_dir():
        return None, [Problem("content folder does not exist", source=str(folder), code=Code.UNREADABLE)]
    problems: list[Problem] = []
    bank = regions = None
    try:
        bank = load_question_bank(folder)
    except ContentError as exc:
        problems += exc.problems
    library = load_library_into(folder, problems)
    try:
        regions = load_regions(folder)
    except ContentError as exc:
        problems += exc.problems
    texts = load_texts(folder, problems)
    if texts is not None and bank is not None:
        numbers = [q.key for q in bank.questions if q.type == "integer"]
        problems += check_texts(texts, rule_ids=RULES_BY_ID, integer_keys=numbers, source=str(texts_file(folder)))
    if problems or bank is None or library is None or regions is None or texts is None:
        return None, problems or [Problem("content folder could not be read", source=str(folder))]
    return Bundle(folder, bank, library, regions, texts, fingerprint(folder)), []


@cache
def _load(folder: Path) -> Bundle:
    bundle, problems = check_bundle(folder)
    if bundle is None:
        raise ContentError(problems)
    return bundle


def load_bundle(folder: str | Path | None = None) -> Bundle:
    """The content bundle for ``--content`` (or BACKPAIN_CONTENT, or the shipped folder).

    Loaded once per folder in a process. Raises ContentError listing every problem found, each
    with its file and, where known, its line.
    """
    return _load(resolve_content_dir(folder))
