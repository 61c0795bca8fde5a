"""The ingest-reports flow: inbox → normalised, segmented documents and figures → DuckDB.

Stages over batches, never per file or sentence: discover and classify the inbox; cut the new files
into batches; transform each batch on the task runner's workers (a process pool by default, Dask
with `--runner dask`), which stage its rows and prepare its quality checks; run the quality suites
over a few batches at a time in the flow's process; then move all staged rows into the warehouse in
one transaction.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, cast

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from expectations.gate import QualityOutcome, check, open_context, publish_report
from expectations.stage import combine
from flows import inbox as inbox_io
from flows.batch import BatchResult, FileJob, Reference, process_batch
from flows.config import DEFAULT_BATCH_MB, DEFAULT_WORKERS, IN_FLIGHT, USER_DICT, load_taxonomy, load_units
from flows.locking import run_lock
from flows.pool import local_pool
from flows.pool import shutdown as shutdown_pool
from transforms.tokens import parse_user_dict
from warehouse import db, rows, staging
from warehouse.load import Load, load, read_ledger, record_failed_run

# Megabytes of text per run of the quality suites. A run of the four suites costs about a CPU-second
# whatever its rows (GX builds and stores each expectation's result; 1.1 CPU-s on 96 MB, of which
# 0.1 grows with the rows), and the frames a group is checked on are a few hundredths of its text
# (1.2 MB of Parquet per 96 MB), read back from staging only when the group's turn comes.
CHECK_MB = 512.0
LOAD_MEMORY = "512MB"  # DuckDB's memory limit while loading
COUNTED_TABLES = (
    ("documents", "dim_document"),
    ("sections", "dim_section"),
    ("sentences", "fact_sentence"),
    ("terms", "fact_term"),
    ("figures", "fact_figure"),
)
STAGES = (
    "read",
    "normalize",
    "segment",
    "tokenize",
    "extract",
    "rows",
    "validate",
    "stage",
    "publish",
    "load",
)


@dataclass
class RunSummary:
    run_id: str
    status: str
    warehouse: str
    files_seen: int = 0
    loaded: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[str] = field(default_factory=list)
    quarantined: dict[str, str] = field(default_factory=dict)
    quarantined_documents: dict[str, str] = field(default_factory=dict)  # doc_id → reason
    settling: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # stage → seconds (worker stages summed)
    batches: int = 0
    bytes_in: int = 0
    docs_index: str | None = None
    elapsed: float = 0.0


# Progress of a run, for whoever shows it (a terminal progress bar, or nothing): stage, files done,
# files to do, documents so far.
Progress = Callable[[str, int, int, int], None]


def _silent(stage: str, done: int, total: int, documents: int) -> None:
    return None


_progress: Progress = _silent


def set_progress(callback: Progress | None) -> None:
    global _progress
    _progress = callback or _silent


T = TypeVar("T")


def _as_is(value: T) -> T:
    """A task argument Prefect passes on without walking it: it would otherwise visit every file
    job, frame and row of it looking for upstream futures (11 ms of the flow's CPU per batch's
    task, 4 ms quoted). Prefect's engine unquotes it for a task run in this process (called, or
    on the thread runner); Dask hands a task its arguments still quoted."""
    return cast(T, quote(value))


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


@task(name="discover", cache_policy=NO_CACHE, persist_result=False)
def discover_task(
    inbox: Path, warehouse: Path, settle_seconds: float, db_wait_seconds: float, everything: bool = False
) -> tuple[inbox_io.Plan, pl.DataFrame]:
    with db.connect(warehouse, wait_seconds=db_wait_seconds) as con:
        ledger = read_ledger(con)
    return inbox_io.discover(inbox, ledger, settle_seconds=settle_seconds, everything=everything), ledger


@task(name="classify", retries=2, retry_delay_seconds=[1, 4], cache_policy=NO_CACHE, persist_result=False)
def classify_task(
    candidates: list[inbox_io.Candidate], ledger: pl.DataFrame, everything: bool = False
) -> list[inbox_io.Outcome]:
    return inbox_io.classify(candidates, ledger, everything=everything)


@task(name="transform-batch", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE, persist_result=False)
def transform_task(
    jobs: list[FileJob], ref: Reference, n: int, stage_dir: Path, pool_workers: int = 0
) -> BatchResult:
    """The CPU stages of one batch: here (a Dask worker, or the only batch), or on the local pool."""
    if pool_workers > 0:
        return local_pool(pool_workers).submit(process_batch, jobs, ref, n, stage_dir).result()
    return process_batch(jobs, ref, n, stage_dir)


@task(name="validate", cache_policy=NO_CACHE, persist_result=False)
def validate_task(
    prepared: dict[str, pl.DataFrame], run_id: str, site_dir: Path, batch: int, publish: bool
) -> QualityOutcome:
    """The suites on a batch's frames as the worker prepared them (expectations.stage.prepare)."""
    return check(prepared, run_id=run_id, site_dir=site_dir, batch=batch, publish=publish)


