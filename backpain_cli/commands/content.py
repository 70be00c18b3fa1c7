"""``backpain content check``: every problem in a content folder, with its file and line."""

from __future__ import annotations

from pathlib import Path

from backpain_cli import out
from backpain_cli.bundle import check_bundle, resolve_content_dir
from backpain_cli.errors import ExitCode
from backpain_cli.language import languages
from backpain_cli.safetext import printable, printable_name
from backpain_cli.texts import Texts


def run_content_check(folder: Path | None = None) -> ExitCode:
    """Check a content folder (default: BACKPAIN_CONTENT, else the shipped one).

    Prints one line per problem on standard output and a count on standard error (BAD_INPUT), or
    one OK line with what the folder holds (OK).
    """
    where = resolve_content_dir(folder)
    bundle, problems = check_bundle(where)
    shown = printable_name(str(where))
    # Each translation over the same structure: every missing or extra key, every placeholder that differs.
    translations = [] if bundle is None else [check_bundle(where, code) for code in languages(where)[1:]]
    problems += [p for _, found in translations for p in found]
    if bundle is None or problems:
        for problem in problems:
            out.write(f"{problem.describe()}\n")
        count = len(problems)
        out.info(f"{count} {'problem' if count == 1 else 'problems'} in {shown}; every one found is listed above")
        return ExitCode.BAD_INPUT
    library = bundle.library
    out.write(
        f"{shown}: OK: {len(bundle.bank.questions)} questions, {len(library.faq)} FAQ pages, "
        f"{len(library.doctor_questions)} doctor questions, {len(bundle.regions) - 1} regions "
        f"(questions {bundle.bank.version}, content {library.version}, fingerprint {bundle.fingerprint})\n"
    )
    for translated, _ in translations:
        if translated is not None:
            out.write(f"{translated.language}: {review_status(translated.texts)}\n")
    return ExitCode.OK


def review_status(texts: Texts) -> str:
    """A translation's review status, as content check prints it."""
    review = texts.review
    if review is None:
        return f"{texts.name}: no review status (add review: reviewed_by, reviewed_on to its texts.yaml)"
    if review.reviewed:
        return f"{texts.name}: reviewed by {printable(review.reviewed_by)} on {review.reviewed_on}"
    return f"{texts.name}: NOT YET REVIEWED by a person (review.reviewed_by and review.reviewed_on are empty)"
