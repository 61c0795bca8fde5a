"""The `renda` command line. Prefect and Great Expectations are imported only by the commands
that need them, so `renda sql` and `renda --help` start fast."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flows.config import Settings, quiet_services

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="renda: Chinese official reports → DuckDB."
)
# Piped output is read by people too: do not squeeze tables to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)

InboxOpt = Annotated[
    str | None, typer.Option("--inbox", help="Inbox folder [env RENDA_INBOX; default seeds/reports]")
]
WarehouseOpt = Annotated[
    str | None,
    typer.Option("--warehouse", help="DuckDB file [env RENDA_WAREHOUSE; default warehouse/renda.duckdb]"),
]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def run(inbox: InboxOpt = None, warehouse: WarehouseOpt = None) -> None:
    """Load new and changed report files from the inbox into the warehouse."""
    settings = Settings.resolve(inbox, warehouse)
    quiet_services()
    from flows.ingest import ingest_reports  # imports Prefect: only here

    summary = ingest_reports(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    table = Table(title=f"run {summary.run_id}: {summary.status}", show_header=False)
    table.add_row("files seen", str(summary.files_seen))
    table.add_row("loaded", str(len(summary.loaded)))
    table.add_row("skipped (unchanged)", str(summary.unchanged))
    table.add_row("skipped (duplicate)", str(len(summary.duplicates)))
    table.add_row("quarantined", str(len(summary.quarantined)))
    if summary.settling:
        table.add_row("left for next run (still being written)", str(len(summary.settling)))
    for key, value in summary.counts.items():
        table.add_row(key, f"{value:,}")
    table.add_row("elapsed", f"{summary.elapsed:.1f} s")
    table.add_row("warehouse", summary.warehouse)
    console.print(table)
    for path, reason in summary.quarantined.items():
        err_console.print(f"[red]quarantined[/red] {path}: {reason}")
    raise typer.Exit(1 if summary.quarantined else 0)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run, read-only")],
    warehouse: WarehouseOpt = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format")] = Format.table,
) -> None:
    """Run a read-only query against the warehouse."""
    from warehouse.db import connect

    settings = Settings.resolve(warehouse=warehouse)
    try:
        con = connect(settings.warehouse, read_only=True)
        cur = con.execute(query)
    except Exception as err:  # duckdb errors and a missing file alike: one clear line
        err_console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(2) from err
    names = [d[0] for d in cur.description or []]
    records = cur.fetchall()
    if fmt is Format.json:
        sys.stdout.write(
            json.dumps([dict(zip(names, r, strict=True)) for r in records], ensure_ascii=False, default=str)
        )
        sys.stdout.write("\n")
    elif fmt is Format.csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(records)
    else:
        table = Table(*names)
        for r in records:
            table.add_row(*("" if v is None else str(v) for v in r))
        console.print(table)


if __name__ == "__main__":
    app()
