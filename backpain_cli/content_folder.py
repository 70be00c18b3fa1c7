"""Which content folder to read: ``--content``, else BACKPAIN_CONTENT, else the shipped one.

Apart from bundle.py so that naming the folder loads nothing: ``backpain --version`` prints it
without importing the content's models (pydantic) or its parser (PyYAML).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

ENV_VAR: Final = "BACKPAIN_CONTENT"
# Where a built wheel carries the content (pyproject.toml force-includes content/ there).
PACKAGED_DIR: Final = "_content"


def shipped_content_dir() -> Path:
    """The content folder that came with the program.

    An installed wheel carries it inside the package as package data (``backpain_cli/_content``).
    A source checkout, or an editable install of one, has no such folder inside the package and
    reads the repository's own ``content/`` instead, so an edit there shows at once. (The content is
    read as files from disk, so the package's own folder is where to look: ``importlib.resources``
    would add nothing here but its start-up cost.)
    """
    package = Path(__file__).parent
    packaged = package / PACKAGED_DIR
    if packaged.is_dir():
        return packaged
    return package.parent / "content"


def resolve_content_dir(option: str | Path | None = None) -> Path:
    """The folder to read: the option, else BACKPAIN_CONTENT, else the shipped one (made absolute)."""
    if option:
        return Path(option).resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).resolve()
    return shipped_content_dir().resolve()