@task(name="publish-quality-report", cache_policy=NO_CACHE, persist_result=False)
def publish_task(outcomes: list[QualityOutcome], run_id: str, site_dir: Path) -> QualityOutcome:
    return publish_report(outcomes, run_id=run_id, site_dir=site_dir)


@task(name="load", cache_policy=NO_CACHE, persist_result=False)
def load_task(warehouse: Path, batch: Load, db_wait_seconds: float) -> None:
    with db.connect(warehouse, wait_seconds=db_wait_seconds) as con:
        # A run's rows have no order to keep, and DuckDB spills to disk past its limit: the load's
        # memory stays bounded whatever the size of the run.
        con.execute(f"SET preserve_insertion_order = false; SET memory_limit = '{LOAD_MEMORY}'")
        load(con, batch)


def dq_site(warehouse: Path) -> Path:
    """Where the Data Docs of a warehouse live: beside it."""
    return warehouse.parent / "dq" / "site"


def make_batches(outcomes: list[inbox_io.Outcome], batch_mb: float) -> list[list[FileJob]]:
    """Cut the new files into batches of about `batch_mb` megabytes (a large file makes its own)."""
    limit = max(1, int(batch_mb * 1_000_000))
    batches: list[list[FileJob]] = []
    current: list[FileJob] = []
    size = 0
    for o in outcomes:
        if current and size + o.candidate.size > limit:
            batches.append(current)
            current, size = [], 0
        current.append(FileJob(o.candidate.path, o.candidate.abspath, o.sha256))
        size += o.candidate.size
    if current:
        batches.append(current)
    return batches


def _pipeline(
    batches: list[list[FileJob]], ref: Reference, stage: staging.Staging, workers: int
) -> Iterator[BatchResult]:
    """Batch results in order, each batch's rows already staged by the worker that made them.

    One batch is transformed in this process. More go to the task runner's workers, `workers` at
    a time so memory follows the batch size and not the corpus, and IN_FLIGHT times as many
    submitted: the workers go on with the next batches while this process runs the quality gate.
    """
    if len(batches) == 1:
        yield transform_task(_as_is(batches[0]), _as_is(ref), 0, stage.path)
        return
    # With the default (thread) task runner the batches go to the local process pool; on Dask the
    # task itself runs on a worker.
    context = FlowRunContext.get()
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    pool_workers = workers if local else 0
    todo = iter(enumerate(batches))
    pending: deque[PrefectFuture[BatchResult]] = deque()

    def submit() -> None:
        item = next(todo, None)
        if item is not None:
            n, jobs = item
            args = (_as_is(jobs), _as_is(ref)) if local else (jobs, ref)
            pending.append(transform_task.submit(*args, n, stage.path, pool_workers))

    for _ in range(IN_FLIGHT * workers):
        submit()
    while pending:
        result = pending.popleft().result()
        submit()
        yield result


@flow(
    name="ingest-reports",
    persist_result=False,
    log_prints=True,
)
def ingest_reports(
    inbox: str,
    warehouse: str,
    settle_seconds: float = 2.0,
    lock_wait_seconds: float = 60.0,
    db_wait_seconds: float = 30.0,
    batch_mb: float = DEFAULT_BATCH_MB,
    workers: int = DEFAULT_WORKERS,
    check_mb: float = CHECK_MB,
    reprocess: bool = False,
) -> RunSummary:
    """Load what is new in the inbox into the warehouse, in one transaction.

    settle_seconds: files modified more recently are still being written and wait for the next run.
    lock_wait_seconds: how long to wait for another run on the same warehouse to finish.
    db_wait_seconds: how long to retry, with backoff, while another process holds the DuckDB file.
    batch_mb: megabytes of text per batch; workers: batches transformed at once.
    check_mb: megabytes of text (whole batches) per run of the quality suites.
    reprocess: read every file of the inbox again, changed or not, and replace its rows (after the
    rules of extraction changed); duplicates stay duplicates.
    """
    with run_lock(Path(warehouse), wait_seconds=lock_wait_seconds):
        return _ingest(
            Path(inbox),
            Path(warehouse),
            settle_seconds,
            db_wait_seconds,
            batch_mb,
            workers,
            check_mb,
            reprocess,
        )


