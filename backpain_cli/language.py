"""Which language a person reads: ``--lang``, then BACKPAIN_LANG, then the locale, else English.

The languages a content folder has are English (the folder's own files) and every ``lang/<code>/``
folder holding a ``texts.yaml``: a clinic adds a language by adding files. The language is
independent of the region (``--lang es --region us`` is Spanish with 911).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from backpain_cli.errors import UsageError

LANG_DIR: Final = "lang"
ENV_VAR: Final = "BACKPAIN_LANG"
SOURCE_LANGUAGE: Final = "en"
_CODE = re.compile(r"[a-z]{2,3}")
# A locale or a tag: es, es_MX.UTF-8, es-419, ES.
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_.@].*)?")


def language_dir(folder: Path, language: str) -> Path:
    """Where a content folder keeps one language's overlay (``lang/es``)."""
    return folder / LANG_DIR / language


def languages(folder: Path) -> tuple[str, ...]:
    """The languages a content folder has, English first."""
    root = folder / LANG_DIR
    found = []
    if root.is_dir():
        found = sorted(d.name for d in root.iterdir() if _CODE.fullmatch(d.name) and (d / "texts.yaml").is_file())
    return (SOURCE_LANGUAGE, *(c for c in found if c != SOURCE_LANGUAGE))


def language_code(tag: str) -> str | None:
    """The language part of a tag or locale (``es_MX.UTF-8`` gives ``es``); None for C or POSIX."""
    match = _TAG.fullmatch(tag.strip())
    if not match or tag.strip().upper() in ("C", "POSIX"):
        return None
    return match.group(1).lower()


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the locale, as POSIX picks it: LC_ALL, then LC_MESSAGES, then LANG."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return language_code(value)
    return None


def resolve_language(folder: Path, asked: str | None, environ: Mapping[str, str]) -> str:
    """The language to speak: ``asked`` (--lang), else BACKPAIN_LANG (both must be one we have:
    a usage error lists them), else the locale's when we have it, else English."""
    have = languages(folder)
    wanted = asked if asked is not None and asked.strip() else environ.get(ENV_VAR, "").strip() or None
    if wanted is not None:
        code = language_code(wanted)
        if code is None or code not in have:
            raise UsageError(f"unknown language {wanted!r}; choose one of: {', '.join(have)}")
        return code
    from_locale = locale_language(environ)
    return from_locale if from_locale in have else SOURCE_LANGUAGE
