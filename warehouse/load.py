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
_BY_DOCUMENT = f"doc_no IN (SELECT doc_no FROM dim_document WHERE {_BY_FILE})"

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
    staging: Path | None = None  # a staging folder (one Parquet folder per table) moved in too
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
        # Taken before the replaced files' rows go: a number is never given twice.
        first = {table: _next(con, table, number) for table, (number, _) in NUMBERED.items()}
        if batch.replace_files:
            paths = pl.DataFrame({"path": batch.replace_files})
            con.register("_replaced", paths.to_arrow())
            for table, replaced in FILE_TABLES.items():
                if table in present:
                    con.execute(f"DELETE FROM {table} WHERE {replaced}")
            con.unregister("_replaced")
        run = {**batch.run, "run_no": next_run_no(con)}
        if batch.staging is not None:
            _move_staged(con, batch.staging, batch.staged, run, first)
        for table, frame in batch.tables.items():
            if table == "dim_issuer":
                _insert(con, table, frame, upsert="OR IGNORE")
            elif table in {"dim_unit", "dim_metric"}:
                _insert(con, table, frame, upsert="OR REPLACE")
            else:
                _insert(con, table, frame)
        if batch.ledger is not None:
            _insert(con, "file_ledger", batch.ledger, upsert="OR REPLACE")
        _insert(con, "etl_run", pl.DataFrame([run]))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


# Dimensions that several files (so several batches) share: one row per key.
SHARED_KEYS = {"dim_issuer": "issuer_id"}
# Tables whose rows are numbered as they come in: (number column, the order they are numbered in).
NUMBERED = {"dim_document": ("doc_no", "doc_id")}
# Staged as integer keys and the small tables that say what they stand for: loaded last (below).
TERM_TABLES = {"fact_term", staging.TERM_SECTIONS, staging.TERM_KEYS}


def _move_staged(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    tables: list[str],
    run: dict[str, object],
    first: dict[str, int],
) -> None:
    """Insert every staged table's files (inside the caller's transaction), each row stamped with
    the run that loads it, in whichever run column its table has (run_id, or run_no), and numbered
    from first[table] where its table is NUMBERED; then fact_term, which carries document numbers."""
    stamps = {table: column for column in ("run_id", "run_no") for table in _tables_with_column(con, column)}
    for table in (t for t in tables if t not in TERM_TABLES):
        stamp = stamps.get(table)
        columns = f"*, $stamp AS {stamp}" if stamp else "*"
        params: dict[str, object] = {"stamp": run[stamp]} if stamp else {}
        if table in NUMBERED:
            number, order = NUMBERED[table]
            columns += f", $first - 1 + row_number() OVER (ORDER BY {order}) AS {number}"
            params["first"] = first[table]
        if table in SHARED_KEYS:
            columns = f"DISTINCT ON ({SHARED_KEYS[table]}) {columns}"
        upsert = "OR IGNORE" if table in SHARED_KEYS else ""
        source = staging.source(folder / table)
        con.execute(f"INSERT {upsert} INTO {table} BY NAME SELECT {columns} FROM {source}", params or None)
    if "fact_term" in tables:
        _move_term_counts(con, folder, run["run_no"])


def _move_term_counts(con: duckdb.DuckDBPyConnection, folder: Path, run_no: object) -> None:
    """Add the run's new terms to dim_term and insert the staged fact_term rows with their
    section's doc_no, section_no and source_line, and their term's term_id, in place of their
    keys. A key that stands for nothing gives NULLs, which fact_term refuses: the load fails rather
    than lose the row."""
    keys = staging.source(folder / staging.TERM_KEYS)
    add_terms(con, keys)
    sections = staging.source(folder / staging.TERM_SECTIONS)
    # DuckDB builds on the small key tables and streams the staged rows through the joins.
    con.execute(
        f"""INSERT INTO fact_term BY NAME
            SELECT s.doc_no, s.section_no, d.term_id, r.count, s.source_line, $run_no AS run_no
            FROM {staging.source(folder / "fact_term")} AS r
            LEFT JOIN (SELECT section_key, doc_no, section_no, source_line
                       FROM {sections} JOIN dim_document USING (doc_id)) AS s
                 USING (section_key)
            LEFT JOIN (SELECT term_key, term_id FROM {keys} JOIN dim_term USING (term)) AS d
                 USING (term_key)""",
        {"run_no": run_no},
    )


def add_terms(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Add the terms of `source` (a table, or any FROM item) that dim_term lacks, numbered on from
    its largest term_id in term order (the same new terms always get the same numbers)."""
    con.execute(
        f"""INSERT INTO dim_term (term_id, term, chars)
            SELECT (SELECT coalesce(max(term_id), 0) FROM dim_term) + row_number() OVER (ORDER BY term),
                   term, length(term)
            FROM (SELECT DISTINCT term FROM {source})
            WHERE term NOT IN (SELECT term FROM dim_term)"""
    )


def next_run_no(con: duckdb.DuckDBPyConnection) -> int:
    """The next run's number (runs are one at a time: the run lock)."""
    return _next(con, "etl_run", "run_no")


def _next(con: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    return int(con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchall()[0][0])


def _tables_with_column(con: duckdb.DuckDBPyConnection, column: str) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = ?", [column]
    ).fetchall()
    return {r[0] for r in rows}


def record_failed_run(con: duckdb.DuckDBPyConnection, run: dict[str, object]) -> None:
    """A failed run still leaves its row in etl_run, written after the rollback."""
    _insert(con, "etl_run", pl.DataFrame([{**run, "run_no": next_run_no(con)}]))
