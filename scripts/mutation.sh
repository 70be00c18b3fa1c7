#!/usr/bin/env bash
# Mutation testing of the red-flag and triage logic (docs/mutation.md). Not part of .ci/run: it
# takes about 17 minutes on 2 cores (more when many mutants survive).
#
#   bash scripts/mutation.sh              # both passes, then the summary
#   bash scripts/mutation.sh code         # pass 1 only: mutmut on the functions
#   bash scripts/mutation.sh table        # pass 2 only: the rule table
#
# Pass 1, mutmut (pinned below): mutates every function and method of backpain_cli/rules/,
# triage.py, conditions.py and levels.py, and runs the tests that reach each mutant.
# Pass 2, the rule table: mutmut 3 never mutates module-level code, and the red-flag rules are a
# module-level table (rules.RULES and its shared triggers in rules/triggers.py). This pass changes one thing of the
# table at a time (a rule's urgency, imaging or category; a threshold; a part of a trigger) in a
# forked copy of the process and runs the same tests there. Since rule set 2026.12.1 it also
# changes each rule's if_unanswered, steps_down_when_unsure and explains_xray_limits, each No(key),
# and the skip logic (rules.policy.ASK_WHEN: each gate's condition, and each gate removed).
#
# Both passes run the fast, relevant subset of the suite (TESTS below), with Hypothesis
# derandomized (CI=true) so a run is reproducible. Installs mutmut into the Python that runs this
# script ($PYTHON, else python3 on PATH): use a virtual environment. The exit code is 1 when any
# surviving mutant is neither killed nor listed as equivalent in docs/mutation.md.
set -euo pipefail
cd "$(dirname "$0")/.."

MUTMUT_VERSION=3.8.1
PYTHON=${PYTHON:-python3}
JOBS=${JOBS:-$(nproc)}
# The test subset. Pass 1 takes it from [tool.mutmut] in pyproject.toml (keep the two lists the
# same); pass 2 runs it in this order with -x, the focused tests first and the slow property tests
# of test_triage.py last, so that most mutants are killed within a second or two.
TESTS=(
  tests/test_conditions.py
  tests/test_content.py::test_doctor_questions_follow_the_results_urgency_and_imaging
  tests/test_content.py::test_doctor_questions_follow_the_answers_given_yes_or_not_sure
  tests/test_rules.py
  tests/test_vignettes.py
  tests/test_answers.py
  tests/test_triage.py
)
WHAT=${1:-all}
case "$WHAT" in
  all | code | table) ;;
  *)
    echo "usage: bash scripts/mutation.sh [all|code|table]" >&2
    exit 2
    ;;
esac
export CI=true

"$PYTHON" -m pip install --quiet --disable-pip-version-check "mutmut==$MUTMUT_VERSION"
started=$(date +%s)
mkdir -p mutants

if [ "$WHAT" = all ] || [ "$WHAT" = code ]; then
  echo "== pass 1: mutmut $MUTMUT_VERSION on the functions (tests: ${TESTS[*]})"
  # mutmut keeps results in mutants/ and skips mutants it has a result for: start clean.
  find mutants -mindepth 1 -maxdepth 1 ! -name 'run-*' -exec rm -rf {} +
  # The spinner output is long; keep it in a log. Same entry point as the `mutmut` command.
  "$PYTHON" -c 'import sys; from mutmut.__main__ import cli; sys.argv[0] = "mutmut"; cli()' \
    run --max-children "$JOBS" >mutants/run-mutmut.log 2>&1 || {
    tail -c 4000 mutants/run-mutmut.log
    exit 2
  }
  "$PYTHON" -c 'import sys; from mutmut.__main__ import cli; sys.argv[0] = "mutmut"; cli()' \
    results --all true >mutants/run-mutmut-results.txt
fi

if [ "$WHAT" = all ] || [ "$WHAT" = table ]; then
  echo "== pass 2: the rule table (tests: ${TESTS[*]})"
  "$PYTHON" - "$JOBS" "${TESTS[@]}" <<'PY'
