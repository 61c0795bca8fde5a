"""Staging: a run's rows, batch by batch, in a DuckDB file of their own beside the warehouse.

Batches stream in while the warehouse stays readable by analysts; memory follows the batch size,
not the corpus. The load then moves everything into the warehouse in one transaction. A run killed
before its load leaves only a staging file, which the next run sweeps away.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

PREFIX = ".staging-"


def staging_path(warehouse: Path, run_id: str) -> Path:
    return warehouse.with_name(f"{PREFIX}{warehouse.stem}-{run_id}.duckdb")


def sweep(warehouse: Path) -> list[Path]:
    """Remove staging files of earlier runs (call while holding the run lock)."""
    removed = []
    for path in warehouse.parent.glob(f"{PREFIX}{warehouse.stem}-*.duckdb*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


class Staging:
    def __init__(self, warehouse: Path, run_id: str) -> None:
        self.path = staging_path(warehouse, run_id)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path))
        self.tables: set[str] = set()

    def append(self, tables: dict[str, pl.DataFrame]) -> None:
        for name, frame in tables.items():
            if frame.height == 0 and name in self.tables:
                continue
            self.con.register("_batch", frame.to_arrow())
            try:
                if name in self.tables:
                    self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _batch")
                else:
                    self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM _batch")
                    self.tables.add(name)
            finally:
                self.con.unregister("_batch")

    def close(self) -> None:
        self.con.close()

    def remove(self) -> None:
        self.close()
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            path.unlink(missing_ok=True)
