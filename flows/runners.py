"""Where the CPU stages of a run execute: a local process pool, or Dask through prefect-dask."""

from __future__ import annotations

from typing import Any

from flows.config import IN_FLIGHT


def task_runner(kind: str, workers: int, dask_address: str | None = None) -> Any:
    """A Prefect task runner. `process`: `workers` processes on this machine. `dask`: an
    existing scheduler at `dask_address`, or a local cluster of `workers` single-threaded processes."""
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        from flows.pool import worker_environment

        worker_environment()  # for the workers of a local cluster

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    if kind != "process":
        raise ValueError(f"unknown runner {kind!r}: process or dask")
    from prefect.task_runners import ThreadPoolTaskRunner

    # Threads only wait: each hands its batch to the warm local process pool (flows/pool.py). As
    # many threads as the flow keeps batches in flight, so the next batch already waits in the
    # pool's queue when a worker finishes one: with a thread a worker, each worker sat idle while
    # its task ended and the next one began in Prefect.
    return ThreadPoolTaskRunner(max_workers=IN_FLIGHT * workers)
