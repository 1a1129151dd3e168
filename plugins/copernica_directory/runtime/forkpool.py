"""Run independent jobs in forked worker processes: the standard library's process pool.

The build's output is thousands of independent pages and files; rendering them is pure Python,
so only more processes use more cores. Workers are forked (`multiprocessing`'s fork context):
they start with everything already loaded (content, compiled templates), so a job is sent as
its number only and only its (small) result comes back. A job that fails raises its own
exception in the build process, with the worker's traceback as its cause; a worker that dies
fails the run (`BrokenProcessPool`).

The one module-level name set at run time, `_FORKED_JOBS`, is set only inside a worker, by the
pool's initializer as the worker starts: it is how a job's number finds the job in the copy of
the build's memory the worker was forked with. The build process never sets it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
# In a worker process only: the jobs of the run it was forked for (see the docstring).
_FORKED_JOBS: list[Sequence[Callable[[], Any]]] = []


class WorkerFailed(RuntimeError):
    """The background process failed or died; the message holds its traceback."""


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
    return _FORK is not None and threading.active_count() == 1


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


def _adopt(jobs: Sequence[Callable[[], Any]]) -> None:
    """The pool's initializer, in a freshly forked worker: remember the run's jobs."""
    _FORKED_JOBS[:] = [jobs]


def _run(index: int) -> Any:
    """Run job `index` of the run this worker was forked for."""
    return _FORKED_JOBS[0][index]()


def run_jobs(jobs: Sequence[Callable[[], Any]], workers: int) -> list[Any]:
    """Every job's result, in job order; in `workers` forked processes when that is more
    than one (and forking is safe), else here."""
    if workers <= 1 or len(jobs) <= 1 or not can_fork():
        return [job() for job in jobs]
    # Objects that exist now are never freed during the run: moving them out of the
    # collector's reach keeps its scans from copying every page the workers share.
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            mp_context=_FORK,
            initializer=_adopt,
            initargs=(jobs,),  # not pickled: a forked worker has them already
        )
        with pool:
            # The first job starts every worker (the pool forks them all before it starts
            # its own threads): without the spinner's thread.
            with spinner_paused():
                futures = [pool.submit(_run, 0)]
            futures += [pool.submit(_run, index) for index in range(1, len(jobs))]
            try:
                return [future.result() for future in futures]
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # nothing more starts
                raise
    finally:
        gc.unfreeze()


class Background:
    """A function running in a forked child while this process goes on; `wait()` returns its
    result or raises WorkerFailed. (Without a safe fork it runs here and now.)"""

    def __init__(self, function: Callable[[], Any]) -> None:
        self._done = False
        self._value: Any = None
        if not can_fork():
            self._value, self._done = function(), True
            return
        assert _FORK is not None
        receive, send = _FORK.Pipe(duplex=False)
        # A plain forked process, not a pool: a pool's threads would make every later fork
        # in this process (the page workers) unsafe.
        with spinner_paused():
            self._process = _FORK.Process(target=_send_result, args=(function, send))
            self._process.start()
        send.close()
        self._receive = receive

    def wait(self) -> Any:
        """The function's result (raises WorkerFailed if it failed in the child)."""
        if not self._done:
            try:
                kind, value = self._receive.recv()  # before joining: a full pipe would block it
            except EOFError:
                kind, value = "error", "no answer"
            finally:
                self._receive.close()
                self._process.join()
            if kind != "ok" or self._process.exitcode != 0:
                raise WorkerFailed(f"background process (exit {self._process.exitcode}):\n{value}")
            self._value, self._done = value, True
        return self._value


def _send_result(function: Callable[[], Any], send: Any) -> None:  # pragma: no cover - child
    try:
        answer = ("ok", function())
    except BaseException:
        answer = ("error", traceback.format_exc())
    send.send(answer)
    send.close()
    if answer[0] != "ok":
        sys.exit(1)
