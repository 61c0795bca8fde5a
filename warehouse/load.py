"""Loading a run: one transaction that replaces changed files' rows and records the run.

Like a load ledger: every row carries its run_id, the ledger says what each file became, and the
whole load commits or nothing does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from warehouse import staging

# Which rows of a table came from the replaced files (registered as `_replaced`): by the row's own
# source_file, or, for fact_term, which does not repeat it, by its document's.
_BY_FILE = "source_file IN (SELECT path FROM _replaced)"
_BY_DOCUMENT = f"doc_id IN (SELECT doc_id FROM dim_document WHERE {_BY_FILE})"

# Tables whose rows belong to one source file, in deletion order (facts before dimensions, so a
# document is still there while the rows that find their file through it are deleted).
FILE_TABLES = {
    "fact_figure": _BY_FILE,
    "fact_term": _BY_DOCUMENT,
    "fact_sentence": _BY_FILE,
    "dim_section": _BY_FILE,
    "normalization_repair": _BY_FILE,
    "dim_document": _BY_FILE,
}


@dataclass
class Load:
    """Everything one run writes. Frames are keyed by table name and match its columns by name."""

    run: dict[str, object]
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    ledger: pl.DataFrame | None = None
    replace_files: list[str] = field(default_factory=list)  # paths whose previous rows are dropped
    staging: Path | None = None  # a staging folder (a folder of Arrow IPC files per table) moved in too
    staged: list[str] = field(default_factory=list)  # its tables


def read_ledger(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("SELECT * FROM file_ledger").pl()


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")
    return {r[0] for r in rows.fetchall()}


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, *, upsert: str = "") -> None:
    if frame.height == 0:
        return
    con.register("_incoming", frame.to_arrow())
    try:
        con.execute(f"INSERT {upsert} INTO {table} BY NAME SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def load(con: duckdb.DuckDBPyConnection, batch: Load) -> None:
    """Apply a run's load atomically: on any error the warehouse is left exactly as it was."""
    present = existing_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        if batch.replace_files:
            paths = pl.DataFrame({"path": batch.replace_files})
            con.register("_replaced", paths.to_arrow())
            for table, replaced in FILE_TABLES.items():
                if table in present:
                    con.execute(f"DELETE FROM {table} WHERE {replaced}")
            con.unregister("_replaced")
        if batch.staging is not None:
            _move_staged(con, batch.staging, batch.staged, str(batch.run["run_id"]))
        for table, frame in batch.tables.items():
            if table == "dim_issuer":
                _insert(con, table, frame, upsert="OR IGNORE")
            elif table in {"dim_unit", "dim_metric"}:
                _insert(con, table, frame, upsert="OR REPLACE")
            else:
                _insert(con, table, frame)
        if batch.ledger is not None:
            _insert(con, "file_ledger", batch.ledger, upsert="OR REPLACE")
        _insert(con, "etl_run", pl.DataFrame([batch.run]))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


# Dimensions that several files (so several batches) share: one row per key.
SHARED_KEYS = {"dim_issuer": "issuer_id"}


def _move_staged(con: duckdb.DuckDBPyConnection, folder: Path, tables: list[str], run_id: str) -> None:
    """Insert every staged table's files (inside the caller's transaction), each row stamped with
    the run that loads it."""
    stamped = _tables_with_column(con, "run_id")
    for table in tables:
        run = ", $run_id AS run_id" if table in stamped else ""
        if table in SHARED_KEYS:
            key = SHARED_KEYS[table]
            query = f"INSERT OR IGNORE INTO {table} BY NAME SELECT DISTINCT ON ({key}) *{run} FROM _staged"
        else:
            query = f"INSERT INTO {table} BY NAME SELECT *{run} FROM _staged"
        con.register("_staged", staging.reader(folder / table))
        try:
            con.execute(query, {"run_id": run_id} if run else None)
        finally:
            con.unregister("_staged")


def _tables_with_column(con: duckdb.DuckDBPyConnection, column: str) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = ?", [column]
    ).fetchall()
    return {r[0] for r in rows}


def record_failed_run(con: duckdb.DuckDBPyConnection, run: dict[str, object]) -> None:
    """A failed run still leaves its row in etl_run, written after the rollback."""
    _insert(con, "etl_run", pl.DataFrame([run]))
