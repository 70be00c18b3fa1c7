"""bundle.py: one content folder loaded once, the shipped folder found, a fingerprint of what is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backpain_cli.bundle import check_bundle, content_files, fingerprint, load_bundle, shipped_content_dir
from backpain_cli.errors import ContentError


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    return folder


def test_the_shipped_folder_loads_whole() -> None:
    bundle = load_bundle()
    assert bundle.folder == shipped_content_dir().resolve()
    assert len(bundle.bank.questions) == 32 and len(bundle.library.faq) == 22
    assert {"uk", "us", "au", None} <= set(bundle.regions)
    assert bundle.version == bundle.library.version and bundle.clinic is None


def test_loaded_once_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_bundle() is load_bundle()
    folder = copy(tmp_path)
    monkeypatch.setenv("BACKPAIN_CONTENT", str(folder))
    assert load_bundle() is load_bundle(folder) is not load_bundle(shipped_content_dir())


def test_files_the_loader_never_reads_leave_the_fingerprint_alone(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = fingerprint(folder)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "NOTES.txt").write_text("to do\n")
    (folder / "faq" / "draft.md.bak").write_text("old\n")
    assert fingerprint(folder) == before
    (folder / "regions.yaml").write_text((folder / "regions.yaml").read_text() + "\n# edited\n")
    assert fingerprint(folder) != before


def test_content_files_are_exactly_the_loaders(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "clinic.yaml").write_text("name: Back Clinic\n")
    names = {p.relative_to(folder).as_posix() for p in content_files(folder)}
    assert {"content.yaml", "questions.yaml", "doctor_questions.yaml", "regions.yaml", "clinic.yaml"} <= names
    assert all(n.endswith(".yaml") or (n.startswith("faq/") and n.endswith(".md")) for n in names)
    assert load_bundle(folder).clinic is not None


def test_every_problem_is_collected_before_failing(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "questions.yaml").unlink()
    (folder / "regions.yaml").unlink()
    (folder / "faq" / "sciatica.md").write_text("no front matter\n")
    bundle, problems = check_bundle(folder)
    assert bundle is None
    messages = " | ".join(p.describe() for p in problems)
    assert "question bank is missing" in messages and "emergency numbers is missing" in messages
    assert "sciatica.md:1: no front matter" in messages
    with pytest.raises(ContentError) as info:
        load_bundle(folder)
    assert len(info.value.problems) == len(problems)