"""Mutate the rule table one change at a time; a forked child applies the change and runs the tests."""

import json
import os
import sys
import time
from pathlib import Path

import pytest

from backpain_cli import rules
from backpain_cli.rules import policy, triggers
from backpain_cli.conditions import All, AnyOf, AtLeast, Below, No, OneOf, OnsetBefore, Some, Unless, Yes
from backpain_cli.levels import Imaging, Urgency

jobs, tests = int(sys.argv[1]), sys.argv[2:]
TIMEOUT = 300  # seconds for one mutant; the clean run takes about 10
URGENCIES, IMAGING = list(Urgency), sorted(Imaging, key=lambda m: m.rank)

# A readable, stable name for every condition object: the module-level trigger it is, or the
# rule and the path to it inside that rule's trigger.
names = {id(v): k for k, v in vars(triggers).items() if k.isupper() and hasattr(v, "evaluate")}


def walk(cond, name):
    """Yield (name, condition) for cond and everything under it (a shared trigger by its own name)."""
    name = names.get(id(cond), name)
    yield name, cond
    if isinstance(cond, All | AnyOf | Some):
        for i, part in enumerate(cond.parts):
            yield from walk(part, f"{name}[{i}]")
    elif isinstance(cond, Unless):
        yield from walk(cond.part, f"{name}.unless")


def setter(obj, attr, value):
    return lambda: object.__setattr__(obj, attr, value)


class Always:
    """A gate that always holds: the question behind it is never skipped."""

    def evaluate(self, facts):
        return (2, (), ())

    def keys(self):
        return frozenset()

    def describe(self):
        return "always"

    def needs(self):
        return None


def gate_removed(key):
    return lambda: policy.ASK_WHEN.__setitem__(key, Always())


def mutants():
    """(name, apply) for every mutant of the table."""
    for rule in rules.RULES:
        u, m = URGENCIES.index(rule.urgency), IMAGING.index(rule.imaging)
        for new in (URGENCIES[u - 1] if u else None, URGENCIES[u + 1] if u + 1 < len(URGENCIES) else None):
            if new:
                yield f"{rule.id}.urgency: {rule.urgency.value} -> {new.value}", setter(rule, "urgency", new)
        for new in (IMAGING[m - 1] if m else None, IMAGING[m + 1] if m + 1 < len(IMAGING) else None):
            if new:
                yield f"{rule.id}.imaging: {rule.imaging.value} -> {new.value}", setter(rule, "imaging", new)
        if rule.category:
            yield f"{rule.id}.category: {rule.category.value} -> none (not a red flag)", setter(rule, "category", None)
        # The floor when answers are missing: one step each way, never above the rule's own
        # urgency (check_rules refuses that table at import, so such a mutant could not ship).
        f = URGENCIES.index(rule.if_unanswered)
        for new in (URGENCIES[f - 1] if f else None, URGENCIES[f + 1] if f + 1 <= u else None):
            if new:
                yield (
                    f"{rule.id}.if_unanswered: {rule.if_unanswered.value} -> {new.value}",
                    setter(rule, "if_unanswered", new),
                )
        flag = rule.steps_down_when_unsure
        yield f"{rule.id}.steps_down_when_unsure: {flag} -> {not flag}", setter(rule, "steps_down_when_unsure", not flag)
        # The flag only matters where an MRI is favoured (policy.needs_xray_note); elsewhere a
        # mutant of it could not change any output.
        if rule.explains_xray_limits or rule.imaging in policy.XRAY_NOTE_FOR:
            flag = rule.explains_xray_limits
            yield f"{rule.id}.explains_xray_limits: {flag} -> {not flag}", setter(rule, "explains_xray_limits", not flag)
    seen = set()
    triggers = [(rule.when, f"{rule.id}.when") for rule in rules.RULES]
    # The skip logic: each question's ask condition, walked after the rules so that a shared
    # trigger keeps its own name (and is changed once, for the rules and the gates alike).
    triggers += [(cond, f"ASK_WHEN[{key}]") for key, cond in policy.ASK_WHEN.items()]
    for key in policy.ASK_WHEN:
        yield f"ASK_WHEN[{key}]: gate removed (always asked)", gate_removed(key)
    for top, top_name in triggers:
        for name, cond in walk(top, top_name):
            if id(cond) in seen:
                continue
            seen.add(id(cond))
            if isinstance(cond, AtLeast | Below):
                attr = "minimum" if isinstance(cond, AtLeast) else "limit"
                old = getattr(cond, attr)
                for new in (old - 1, old + 1):
                    yield f"{name}: {cond.describe()} -> {new}", setter(cond, attr, new)
            elif isinstance(cond, OnsetBefore):
                for new in (cond.age - 1, cond.age + 1):
                    yield f"{name}: {cond.describe()} -> {new}", setter(cond, "age", new)
            elif isinstance(cond, OneOf) and len(cond.values) > 1:
                for value in sorted(cond.values):
                    yield f"{name}: {cond.describe()} without {value}", setter(cond, "values", cond.values - {value})
            elif isinstance(cond, No):
                yield f"{name}: {cond.describe()} -> {cond.key} is yes or unsure", setter(cond, "__class__", Yes)
            elif isinstance(cond, Some):
                for new in (cond.count - 1, cond.count + 1):
                    if 1 <= new <= len(cond.parts):
                        yield f"{name}: at least {cond.count} -> {new}", setter(cond, "count", new)
            if isinstance(cond, All | AnyOf) and len(cond.parts) > 1:
                other = AnyOf if isinstance(cond, All) else All
                yield f"{name}: {type(cond).__name__} -> {other.__name__}", setter(cond, "__class__", other)
                for i, part in enumerate(cond.parts):
                    rest = cond.parts[:i] + cond.parts[i + 1 :]
                    yield f"{name}: drop part {i} ({part.describe()})", setter(cond, "parts", rest)


