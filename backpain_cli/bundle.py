"""The content bundle: the question bank, FAQ library, doctor questions, regions and clinic details.

Everything the program reads from a content folder is loaded here, once, by ``load_bundle``. The
folder is the shipped one, or a clinic's own (``--content`` / ``BACKPAIN_CONTENT``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from backpain_cli.content import CLINIC_FILE, DOCTOR_QUESTIONS_FILE, FAQ_DIR, MANIFEST_FILE, Clinic, Library
from backpain_cli.content_folder import ENV_VAR, PACKAGED_DIR, resolve_content_dir, shipped_content_dir
from backpain_cli.errors import Code, ContentError, Problem, UsageError
from backpain_cli.language import LANG_DIR, SOURCE_LANGUAGE, resolve_language
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
    "patient_bundle",
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
    language: str = "en"  # the words' language (language.py); the structure is the same in every one

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
    for sub, pattern in ((FAQ_DIR, "*.md"), (TEXTS_DIR, "*.yaml"), (LANG_DIR, "*/*.yaml"), (LANG_DIR, "*/faq/*.md")):
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


def check_bundle(folder: Path, language: str = SOURCE_LANGUAGE) -> tuple[Bundle | None, list[Problem]]:
    """Load a folder, in ``language`` (its overlay over the folder's one structure: overlay.py), and
    collect every problem in it; the bundle is None unless there are none."""
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
    base_ok = not problems  # a translation is checked over a sound structure, whatever its own texts say
    texts = load_texts(folder, problems, language)
    if language != SOURCE_LANGUAGE and base_ok and bank is not None and library is not None and regions:
        from backpain_cli.overlay import translate_bank, translate_library, translate_regions

        bank = translate_bank(folder, language, bank, problems)
        library = translate_library(folder, language, library, problems)
        regions = translate_regions(folder, language, regions, problems)
    if texts is not None and bank is not None:
        numbers = [q.key for q in bank.questions if q.type == "integer"]
        source = str(texts_file(folder, language))
        units = [q.unit for q in bank.questions if q.unit]
        problems += check_texts(texts, rule_ids=RULES_BY_ID, integer_keys=numbers, source=source, units=units)
    if problems or bank is None or library is None or regions is None or texts is None:
        return None, problems or [Problem("content folder could not be read", source=str(folder))]
    return Bundle(folder, bank, library, regions, texts, fingerprint(folder), language), []


@cache
def _load(folder: Path, language: str) -> Bundle:
    bundle, problems = check_bundle(folder, language)
    if bundle is None:
        raise ContentError(problems)
    return bundle


def load_bundle(folder: str | Path | None = None, language: str = SOURCE_LANGUAGE) -> Bundle:
    """The content bundle for ``--content`` (or BACKPAIN_CONTENT, or the shipped folder), in ``language``.

    Loaded once per folder and language in a process. Raises ContentError listing every problem
    found, each with its file and, where known, its line.
    """
    return _load(resolve_content_dir(folder), language)


def clinic_words(bundle: Bundle, clinic_lang: str | None = None) -> tuple[Texts, QuestionBank] | None:
    """The words of the clinician's page when the clinic reads another language than the patient:
    ``clinic_lang`` (--clinic-lang), else clinic.yaml's ``language``, else English; None when the same."""
    clinic = bundle.clinic
    wanted = clinic_lang or (clinic.language if clinic is not None else None) or SOURCE_LANGUAGE
    code = resolve_language(bundle.folder, wanted, {})
    if code == bundle.language:
        return None
    other = load_bundle(bundle.folder, code)
    return other.texts, other.bank


def patient_bundle(folder: str | Path | None = None, lang: str | None = None, *, for_scripts: bool = False) -> Bundle:
    """The bundle in the language a person reads: ``lang`` (--lang), else BACKPAIN_LANG, else the
    locale's when the folder has it, else English (language.resolve_language). A language we do not
    have is a UsageError in the locale's language (English when we lack it) naming each language we
    have; ``for_scripts`` (assess) keeps the program's English one."""
    import os

    where = resolve_content_dir(folder)
    try:
        language = resolve_language(where, lang, os.environ)
    except UsageError:
        if for_scripts:
            raise
        raise _unknown_language(where, lang, os.environ) from None
    return _load(where, language)


def _unknown_language(folder: Path, asked: str | None, environ: Mapping[str, str]) -> UsageError:
    """``--lang español``: said in the locale's language when we have it, else English, listing
    the languages we have with their names in that language ("es (español)")."""
    from backpain_cli.language import ENV_VAR as LANG_VAR
    from backpain_cli.language import languages, locale_language

    have = languages(folder)
    reader = locale_language(environ)
    texts = _load(folder, reader if reader in have else SOURCE_LANGUAGE).texts
    wanted = asked if asked is not None and asked.strip() else environ.get(LANG_VAR, "")
    known = ", ".join(f"{code} ({texts.language_name(code, code)})" for code in have)
    words = texts.file_problems.unknown_language.format(code=repr(wanted.strip()), known=known)
    return UsageError([Problem(words)])
