"""Run one command and measure it: wall time, CPU time, peak memory.

The peak memory is the build process's own, from `os.wait4`'s resource usage (the kernel's
high-water mark of its resident set; for a process tree, that of its largest process). When the
build uses worker processes, their sum matters too: a sampler thread adds up the proportional set
sizes (shared pages divided among the processes sharing them) of the whole process tree every
few tens of milliseconds and keeps the highest total.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Run:
    """What one command cost."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # the largest single process (wait4)
    peak_tree_rss_mb: float  # the highest sum of PSS over the process tree (sampled)
    returncode: int
    output: str


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _memory_kb(pid: int) -> int:
    """The process's proportional set size: shared pages (a forked worker shares most of its
    memory with the build) counted once overall, not once per process; RSS where unknown."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    with open(f"/proc/{pid}/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE_KB


def _tree_rss_kb(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += _memory_kb(current)
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(_children(current))
    return total


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, sample_ms: float = 50
) -> Run:
    """Run `command` to completion and measure it; its output is kept for error messages."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(process.pid))
            done.wait(sample_ms / 1000)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # Read the output while it runs (a full pipe would block the build), then reap the
    # process with wait4 for its resource usage.
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_rss_mb = usage.ru_maxrss / 1024
    return Run(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=peak_rss_mb,
        peak_tree_rss_mb=max(peak_tree / 1024, peak_rss_mb),
        returncode=process.returncode,
        output=output,
    )
