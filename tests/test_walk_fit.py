"""The walk's own lines in every language (issue 20, a new Spanish-speaking user's trial).

- Typed keys: in plain mode a patient types a letter; the same letter must never mean two things in
  the walk's menus, which a patient meets one after another ("s" was "sí" on every yes/no question
  and "saltarlas" on the PEG offer: typing s for yes skipped the PEG).
- The progress line fits at 80 columns for every section title, so it never wraps mid-walk.
- Every prompt a menu or a question shows ends with its own punctuation ("?" or ":"), since the
  chosen answer is echoed after it ("Rate how your back pain affects you: Answer them").
"""

from __future__ import annotations

import io
import re
from functools import cache

import pytest

from backpain_cli.bundle import Bundle, load_bundle, shipped_content_dir
from backpain_cli.language import languages
from backpain_cli.prompts import PlainPrompter

LANGUAGES = languages(shipped_content_dir())
COLUMNS = 80


@cache
def bundle(language: str) -> Bundle:
    return load_bundle(language=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_typed_key_means_two_things_in_the_walk(language: str) -> None:
    texts = bundle(language).texts
    keys = texts.walk.keys
    meaning: dict[str, str] = {}
    for name in type(keys).model_fields:
        for key in getattr(keys, name):
            typed = key.strip().lower()
            assert meaning.setdefault(typed, name) == name, (
                f"{language}: {key!r} means both {meaning[typed]!r} and {name!r}"
            )
    # The save questions (yes or no) read the same letters as the walk's yes and no.
    assert {k.lower() for k in texts.prompts.yes_keys} <= {k.lower() for k in keys.yes}
    assert {k.lower() for k in texts.prompts.no_keys} <= {k.lower() for k in keys.no}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_progress_line_fits_at_80_columns_in_every_section(language: str) -> None:
    b = bundle(language)
    walk = b.texts.walk
    for number, section in enumerate(b.bank.sections, 1):
        most = sum(q.section == section.id for q in b.bank.asked)
        for left in {b.texts.plural(walk.left_in_section, max(most, 2)), walk.last_in_section}:
            line = walk.progress.format(section=number, sections=len(b.bank.sections), title=section.title, left=left)
            assert len(line) <= COLUMNS, f"{language}: {len(line)} columns: {line}"
            out = io.StringIO()
            PlainPrompter(b.texts.prompts, stdout=out, width=COLUMNS).say(line)
            assert out.getvalue() == line + "\n"  # one line, as shown


def prompts(b: Bundle) -> list[str]:
    """Every question and menu prompt the walk and its save questions show."""
    t = b.texts
    shown = [q.text for q in b.bank.asked] + [m.offer for m in b.bank.measures]
    shown += [t.walk.what_now, t.walk.review_prompt, t.clinic.ask_identifiers, t.clinic.ask_name, t.clinic.ask_dob]
    shown += [t.clinic.ask_record, t.saving.save_answers, t.saving.save_answers_as, t.saving.save_summary]
    shown += [t.saving.save_summary_as, t.saving.save_so_far, t.saving.save_so_far_as, t.history.keep_question]
    return shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prompt_ends_with_its_punctuation(language: str) -> None:
    for prompt in prompts(bundle(language)):
        bare = re.sub(r"\s*\([^()]*\)$", "", prompt.strip())  # a closing hint: "(Puede dejarlo en blanco.)"
        # A question may end with its examples: "Is your immune system weak? For example, from HIV."
        assert bare.endswith(("?", ":")) or ("?" in bare and bare.endswith(".")), f"{language}: {prompt!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_doubted_medical_title_is_said_in_plain_words(language: str) -> None:
    """The "not sure" warning shows a rule's title without its explanation (which states the signs as
    fact), so "Possible cauda equina syndrome" came with no meaning: its plain meaning is shown."""
    from backpain_cli.interview import Interview
    from tests.interview_helpers import UK, ScriptedStdin

    b = bundle(language)
    out = io.StringIO()
    prompter = PlainPrompter(b.texts.prompts, stdin=ScriptedStdin([b.texts.walk.keys.stop[0]]), stdout=out)
    walk = Interview(b.bank, prompter, UK, b.texts, {"saddle_numbness": "unsure"})
    assert walk.run().stopped_early
    shown = " ".join(out.getvalue().split())
    rule = b.texts.rule("ces_saddle_bladder_bowel")
    assert rule.meaning is not None and rule.title in shown
    assert " ".join(rule.meaning.split()) in shown
    assert " ".join(rule.explanation.split()) not in shown  # still never the signs stated as fact


def test_typing_the_spanish_yes_at_the_peg_offer_skips_nothing() -> None:
    """The tester's slip: "s" (sí) at the PEG offer used to mean "saltarlas". Now it is asked again."""
    from backpain_cli.interview import SKIP, Interview
    from tests.interview_helpers import UK, ScriptedStdin

    b = bundle("es")
    out = io.StringIO()
    prompter = PlainPrompter(b.texts.prompts, stdin=ScriptedStdin(["s", "o"]), stdout=out)
    walk = Interview(b.bank, prompter, UK, b.texts, {})
    assert walk._offer(b.bank.measures[0]) == SKIP  # only "o", the second reply, skips
    assert out.getvalue().count("Escriba una de estas: ?, c, o, v.") == 1