def _ingest(
    box: Path,
    wh: Path,
    settle_seconds: float,
    db_wait_seconds: float,
    batch_mb: float,
    workers: int,
    check_mb: float,
    reprocess: bool = False,
) -> RunSummary:
    log = get_run_logger()
    started, t0 = datetime.now(UTC), time.perf_counter()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, status="succeeded", warehouse=str(wh))
    run_row: dict[str, object] = {
        "run_id": run_id,
        "flow_run_id": str(flow_run.get_id() or ""),
        "started_at": started,
        "inbox": str(box),
    }
    staging.sweep(wh)  # what a killed run left behind; we hold the run lock
    stage: staging.Staging | None = None
    try:
        plan, ledger = discover_task(box, wh, settle_seconds, db_wait_seconds, reprocess)
        summary.files_seen, summary.settling = plan.seen, plan.settling
        outcomes = (
            classify_task(_as_is(plan.candidates), _as_is(ledger), reprocess) if plan.candidates else []
        )
        new = [o for o in outcomes if o.status == "new"]
        batches = make_batches(new, batch_mb)
        summary.batches = len(batches)
        log.info("%d files seen, %d new in %d batches", plan.seen, len(new), len(batches))

        by_path = {o.candidate.path: o for o in new}
        counts = dict.fromkeys(("documents", "sections", "sentences", "tokens", "terms", "figures"), 0)
        seconds = dict.fromkeys(STAGES, 0.0)
        qualities: list[QualityOutcome] = []
        quality: QualityOutcome | None = None
        ref: Reference | None = None
        done = 0
        if batches:
            stage = staging.Staging(wh, run_id)
            ref = Reference(
                load_units(), load_taxonomy(), parse_user_dict(USER_DICT.read_text(encoding="utf-8"))
            )
            site = dq_site(wh)
            # Great Expectations takes seconds to import and open: done while the first batches run
            # (the gate waits for it; an error here surfaces there again). `renda run` began it
            # before the flow started: then this only waits for that, on a thread of its own.
            threading.Thread(target=open_context, args=(site,), daemon=True).start()
            _progress("transform", 0, len(new), 0)
            group: list[BatchResult] = []  # transformed batches waiting for the quality gate
            for i, result in enumerate(_pipeline(batches, ref, stage, workers)):
                for stage_name, secs in result.seconds.items():
                    seconds[stage_name] = seconds.get(stage_name, 0.0) + secs
                summary.bytes_in += result.bytes_in
                for path, encoding in result.loaded.items():
                    by_path[path].status, by_path[path].encoding = "loaded", encoding
                for path, reason in result.quarantined.items():
                    by_path[path].status, by_path[path].reason = "quarantined", reason
                for path in result.changed:
                    by_path[path].status = "changed"  # not recorded: the next run takes it
                counts["tokens"] += result.tokens
                done += len(result.loaded) + len(result.quarantined) + len(result.changed)
                if result.validate:
                    group.append(result)
                last = i == len(batches) - 1
                if group and (last or sum(r.bytes_in for r in group) >= check_mb * 1e6):
                    t = time.perf_counter()
                    quality, staged_counts = _check_group(group, stage, run_id, site, by_path)
                    seconds["validate"] += time.perf_counter() - t
                    qualities.append(quality)
                    for key, table in COUNTED_TABLES:
                        counts[key] += staged_counts.get(table, 0)
                    group = []
                _progress("transform", done, len(new), counts["documents"])
            shutdown_pool()  # its workers' memory goes back before the load needs it
            t = time.perf_counter()
            quality = publish_task(_as_is(qualities), run_id, site)
            seconds["publish"] = time.perf_counter() - t
            summary.docs_index = str(quality.docs_index)
            summary.quarantined_documents = quality.quarantine

        recorded = [o for o in outcomes if o.status != "changed"]
        summary.counts = counts
        summary.loaded = [o.candidate.path for o in recorded if o.status == "loaded"]
        summary.duplicates = [o.candidate.path for o in recorded if o.status == "duplicate"]
        summary.quarantined = {
            o.candidate.path: o.reason or "" for o in recorded if o.status == "quarantined"
        }
        summary.unchanged = len(plan.unchanged) + sum(o.status == "unchanged" for o in recorded)
        failed = summary.quarantined or summary.quarantined_documents
        summary.status = "partial" if failed else "succeeded"
        run_row.update(
            finished_at=datetime.now(UTC),
            status=summary.status,
            files_seen=plan.seen,
            files_loaded=len(summary.loaded),
            files_unchanged=summary.unchanged,
            files_duplicate=len(summary.duplicates),
            files_quarantined=len(summary.quarantined),
            **counts,
        )
        # Nothing new at all: leave the warehouse untouched, not even a run row.
        if recorded:
            _progress("load", done, len(new), counts["documents"])
            tables: dict[str, pl.DataFrame] = {}
            if ref is not None and quality is not None:
                tables = {"dim_unit": rows.units(ref.units), "dim_metric": rows.metrics(ref.taxonomy)}
                tables |= {
                    "dq_run": quality.dq_run,
                    "dq_result": quality.dq_result,
                    "dq_issue": quality.dq_issue,
                }
            prior = set(ledger.get_column("path"))
            batch = Load(
                run=run_row,
                tables=tables,
                ledger=_ledger_rows(recorded, ledger, run_id),
                replace_files=[
                    o.candidate.path
                    for o in recorded
                    if o.status in {"loaded", "duplicate"} and o.candidate.path in prior
                ],
                staging=stage.path if stage else None,
                staged=stage.tables if stage else [],
            )
            t = time.perf_counter()
            load_task(wh, _as_is(batch), db_wait_seconds)
            seconds["load"] += time.perf_counter() - t
        summary.seconds = seconds
        for path, reason in summary.quarantined.items():
            log.warning("quarantined %s: %s", path, reason)
    except Exception as err:
        summary.status = "failed"
        run_row.update(finished_at=datetime.now(UTC), status="failed", message=f"{type(err).__name__}: {err}")
        try:
            with db.connect(wh, wait_seconds=5) as con:
                record_failed_run(con, run_row)
        except Exception as inner:  # the warehouse itself may be what failed
            log.error("could not record the failed run: %s", inner)
        raise
    finally:
        if stage is not None:
            stage.remove()
        summary.elapsed = time.perf_counter() - t0
    return summary


