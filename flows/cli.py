"""The `renda` command line. Prefect and Great Expectations are imported only by the commands
that need them, so `renda sql` and `renda --help` start fast."""

from __future__ import annotations

import atexit
import faulthandler
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flows.config import DEFAULT_BATCH_MB, DEFAULT_WORKERS, Settings, quiet_services

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
EXIT_QUARANTINED, EXIT_RUN_LOCKED, EXIT_WAREHOUSE_BUSY, EXIT_NO_PREFECT_API = 1, 3, 4, 5
# What Prefect raises when its temporary server did not answer within its start-up allowance.
NO_TEMPORARY_SERVER = "Timed out while attempting to connect to ephemeral Prefect API server"


class Runner(StrEnum):
    process = "process"
    dask = "dask"


@app.command()
def run(
    inbox: InboxOpt = None,
    warehouse: WarehouseOpt = None,
    settle: Annotated[float, typer.Option(help="Seconds a file must be unmodified before it is read")] = 2.0,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run or a lock on the file")] = 60.0,
    runner: Annotated[Runner, typer.Option(help="Where the CPU stages run")] = Runner.process,
    workers: Annotated[
        int, typer.Option(help="Worker processes (process pool or local Dask cluster)")
    ] = DEFAULT_WORKERS,
    dask_address: Annotated[
        str | None, typer.Option(help="An existing Dask scheduler, tcp://HOST:PORT (with --runner dask)")
    ] = None,
    batch_mb: Annotated[float, typer.Option(help="Megabytes of text per batch")] = DEFAULT_BATCH_MB,
    summary_json: Annotated[
        str | None, typer.Option(help="Also write the run's summary here, as JSON")
    ] = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess",
            help="Read every inbox file again, changed or not, and replace its rows "
            "(after an upgrade of renda's rules)",
        ),
    ] = False,
) -> None:
    """Load new and changed report files from the inbox into the warehouse.

    Exit status: 0 all loaded or unchanged; 1 some file quarantined (the rest loaded); 3 another run
    held the warehouse too long; 4 another process held the DuckDB file too long; 5 Prefect's temporary
    API server did not start in time.
    """
    settings = Settings.resolve(inbox, warehouse)
    if not reprocess and _nothing_new(settings, settle):
        return
    quiet_services()
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    # What Prefect's client decides: a server named in the environment or a Prefect profile is used
    # as it is; without one, a temporary server of this process's own (unless that is turned off,
    # when the flow says that it needs PREFECT_API_URL).
    temporary_server = not PREFECT_API_URL.value() and PREFECT_SERVER_EPHEMERAL_ENABLED.value()
    server: threading.Thread | None = None
    if temporary_server:
        from flows.strays import stop_orphaned_servers

        stop_orphaned_servers(os.environ["PREFECT_HOME"])  # left by a killed run
        server = _start_temporary_server()
    from expectations.gate import open_context
    from flows.ingest import dq_site, ingest_reports  # the flow, its libraries and Prefect: only here
    from flows.locking import RunLocked
    from flows.runners import task_runner
    from warehouse.db import WarehouseBusy

    # Great Expectations takes about two seconds to import and open: begun now, while Prefect's
    # temporary server starts, rather than by the flow once it has planned the run, where the
    # quality gate of a small run waited for it. The gate still waits for it if need be; an error
    # here surfaces there again.
    threading.Thread(target=open_context, args=(dq_site(settings.warehouse),), daemon=True).start()
    flow = ingest_reports.with_options(task_runner=task_runner(runner.value, workers, dask_address))
    if server is not None:
        server.join()  # the flow would otherwise find it marked running but not yet answering
    try:
        with _progress(), _heartbeats(temporary_server=temporary_server):
            summary = flow(
                inbox=str(settings.inbox),
                warehouse=str(settings.warehouse),
                settle_seconds=settle,
                lock_wait_seconds=wait,
                db_wait_seconds=wait,
                batch_mb=batch_mb,
                workers=workers,
                reprocess=reprocess,
            )
    except RunLocked as err:
        err_console.print(f"[red]not run:[/red] {err}")
        raise typer.Exit(EXIT_RUN_LOCKED) from err
    except WarehouseBusy as err:
        err_console.print(f"[red]not run:[/red] {err}")
        raise typer.Exit(EXIT_WAREHOUSE_BUSY) from err
    except RuntimeError as err:
        if not (temporary_server and NO_TEMPORARY_SERVER in str(err)):
            raise
        allowance = os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]
        err_console.print(
            f"[red]not run:[/red] {NO_TEMPORARY_SERVER} (it has {allowance} s to start: "
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS). Nothing was read or loaded. Give it "
            "longer, or set PREFECT_API_URL to a running server (`make serve` starts one)."
        )
        raise typer.Exit(EXIT_NO_PREFECT_API) from err
    if summary_json:
        from dataclasses import asdict

        with open(summary_json, "w", encoding="utf-8") as out:
            json.dump(asdict(summary), out, ensure_ascii=False, indent=1)
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
    table.add_row("elapsed", f"{summary.elapsed:.1f} s ({summary.batches} batches)")
    stages = ", ".join(f"{k} {v:.1f}" for k, v in summary.seconds.items() if v >= 0.05)
    if stages:
        table.add_row("stage seconds", stages)
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


