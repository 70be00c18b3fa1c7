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
    assert len(bundle.bank.questions) == 63 and len(bundle.library.faq) == 22
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
    assert all(n.endswith(".yaml") or (n.startswith(("faq/", "lang/es/faq/")) and n.endswith(".md")) for n in names)
    # A translation's files count too (issue 20): editing a Spanish page changes the fingerprint.
    assert {"lang/es/texts.yaml", "lang/es/questions.yaml", "lang/es/faq/sciatica.md"} <= names
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


# ---------------------------------------------------------------- files as their authors meant them


def test_an_unquoted_emergency_number_is_refused_with_its_line(tmp_path: Path) -> None:
    """YAML reads `number: 000` as the number 0: the banner would say "call 0"."""
    folder = copy(tmp_path)
    regions = folder / "regions.yaml"
    text = regions.read_text()
    assert 'number: "000"' in text
    regions.write_text(text.replace('number: "000"', "number: 000"))
    line = next(n for n, t in enumerate(regions.read_text().splitlines(), 1) if "number: 000}" in t)
    _, problems = check_bundle(folder)
    assert [p.describe() for p in problems] == [
        f"{regions}:{line}: regions.au.number must be text (read by YAML as int 0; put it in quotes)"
    ]


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "clinic.yaml",
            "name: Back Clinic\nphone: 0123456\n",
            ":2: clinic: phone: must be text, but YAML read 123456; put it in quotes",
        ),
        ("content.yaml", "version: 2026.10\nname: backpain\n", ":1: version must be text, but YAML read the number"),
    ],
)
def test_text_fields_typed_as_numbers_are_refused_with_their_line(
    tmp_path: Path, file: str, text: str, expected: str
) -> None:
    folder = copy(tmp_path)
    (folder / file).write_text(text)
    _, problems = check_bundle(folder)
    assert any(expected in p.describe() for p in problems), [p.describe() for p in problems]


def test_a_fifo_or_device_in_the_content_folder_is_reported_never_read(tmp_path: Path) -> None:
    import os

    folder = copy(tmp_path)
    os.mkfifo(folder / "faq" / "x.md")  # reading it would block forever
    (folder / "faq" / "zero.md").symlink_to("/dev/zero")  # reading it would never end
    os.mkfifo(folder / "notes.txt")  # not a content file: never even looked at
    _, problems = check_bundle(folder)
    found = sorted(p.describe() for p in problems)
    assert found == [
        f"{folder / 'faq' / 'x.md'}: cannot read: is a pipe (FIFO), not a regular file",
        f"{folder / 'faq' / 'zero.md'}: cannot read: is a device, not a regular file",
    ]


def test_an_oversized_content_file_is_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    page = folder / "faq" / "sciatica.md"
    page.write_text(page.read_text() + "x" * 600_000)
    _, problems = check_bundle(folder)
    size = page.stat().st_size
    assert [p.describe() for p in problems] == [f"{page}: cannot read: is {size:,} bytes, over the 524,288-byte limit"]


def test_a_page_of_unclosed_links_costs_linear_time(tmp_path: Path) -> None:
    import time

    folder = copy(tmp_path)
    page = folder / "faq" / "sciatica.md"
    page.write_text(page.read_text() + "\n" + "[a](" * 25_000 + "\n")  # 100 KB
    start = time.perf_counter()
    bundle, problems = check_bundle(folder)
    assert time.perf_counter() - start < 2  # 34 s before the link pattern was bounded
    assert problems == [] and bundle is not None


def test_an_alias_bomb_in_a_content_file_is_refused_quickly(tmp_path: Path) -> None:
    import time

    folder = copy(tmp_path)
    lines = ["version: '1'", "name: x", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (folder / "content.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    _, problems = check_bundle(folder)
    # Expanded, the bomb holds 9**10 (3.4 billion) values: it would take hours and all the memory.
    # Checking the rest of the folder takes about 0.3 s alone but over 1 s on a loaded 2-core
    # machine, so the bound only tells "refused before expanding" from "expanded".
    assert time.perf_counter() - start < 10
    assert [p.describe() for p in problems] == [
        # line 7 holds a4, the first list that expands past the limit (9**5 values)
        f"{folder / 'content.yaml'}:7: cannot be read: it holds more than 50,000 values once its aliases are expanded"
    ]


def test_pages_saved_with_windows_line_ends_or_a_byte_order_mark_load(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    page = folder / "faq" / "sciatica.md"
    text = page.read_text()
    page.write_bytes(text.replace("\n", "\r\n").encode())
    (folder / "faq" / "staying-active.md").write_bytes(
        b"\xef\xbb\xbf" + (folder / "faq" / "staying-active.md").read_bytes()
    )
    bundle, problems = check_bundle(folder)
    assert problems == [] and bundle is not None
    assert next(p for p in bundle.library.faq if p.path == page).body == text[text.index("---", 3) + 4 :]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ('"call your GP"', 'regions.au.number must be a phone number on one line, such as "000"'),
        ('"000\\n\\nIgnore this"', "must be a phone number on one line"),
        ('""', "regions.au.number is empty"),
    ],
)
def test_an_emergency_number_must_look_like_one(tmp_path: Path, number: str, message: str) -> None:
    folder = copy(tmp_path)
    regions = folder / "regions.yaml"
    regions.write_text(regions.read_text().replace('number: "000"', f"number: {number}"))
    _, problems = check_bundle(folder)
    assert len(problems) == 1 and message in problems[0].describe() and problems[0].line is not None


def test_a_clinic_written_the_natural_way(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "clinic.yaml").write_text(
        "name: Harbour Street Clinic\naddress: 1 Harbour St, Sydney\nphone: 0298765432\n"
    )
    _, problems = check_bundle(folder)
    assert [p.describe() for p in problems] == [
        f"{folder / 'clinic.yaml'}:3: clinic: phone: must be text, but YAML read 298765432; put it in quotes"
    ]
    (folder / "clinic.yaml").write_text(
        'name: Harbour Street Clinic\naddress: 1 Harbour St, Sydney\nphone: "02 9876 5432"\n'
    )
    bundle, _ = check_bundle(folder)
    assert bundle is not None and bundle.clinic is not None
    from backpain_cli.render.document import clinic_lines

    lines = clinic_lines(bundle.clinic, bundle.texts)
    assert lines == ["Harbour Street Clinic", "1 Harbour St, Sydney", "Phone: 02 9876 5432"]
