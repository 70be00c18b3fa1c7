"""How many questions the walk asks each vignette (issue 10: a shorter walk when nothing is wrong).

Not a timing: a count, the same on every machine. For each answer file in tests/vignettes/cases,
the questions `backpain check` would ask are those the bank does not skip given the answers
(`QuestionBank.skipped`, the rule the walk uses); the rest are the result's `not_asked`.

    .venv/bin/python benchmarks/bench_questions.py
"""

from __future__ import annotations

import statistics
from pathlib import Path

from backpain_cli.answers import SYMPTOM_KEYS, validate_answers
from backpain_cli.assessment import assess
from backpain_cli.bundle import load_bundle
from backpain_cli.readers import read_source

CASES = Path(__file__).resolve().parent.parent / "tests" / "vignettes" / "cases"
FIRST_BANK = 32  # questions in the first question bank, all asked of everyone but two leg follow-ups


def main() -> None:
    bundle = load_bundle()
    bank = bundle.bank
    rows = []
    for path in sorted(CASES.iterdir()):
        # Read as backpain reads any answer file (YAML 1.2, JSON). Files written for the first bank
        # lack the new questions; in a walk they would be asked and, in these stories, answered "no".
        # Unanswered gates would otherwise open every follow-up.
        given = read_source(str(path), load_bundle()).answers.answered()
        answers = validate_answers({**{k: "no" for k in SYMPTOM_KEYS}, **given})
        result = assess(answers, bundle)
        asked = len(bank.questions) - len(result.decision.not_asked)
        rows.append((path.name, result.urgency.value, asked, result.decision.not_asked))
    counts = [r[2] for r in rows]
    routine = [r[2] for r in rows if r[1] == "routine"]
    print(f"{len(bank.questions)} questions in the bank; {len(rows)} vignettes")
    print(
        f"asked, all vignettes:     mean {statistics.mean(counts):.1f}, median {statistics.median(counts)}, "
        f"max {max(counts)}, min {min(counts)}"
    )
    print(
        f"asked, routine vignettes: mean {statistics.mean(routine):.1f}, max {max(routine)} "
        f"(first bank: up to {FIRST_BANK}; ratio of max {max(routine) / FIRST_BANK:.2f})"
    )
    print()
    for name, urgency, asked, not_asked in rows:
        try:
            print(f"{asked:3d}  {urgency:9s}  {name}  not asked: {', '.join(not_asked) or '-'}")
        except BrokenPipeError:  # | head
            return


if __name__ == "__main__":
    main()
