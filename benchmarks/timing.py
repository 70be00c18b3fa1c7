"""Shared timing for the benchmarks: fresh processes run side by side, medians and CPU time.

The machine these run on is shared, so a benchmark never times one command N times and then the
other N times (a neighbour's test run would land on one of them only): each round runs every
command once, in turn, and the ratios come from the medians of the same rounds.

Bytecode: with PYTHONDONTWRITEBYTECODE set (as it is in this project's sandboxes), an editable
install's own modules would be compiled from source at every start while the libraries in
site-packages load their cached ``.pyc``; no installed program starts that way. So every process
gets PYTHONPYCACHEPREFIX pointing to a temporary folder (nothing is written in the source tree),
and one untimed warm-up round fills it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # pragma: no cover - Windows: wall time only
    resource = None  # type: ignore[assignment]


@dataclass
class Samples:
    """Wall and CPU seconds (user + system, the process and all it started) of each run."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None


def bench_env(folder: Path) -> dict[str, str]:
    """The environment every timed process gets: bytecode cached in ``folder`` (see the module doc)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def _children_cpu() -> float:
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``, its output thrown away; it must succeed."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def interleaved(commands: Mapping[str, Sequence[str]], runs: int, env: Mapping[str, str]) -> dict[str, Samples]:
    """Run every command once per round, for ``runs`` rounds after one untimed warm-up round."""
    for cmd in commands.values():
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    samples = {name: Samples() for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, cpu = run_once(cmd, env)
            samples[name].wall.append(wall)
            if resource is not None:
                samples[name].cpu.append(cpu)
    return samples


def backpain_command() -> list[str]:
    """The console script next to this Python (as a user runs it), else ``python -m backpain_cli``."""
    script = Path(sys.executable).parent / "backpain"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "backpain_cli"]


def machine_line() -> str:
    """Python, platform, cores and load: what a reader needs to compare two reports."""
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return f"python {sys.version.split()[0]} on {sys.platform}, os.cpu_count() = {os.cpu_count()}{load}"
