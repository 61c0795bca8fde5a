"""Staging: a run's rows, batch by batch, as Parquet files in a folder beside the warehouse.

Batches stream in while the warehouse stays readable by analysts; memory follows the batch size,
not the corpus. The load then reads every staged file into the warehouse in one transaction. A run
killed before its load leaves only a staging folder, which the next run sweeps away.

Parquet rather than uncompressed Arrow IPC files: those took a third of the workers' CPU to write,
but five times the text in bytes, and the kernel's time to write and read them cost more.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polars as pl

PREFIX = ".staging-"
SUFFIX = ".parquet"


def staging_path(warehouse: Path, run_id: str) -> Path:
    return warehouse.with_name(f"{PREFIX}{warehouse.stem}-{run_id}")


def sweep(warehouse: Path) -> list[Path]:
    """Remove staging folders of earlier runs (call while holding the run lock)."""
    removed = []
    for path in warehouse.parent.glob(f"{PREFIX}{warehouse.stem}-*"):
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        removed.append(path)
    return removed


# Staged files are read whole, once: no statistics (a quarter of the write time, for nothing).
PARQUET: dict[str, Any] = {"compression": "lz4", "statistics": False}
FRAMES = "_frames"  # a batch's transform outputs, for the quality gate; never loaded
# What fact_term's staged keys stand for (warehouse.rows.term_sections, term_keys): read with it.
TERM_SECTIONS = "_term_sections"
TERM_KEYS = "_term_keys"


def _batch(n: int) -> str:
    """Batch n's name in a folder, in batch order."""
    return f"{n:05d}"


def _name(n: int) -> str:
    """Batch n's file in a table's folder."""
    return _batch(n) + SUFFIX


def _frames(folder: Path, n: int) -> Path:
    """Batch n's folder of transform outputs."""
    return folder / FRAMES / _batch(n)


def write_tables(folder: Path, n: int, tables: dict[str, pl.DataFrame]) -> None:
    """Write batch `n`'s rows: a Parquet file per warehouse table.

    Called by the worker that transformed the batch, so only file names travel back to the flow.
    """
    for name, frame in tables.items():
        if frame.height:
            (folder / name).mkdir(parents=True, exist_ok=True)
            frame.write_parquet(folder / name / _name(n), **PARQUET)


def write_frames(folder: Path, n: int, frames: dict[str, pl.DataFrame]) -> None:
    """Write the frames the quality gate reads for batch `n` (never loaded)."""
    target = _frames(folder, n)
    target.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.write_parquet(target / f"{name}{SUFFIX}", **PARQUET)


class Staging:
    def __init__(self, warehouse: Path, run_id: str) -> None:
        self.path = staging_path(warehouse, run_id)
        self.path.mkdir(parents=True, exist_ok=True)

    @property
    def tables(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if p.is_dir() and p.name != FRAMES)

    def frames(self, n: int) -> dict[str, pl.DataFrame]:
        """Batch n's transform outputs, read back for validation, then deleted."""
        folder = _frames(self.path, n)
        frames = {p.stem: pl.read_parquet(p) for p in folder.glob(f"*{SUFFIX}")}
        shutil.rmtree(folder, ignore_errors=True)
        return frames

    def drop_documents(self, n: int, doc_ids: set[str]) -> None:
        """Remove the rows of quarantined documents from batch n's staged tables."""
        drop = pl.Series(sorted(doc_ids), dtype=pl.String).implode()
        for path in self.path.glob(f"*/{_name(n)}"):
            frame = pl.read_parquet(path)
            if "doc_id" in frame.columns:
                kept = frame.filter(~pl.col("doc_id").is_in(drop) | pl.col("doc_id").is_null())
                kept.write_parquet(path, **PARQUET)
        # fact_term's rows find their document through their section.
        terms, sections = self.path / "fact_term" / _name(n), self.path / TERM_SECTIONS / _name(n)
        if terms.exists():
            kept_sections = pl.read_parquet(sections).get_column("section_key").implode()
            rows = pl.read_parquet(terms)
            rows.filter(pl.col("section_key").is_in(kept_sections)).write_parquet(terms, **PARQUET)

    def count(self, table: str, n: int) -> int:
        path = self.path / table / _name(n)
        return pl.scan_parquet(path).select(pl.len()).collect().item() if path.exists() else 0

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def source(folder: Path) -> str:
    """A table's staged files, for DuckDB's FROM."""
    return f"read_parquet('{folder}/*{SUFFIX}', union_by_name = true)"
