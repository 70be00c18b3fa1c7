"""``backpain history``: check-ins kept on this computer, what changed, and forgetting them (issue 12).

Only these commands, and ``check`` after the person says yes at its end, read or write the history;
``assess`` never does (docs/history.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from backpain_cli import out
from backpain_cli.answers import read_answer_source
from backpain_cli.assessment import Result, assess, today_from_env
from backpain_cli.bundle import load_bundle
from backpain_cli.errors import ExitCode, Problem, UsageError
from backpain_cli.history.changes import PastCheckIn, compute_changes
from backpain_cli.history.store import CheckIn, Store, history_path, open_store
from backpain_cli.redflags import RULES_VERSION
from backpain_cli.regions import pick_region
from backpain_cli.render import Format, pick_format, render_result
from backpain_cli.render.document import Summary, build_summary
from backpain_cli.safetext import printable_name

ACTIONS = ("list", "add", "show", "export", "forget")
NONE_KEPT = "No check-ins are kept on this computer."


class HistoryFormat(StrEnum):
    """Formats for the history listings (``add`` takes the formats of ``assess``)."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


def run_history(
    action: str | None,
    target: str | None = None,
    fmt: str | None = None,
    on: str | None = None,
    everything: bool = False,
    remind: Path | None = None,
    *,
    content: Path | None = None,
    region: str | None = None,
) -> ExitCode:
    """Dispatch ``backpain history [list|add FILE|show ID|export|forget ID|forget --all]``.

    ``content`` and ``region`` default to BACKPAIN_CONTENT and BACKPAIN_REGION (cli.py keeps the
    command's options few).

    Raises UsageError for an unknown action, a missing or extra argument, or a bad date or number;
    HistoryError when the history file cannot be used; AnswerFileError for a bad answer file.
    """
    action = (action or "list").lower()
    if action not in ACTIONS:
        raise UsageError(f"unknown history action {action[:40]!r}: use one of {', '.join(ACTIONS)}")
    if on is not None and action != "add":
        raise UsageError("--date goes with: backpain history add FILE --date YYYY-MM-DD")
    if remind is not None and action != "add":
        raise UsageError("--remind goes with: backpain history add FILE --remind FILE.ics")
    if everything and action != "forget":
        raise UsageError("--all goes with: backpain history forget --all")
    if action == "add":
        region = region or os.environ.get("BACKPAIN_REGION") or None
        if target is None:
            raise UsageError("history add needs an answer file: backpain history add FILE")
        return add_check_in(target, fmt=fmt, on=on, remind=remind, content=content, region=region)
    if action == "show":
        return show_check_in(_number(target), _listing_format(fmt, HistoryFormat.TEXT))
    if action == "forget":
        if (target is None) == (not everything):
            raise UsageError("say which check-in to forget (backpain history forget ID), or --all for every one")
        return forget(None if everything else _number(target))
    if target is not None:
        raise UsageError(f"history {action} takes no argument (got {target[:40]!r})")
    if action == "export":
        return export(_listing_format(fmt, HistoryFormat.JSONL))
    return list_check_ins(_listing_format(fmt, HistoryFormat.TEXT))


def _listing_format(fmt: str | None, default: HistoryFormat) -> HistoryFormat:
    try:
        return HistoryFormat((fmt or default.value).lower())
    except ValueError:
        raise UsageError(f"--format for history listings is text, json or jsonl, not {fmt!r}") from None


def _number(target: str | None) -> int:
    if target is None or not target.strip().isdigit():
        raise UsageError(f"a check-in number is needed (see: backpain history), not {target!r}")
    return int(target)


def _date(on: str | None) -> dt.date:
    if on is None:
        return today_from_env()
    try:
        date = dt.date.fromisoformat(on.strip())
    except ValueError:
        raise UsageError(f"--date must be a date like 2026-11-08, not {on[:40]!r}") from None
    if date.year < 1900 or date > today_from_env():
        raise UsageError(f"--date {date.isoformat()} is in the future or too far back")
    return date


def past(check_ins: list[CheckIn]) -> list[PastCheckIn]:
    """Kept check-ins as the change rules read them."""
    return [PastCheckIn(c.taken_on, c.answers, c.urgency) for c in check_ins]


def keep(store: Store, result: Result, answers: dict[str, Any], on: dt.date) -> int:
    """Keep one check-in (answers, urgency, imaging, date, rules version); returns its number."""
    return store.add(
        on, answers, urgency=result.urgency.value, imaging=result.imaging.value, rules_version=RULES_VERSION
    )


def add_check_in(
    source: str,
    *,
    fmt: str | None,
    on: str | None,
    remind: Path | None,
    content: Path | None,
    region: str | None,
) -> ExitCode:
    """Record a check-in from an answer file and print its assessment, made with the history."""
    try:
        chosen = Format(fmt.lower()) if fmt else None
    except ValueError:
        raise UsageError(f"--format for history add is one of {', '.join(f.value for f in Format)}") from None
    form = pick_format(chosen, None, batch=False, terminal=out.stdout_is_terminal())
    if form == Format.JSONL:
        raise UsageError("history add gives one result: use --format json, not jsonl")
    date = _date(on)
    bundle = load_bundle(content)
    answers = read_answer_source(source)
    with open_store() as store:
        assert store is not None
        earlier = [c for c in store.all() if c.taken_on <= date]
        result = assess(answers, bundle, today=date, history=past(earlier))
        for key in result.ignored:
            out.warning(f"{printable_name(source)}: {key} was ignored: the questions it depends on were answered 'no'")
        number = keep(store, result, answers.answered(), date)
    out.info(f"kept as check-in {number} on {date.isoformat()} in {printable_name(str(history_path()))}")
    if remind is not None and result.history is not None:
        from backpain_cli.history.remind import reminder_ics
        from backpain_cli.outputs import write_private

        write_private(remind, reminder_ics(result.history.next_check_in).decode())
        out.wrote(remind)
    place = None if form == Format.JSON else pick_region(bundle.regions, region)

    def summary() -> Summary:
        return build_summary(result, bundle.bank, region=place)

    out.write(render_result(result, form, summary=summary, source=printable_name(source)))
    return ExitCode.OK