def _start_temporary_server() -> threading.Thread:
    """Start the temporary Prefect server that the flow would start, on a thread of its own.

    Its process takes about four seconds to start. Left to the flow, it would start only once this
    process had imported the flow and its libraries, and opened Great Expectations beside them;
    started first, the two overlap (a run on the sample corpus: 8.9–9.4 s instead of 11.4–13.5,
    with Great Expectations opened early too). The flow then finds the server running: Prefect
    keeps one per process. Should it fail to start, the flow tries again and reports why.
    """
    from prefect.server.api.server import SubprocessASGIServer

    def start() -> None:
        server = SubprocessASGIServer()
        try:
            server.start()
        except Exception:  # the flow starts one again, and says what went wrong
            # Prefect leaves the process of a start that timed out running, and the flow's start
            # would replace it with a new one: stopped here, or it outlives the run, holding the
            # run's output pipes open (a caller reading them to the end would wait for good).
            server.stop()

    thread = threading.Thread(target=start, name="renda-prefect-server", daemon=True)
    thread.start()
    return thread


def _nothing_new(settings: Settings, settle: float) -> bool:
    """True, having said so, when the ledger already holds every inbox file as it is now.

    Checked before Prefect starts, so a scheduled no-op costs a directory listing, not a flow run.
    """
    import duckdb

    from flows.inbox import discover
    from warehouse.db import WarehouseBusy, connect
    from warehouse.load import read_ledger

    if not settings.warehouse.exists() or not settings.inbox.is_dir():
        return False
    try:
        with connect(settings.warehouse, read_only=True) as con:
            ledger = read_ledger(con)
    except (WarehouseBusy, OSError, duckdb.Error):
        return False  # busy or unreadable: the full run waits for it and says why
    plan = discover(settings.inbox, ledger, settle_seconds=settle)
    if plan.candidates:
        return False
    waiting = f"; {len(plan.settling)} still being written, left for the next run" if plan.settling else ""
    console.print(f"nothing new: {len(plan.unchanged)} of {plan.seen} files unchanged{waiting}")
    return True


@contextmanager
def _heartbeats(temporary_server: bool) -> Iterator[None]:
    """No flow-run heartbeats for a run on its own temporary server: they are there for a server to
    notice a crashed run, and this one goes with the run; the flow's end waited up to a second for
    the heartbeat thread to wake and stop."""
    if not temporary_server:
        yield
        return
    import prefect.settings

    frequency = prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY  # type: ignore[attr-defined]
    with prefect.settings.temporary_settings(updates={frequency: None}):
        yield


