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


# Exit codes of `renda run`, for schedulers and scripts.
EXIT_QUARANTINED, EXIT_RUN_LOCKED, EXIT_WAREHOUSE_BUSY = 1, 3, 4


@app.command()
def run(
    inbox: InboxOpt = None,
    warehouse: WarehouseOpt = None,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unmodified before it is read")] = 2.0,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run or a lock on the file")] = 60.0,
) -> None:
    """Load new and changed report files from the inbox into the warehouse.

    Exit status: 0 all loaded or unchanged; 1 some file quarantined (the rest loaded); 3 another run
    held the warehouse too long; 4 another process held the DuckDB file too long.
    """
    settings = Settings.resolve(inbox, warehouse)
    quiet_services()
    from flows.ingest import ingest_reports  # imports Prefect: only here
    from flows.locking import RunLocked
    from warehouse.db import WarehouseBusy

    try:
        summary = ingest_reports(
            inbox=str(settings.inbox),
            warehouse=str(settings.warehouse),
            settle_seconds=settle,
            lock_wait_seconds=wait,
            db_wait_seconds=wait,
        )
    except RunLocked as err:
        err_console.print(f"[red]not run:[/red] {err}")
        raise typer.Exit(EXIT_RUN_LOCKED) from err
    except WarehouseBusy as err:
        err_console.print(f"[red]not run:[/red] {err}")
        raise typer.Exit(EXIT_WAREHOUSE_BUSY) from err
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
    if summary.docs_index:
        table.add_row("data quality report", summary.docs_index)
    console.print(table)
    for path, reason in summary.quarantined.items():
        err_console.print(f"[red]quarantined[/red] {path}: {reason}")
    for doc_id, reason in summary.quarantined_documents.items():
        err_console.print(f"[red]quarantined document[/red] {doc_id}: {reason}")
    failed = summary.quarantined or summary.quarantined_documents
    raise typer.Exit(EXIT_QUARANTINED if failed else 0)


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
        con = connect(settings.warehouse, read_only=True, wait_seconds=5)
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


@app.command()
def dq(
    warehouse: WarehouseOpt = None,
    path: Annotated[
        bool, typer.Option("--path", help="Print the report's path instead of opening it")
    ] = False,
) -> None:
    """The data quality report (Great Expectations Data Docs) of the warehouse's runs."""
    settings = Settings.resolve(warehouse=warehouse)
    index = (settings.warehouse.parent / "dq" / "site" / "index.html").resolve()
    if not index.exists():
        err_console.print(f"[red]no data quality report at {index}[/red]: run `renda run` first")
        raise typer.Exit(2)
    if path:
        print(index)
        return
    import webbrowser

    if not webbrowser.open(index.as_uri()):
        print(index)  # no browser here: say where it is


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="Schedule, as a cron expression")] = "0 * * * *",
    inbox: InboxOpt = None,
    warehouse: WarehouseOpt = None,
    name: Annotated[str, typer.Option(help="Deployment name")] = "renda-ingest",
) -> None:
    """Serve the ingest flow as a scheduled deployment on the Prefect server at PREFECT_API_URL."""
    import os

    if not os.environ.get("PREFECT_API_URL"):
        err_console.print(
            "[red]PREFECT_API_URL is not set.[/red] Schedules need a running Prefect server: "
            "`make serve` starts one, or point PREFECT_API_URL at yours."
        )
        raise typer.Exit(2)
    settings = Settings.resolve(inbox, warehouse)
    quiet_services()
    from flows.ingest import ingest_reports

    ingest_reports.serve(
        name=name,
        cron=cron,
        parameters={"inbox": str(settings.inbox.resolve()), "warehouse": str(settings.warehouse.resolve())},
        description="Load new and changed report files from the inbox into the DuckDB warehouse.",
    )


@app.command()
def status(
    warehouse: WarehouseOpt = None, runs: Annotated[int, typer.Option(help="How many runs")] = 10
) -> None:
    """Last runs, quarantined files with their reasons, and the latest data-quality summary."""
    from warehouse.db import connect

    settings = Settings.resolve(warehouse=warehouse)
    try:
        con = connect(settings.warehouse, read_only=True, wait_seconds=5)
    except Exception as err:
        err_console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(2) from err
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    _print_query(
        con,
        "Last runs",
        f"""SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started,
                   round(epoch(finished_at - started_at), 1) AS seconds, status,
                   files_seen AS seen, files_loaded AS loaded, files_unchanged AS unchanged,
                   files_duplicate AS duplicate, files_quarantined AS quarantined,
                   documents, sentences, figures, message
            FROM etl_run ORDER BY started_at DESC LIMIT {int(runs)}""",
    )
    _print_query(
        con,
        "Quarantined files",
        "SELECT path, reason, run_id FROM file_ledger WHERE status = 'quarantined' ORDER BY path",
    )
    if "dq_run" in tables:
        _print_query(con, "Latest data quality", "SELECT * FROM dq_run ORDER BY started_at DESC LIMIT 1")


def _print_query(con: object, title: str, query: str) -> None:
    cur = con.execute(query)  # type: ignore[attr-defined]
    names = [d[0] for d in cur.description]
    table = Table(*names, title=title, title_justify="left")
    rows = cur.fetchall()
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    if rows:
        console.print(table)
    else:
        console.print(f"{title}: none")


if __name__ == "__main__":
    app()