class FirstFailure:
    """Pytest plugin: note the first test that fails, to say which test killed a mutant."""

    def __init__(self, path):
        self.path = path

    def pytest_runtest_logreport(self, report):
        if report.failed and not self.path.exists():
            self.path.write_text(report.nodeid)


def run_one(apply, note):
    """In a forked child: apply the change as if the source said so, then run the tests."""
    apply()
    for rule in rules.RULES:  # needs is derived from the trigger at import time
        object.__setattr__(rule, "needs", rule.when.needs())
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests], plugins=[FirstFailure(note)])
    os._exit(int(code))


def main():
    todo = list(mutants())
    # Each result is appended to run-table-progress.jsonl as it comes, so a long run can be watched
    # (and, with TABLE_RESUME=1, resumed without running its finished mutants again). TABLE_ONLY=FILE
    # runs only the mutants named in FILE, one a line (for example the survivors of a run, after
    # writing the tests that should kill them).
    progress = Path("mutants/run-table-progress.jsonl")
    done = {}
    if os.environ.get("TABLE_RESUME") == "1" and progress.exists():
        done = {r["name"]: r for r in map(json.loads, progress.read_text().splitlines())}
    else:
        progress.write_text("")
    if os.environ.get("TABLE_ONLY"):
        wanted = set(Path(os.environ["TABLE_ONLY"]).read_text().splitlines())
        todo = [(name, apply) for name, apply in todo if name in wanted]
    todo = [(name, apply) for name, apply in todo if name not in done]
    print(f"    {len(todo)} table mutants to run, {jobs} at a time", flush=True)
    results = {name: r["result"] for name, r in done.items()}
    killers = {name: r["killer"] for name, r in done.items()}
    running, start = {}, time.time()
    notes = Path("mutants/run-table-notes")
    notes.mkdir(parents=True, exist_ok=True)
    while todo or running:
        while todo and len(running) < jobs:
            name, apply = todo.pop(0)
            note = notes / f"{len(todo)}.txt"
            note.unlink(missing_ok=True)
            pid = os.fork()
            if pid == 0:
                run_one(apply, note)
            running[pid] = (name, time.time(), note)
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for child, (name, began, _) in running.items():
                if time.time() - began > TIMEOUT:
                    os.kill(child, 9)
            time.sleep(0.1)
            continue
        name, _, note = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        results[name] = "survived" if code == 0 else "timeout" if code == -9 else "killed"
        killers[name] = note.read_text() if note.exists() else f"exit code {code}"
        with progress.open("a") as out:
            out.write(json.dumps({"name": name, "result": results[name], "killer": killers[name]}) + "\n")
        if len(results) % 25 == 0:
            print(f"    {len(results)} done, {sum(v == 'survived' for v in results.values())} survived", flush=True)
    Path("mutants/run-table-killers.json").write_text(json.dumps(killers, indent=1) + "\n")
    Path("mutants/run-table-results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(f"    done in {time.time() - start:.0f} s", flush=True)


# Import the test modules once, here, so that no forked child spends its time importing them again
# (most of the time of a mutant that dies early). Only their import: the content bundle, which holds
# the question bank's skip gates, is loaded afresh in each child.
import importlib  # noqa: E402

from backpain_cli.bundle import _load as load_bundle  # noqa: E402

for module in ["tests.conftest", *dict.fromkeys(t.split("::")[0].removesuffix(".py").replace("/", ".") for t in tests)]:
    importlib.import_module(module)
load_bundle.cache_clear()

# The clean run must pass first, or every mutant would look killed.
pid = os.fork()
if pid == 0:
    run_one(lambda: None, Path("mutants/run-table-clean.txt"))
if os.waitstatus_to_exitcode(os.wait()[1]) != 0:
    sys.exit("the tests fail without any mutant: fix them first")
main()
PY
fi

echo
echo "== summary ($(($(date +%s) - started)) s)"
"$PYTHON" - <<'PY'
import json
import re
from pathlib import Path

doc = Path("docs/mutation.md").read_text() if Path("docs/mutation.md").exists() else ""
equivalent = set(re.findall(r"^\| `([^`]+)` \|", doc, re.MULTILINE))
unexplained = []

mutmut = Path("mutants/run-mutmut-results.txt")
if mutmut.exists():
    status = dict(line.strip().rsplit(": ", 1) for line in mutmut.read_text().splitlines() if ": " in line)
    counts = {k: sum(v == k for v in status.values()) for k in sorted(set(status.values()))}
    print(f"pass 1 (mutmut): {len(status)} mutants: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    left = [name for name, v in status.items() if v not in ("killed", "timeout", "caught by type check")]
    unexplained += [name for name in left if name not in equivalent]
    print(f"    survivors listed as equivalent in docs/mutation.md: {sum(n in equivalent for n in left)}")

table = Path("mutants/run-table-results.json")
if table.exists():
    results = json.loads(table.read_text())
    counts = {k: sum(v == k for v in results.values()) for k in ("killed", "survived", "timeout")}
    print(
        f"pass 2 (rule table): {len(results)} mutants: {counts['killed']} killed, {counts['survived']} survived, "
        f"{counts['timeout']} timeout"
    )
    left = [name for name, v in results.items() if v != "killed"]
    unexplained += [name for name in left if name not in equivalent]
    print(f"    survivors listed as equivalent in docs/mutation.md: {sum(n in equivalent for n in left)}")

if unexplained:
    print(f"\n{len(unexplained)} surviving mutants are not explained in docs/mutation.md:")
    for name in unexplained:
        print(f"    {name}")
    print("Inspect one with: mutmut show NAME (pass 1); kill it with a test or record why it is equivalent.")
    raise SystemExit(1)
print("\nno unexplained survivors. Inspect a mutant with `mutmut show NAME`; delete mutants/ when done.")
PY
