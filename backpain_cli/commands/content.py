"""``backpain content check``: every problem in a content folder, with its file and line."""

from __future__ import annotations

from pathlib import Path

from backpain_cli import out
from backpain_cli.bundle import check_bundle, resolve_content_dir
from backpain_cli.errors import ExitCode
from backpain_cli.safetext import printable_name


def run_content_check(folder: Path | None = None) -> ExitCode:
    """Check a content folder (default: BACKPAIN_CONTENT, else the shipped one).

    Prints one line per problem on standard output and a count on standard error (BAD_INPUT), or
    one OK line with what the folder holds (OK).
    """
    where = resolve_content_dir(folder)
    bundle, problems = check_bundle(where)
    shown = printable_name(str(where))
    if bundle is None:
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
    return ExitCode.OK
