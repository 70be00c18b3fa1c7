"""regions.py: emergency numbers by region, from content/regions.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli.errors import ContentError
from backpain_cli.regions import Region, load_regions, pick_region

EXPECTED_NUMBERS = {"us": "911", "ca": "911", "uk": "999 (or 112)", "ie": "112 or 999", "eu": "112", "au": "000",
                    "nz": "111", "in": "112", "za": "10177, or 112 from a mobile phone",
                    "mx": "911"}  # fmt: skip


def test_every_region_has_the_right_emergency_number() -> None:
    from backpain_cli.bundle import shipped_content_dir

    regions = load_regions(shipped_content_dir())
    assert {code for code in regions if code} == set(EXPECTED_NUMBERS)
    for code, number in EXPECTED_NUMBERS.items():
        assert pick_region(regions, code.upper()).call == f"call {number}"
    default = pick_region(regions, None).call
    for number in ("911", "999", "112", "000"):
        assert number in default
    assert "Mexico" in default


def test_codes_are_case_and_space_insensitive_and_unknown_ones_listed() -> None:
    from backpain_cli.bundle import shipped_content_dir

    regions = load_regions(shipped_content_dir())
    assert pick_region(regions, " UK ").code == "uk"
    with pytest.raises(ContentError, match="choose one of: au, ca"):
        pick_region(regions, "mars")


def test_a_region_says_what_to_call() -> None:
    assert Region("au", "Australia", "000").call == "call 000"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("regions: {}\n", "expected 'default' and 'regions'"),
        ("default: {name: x, number: '1'}\nregions: {xx: {name: 'X\x1b[2J', number: '1'}}\n", "control character"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "regions.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        load_regions(tmp_path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="emergency numbers is missing"):
        load_regions(tmp_path)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("gb", "uk"), ("GB", "uk"), ("Great Britain", "uk"), ("england", "uk"), ("de", "eu"), ("FR", "eu"),
     ("usa", "us"), ("new-zealand", "nz"), ("aus", "au"), ("IRL", "ie"), ("mx", "mx"), ("México", "mx")],
)  # fmt: skip
def test_iso_codes_and_common_names_pick_the_region(typed: str, code: str) -> None:
    from backpain_cli.bundle import shipped_content_dir

    assert pick_region(load_regions(shipped_content_dir()), typed).code == code


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "en_GB.UTF-8"}, "uk"),
        ({"LANG": "en_AU.UTF-8"}, "au"),
        ({"LANG": "es_MX.UTF-8"}, "mx"),  # a Spanish speaker in Mexico was given a list without Mexico
        ({"LANG": "es_US.UTF-8"}, "us"),
        ({"LANG": "es_ES.UTF-8"}, "eu"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "eu"),  # LC_ALL wins, as POSIX says
        ({"LC_MESSAGES": "en_NZ", "LANG": "en_US.UTF-8"}, "nz"),
        ({"LANG": "C.UTF-8"}, None),  # no country: the list of several numbers
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en_JP.UTF-8"}, None),  # a country with no entry: never a guess
        ({}, None),
    ],
)
def test_the_default_region_comes_from_the_locale_only_when_it_names_one(
    environ: dict[str, str], code: str | None
) -> None:
    from backpain_cli.bundle import shipped_content_dir

    assert pick_region(load_regions(shipped_content_dir()), None, environ).code == code


def test_aliases_must_be_a_list_of_text(tmp_path: Path) -> None:
    (tmp_path / "regions.yaml").write_text(
        "default: {name: x, number: '1'}\nregions:\n  xx: {name: X, number: '1', aliases: 12}\n"
    )
    with pytest.raises(ContentError, match="aliases must be a list of text") as caught:
        load_regions(tmp_path)
    assert caught.value.problems[0].line == 3


def test_the_footer_names_only_the_chosen_regions_number() -> None:
    from backpain_cli.render.document import build_summary
    from tests.helpers import bank, run

    chosen = build_summary(run(), bank(), region=Region("au", "Australia", "000"))
    assert "call 000" in chosen.footer[0] and "911" not in " ".join(chosen.footer)
    unknown = build_summary(run(), bank(), region=Region(None, "your region", "your local emergency number"))
    assert "911, 999, 112 or 000" in unknown.footer[0]
