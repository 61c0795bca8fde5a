"""A warm pool of worker processes for the CPU stages of a batch, on this machine.

The workers import only the transforms (no Prefect, no Great Expectations), so they start fast and
stay small; the Prefect task of each batch runs in the flow's process and hands the work over.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# polars sets its allocator (jemalloc) to hand freed pages back to the kernel within half a second;
# a batch frees and reallocates hundreds of megabytes, and the page faults that follow cost close
# to a tenth of a worker's CPU. Workers keep freed pages for a few seconds instead (~25 MB more
# each); the flow's process, larger and allocating less, keeps polars' setting. A worker's stages
# run one after the other on threads of their own (flows/batch.py): with one arena, what one stage
# frees the next reuses, where an arena per thread held ~100 MB more per worker.
POLARS_ALLOCATOR = "dirty_decay_ms:500,muzzy_decay_ms:1000"  # what polars sets when it loads
WORKER_ALLOCATOR = "dirty_decay_ms:5000,muzzy_decay_ms:5000,narenas:1"


def worker_environment() -> None:
    """Set what worker processes started from now on inherit (a user's own setting is kept).

    This process's polars and NumPy have read their settings already, so the change reaches only
    the workers."""
    if os.environ.get("_RJEM_MALLOC_CONF", POLARS_ALLOCATOR) == POLARS_ALLOCATOR:
        os.environ["_RJEM_MALLOC_CONF"] = WORKER_ALLOCATOR
    # A worker does no linear algebra: NumPy's BLAS threads, one a core, would only spin.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0


def _exit_with_parent(parent: int) -> None:
    # A killed run (SIGKILL, the OOM killer) does not take its workers along: they would be
    # re-parented to init and keep their memory for good.
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _pin(started: Any, cpus: list[int]) -> None:
    """Hold this worker, all its threads, to one CPU: the next of `cpus` in start order.

    Polars hands every call to a thread of its pool and waits for it: on one CPU that hand-over is
    a switch between two threads, on two it wakes the other CPU (costly in a virtual machine).
    Measured on one worker, 8 batches: 8% less CPU per MB."""
    with started.get_lock():
        index = started.value
        started.value += 1
    os.sched_setaffinity(0, {cpus[index % len(cpus)]})


def _warm(parent: int, started: Any = None, cpus: list[int] | None = None) -> None:
    # `parent` is the pid of the process that made the pool, not this process's parent at start:
    # a worker started just before its run was killed is an orphan already when it gets here, and
    # would otherwise take init for its parent and wait on an empty queue for good.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if started is not None and cpus:
        _pin(started, cpus)  # before polars starts its threads, which then share the CPU
    # One worker a core: polars threads inside a worker would only contend with the other workers.
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    import flows.batch  # noqa: F401  (imports polars, rjieba and the transforms once per worker)


def _pinning(context: Any) -> tuple[Any, list[int]] | tuple[()]:
    """What workers need to take a CPU each (a start counter, the CPUs this process may use)."""
    if not hasattr(os, "sched_setaffinity"):
        return ()
    return context.Value("i", 0), sorted(os.sched_getaffinity(0))


def local_pool(workers: int) -> ProcessPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != workers:
            if _pool is not None:
                _pool.shutdown()
            worker_environment()
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_warm,
                initargs=(os.getpid(), *_pinning(context)),
            )
            _size = workers
        return _pool


def shutdown() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown()
            _pool = None
