"""Emergency numbers by region, from content/regions.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from backpain_cli.errors import ContentError, Problem
from backpain_cli.safetext import has_control

REGIONS_FILE: Final = "regions.yaml"
ENV_VAR: Final = "BACKPAIN_REGION"


@dataclass(frozen=True)
class Region:
    code: str | None
    name: str
    number: str

    @property
    def call(self) -> str:
        """'call 999 (or 112)' or 'call your local emergency number (...)'."""
        return f"call {self.number}"


def load_regions(content_dir: Path) -> dict[str | None, Region]:
    """Every region in the content folder, with the fallback under the key None."""
    from backpain_cli.yamlload import read_yaml_file

    path = content_dir / REGIONS_FILE
    problems: list[Problem] = []
    data: Any = read_yaml_file(
        path,
        problems,
        missing="the list of emergency numbers is missing",
        unreadable="cannot read the emergency numbers",
    )
    if problems:
        raise ContentError(problems)
    try:
        regions: dict[str | None, Region] = {
            None: Region(None, str(data["default"]["name"]), str(data["default"]["number"]))
        }
        for code, item in data["regions"].items():
            regions[str(code).lower()] = Region(str(code).lower(), str(item["name"]), str(item["number"]))
    except (KeyError, TypeError, AttributeError):
        raise ContentError(
            [Problem("expected 'default' and 'regions' with a name and number each", source=str(path))]
        ) from None
    if any(has_control(r.name) or has_control(r.number) for r in regions.values()):
        raise ContentError([Problem("holds a terminal control character", source=str(path))])
    return regions


def pick_region(regions: dict[str | None, Region], code: str | None) -> Region:
    """The region asked for; an unknown code is a usage error that lists the known ones."""
    if code is None:
        return regions[None]
    region = regions.get(code.strip().lower())
    if region is None:
        known = ", ".join(sorted(c for c in regions if c))
        raise ContentError([Problem(f"unknown region {code!r}; choose one of: {known}")])
    return region
