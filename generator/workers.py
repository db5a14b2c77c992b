"""The build's worker processes, which never outlive it.

A worker asks the kernel to kill it when its parent dies (a build killed
with SIGKILL runs no clean-up of its own), ignores the terminal's Ctrl+C and
hang-up (its parent handles them and stops it), dies at once on SIGTERM
(how its parent stops it), and on any failure of the
build the workers are stopped at once rather than left to finish their job
into a folder that is being removed.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1  # linux/prctl.h
try:  # loaded here: a forked worker must not take the dynamic loader's lock, which another thread may have held
    LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:
    LIBC = None


class InlineWorkers:
    """One process: each job runs as it is submitted."""

    def submit(self, fn, *args) -> Future:
        future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


def die_with_parent(parent: int) -> None:
    """Run first in each worker."""
    # A job's error comes back to the parent through its future, which reports it.  What a worker
    # writes itself is multiprocessing's own "Process ForkProcess-N: Traceback ..." when it is
    # stopped mid-read as a failed build ends: noise after the user's message, so it goes nowhere.
    sys.stderr = open(os.devnull, "w", encoding="utf-8")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except AttributeError:  # not Linux: the parent's clean-up still stops the pool
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


@contextmanager
def language_workers(languages: int):
    """Up to MFKB_JOBS processes (default: the machine's cores), forked at
    the first job and kept for all of the build's parallel work."""
    workers = min(languages, int(os.environ.get("MFKB_JOBS") or os.cpu_count() or 1))
    if workers <= 1:
        yield InlineWorkers()
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),))
    with stopped_on_failure(pool):
        yield pool
    pool.shutdown(wait=True)


@contextmanager
def stopped_on_failure(workers):
    """Whatever ends the block early (an error, Ctrl+C, SIGTERM) kills the workers mid-job."""
    try:
        yield
    except BaseException:
        if isinstance(workers, ProcessPoolExecutor):
            stop_now(workers)
        raise


def stop_now(pool: ProcessPoolExecutor) -> None:
    """Kill the workers and wait for them to be gone."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(5)
    # A worker killed while sending its result leaves half a message, which the
    # pool's reader would wait on forever: with this last writer closed it reads
    # the end of the pipe instead, and the pool shuts down as broken.
    results = getattr(pool, "_result_queue", None)
    if results is not None:
        results._writer.close()
    pool.shutdown(wait=True, cancel_futures=True)
