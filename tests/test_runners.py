"""The CPU stages on other runners give the very same warehouse: a process pool over many batches,
and a local Dask cluster of two workers through prefect-dask."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import age
from test_faults import snapshot

from flows.ingest import ingest_reports
from flows.runners import task_runner

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def single_batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The reference: the seed corpus in one batch, in the flow's own process."""
    from conftest import SEEDS

    warehouse = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    summary = ingest_reports(str(SEEDS), str(warehouse), settle_seconds=0, batch_mb=100)
    assert summary.batches == 1
    return snapshot(warehouse)


@pytest.mark.parametrize("runner", ["process", "dask"])
def test_many_batches_on_a_runner_give_the_same_warehouse(
    runner: str, single_batch: dict[str, object], inbox: Path, tmp_path: Path
) -> None:
    age(*inbox.iterdir())
    warehouse = tmp_path / f"{runner}.duckdb"
    flow = ingest_reports.with_options(task_runner=task_runner(runner, workers=2))
    # Batches of ~50 kB: each seed file is its own batch, so every batch goes to a worker.
    summary = flow(str(inbox), str(warehouse), settle_seconds=0, batch_mb=0.05, workers=2)
    assert summary.batches == 5
    assert snapshot(warehouse) == single_batch


def test_an_unknown_runner_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown runner"):
        task_runner("spark", workers=2)


def test_pool_workers_get_the_allocator_and_thread_settings() -> None:
    """Workers keep freed pages longer than polars' default (its page faults cost them CPU) and
    start no BLAS threads (they would spin)."""
    import os

    from flows.pool import WORKER_ALLOCATOR, local_pool, shutdown

    try:
        pool = local_pool(1)
        allocator = pool.submit(os.getenv, "_RJEM_MALLOC_CONF").result()
        blas = pool.submit(os.getenv, "OPENBLAS_NUM_THREADS").result()
    finally:
        shutdown()
    assert allocator is not None and allocator.endswith(WORKER_ALLOCATOR), allocator
    assert blas == "1"


def _worker_cpus() -> tuple[int, list[int]]:
    import os
    import time

    time.sleep(0.3)  # long enough that the pool's other worker takes the next task
    return os.getpid(), sorted(os.sched_getaffinity(0))


def test_pool_workers_are_each_held_to_a_cpu_of_their_own() -> None:
    """Each worker runs on one CPU (polars' hand-over to its pool thread stays on that CPU), and two
    workers on a machine of two CPUs or more take different ones."""
    import os

    from flows.pool import local_pool, shutdown

    cpus = sorted(os.sched_getaffinity(0))
    try:
        pool = local_pool(2)
        seen: dict[int, list[int]] = {}
        for _ in range(5):
            seen |= dict(f.result() for f in [pool.submit(_worker_cpus) for _ in range(4)])
            if len(seen) == 2:
                break
    finally:
        shutdown()
    assert len(seen) == 2, seen
    held = [only for only, *rest in seen.values() if not rest]
    assert len(held) == 2 and set(held) <= set(cpus), seen
    if len(cpus) >= 2:
        assert held[0] != held[1], seen


def test_a_worker_whose_run_is_gone_before_it_starts_exits() -> None:
    """A worker started just before its run was killed finds init as its parent when its pool
    initializer runs: it must still see that the run that made the pool is gone, and exit."""
    import subprocess
    import sys
    import time

    gone = 2**22 + 1  # a pid that is not this test's (the pool maker's pid is passed in, not read)
    code = f"import time; from flows.pool import _warm; _warm({gone}); time.sleep(30)"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], timeout=25, capture_output=True)
    assert done.returncode == 1 and done.stderr == b"", done.stderr  # the watchdog's exit, not an error
    assert time.monotonic() - started < 20  # it did not sleep its 30 s
