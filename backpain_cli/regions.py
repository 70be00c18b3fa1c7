"""Emergency numbers by region, from content/regions.yaml."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from backpain_cli.errors import Code, ContentError, Problem, Words
from backpain_cli.safetext import has_control

REGIONS_FILE: Final = "regions.yaml"
ENV_VAR: Final = "BACKPAIN_REGION"


@dataclass(frozen=True)
class Region:
    """One region's emergency number; ``aliases`` are other names for it (ISO codes such as gb)."""

    code: str | None
    name: str
    number: str
    aliases: tuple[str, ...] = ()

    @property
    def call(self) -> str:
        """'call 999 (or 112)' or 'call your local emergency number (...)'."""
        return f"call {self.number}"


def load_regions(content_dir: Path) -> dict[str | None, Region]:
    """Every region in the content folder, with the fallback under the key None.

    Codes, names and numbers must be text: YAML reads an unquoted ``000`` (Australia) as the
    number 0, which would print "call 0". Raises ContentError naming every problem with its line.
    """
    from backpain_cli.yamlload import read_yaml_file

    path = content_dir / REGIONS_FILE
    source = str(path)
    problems: list[Problem] = []
    document = read_yaml_file(
        path,
        problems,
        missing="the list of emergency numbers is missing",
        unreadable="cannot read the emergency numbers",
    )
    if problems or document is None:
        raise ContentError(problems)
    data: Any = document.data

    def text(*where: str) -> str:
        value: Any = data
        for key in where:
            value = value.get(key) if isinstance(value, dict) else None
        line = document.line(*where)
        name = ".".join(where)
        if not isinstance(value, str):
            what = "missing" if value is None else f"read by YAML as {type(value).__name__} {value!r}; put it in quotes"
            problems.append(Problem(f"{name} must be text ({what})", source=source, line=line, code=Code.CONTENT))
            return ""
        if not value.strip():
            problems.append(Problem(f"{name} is empty", source=source, line=line, code=Code.CONTENT))
            return ""
        if where[-1] == "number" and (not any(c.isdigit() for c in value) or "\n" in value):
            problems.append(
                Problem(
                    f'{name} must be a phone number on one line, such as "000" (it is {value!r})',
                    source=source,
                    line=line,
                    code=Code.CONTENT,
                )
            )
        if has_control(value):
            problems.append(Problem("holds a terminal control character", source=source, line=line, code=Code.CONTENT))
        return value

    if (
        not isinstance(data, dict)
        or not isinstance(data.get("regions"), dict)
        or not isinstance(data.get("default"), dict)
    ):
        raise ContentError(
            [Problem("expected 'default' and 'regions' with a name and number each", source=source, code=Code.CONTENT)]
        )
    regions: dict[str | None, Region] = {None: Region(None, text("default", "name"), text("default", "number"))}
    for code in data["regions"]:
        if not isinstance(code, str):
            problems.append(
                Problem(f"region code {code!r} must be text; put it in quotes", source=source, code=Code.CONTENT)
            )
            continue
        key = code.strip().lower()
        aliases = data["regions"][code].get("aliases", []) if isinstance(data["regions"][code], dict) else []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            line = document.line("regions", code, "aliases")
            problems.append(
                Problem(f"regions.{code}.aliases must be a list of text", source=source, line=line, code=Code.CONTENT)
            )
            aliases = []
        names = tuple(dict.fromkeys(a.strip().lower() for a in aliases))
        regions[key] = Region(key, text("regions", code, "name"), text("regions", code, "number"), names)
    if problems:
        raise ContentError(problems)
    return regions


def find_region(regions: dict[str | None, Region], code: str) -> Region | None:
    """The region with this code or alias (any case, spaces and hyphens alike), or None."""
    wanted = " ".join(code.strip().lower().replace("-", " ").replace("_", " ").split())
    for region in regions.values():
        if region.code is not None and (wanted == region.code or wanted in region.aliases):
            return region
    return None


def locale_territory(environ: Mapping[str, str]) -> str | None:
    """The country part of the locale (``en_GB.UTF-8`` gives ``gb``), as POSIX picks the locale:
    LC_ALL, then LC_MESSAGES, then LANG. None for C, POSIX or a locale without a country."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            match = re.fullmatch(r"[A-Za-z]{2,3}_([A-Za-z]{2})([.@].*)?", value)
            return match.group(1).lower() if match else None
    return None


def pick_region(
    regions: dict[str | None, Region], code: str | None, environ: Mapping[str, str] | None = None
) -> Region:
    """The region asked for (a code or an alias such as gb), else the locale's when it names one
    region, else the fallback that lists several numbers. An unknown code is a usage error that
    lists the known ones."""
    if code is None:
        territory = locale_territory(os.environ if environ is None else environ)
        found = find_region(regions, territory) if territory else None
        return found or regions[None]
    region = find_region(regions, code)
    if region is None:
        known = ", ".join(sorted(c for c in regions if c))
        words = Words.of("unknown_region", code=repr(code), known=known)
        raise ContentError(
            [Problem(f"unknown region {code!r}; choose one of: {known} (or a country code such as gb)", words=words)]
        )
    return region
