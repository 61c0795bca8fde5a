"""Connections to the warehouse file, and its schema."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

# DuckDB 2.x writes a storage format that the 1.5 shell (the `duckdb-cli` package) cannot open;
# pinning the compatibility version keeps the warehouse readable by both.
STORAGE_COMPATIBILITY = "v1.5.0"
SCHEMA_FILES = ("schema.sql", "views.sql")


def sql_file(name: str) -> str:
    return resources.files("warehouse").joinpath(name).read_text(encoding="utf-8")


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. A writer creates the file and brings the schema up to date."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `renda run` first")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for name in SCHEMA_FILES:
        con.execute(sql_file(name))
    if con.execute("SELECT count(*) FROM dim_date").fetchall() == [(0,)]:
        con.execute(sql_file("dim_date.sql"))