@contextmanager
def _progress() -> Iterator[None]:
    """A progress bar of files and documents on a terminal; Prefect's log lines otherwise."""
    from flows.ingest import set_progress

    if not console.is_terminal:
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        job = bar.add_task("files", total=None)

        def show(stage: str, done: int, total: int, documents: int) -> None:
            bar.update(job, completed=done, total=total, description=f"{stage}: {documents:,} documents")

        set_progress(show)
        try:
            yield
        finally:
            set_progress(None)


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
        console.print(_table(names, records))


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
def bench(
    mb: Annotated[float, typer.Option("--mb", help="N: megabytes of the smaller synthetic inbox")] = 100.0,
    workers: Annotated[int, typer.Option(help="Worker processes")] = DEFAULT_WORKERS,
    batch_mb: Annotated[float, typer.Option(help="Megabytes of text per batch")] = DEFAULT_BATCH_MB,
    workdir: Annotated[
        str, typer.Option(help="Where the synthetic inboxes and warehouses go")
    ] = "bench/work",
    out: Annotated[str, typer.Option(help="Folder for the JSON result")] = "bench/results",
    repeat: Annotated[int, typer.Option(min=1, help="Runs per size (and limit measurements): best kept")] = 3,
    run_timeout: Annotated[
        float, typer.Option(help="Seconds a run may take before it is stopped and the benchmark fails")
    ] = 1800.0,
) -> None:
    """Benchmark the pipeline at N and 2N MB against the segmenter's limit; print and save the figures."""
    from pathlib import Path

    from flows.bench import bench as run_bench

    quiet_services()
    result = run_bench(
        mb,
        Path(workdir),
        workers,
        batch_mb,
        say=lambda m: err_console.print(f"[dim]{m}[/dim]"),
        repeat=repeat,
        run_timeout=run_timeout,
    )
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{result['when'].replace(':', '')}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    table = Table("measure", "N", "2N", title=f"renda bench, N = {result['sizes_mb']['N']} MB")
    table.add_row(
        f"seconds (cold run, best of {result['repeat']})",
        str(result["seconds"]["N"]),
        str(result["seconds"]["2N"]),
    )
    table.add_row(
        "peak RSS, MiB (process tree)", str(result["peak_rss_mb"]["N"]), str(result["peak_rss_mb"]["2N"])
    )
    for stage in result["stage_seconds"]["2N"]:
        n, n2 = result["stage_seconds"]["N"].get(stage, 0.0), result["stage_seconds"]["2N"][stage]
        table.add_row(f"  {stage} s", f"{n:.1f}", f"{n2:.1f}")
    for role in result["cpu_seconds"]["2N"]:
        n, n2 = result["cpu_seconds"]["N"].get(role, 0.0), result["cpu_seconds"]["2N"][role]
        table.add_row(f"CPU s, {role}", f"{n:.1f}", f"{n2:.1f}")
    console.print(table)
    lines = Table("figure", "value", show_header=False)
    lines.add_row("marginal end-to-end MB/s", str(result["marginal_mb_s"]))
    lines.add_row("segmenter limit MB/s (rjieba, all cores)", str(result["segmenter_limit_mb_s"]))
    lines.add_row("plain jieba.lcut MB/s", str(result["jieba_reference_mb_s"]))
    lines.add_row("marginal / segmenter limit", str(result["marginal_vs_limit"]))
    lines.add_row("marginal / plain jieba", str(result["marginal_vs_jieba"]))
    for role, share in result["marginal_cpu_share"].items():
        lines.add_row(f"share of the extra CPU: {role}", f"{share:.0%}")
    lines.add_row("RSS growth 2N over N", f"{result['rss_growth_2n_over_n']:.1%}")
    lines.add_row("no-op re-run over 2N, s", str(result["noop_rerun_seconds"]))
    for name, ms in result["query_ms"].items():
        lines.add_row(f"query: {name}, ms", str(ms))
    console.print(lines)
    console.print(f"written to {path}")


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="Schedule, as a cron expression")] = "0 * * * *",
    inbox: InboxOpt = None,
    warehouse: WarehouseOpt = None,
    name: Annotated[str, typer.Option(help="Deployment name")] = "renda-ingest",
) -> None:
    """Serve the ingest flow as a scheduled deployment on the Prefect server at PREFECT_API_URL."""
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


def _table(names: list[str], records: list[tuple[object, ...]], title: str | None = None) -> Table:
    table = Table(*names, title=title, title_justify="left")
    for r in records:
        table.add_row(*("" if v is None else str(v) for v in r))
    return table


def _print_query(con: object, title: str, query: str) -> None:
    cur = con.execute(query)  # type: ignore[attr-defined]
    records = cur.fetchall()
    if records:
        console.print(_table([d[0] for d in cur.description], records, title))
    else:
        console.print(f"{title}: none")


def main() -> None:
    """The `renda` command, ended without Python's own teardown.

    After a run, that teardown frees the objects of Prefect, Great Expectations, pandas and polars
    one by one: 1–2 s of a run on the sample corpus. What must happen at exit still happens, in
    Python's order: other threads are joined, then the exit handlers run (one stops Prefect's
    temporary server, another the worker processes); then the output is flushed and the process
    ends with the command's exit status.
    """
    # `kill -USR1 <pid>` prints where every thread of a run is (the benchmark does so to a run that
    # overruns, before it stops it).
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    try:
        app()
        status: object = 0
    except SystemExit as done:
        status = done.code
    if isinstance(status, str):  # a message: printed as Python prints it (not as rich markup), status 1
        print(status, file=sys.stderr)
    code = status if isinstance(status, int) else 0 if status is None else 1
    threading._shutdown()  # type: ignore[attr-defined]  # what the interpreter's exit calls first
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a reader gone (`renda sql … | head`): nothing to tell it
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
