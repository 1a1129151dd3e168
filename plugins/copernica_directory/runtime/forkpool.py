"""Run independent jobs in this process and forked copies of it, sharing them out as they go.

The build's output is thousands of independent pages and files; rendering them is pure Python,
so only more processes use more cores. Forked workers start with everything already loaded
(content, compiled templates) and nothing is sent to them: each takes the next chunk of job
numbers from a shared counter, runs those jobs, and sends back only their (small) results.

Workers are plain `os.fork` children. A failure in any of them fails the whole run with the
worker's traceback; the parent never returns before every worker has been reaped.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

DEFAULT_CHUNK = 8


class WorkerFailed(RuntimeError):
    """A job failed in a worker process; the message holds its traceback."""


def auto_workers(setting: int | str | None) -> int:
    """The number of processes: the setting, or (0, empty) the CPUs available, at most 4."""
    wanted = int(setting or 0)
    if wanted > 0:
        return wanted
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 4))


def can_fork() -> bool:
    """Forking is only safe without other Python threads (their locks would be copied)."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _run_chunks(
    jobs: Sequence[Callable[[], Any]], counter: Any, chunk: int, results: dict[int, Any]
) -> None:
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + chunk
        if start >= len(jobs):
            return
        for index in range(start, min(start + chunk, len(jobs))):
            results[index] = jobs[index]()


@contextmanager
def spinner_paused() -> Iterator[None]:
    """Stop Pelican's "Generating..." spinner while forking, and start it again after.

    The spinner is redrawn by a thread; a fork while it holds the console's lock would leave a
    child that can never log. (Without Pelican, or without a spinner, nothing to do.)
    """
    console = getattr(sys.modules.get("pelican.log"), "console", None)
    lives = list(getattr(console, "_live_stack", []))
    for live in reversed(lives):
        thread = getattr(live, "_refresh_thread", None)
        live.stop()
        if thread is not None:
            thread.join(timeout=5)  # stop() only asks it to end
    try:
        yield
    finally:
        for live in lives:
            live.start()


class Background:
    """A function running in a forked child; `wait()` returns its result or raises."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self._done = False
        self._value: Any = None
        read_end, write_end = os.pipe()
        with spinner_paused():
            pid = os.fork() if can_fork() else None
        if pid is None:  # other threads: run it here and now
            os.close(read_end)
            os.close(write_end)
            self._value, self._done = function(), True
            return
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            _worker([function], _Counter(), 1, write_end)
        os.close(write_end)
        self._child = (pid, read_end)

    def wait(self) -> Any:
        """The function's result (raises WorkerFailed if it failed in the child)."""
        if not self._done:
            results: dict[int, Any] = {}
            _collect([self._child], results)
            self._value, self._done = results[0], True
        return self._value


class _Counter:
    """A counter for one process (the background child runs its single job)."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = contextlib.nullcontext()

    def get_lock(self) -> Any:
        return self._lock


def run_jobs(
    jobs: Sequence[Callable[[], Any]], workers: int, chunk: int = DEFAULT_CHUNK
) -> list[Any]:
    """Every job's result, in job order; `workers` processes in all (this one included)."""
    if workers <= 1 or len(jobs) <= chunk:
        return [job() for job in jobs]
    counter = multiprocessing.Value("q", 0)
    children: list[tuple[int, int]] = []
    results: dict[int, Any] = {}
    # Objects that exist now are never freed during the run: moving them out of the
    # collector's reach keeps its scans from copying every page the workers share.
    gc.freeze()
    try:
        with spinner_paused():
            for _ in range(workers - 1 if can_fork() else 0):
                read_end, write_end = os.pipe()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - runs in the worker
                    os.close(read_end)
                    _worker(jobs, counter, chunk, write_end)
                os.close(write_end)
                children.append((pid, read_end))
        try:
            _run_chunks(jobs, counter, chunk, results)
        except BaseException:
            with counter.get_lock():
                counter.value = len(jobs)  # the workers stop after their current chunk
            with contextlib.suppress(WorkerFailed):
                _collect(children, {})  # reap them; this process's error is the one to show
            raise
        _collect(children, results)
    finally:
        gc.unfreeze()
    return [results[index] for index in range(len(jobs))]


def _worker(jobs: Sequence[Callable[[], Any]], counter: Any, chunk: int, pipe: int) -> None:
    """The body of a forked worker: run chunks, send results or the traceback, exit."""
    status = 0
    try:
        results: dict[int, Any] = {}
        _run_chunks(jobs, counter, chunk, results)
        payload = pickle.dumps(("ok", results), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        status = 1
        payload = pickle.dumps(("error", traceback.format_exc()))
    try:
        with os.fdopen(pipe, "wb") as stream:
            stream.write(payload)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)  # no atexit handlers, no cleanup of the parent's objects


def _collect(children: list[tuple[int, int]], results: dict[int, Any]) -> None:
    """Read every worker's answer (before reaping it: a full pipe would block it)."""
    failures = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        try:
            kind, value = pickle.loads(data) if data else ("error", f"no answer (exit {code})")
        except Exception as err:  # a truncated answer: the worker died while writing
            kind, value = "error", f"unreadable answer ({err}); exit {code}"
        if kind == "ok" and code == 0:
            results.update(value)
        else:
            failures.append(f"worker {pid} (exit {code}):\n{value}")
    if failures:
        raise WorkerFailed("\n".join(failures))
