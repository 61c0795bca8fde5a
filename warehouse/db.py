"""Connections to the warehouse file, and its schema."""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path

import duckdb

# DuckDB 2.x writes a storage format that the 1.5 shell (the `duckdb-cli` package) cannot open;
# pinning the compatibility version keeps the warehouse readable by both.
STORAGE_COMPATIBILITY = "v1.5.0"
SCHEMA_FILES = ("schema.sql", "figures.sql", "dq.sql", "views.sql")


def sql_file(name: str) -> str:
    return resources.files("warehouse").joinpath(name).read_text(encoding="utf-8")


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB file (DuckDB allows one writing process)."""


def _holder(message: str) -> str:
    """Name the process that holds the lock, from DuckDB's message and /proc."""
    found = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    if not found:
        return "another process"
    exe, pid = found.groups()
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        cmd = exe
    return f"PID {pid} ({cmd[:200]})"


def _open(path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    """Open, retrying with backoff while another process holds the file, up to `wait_seconds`."""
    deadline, delay = time.monotonic() + wait_seconds, 0.05
    while True:
        try:
            if read_only:
                return duckdb.connect(str(path), read_only=True)
            return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
        except duckdb.IOException as err:
            if "Could not set lock" not in str(err):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"warehouse {path} is locked by {_holder(str(err))}; gave up after {wait_seconds:.0f} s"
                ) from err
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def connect(
    path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. A writer creates the file and brings the schema up to date."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `renda run` first")
        return _open(path, True, wait_seconds)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, False, wait_seconds)
    ensure_schema(con)
    return con


# fact_term as earlier warehouses have it, by a column only that shape has, and the name it is kept
# under until its rows are copied into the current table: with term and run_id strings (before
# terms and runs became integer keys), then with doc_id (before documents were numbered).
EARLIER_FACT_TERMS = {"term": "fact_term_before_term_ids", "doc_id": "fact_term_before_doc_numbers"}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    columns = _columns(con, "fact_term")
    earlier = next((name for column, name in EARLIER_FACT_TERMS.items() if column in columns), None)
    if earlier:
        con.execute("DROP VIEW IF EXISTS v_terms; DROP VIEW IF EXISTS v_term_counts")  # remade below
        con.execute(f"ALTER TABLE fact_term RENAME TO {earlier}")
    for name in SCHEMA_FILES:
        con.execute(sql_file(name))
    if con.execute("SELECT count(*) FROM dim_date").fetchall() == [(0,)]:
        con.execute(sql_file("dim_date.sql"))
    for name in EARLIER_FACT_TERMS.values():
        if _columns(con, name):
            _upgrade_fact_term(con, name)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in rows.fetchall()]


def _upgrade_fact_term(con: duckdb.DuckDBPyConnection, earlier: str) -> None:
    """Copy an earlier warehouse's term counts into fact_term (and its terms into dim_term), in one
    transaction: a row whose document or run is unknown makes it fail, so no count is lost."""
    from warehouse.load import add_terms  # only here: opening a warehouse needs no polars

    strings = "term" in _columns(con, earlier)
    con.execute("BEGIN TRANSACTION")
    try:
        if strings:
            add_terms(con, earlier)
        # Term and run strings find their keys in dim_term and etl_run; later shapes carry them.
        by_strings = "JOIN dim_term AS k ON k.term = t.term LEFT JOIN etl_run AS r ON r.run_id = t.run_id"
        carried = ("t.term_id", "t.run_no", "")
        term_id, run_no, keys = ("k.term_id", "r.run_no", by_strings) if strings else carried
        con.execute(
            f"""INSERT INTO fact_term (doc_no, section_no, term_id, count, source_line, run_no)
                SELECT d.doc_no, t.section_no, {term_id}, t.count, t.source_line, {run_no}
                FROM {earlier} AS t
                LEFT JOIN dim_document AS d ON d.doc_id = t.doc_id {keys}"""
        )
        con.execute(f"DROP TABLE {earlier}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
