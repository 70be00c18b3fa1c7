"""The content library: it loads, it fits the right people, and a broken copy is reported precisely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from backpain_cli.bundle import ENV_VAR, check_bundle, load_bundle, resolve_content_dir, shipped_content_dir
from backpain_cli.content import load_library, plain_excerpt
from backpain_cli.errors import ContentError, Problem
from tests.helpers import SEED_CASE, library, run


def check_library(folder: Path) -> list[Problem]:
    """Every problem in a content folder, as `backpain content check` finds them."""
    return check_bundle(folder)[1]


def copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(shipped_content_dir(), folder)
    return folder


def test_shipped_content_is_sound() -> None:
    assert check_library(shipped_content_dir()) == []
    library = load_library(shipped_content_dir().resolve())
    assert library.version and library.faq and library.doctor_questions


def test_every_faq_page_names_sources_and_a_review_date() -> None:
    for page in load_library(shipped_content_dir().resolve()).faq:
        assert page.front.sources and page.front.last_reviewed
        assert page.path.stem == page.id
        assert page.excerpt and "**" not in page.excerpt and "](" not in page.excerpt


def test_content_dir_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_content_dir() == shipped_content_dir()
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert resolve_content_dir() == tmp_path
    assert resolve_content_dir(tmp_path / "x") == tmp_path / "x"


def test_plain_excerpt() -> None:
    body = "\n# Heading\n\nFirst **bold** and [a link](https://example.org) here.\nSame paragraph.\n\nSecond.\n"
    assert plain_excerpt(body) == "First bold and a link (https://example.org) here. Same paragraph."


# ---------------------------------------------------------------------------- fitting


def test_questions_for_doctor_fit_the_answers() -> None:
    seed = run(SEED_CASE)
    assert any(
        "Even if it looked normal, could a disc still be pressing on a nerve" in q for q in seed.questions_for_doctor
    )
    assert any("surgery or a spine injection" in q for q in seed.questions_for_doctor)
    plain = run()
    assert not any(
        "Even if it looked normal, could a disc still be pressing on a nerve" in q for q in plain.questions_for_doctor
    )


def test_match_all_needs_every_criterion() -> None:
    # Leg pain but no earlier X-ray: the "my X-ray was normal" question must not appear.
    result = run({"leg_pain_below_knee": "yes"})
    assert not any("X-ray showed" in q for q in result.questions_for_doctor)


def test_general_questions_always_present_and_list_is_bounded() -> None:
    result = run({k: "yes" for k in ("fever", "leg_weakness", "cancer_history", "osteoporosis", "urinary_pain")})
    assert 1 <= len(result.questions_for_doctor) <= 8
    assert len(result.faq) <= 4


def test_faq_fits_the_red_flags_found() -> None:
    result = run({"saddle_numbness": "yes"})
    assert any("cauda" in page.id for page in result.faq)


def _question(question_id: str) -> str:
    return next(q.text for q in library().doctor_questions if q.id == question_id)


def test_doctor_questions_follow_the_results_urgency_and_imaging() -> None:
    """Content is chosen from the result: with no warning signs (routine, no scan) the questions include the
    ones written for routine urgency ("what can I take for the pain") and for no imaging ("when would a scan
    make sense"); an emergency does not get the routine pain-relief question."""
    calm = run().questions_for_doctor
    assert _question("pain_relief") in calm
    assert _question("when_imaging") in calm
    emergency = run({"saddle_numbness": "yes"}).questions_for_doctor
    assert _question("pain_relief") not in emergency


def test_doctor_questions_follow_the_answers_given_yes_or_not_sure() -> None:
    """Content that fits an answer fits it when answered yes or not sure (content/doctor_questions.yaml), and
    not when answered no."""
    assert _question("urine_test") in run({"urinary_pain": "yes"}).questions_for_doctor
    assert _question("urine_test") in run({"urinary_pain": "unsure"}).questions_for_doctor
    calm = run().questions_for_doctor
    assert _question("urine_test") not in calm
    assert _question("cancer_team") not in calm


# ---------------------------------------------------------------------------- broken copies


def test_broken_faq_front_matter_is_reported_with_file_and_line(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    page = folder / "faq" / "imaging-first-six-weeks.md"
    page.write_text(page.read_text().replace("imaging: [none]", "imaging: [pet_scan]"))
    problems = check_library(folder)
    assert any(p.source == str(page) and p.line == 4 and "imaging" in p.message for p in problems)
    with pytest.raises(ContentError):
        load_library(folder)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("---\n", "", 1), "no front matter"),
        (lambda t: t.replace("id: imaging-first-six-weeks", "id: imaging-first-six-weeks\nid: again"), "appears twice"),
        (
            lambda t: t.replace("urgency: [routine, soon]", "urgency: [routine, soon]\n  rules: [no_such_rule]"),
            "unknown rule",
        ),
        (
            lambda t: t.replace("urgency: [routine, soon]", "urgency: [routine, soon]\n  answers: [age]"),
            "not a yes/no question",
        ),
        (lambda t: t + "\n\x1b[2J\n", "terminal control character"),
        (lambda t: re.sub(r"sources:\n(  - .*\n)+", "sources: []\n", t), "sources"),
        (lambda t: t.replace("fits:", "fits: [\n"), "not valid YAML"),
    ],
)
def test_broken_faq_pages(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = copy_content(tmp_path)
    page = folder / "faq" / "imaging-first-six-weeks.md"
    page.write_text(edit(page.read_text()))
    problems = check_library(folder)
    assert any(message in p.message for p in problems), [p.describe() for p in problems]


def test_duplicate_faq_ids(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    shutil.copy(folder / "faq" / "imaging-first-six-weeks.md", folder / "faq" / "copy.md")
    assert any("used twice" in p.message for p in check_library(folder))


def test_broken_doctor_questions(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    (folder / "doctor_questions.yaml").write_text("questions:\n  - id: x\n    text: Hi?\n    fits: {colour: red}\n")
    assert any("colour" in p.message for p in check_library(folder))
    (folder / "doctor_questions.yaml").write_text("questions: 3\n")
    assert any("expected a 'questions' list" in p.message for p in check_library(folder))


def test_missing_pieces(tmp_path: Path) -> None:
    assert check_library(tmp_path / "nope")[0].message == "content folder does not exist"
    folder = copy_content(tmp_path)
    shutil.rmtree(folder / "faq")
    (folder / "content.yaml").unlink()
    messages = {p.message for p in check_library(folder)}
    assert {"FAQ folder is missing", "file is missing"} <= messages


# ---------------------------------------------------------------------------- the selection index


def reference_score(c, situation) -> int:  # type: ignore[no-untyped-def]
    """The plain definition of fitting that the indexed Selector must reproduce."""
    hits = [
        (c.categories, len(situation.categories & c.categories)),
        (c.rules, len(situation.rules & c.rules)),
        (c.answers, len(situation.positive & c.answers)),
        (c.imaging, int(situation.imaging in c.imaging)),
        (c.urgency, int(situation.urgency in c.urgency)),
        (c.previous_imaging, len(situation.previous_imaging & c.previous_imaging)),
        (c.no_red_flags, int(c.no_red_flags and not situation.categories)),
    ]
    if c.match_all and any(given and not hit for given, hit in hits):
        return 0
    return sum(hit for _, hit in hits)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backpain_cli.answers import SYMPTOM_KEYS  # noqa: E402
from backpain_cli.content_index import Situation  # noqa: E402
from backpain_cli.levels import Category, Imaging, Urgency  # noqa: E402
from backpain_cli.rules import RULES_BY_ID  # noqa: E402
from tests.speed import examples  # noqa: E402

situations = st.builds(
    Situation,
    urgency=st.sampled_from([u.value for u in Urgency]),
    imaging=st.sampled_from([i.value for i in Imaging]),
    categories=st.frozensets(st.sampled_from([c.value for c in Category])),
    rules=st.frozensets(st.sampled_from(sorted(RULES_BY_ID))),
    positive=st.frozensets(st.sampled_from(sorted(SYMPTOM_KEYS))),
    previous_imaging=st.frozensets(st.sampled_from(["none", "xray", "mri", "ct"])),
)


@settings(max_examples=examples(300), deadline=None)
@given(situation=situations)
def test_selection_index_matches_the_plain_definition(situation: Situation) -> None:
    library = load_library(shipped_content_dir().resolve())
    for selector, items in ((library.question_selector, library.doctor_questions), (library.page_selector, None)):
        got = selector.scored(situation, include_always=True)
        want = [
            (reference_score(c, situation), item)
            for c, item in selector.entries
            # Self-care advice never sits beside an urgent or emergency result, not even "always".
            if not (c.self_care and situation.urgency in ("urgent", "emergency"))
            and (reference_score(c, situation) or c.always)
        ]
        assert got == want, items


def test_a_general_question_always_makes_the_list() -> None:
    result = run({**SEED_CASE, "osteoporosis": "yes"})
    assert "Do any of my symptoms point to a serious cause?" in result.questions_for_doctor


def test_links_that_are_fine_and_links_that_are_not(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    page = folder / "faq" / "sciatica.md"
    page.write_text(
        page.read_text()
        + "\n[ok](https://www.nice.org.uk/guidance/ng59) [mail](mailto:a@b.c) [top](#top) [page](mri-or-xray.md)"
        + " [odd](ftp://example.org/x)\n"
    )
    problems = [p.message for p in check_library(folder)]
    assert problems == ["link 'ftp://example.org/x' uses an unsupported scheme"]


def test_an_edited_copy_has_a_different_fingerprint(tmp_path: Path) -> None:
    from backpain_cli.bundle import fingerprint

    shipped = fingerprint(shipped_content_dir())
    folder = copy_content(tmp_path)
    assert fingerprint(folder) == shipped and len(shipped) == 12
    (folder / "doctor_questions.yaml").write_text((folder / "doctor_questions.yaml").read_text() + "\n")
    assert fingerprint(folder) != shipped


@pytest.mark.parametrize(
    "case", [{"abdominal_or_chest_pain": "yes"}, {"major_trauma": "yes", "pain_weeks": 0}, {"fever": "yes"}]
)
def test_an_urgent_or_emergency_summary_never_says_scans_can_wait(case: dict[str, str]) -> None:
    result = run(case)
    assert result.urgency.rank >= 2
    assert "imaging-first-six-weeks" not in [p.id for p in result.faq]
    assert not any("after 6 weeks, would a scan" in q for q in result.questions_for_doctor)


def test_weight_loss_at_60_asks_about_belly_scan_and_myeloma_tests() -> None:
    """Rule review (what to ask beyond the spine): NICE NG12 at 60 and over with weight loss and back pain."""
    at_60 = run({"weight_loss": "yes", "age": 60}).questions_for_doctor
    assert any("scan of my belly" in q and "myeloma" in q for q in at_60)
    assert not any("myeloma" in q for q in run({"weight_loss": "yes", "age": 59}).questions_for_doctor)


def test_a_doctor_question_names_only_what_was_answered() -> None:
    """Issue 24: night pain alone must not bring a question about weight loss, nor the reverse."""
    from tests.helpers import run

    night = " ".join(run({"night_pain": "yes", "age": 30}).questions_for_doctor).lower()
    assert "night" in night and "weight" not in night
    weight = " ".join(run({"weight_loss": "yes", "age": 30}).questions_for_doctor).lower()
    assert "weight" in weight and "night" not in weight


def test_no_faq_excerpt_points_at_what_is_not_shown() -> None:
    """Issue 24: an excerpt stands alone on the summary: "the warning signs below" are not there."""
    pointing = re.compile(r"\b(signs|risks|list|steps|questions)\s+(below|above)\b|\bsee (below|above)\b", re.I)
    for page in load_bundle().library.faq:
        assert not pointing.search(page.excerpt), page.id
