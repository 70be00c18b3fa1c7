"""Where the content folder is: the shipped one, or a clinic's own (--content / BACKPAIN_CONTENT)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

ENV_VAR: Final = "BACKPAIN_CONTENT"

_PACKAGE = Path(__file__).resolve().parent


def shipped_content_dir() -> Path:
    """The content folder that came with the program.

    An installed wheel carries it inside the package (``_content``); a source checkout or an
    editable install reads the repository's top-level ``content/`` folder.
    """
    bundled = _PACKAGE / "_content"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / "content"


def resolve_content_dir(option: str | Path | None = None) -> Path:
    """The folder to read: the option, else the environment variable, else the shipped one."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return shipped_content_dir()