def _check_group(
    group: list[BatchResult],
    stage: staging.Staging,
    run_id: str,
    site: Path,
    by_path: dict[str, inbox_io.Outcome],
) -> tuple[QualityOutcome, dict[str, int]]:
    """The quality gate over a few staged batches at once; a document failing a critical check is
    dropped from its batch (the rest of its file loads). Returns the outcome and the rows left
    staged, by table."""
    prepared = combine([stage.frames(r.n) for r in group])
    quality = validate_task(_as_is(prepared), run_id, site, group[0].n, publish=False)
    del prepared
    counts: dict[str, int] = {}
    bad = set(quality.quarantine)
    for r in group:
        batch_counts = dict(r.counts)
        if bad and r.docs is not None and r.docs.get_column("doc_id").is_in(list(bad)).any():
            stage.drop_documents(r.n, bad)
            batch_counts = {t: stage.count(t, r.n) for t in batch_counts}
            _quarantine_files(by_path, r.docs, quality.quarantine)
        for table, n in batch_counts.items():
            counts[table] = counts.get(table, 0) + n
    return quality, counts


def _quarantine_files(
    by_path: dict[str, inbox_io.Outcome], docs: pl.DataFrame | None, quarantine: dict[str, str]
) -> None:
    """A file all of whose documents failed is quarantined; one with some failing says so in its reason."""
    if not quarantine or docs is None:
        return
    by_sha = {o.sha256: o for o in by_path.values()}
    for file_id, doc_ids in docs.group_by("file_id").agg(pl.col("doc_id")).rows():
        failed = [d for d in doc_ids if d in quarantine]
        if not failed:
            continue
        outcome = by_sha[file_id]
        reasons = "; ".join(f"{d}: {quarantine[d]}" for d in failed)
        if len(failed) == len(doc_ids):
            outcome.status, outcome.reason = "quarantined", f"failed data quality: {reasons}"
        else:
            outcome.reason = f"{len(failed)} of {len(doc_ids)} documents quarantined: {reasons}"


def _ledger_rows(outcomes: list[inbox_io.Outcome], ledger: pl.DataFrame, run_id: str) -> pl.DataFrame:
    before = {r["path"]: r for r in ledger.iter_rows(named=True)}
    now = datetime.now(UTC)
    out = []
    for o in outcomes:
        prev = before.get(o.candidate.path)
        status = prev["status"] if o.status == "unchanged" and prev else o.status
        out.append(
            {
                "path": o.candidate.path,
                "size_bytes": o.candidate.size,
                "mtime_ns": o.candidate.mtime_ns,
                "sha256": o.sha256,
                "status": status,
                "reason": o.reason,
                "encoding": o.encoding,
                "duplicate_of": o.duplicate_of,
                "run_id": run_id if o.status != "unchanged" or not prev else prev["run_id"],
                "first_run_id": prev["first_run_id"] if prev else run_id,
                "updated_at": now,
            }
        )
    return pl.DataFrame(out, schema_overrides={"updated_at": pl.Datetime("us", "UTC")})
