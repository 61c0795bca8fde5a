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


def test_pool_workers_keep_freed_pages_longer_than_polars_default() -> None:
    """The allocator setting reaches the pool's workers (polars' own costs them page faults)."""
    import os

    from flows.pool import WORKER_ALLOCATOR, local_pool, shutdown

    try:
        seen = local_pool(1).submit(os.getenv, "_RJEM_MALLOC_CONF").result()
    finally:
        shutdown()
    assert seen is not None and seen.endswith(WORKER_ALLOCATOR), seen