def _rows(check_ins: list[CheckIn]) -> list[dict[str, Any]]:
    """Each check-in with what changed since the one before it, newest first."""
    rows = []
    for i, check_in in enumerate(check_ins):
        # Only the one before matters for what changed: comparing with all of them made this quadratic.
        changes = compute_changes(past(check_ins[max(i - 1, 0) : i]), check_in.answers, check_in.taken_on)
        rows.append(
            {
                "id": check_in.id,
                "date": check_in.taken_on.isoformat(),
                "urgency": check_in.urgency,
                "imaging": check_in.imaging,
                "pain_score": check_in.answers.get("pain_score"),
                "new": list(changes.new),
                "resolved": list(changes.resolved),
            }
        )
    return rows[::-1]


def list_check_ins(fmt: HistoryFormat) -> ExitCode:
    """The check-ins, newest first: number, date, urgency, imaging, pain score, what changed."""
    with open_store(create=False) as store:
        check_ins = store.all() if store else []
    rows = _rows(check_ins)
    if fmt == HistoryFormat.JSON:
        out.write(json.dumps(rows, indent=2) + "\n")
    elif fmt == HistoryFormat.JSONL:
        out.write("".join(json.dumps(r) + "\n" for r in rows))
    elif not rows:
        out.write(NONE_KEPT + "\n")
    else:
        lines = [f"{'#':>4}  {'date':<10}  {'urgency':<9}  {'imaging':<10}  {'pain':>4}  what changed"]
        for r in rows:
            parts = [
                f"{word}: {', '.join(r[field])}" for word, field in (("new", "new"), ("gone", "resolved")) if r[field]
            ]
            changed = "; ".join(parts) or "-"
            pain = "-" if r["pain_score"] is None else str(r["pain_score"])
            lines.append(f"{r['id']:>4}  {r['date']:<10}  {r['urgency']:<9}  {r['imaging']:<10}  {pain:>4}  {changed}")
        out.write("\n".join(lines) + "\n")
        if out.stdout_is_terminal() and len(check_ins) > 1:
            from backpain_cli.history.changes import PainPoint
            from backpain_cli.history.chart import print_pain_chart

            points = [PainPoint(c.taken_on, c.answers.get("pain_score"), c.urgency) for c in check_ins]
            out.write("\n")
            print_pain_chart(points, out.console())
    return ExitCode.OK


def show_check_in(number: int, fmt: HistoryFormat) -> ExitCode:
    """One check-in: its date, urgency, imaging, rules version and answers."""
    with open_store(create=False) as store:
        check_in = store.get(number) if store else None
    if check_in is None:
        raise UsageError([Problem(f"there is no check-in {number}", source=str(history_path()))])
    if fmt != HistoryFormat.TEXT:
        out.write(json.dumps(check_in.as_dict(), indent=2 if fmt == HistoryFormat.JSON else None) + "\n")
        return ExitCode.OK
    lines = [
        f"Check-in {check_in.id} on {check_in.taken_on.isoformat()}",
        f"urgency: {check_in.urgency}",
        f"imaging: {check_in.imaging}",
        f"rules version: {check_in.rules_version or 'not recorded'}",
        "answers:",
        *(f"  {printable_name(key)}: {_value(value)}" for key, value in sorted(check_in.answers.items())),
    ]
    out.write("\n".join(lines) + "\n")
    return ExitCode.OK


def _value(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return printable_name(text)


def export(fmt: HistoryFormat) -> ExitCode:
    """Every check-in with its answers, oldest first: JSON lines (or one JSON list)."""
    with open_store(create=False) as store:
        check_ins = store.all() if store else []
    if fmt == HistoryFormat.JSON:
        out.write(json.dumps([c.as_dict() for c in check_ins], indent=2) + "\n")
    else:
        out.write("".join(json.dumps(c.as_dict()) + "\n" for c in check_ins))
    return ExitCode.OK


def forget(number: int | None) -> ExitCode:
    """Delete one check-in, or all of them, and vacuum the file; says what was removed."""
    with open_store(create=False) as store:
        gone = store.forget(number) if store else []
    where = printable_name(str(history_path()))
    if not gone:
        if number is None:
            out.write(f"{NONE_KEPT} Nothing was removed.\n")
            return ExitCode.OK
        raise UsageError([Problem(f"there is no check-in {number}; nothing was removed", source=str(history_path()))])
    if number is None:
        out.write(
            f"Removed all {len(gone)} check-ins from {where}. The file was cleaned, so no answers are left in it.\n"
        )
    else:
        c = gone[0]
        out.write(f"Removed check-in {c.id} ({c.taken_on.isoformat()}, {c.urgency}) from {where}.\n")
    return ExitCode.OK
