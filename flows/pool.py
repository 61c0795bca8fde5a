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

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0


def _exit_with_parent(parent: int) -> None:
    # A killed run (SIGKILL, the OOM killer) does not take its workers along: they would be
    # re-parented to init and keep their memory for good.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _warm() -> None:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    # One worker a core: polars threads inside a worker would only contend with the other workers.
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    import flows.batch  # noqa: F401  (imports polars, rjieba and the transforms once per worker)


def local_pool(workers: int) -> ProcessPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != workers:
            if _pool is not None:
                _pool.shutdown()
            _pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
            )
            _size = workers
        return _pool


def shutdown() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown()
            _pool = None
